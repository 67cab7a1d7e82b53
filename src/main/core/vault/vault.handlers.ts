import type { ConnectionStore } from '../connections/connection-store'
import type { HandlerMap } from '../ipc/router'
import type { PlatformServices } from '../platform/platform'
import { openBundle } from './bundle'
import type { ScryptParams } from './crypto'
import type { NodeCredentialStore } from './node-credentials'
import { exportVault } from './vault-export'
import type { VaultService } from './vault.service'

type VaultChannel = Extract<keyof HandlerMap, `vault.${string}`>
export type VaultHandlers = Pick<HandlerMap, VaultChannel>

export interface VaultHandlerDeps {
  vault: VaultService
  connections: ConnectionStore
  nodeCredentials: NodeCredentialStore
  /** Where an export bundle is handed to the user (save dialog, one-time download). */
  platform: Pick<PlatformServices, 'saveFile'>
  /** KDF parameters for export bundles (the vault's current defaults). */
  bundleKdf: ScryptParams
  now?: () => number
}

/** Thin: the router has validated the input; the services do the work. */
export function createVaultHandlers(deps: VaultHandlerDeps): VaultHandlers {
  const { vault, connections, nodeCredentials } = deps
  const now = deps.now ?? (() => Date.now())
  return {
    'vault.status': () => vault.status(),
    'vault.setup': ({ passphrase }) => vault.setup(passphrase),
    'vault.unlock': (input) => vault.unlock('passphrase' in input ? { passphrase: input.passphrase } : { useDevice: true }),
    'vault.lock': () => {
      vault.lock('user')
      return vault.status()
    },
    'vault.touch': () => vault.touch(),
    'vault.changePassphrase': ({ current, next }) => vault.changePassphrase(current, next),
    'vault.settings.get': () => vault.getSettings(),
    'vault.settings.set': (patch) => vault.setSettings(patch),
    'vault.restoreBackup': () => vault.restoreBackup(),
    'vault.reset': () => vault.reset(),
    'vault.export': (input) =>
      exportVault({ vault, connections, platform: deps.platform, bundleKdf: deps.bundleKdf, now }, input),
    'vault.importPreview': async ({ bundle, passphrase }) => {
      vault.requireUnlocked()
      const { exportedAt, content } = await openBundle(bundle, passphrase, connections.records.storedSchema)
      return {
        exportedAt,
        connections: connections.previewImport(content),
        nodeCredentials: content.nodeCredentials.length
      }
    },
    'vault.import': async (input) => {
      vault.requireUnlocked()
      const { content } = await openBundle(input.bundle, input.passphrase, connections.records.storedSchema)
      return input.mode === 'replace'
        ? connections.importContent(content, 'replace')
        : connections.importContent(content, 'merge', input.conflicts)
    },
    'vault.nodeCredential.list': (input) => nodeCredentials.list(input?.connectionId),
    'vault.nodeCredential.reveal': ({ connectionId, nodeId, slot }, ctx) => {
      const found = nodeCredentials.get(connectionId, nodeId, slot)
      ctx.allowSecret(found.password)
      return found
    },
    'vault.nodeCredential.copy': ({ connectionId, nodeId, slot }) => nodeCredentials.copy(connectionId, nodeId, slot),
    'vault.nodeCredential.settle': ({ connectionId, nodeId, keep }) => nodeCredentials.settle(connectionId, nodeId, keep),
    'vault.nodeCredential.delete': ({ connectionId, nodeId }) => nodeCredentials.delete(connectionId, nodeId)
  }
}
