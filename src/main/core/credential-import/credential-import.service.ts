import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { CredentialImportPreview, CredentialImportResult, CredentialSourceFormat } from '../../../shared/model/credential-import'
import type { ProviderKind } from '../../../shared/model/connection'
import type { ConnectionStore } from '../connections/connection-store'
import type { SecretRegistry } from '../log/redact'
import { silentLogger, type Logger } from '../log/logger'
import type { ProviderMap } from './provider-map'
import { readSource, type SourceEntry } from './sources'

// Preview, then confirm: a file is read into memory, the technician sees every entry (never its
// password) with the provider it maps to and chooses which to import; only the confirmation saves,
// through the connection store like any new connection, all in one vault save. Pending imports are dropped after use,
// on lock, and after a quarter of an hour.

const PENDING_MS = 15 * 60_000

interface Pending {
  entries: SourceEntry[]
  secrets: string[]
  expires: number
}

export class CredentialImportService {
  private readonly pending = new Map<string, Pending>()
  /** Imports whose confirmation is being saved now. */
  private readonly saving = new Set<string>()
  private readonly logger: Logger
  private readonly now: () => number

  constructor(
    private readonly deps: {
      connections: ConnectionStore
      /** The provider modules' credential mappings. */
      providers: ProviderMap
      secrets?: SecretRegistry
      onLock: (listener: () => void) => () => void
      logger?: Logger
      now?: () => number
    }
  ) {
    this.logger = (deps.logger ?? silentLogger).child('credential-import')
    this.now = deps.now ?? Date.now
    deps.onLock(() => this.dropAll())
  }

  async preview(input: { format: CredentialSourceFormat; file: string; password?: string | undefined }): Promise<CredentialImportPreview> {
    this.deps.connections.list() // LOCKED unless unlocked
    this.expire()
    const all = await readSource(input.format, Buffer.from(input.file, 'base64'), input.password)
    const entries = all.filter((e) => e.password || e.fields['api key'])
    const importId = randomUUID()
    // Registered at once: no answer or log line may carry them, even before they are saved.
    const secrets = [...new Set(entries.flatMap((e) => [e.password, ...Object.values(e.fields)]).filter((v) => v.length >= 4))]
    for (const s of secrets) this.deps.secrets?.add(s)
    this.pending.set(importId, { entries, secrets, expires: this.now() + PENDING_MS })
    const existing = this.deps.connections.list()
    this.logger.info('credential file read', { format: input.format, entries: entries.length })
    return {
      importId,
      format: input.format,
      skipped: all.length - entries.length,
      entries: entries.map((e, index) => {
        const problems = Object.fromEntries(
          this.deps.providers.kinds.map((p) => {
            const d = this.deps.providers.draftFor(e, p)
            return [p, 'problem' in d ? d.problem : null]
          })
        ) as Record<ProviderKind, string | null>
        const detected = this.deps.providers.detect(e) as ProviderKind | null
        const name = (e.title.trim() || e.url).toLowerCase()
        return {
          index,
          title: e.title.slice(0, 200),
          url: e.url.slice(0, 2048),
          username: e.username.slice(0, 320),
          group: e.group.slice(0, 200),
          detected,
          problems,
          duplicate: existing.some((c) => c.provider === detected && c.name.toLowerCase() === name)
        }
      })
    }
  }

  async commit(input: { importId: string; entries: Array<{ index: number; provider: ProviderKind; customer?: string | undefined }> }): Promise<CredentialImportResult> {
    this.expire()
    const pending = this.pending.get(input.importId)
    if (!pending) throw new AppError('NOT_FOUND', 'That import has expired or was already done. Choose the file again.')
    // A second confirmation while the first is saving would save every entry twice.
    if (this.saving.has(input.importId)) throw new AppError('CONFLICT', 'This import is already being saved.')
    // Every chosen entry is checked before any is saved: all or nothing.
    const drafts = input.entries.map((choice) => {
      const entry = pending.entries[choice.index]
      if (!entry) throw new AppError('VALIDATION', `Entry ${choice.index + 1} is not in the file.`)
      const draft = this.deps.providers.draftFor(entry, choice.provider)
      if ('problem' in draft) throw new AppError('VALIDATION', `“${entry.title || entry.url}”: ${draft.problem}`)
      if (choice.customer !== undefined) draft.input.customer = choice.customer.trim()
      return draft.input
    })
    // One vault save for the whole import: a failed write saves none, so the same preview can be
    // confirmed again without duplicating what a partial save would have kept.
    this.saving.add(input.importId)
    let ids: string[]
    try {
      ids = (await this.deps.connections.createMany(drafts)).map((c) => c.id)
    } finally {
      this.saving.delete(input.importId)
    }
    this.drop(input.importId)
    this.logger.info('credentials imported', { created: ids.length })
    return { created: ids.length, ids }
  }

  cancel(importId: string): { cancelled: boolean } {
    const had = this.pending.has(importId)
    this.drop(importId)
    return { cancelled: had }
  }

  private drop(importId: string): void {
    const pending = this.pending.get(importId)
    if (!pending) return
    this.pending.delete(importId)
    // A value now saved in the vault stays registered (the vault registered it too).
    const saved = this.savedSecrets()
    for (const s of pending.secrets) if (!this.stillPending(s) && !saved.has(s)) this.deps.secrets?.delete(s)
  }

  private savedSecrets(): Set<string> {
    const out = new Set<string>()
    try {
      for (const c of this.deps.connections.list()) for (const v of Object.values(this.deps.connections.records.secretsOf(this.deps.connections.get(c.id)))) if (v) out.add(v)
    } catch {
      // locked: the vault has dropped its own registrations already
    }
    return out
  }

  private stillPending(secret: string): boolean {
    for (const p of this.pending.values()) if (p.secrets.includes(secret)) return true
    return false
  }

  private dropAll(): void {
    for (const id of [...this.pending.keys()]) this.drop(id)
  }

  private expire(): void {
    const now = this.now()
    for (const [id, p] of this.pending) if (p.expires < now) this.drop(id)
  }
}
