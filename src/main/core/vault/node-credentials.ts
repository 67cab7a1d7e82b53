import { AppError } from '../../../shared/errors'
import type { NodeCredentialSummary, NodePasswordSlot } from '../../../shared/model/connection'
import type { VaultService } from './vault.service'
import type { NodeCredentialRecord, VaultPayload } from './payload'
import type { SecretClipboard } from './secret-clipboard'

/** A node password change written ahead (see `beginChange`), waiting for Cloutility's answer. */
export interface NodePasswordChange {
  confirm(): Promise<void>
  abandon(): Promise<void>
}

/**
 * Node names and passwords captured when a backup node is activated, kept in the vault payload
 * and keyed by connection + node id. Provider code calls `put`; the renderer can list them and
 * ask main to reveal or copy one password.
 *
 * A password change is written ahead: `beginChange` stores the new password, marked unconfirmed
 * with the old one beside it, BEFORE it is sent to Cloutility; `confirm` drops the mark once
 * Cloutility accepted it, `abandon` puts the old one back once Cloutility refused it. So a
 * failure between the steps (the vault locked meanwhile, a failed file write, a lost answer) leaves
 * both passwords in the vault file, the new one first, and never loses one the server accepted.
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
      requireConnection(p, input.connectionId)
      p.nodeCredentials = p.nodeCredentials.filter((n) => !(n.connectionId === input.connectionId && n.nodeId === input.nodeId))
      p.nodeCredentials.push(record)
    })
  }

  /**
   * Before a new password is sent: stores it as the node's password, marked unconfirmed, with the
   * password it replaces kept as `previous`. Throws (and nothing is stored) when the vault cannot
   * be written; the caller must then not send the password. The answer ends the change: `confirm`
   * once Cloutility accepted it, `abandon` once Cloutility refused it for certain (the record goes
   * back to exactly what it was). Both leave a record that changed again meanwhile alone.
   */
  async beginChange(input: { connectionId: string; nodeId: string; nodeName: string; password: string }): Promise<NodePasswordChange> {
    const since = new Date(this.now()).toISOString()
    const prior = await this.vault.update((p) => {
      requireConnection(p, input.connectionId)
      const existing = find(p, input.connectionId, input.nodeId)
      let previous: NonNullable<NodeCredentialRecord['unconfirmed']>['previous']
      if (existing?.unconfirmed && existing.password === input.password) previous = existing.unconfirmed.previous
      else if (existing) previous = { password: existing.password, capturedAt: existing.capturedAt, ...(existing.unconfirmed ? { unconfirmed: true as const } : {}) }
      const record: NodeCredentialRecord = { ...input, capturedAt: since, unconfirmed: { since, ...(previous ? { previous } : {}) } }
      p.nodeCredentials = p.nodeCredentials.filter((n) => n !== existing)
      p.nodeCredentials.push(record)
      return existing ? structuredClone(existing) : null
    })
    const ours = (p: Readonly<VaultPayload>): NodeCredentialRecord | undefined => {
      const record = find(p, input.connectionId, input.nodeId)
      return record && record.password === input.password && record.unconfirmed?.since === since ? record : undefined
    }
    return {
      confirm: () =>
        this.vault.update((p) => {
          const record = ours(p)
          if (!record) return
          delete record.unconfirmed
          record.capturedAt = new Date(this.now()).toISOString()
        }),
      abandon: () =>
        this.vault.update((p) => {
          const record = ours(p)
          if (!record) return
          p.nodeCredentials = p.nodeCredentials.filter((n) => n !== record)
          if (prior) p.nodeCredentials.push(prior)
        })
    }
  }

  /**
   * The technician knows which password the node uses after an unconfirmed change: `current`
   * keeps the new one, `previous` puts the old one back. Either way the other is forgotten.
   */
  async settle(connectionId: string, nodeId: string, keep: NodePasswordSlot): Promise<{ settled: true }> {
    await this.vault.update((p) => {
      const record = find(p, connectionId, nodeId)
      if (!record) throw new AppError('NOT_FOUND', 'No password was saved for that node.')
      if (!record.unconfirmed) throw new AppError('CONFLICT', 'That node password is not waiting for confirmation.')
      if (keep === 'current') delete record.unconfirmed
      else if (!record.unconfirmed.previous) throw new AppError('NOT_FOUND', 'No earlier password was saved for that node.')
      else restorePrevious(p, record)
    })
    return { settled: true }
  }

  list(connectionId?: string): NodeCredentialSummary[] {
    return this.vault.read((p) =>
      p.nodeCredentials
        .filter((n) => connectionId === undefined || n.connectionId === connectionId)
        .map((n) => ({
          connectionId: n.connectionId,
          nodeId: n.nodeId,
          nodeName: n.nodeName,
          capturedAt: n.capturedAt,
          ...(n.unconfirmed ? { unconfirmed: { since: n.unconfirmed.since, hasPrevious: n.unconfirmed.previous !== undefined } } : {})
        }))
    )
  }

  /** The password itself: only for the reveal channel (which allows it past the leak guard) and copy. */
  get(connectionId: string, nodeId: string, slot: NodePasswordSlot = 'current'): { nodeName: string; password: string } {
    return this.vault.read((p) => {
      const found = find(p, connectionId, nodeId)
      if (!found) throw new AppError('NOT_FOUND', 'No password was saved for that node.')
      if (slot === 'current') return { nodeName: found.nodeName, password: found.password }
      const previous = found.unconfirmed?.previous
      if (!previous) throw new AppError('NOT_FOUND', 'No earlier password was saved for that node.')
      return { nodeName: found.nodeName, password: previous.password }
    })
  }

  copy(connectionId: string, nodeId: string, slot: NodePasswordSlot = 'current'): { copied: true; clearAfterMs: number } {
    if (!this.clipboard.supported) {
      throw new AppError('NOT_SUPPORTED', 'This window cannot use the system clipboard. Reveal the password instead.')
    }
    return this.clipboard.copy(this.get(connectionId, nodeId, slot).password)
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

function requireConnection(p: VaultPayload, connectionId: string): void {
  if (!p.connections.some((c) => c.id === connectionId)) {
    throw new AppError('NOT_FOUND', 'That connection does not exist (it may have been deleted).')
  }
}

function find(p: Readonly<VaultPayload>, connectionId: string, nodeId: string): NodeCredentialRecord | undefined {
  return p.nodeCredentials.find((n) => n.connectionId === connectionId && n.nodeId === nodeId)
}

/** Back to the password an unconfirmed change replaced, or no record when there was none. */
function restorePrevious(p: VaultPayload, record: NodeCredentialRecord): void {
  const previous = record.unconfirmed?.previous
  if (!previous) {
    p.nodeCredentials = p.nodeCredentials.filter((n) => n !== record)
    return
  }
  record.password = previous.password
  record.capturedAt = previous.capturedAt
  if (previous.unconfirmed) record.unconfirmed = { since: previous.capturedAt }
  else delete record.unconfirmed
}
