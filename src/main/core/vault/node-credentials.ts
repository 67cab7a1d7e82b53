import { AppError } from '../../../shared/errors'
import type { NodeCredentialSummary } from '../../../shared/model/connection'
import type { VaultService } from './vault.service'
import type { NodeCredentialRecord } from './payload'
import type { SecretClipboard } from './secret-clipboard'

/**
 * Node names and passwords captured when a backup node is activated, kept in the vault payload
 * and keyed by connection + node id. Provider code calls `put`; the renderer can list them and
 * ask main to reveal or copy one password.
 */
export class NodeCredentialStore {
  constructor(
    private readonly vault: VaultService,
    private readonly clipboard: SecretClipboard,
    private readonly now: () => number = () => Date.now()
  ) {}

  async put(input: { connectionId: string; nodeId: string; nodeName: string; password: string }): Promise<void> {
    const record: NodeCredentialRecord = { ...input, capturedAt: new Date(this.now()).toISOString() }
    await this.vault.update((p) => {
      if (!p.connections.some((c) => c.id === input.connectionId)) {
        throw new AppError('NOT_FOUND', 'That connection does not exist (it may have been deleted).')
      }
      p.nodeCredentials = p.nodeCredentials.filter((n) => !(n.connectionId === input.connectionId && n.nodeId === input.nodeId))
      p.nodeCredentials.push(record)
    })
  }

  list(connectionId?: string): NodeCredentialSummary[] {
    return this.vault.read((p) =>
      p.nodeCredentials
        .filter((n) => connectionId === undefined || n.connectionId === connectionId)
        .map((n) => ({ connectionId: n.connectionId, nodeId: n.nodeId, nodeName: n.nodeName, capturedAt: n.capturedAt }))
    )
  }

  /** The password itself: only for the reveal channel (which allows it past the leak guard) and copy. */
  get(connectionId: string, nodeId: string): { nodeName: string; password: string } {
    return this.vault.read((p) => {
      const found = p.nodeCredentials.find((n) => n.connectionId === connectionId && n.nodeId === nodeId)
      if (!found) throw new AppError('NOT_FOUND', 'No password was saved for that node.')
      return { nodeName: found.nodeName, password: found.password }
    })
  }

  copy(connectionId: string, nodeId: string): { copied: true; clearAfterMs: number } {
    if (!this.clipboard.supported) {
      throw new AppError('NOT_SUPPORTED', 'This window cannot use the system clipboard. Reveal the password instead.')
    }
    return this.clipboard.copy(this.get(connectionId, nodeId).password)
  }

  async delete(connectionId: string, nodeId: string): Promise<{ deleted: true }> {
    await this.vault.update((p) => {
      const before = p.nodeCredentials.length
      p.nodeCredentials = p.nodeCredentials.filter((n) => !(n.connectionId === connectionId && n.nodeId === nodeId))
      if (p.nodeCredentials.length === before) throw new AppError('NOT_FOUND', 'No password was saved for that node.')
    })
    return { deleted: true }
  }
}
