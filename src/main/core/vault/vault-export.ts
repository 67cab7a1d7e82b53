import type { ExportResult } from '../../../shared/contract/vault.contract'
import { AppError } from '../../../shared/errors'
import { isAcceptablePassphrase, passwordStrength } from '../../../shared/password-strength'
import type { ConnectionStore } from '../connections/connection-store'
import type { PlatformServices } from '../platform/platform'
import { createBundle } from './bundle'
import type { ScryptParams } from './crypto'
import type { VaultService } from './vault.service'

// Export puts every login in one file, so it is the renderer's most valuable call: it asks for the
// master passphrase again (a script in the window does not know it), and the bundle goes from main
// straight to the user (a save dialog, a one-time download), never back through IPC.

export const BUNDLE_EXTENSION = 'backdesk-bundle'

export interface ExportRequest {
  masterPassphrase: string
  /** The bundle's own passphrase. */
  passphrase: string
  connectionIds?: readonly string[] | undefined
  includeNodeCredentials: boolean
}

export interface VaultExportDeps {
  vault: VaultService
  connections: ConnectionStore
  platform: Pick<PlatformServices, 'saveFile'>
  /** KDF parameters for the bundle (the vault's current defaults). */
  bundleKdf: ScryptParams
  now: () => number
}

export async function exportVault(deps: VaultExportDeps, request: ExportRequest): Promise<ExportResult> {
  const saveFile = deps.platform.saveFile
  if (!saveFile) throw new AppError('NOT_SUPPORTED', 'This Backdesk cannot hand files over, so it cannot export.')
  if (!isAcceptablePassphrase(request.passphrase)) {
    const { score, hints } = passwordStrength(request.passphrase)
    throw new AppError('VALIDATION', 'Choose a stronger passphrase for the bundle.', { details: { score, hints } })
  }
  await deps.vault.confirmPassphrase(request.masterPassphrase)
  const content = deps.connections.contentForExport(request.connectionIds, request.includeNodeCredentials)
  const exportedAt = new Date(deps.now()).toISOString()
  const bundle = await createBundle(content, request.passphrase, deps.bundleKdf, exportedAt)
  // The vault may have locked while the bundle was sealed: a lock means "hand nothing out".
  deps.vault.requireUnlocked()
  const fileName = `backdesk-${exportedAt.slice(0, 10)}.${BUNDLE_EXTENSION}`
  const where = await saveFile({
    suggestedName: fileName,
    filters: [{ name: 'Backdesk bundle', extensions: [BUNDLE_EXTENSION] }],
    content: bundle
  })
  return { ...where, fileName, connections: content.connections.length, nodeCredentials: content.nodeCredentials.length }
}
