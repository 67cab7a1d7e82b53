// Cloudback has no list call, so Backdesk keeps, per connection, the definitions the user looked
// up (persisted in the data folder sealed under the vault: names and settings, nothing secret but
// customer metadata; neither read nor kept in memory while the vault is locked), and runs bulk
// changes over them: a preview of every change first (fresh lookups, current → new), then an
// apply that reports a result per item.

import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import {
  cloudbackKey,
  type CloudbackApplyItem,
  type CloudbackApplyResult,
  type CloudbackChange,
  type CloudbackDefinition,
  type CloudbackPreview,
  type CloudbackPreviewItem,
  type CloudbackSettings,
  type CloudbackSubject,
  type TrackedDefinition
} from '../../../../shared/providers/cloudback/model'
import { AppError } from '../../../../shared/errors'
import { silentLogger, type Logger } from '../../log/logger'
import { SealedJsonFile } from '../../storage/sealed-json-file'
import type { VaultKeys } from '../../storage/vault-keys'
import type { CloudbackClient } from './client'

export type CloudbackClientFor = (connectionId: string) => Promise<CloudbackClient>

interface StoreShape {
  version: 1
  connections: Record<string, TrackedDefinition[]>
}

export const CLOUDBACK_DEFINITIONS_FILE = 'cloudback-definitions.sealed.json'
/** Where versions before sealed files kept them, in plaintext. */
export const LEGACY_CLOUDBACK_DEFINITIONS_FILE = 'cloudback-definitions.json'
const PREVIEW_TTL_MS = 30 * 60_000
const CONCURRENCY = 3
const MAX_TRACKED = 5_000

function errorText(err: unknown): { message: string; code?: string } {
  if (err instanceof AppError) return { message: err.message, code: err.code }
  return { message: err instanceof Error ? err.message : String(err) }
}

/** Runs `fn` over items with at most `limit` at once, keeping order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export function applyChange(current: CloudbackSettings, change: CloudbackChange): CloudbackSettings {
  return {
    enabled: change.enabled ?? current.enabled,
    schedule: change.schedule ?? current.schedule,
    storage: change.storage ?? current.storage,
    retention: change.retention ?? current.retention
  }
}

export function diffSettings(a: CloudbackSettings, b: CloudbackSettings): CloudbackPreviewItem['changes'] {
  const fields: Array<keyof CloudbackSettings> = ['enabled', 'schedule', 'storage', 'retention']
  const text = (v: unknown) => (v === null || v === undefined ? '(none)' : String(v))
  return fields.filter((f) => a[f] !== b[f]).map((field) => ({ field, from: text(a[field]), to: text(b[field]) }))
}

function subjectOf(d: CloudbackSubject): CloudbackSubject {
  return { platform: d.platform, account: d.account, subjectName: d.subjectName, subjectType: d.subjectType }
}

function validStore(value: unknown): StoreShape | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Partial<StoreShape>
  if (v.version !== 1 || !v.connections || typeof v.connections !== 'object') return undefined
  return v as StoreShape
}

function isLocked(err: unknown): boolean {
  return err instanceof AppError && err.code === 'LOCKED'
}

export class CloudbackService {
  private state: StoreShape = { version: 1, connections: {} }
  private readonly file: SealedJsonFile<StoreShape>
  private readonly previews = new Map<string, { preview: CloudbackPreview; expiresAt: number }>()
  private readonly applying = new Set<string>()
  private loaded: Promise<void> | undefined
  private readonly now: () => number
  private readonly logger: Logger
  private readonly stopKeys: Array<() => void>

  constructor(
    private readonly options: { dataDir: string; keys: VaultKeys; clientFor: CloudbackClientFor; logger?: Logger; now?: () => number }
  ) {
    this.file = new SealedJsonFile(join(options.dataDir, CLOUDBACK_DEFINITIONS_FILE), {
      keys: options.keys,
      purpose: 'backdesk/cloudback/definitions/seal/v1',
      legacyPath: join(options.dataDir, LEGACY_CLOUDBACK_DEFINITIONS_FILE),
      ...(options.logger ? { logger: options.logger } : {})
    })
    this.now = options.now ?? Date.now
    this.logger = (options.logger ?? silentLogger).child('cloudback')
    this.stopKeys = [
      options.keys.onLock(() => {
        this.loaded = undefined
        this.state = { version: 1, connections: {} }
        this.previews.clear()
      }),
      // The first unlock moves a plaintext file of an earlier version under the key.
      options.keys.onUnlock(() => {
        this.ready().catch((err: unknown) => this.logger.error('tracked definitions could not be loaded', { err }))
      }),
      options.keys.onReset(() => void this.file.discard().catch(() => undefined))
    ]
  }

  /** Loads the tracked definitions; LOCKED while the vault is locked. */
  private async ready(): Promise<void> {
    if (this.loaded) return this.loaded
    const loading = this.file.read(() => ({ version: 1, connections: {} }), validStore).then((s) => {
      this.state = s
    })
    this.loaded = loading
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = undefined
    })
    return loading
  }

  private save(): Promise<void> {
    return this.file.write(this.state)
  }

  async list(connectionId: string): Promise<TrackedDefinition[]> {
    await this.ready()
    return [...(this.state.connections[connectionId] ?? [])]
  }

  private async upsert(connectionId: string, subject: CloudbackSubject, patch: Partial<TrackedDefinition>): Promise<TrackedDefinition> {
    await this.ready()
    const list = (this.state.connections[connectionId] ??= [])
    const key = cloudbackKey(subject)
    const index = list.findIndex((d) => d.key === key)
    const base: TrackedDefinition = index >= 0 ? (list[index] as TrackedDefinition) : { ...subjectOf(subject), key }
    const next: TrackedDefinition = { ...base, ...patch, key }
    if (patch.lastError === undefined && 'settings' in patch) {
      delete next.lastError
      delete next.missing
    }
    if (index >= 0) list[index] = next
    else {
      if (list.length >= MAX_TRACKED) throw new AppError('VALIDATION', `At most ${MAX_TRACKED} definitions can be tracked per connection.`)
      list.push(next)
    }
    await this.save()
    return next
  }

  private async recordDefinition(connectionId: string, d: CloudbackDefinition, asked: CloudbackSubject): Promise<TrackedDefinition> {
    // Keyed by what the user asked for (the server may answer with another letter case).
    const patch = { ...subjectOf(d), settings: d.settings, lastCheckedAt: new Date(this.now()).toISOString() }
    try {
      return await this.upsert(connectionId, asked, patch)
    } catch (err) {
      // Locked after the provider answered: the answer stands, it is just not tracked.
      if (!isLocked(err)) throw err
      this.logger.info('a definition looked up while the vault locked was not tracked')
      return { ...patch, key: cloudbackKey(asked) }
    }
  }

  /** Looks a definition up and tracks it. A failed lookup of a tracked one records the error. */
  async lookup(connectionId: string, subject: CloudbackSubject): Promise<TrackedDefinition> {
    const client = await this.options.clientFor(connectionId)
    try {
      const d = await client.getDefinition(subject)
      return await this.recordDefinition(connectionId, d, subject)
    } catch (err) {
      await this.noteError(connectionId, subject, err)
      throw err
    }
  }

  private async noteError(connectionId: string, subject: CloudbackSubject, err: unknown): Promise<void> {
    try {
      await this.ready()
      const key = cloudbackKey(subject)
      if ((this.state.connections[connectionId] ?? []).some((d) => d.key === key)) {
        const { message, code } = errorText(err)
        // Only a 404 says the definition is gone; a timeout or a refused key says nothing about it.
        await this.upsert(connectionId, subject, { lastError: message, lastCheckedAt: new Date(this.now()).toISOString(), ...(code === 'NOT_FOUND' ? { missing: true } : {}) })
      }
    } catch (noted) {
      // Locked meanwhile: the caller still reports the lookup's own error.
      if (!isLocked(noted)) throw noted
    }
  }

  async update(connectionId: string, subject: CloudbackSubject, settings: CloudbackSettings): Promise<TrackedDefinition> {
    const client = await this.options.clientFor(connectionId)
    let d: CloudbackDefinition
    try {
      d = await client.updateDefinition(subject, settings)
    } catch (err) {
      // Gone at Cloudback: the tracked list says so too, as after a lookup.
      if (err instanceof AppError && err.code === 'NOT_FOUND') await this.noteError(connectionId, subject, err)
      throw err
    }
    return this.recordDefinition(connectionId, d, subject)
  }

  async untrack(connectionId: string, keys: readonly string[]): Promise<number> {
    await this.ready()
    const list = this.state.connections[connectionId] ?? []
    const drop = new Set(keys)
    const kept = list.filter((d) => !drop.has(d.key))
    this.state.connections[connectionId] = kept
    await this.save()
    return list.length - kept.length
  }

  private tracked(connectionId: string, keys: readonly string[]): TrackedDefinition[] {
    const list = this.state.connections[connectionId] ?? []
    const unknown = keys.filter((k) => !list.some((d) => d.key === k))
    if (unknown.length) throw new AppError('NOT_FOUND', `${unknown.length} of the chosen definitions are no longer in the tracked list. Reload it and choose again.`)
    return keys.map((k) => list.find((d) => d.key === k) as TrackedDefinition)
  }

  /** Fresh lookups of every chosen definition and what the change would make of each. */
  async preview(connectionId: string, keys: readonly string[], change: CloudbackChange): Promise<CloudbackPreview> {
    await this.ready()
    if (Object.values(change).every((v) => v === undefined)) throw new AppError('VALIDATION', 'Choose at least one setting to change.')
    const chosen = this.tracked(connectionId, [...new Set(keys)])
    const client = await this.options.clientFor(connectionId)
    const items = await mapLimited(chosen, CONCURRENCY, async (t): Promise<CloudbackPreviewItem> => {
      const subject = subjectOf(t)
      try {
        const d = await client.getDefinition(subject)
        await this.recordDefinition(connectionId, d, subject)
        const next = applyChange(d.settings, change)
        return { key: t.key, subject, current: d.settings, next, changes: diffSettings(d.settings, next) }
      } catch (err) {
        await this.noteError(connectionId, subject, err)
        return { key: t.key, subject, changes: [], error: errorText(err).message }
      }
    })
    const preview: CloudbackPreview = { previewId: randomUUID(), connectionId, change, items, createdAt: new Date(this.now()).toISOString() }
    this.prunePreviews()
    this.previews.set(preview.previewId, { preview, expiresAt: this.now() + PREVIEW_TTL_MS })
    return preview
  }

  private prunePreviews(): void {
    for (const [id, p] of this.previews) if (p.expiresAt <= this.now()) this.previews.delete(id)
  }

  /** Applies exactly what the preview showed; one result per item. A preview applies once. */
  async apply(connectionId: string, previewId: string): Promise<CloudbackApplyResult> {
    this.prunePreviews()
    const stored = this.previews.get(previewId)
    if (!stored || stored.preview.connectionId !== connectionId) {
      throw new AppError('NOT_FOUND', 'This preview has expired or was already applied. Preview the change again.')
    }
    if (this.applying.has(previewId)) throw new AppError('CONFLICT', 'This change is already being applied.')
    this.applying.add(previewId)
    try {
      const client = await this.options.clientFor(connectionId)
      const items = await mapLimited(stored.preview.items, CONCURRENCY, async (item): Promise<CloudbackApplyItem> => {
        const base = { key: item.key, subject: item.subject }
        if (item.error || !item.current || !item.next) return { ...base, outcome: 'skipped', message: item.error ?? 'Not looked up' }
        if (item.changes.length === 0) return { ...base, outcome: 'unchanged', before: item.current, after: item.current }
        try {
          const d = await client.updateDefinition(item.subject, item.next)
          await this.recordDefinition(connectionId, d, item.subject)
          return { ...base, outcome: 'updated', before: item.current, after: d.settings }
        } catch (err) {
          const e = errorText(err)
          await this.noteError(connectionId, item.subject, err)
          return { ...base, outcome: 'failed', before: item.current, message: e.message, ...(e.code ? { code: e.code } : {}) }
        }
      })
      this.previews.delete(previewId)
      return {
        previewId,
        items,
        updated: items.filter((i) => i.outcome === 'updated').length,
        failed: items.filter((i) => i.outcome === 'failed').length
      }
    } finally {
      this.applying.delete(previewId)
    }
  }

  flush(): Promise<void> {
    return this.file.flush()
  }

  async dispose(): Promise<void> {
    for (const stop of this.stopKeys) stop()
    await this.file.flush()
  }
}
