// Every restore and download started from Backdesk, followed to the end in main (so leaving the
// screen, or closing the window, loses nothing), persisted in the data folder sealed under the
// vault (no secrets, but customer metadata: ids, names, dates, status, the download link), and
// resumed after a restart.
//
// While the vault is locked the history is neither read nor kept in memory, and polling stops;
// both start again at the next unlock. A request whose answer arrives while the vault is locked
// (it was sent before) is kept in memory and saved at that unlock.
//
// Never twice: POST /v1/restore is not idempotent. The renderer sends a request key it generated
// once per "start" intent; a second call with the same key (a double click, a retry, a second
// window) gets the first call's record and sends nothing. Only a definite refusal (the server
// answered 4xx, or the request provably never left this machine) releases the key, because then
// no job was created. Anything in between (5xx, reset, timeout, unreadable answer) may have
// created a job: the record becomes `uncertain`, is never re-sent, and the user is told to check.
// CloudAlly's API (as far as it is known) lists no restore jobs of a task, so Backdesk cannot look
// the job up: the technician checks CloudAlly and settles the record (`settle`): it started (it is
// then followed in CloudAlly) or it did not (`not-started`, and a new request may be made).

import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { isFinalRestore, type RestoreKind, type RestoreOutcomeCheck, type RestoreRecord, type RestoreStatus } from '../../../../shared/model/restore'
import { AppError } from '../../../../shared/errors'
import type { EventBus } from '../../events/event-bus'
import { isHttpError } from '../../http/errors'
import { silentLogger, type Logger } from '../../log/logger'
import type { PlatformServices } from '../../platform/platform'
import type { CloudAllyClient } from './client'
import type { RestoreJobState } from './map'
import { SealedJsonFile } from '../../storage/sealed-json-file'
import type { VaultKeys } from '../../storage/vault-keys'

export type CloudAllyClientFor = (connectionId: string) => Promise<CloudAllyClient>

export interface StartRestoreInput {
  connectionId: string
  requestKey: string
  taskId: string
  taskName?: string
  source?: string
  kind: RestoreKind
  snapshotDate?: string
  entities?: string[]
  items?: string[]
}

export const RESTORES_FILE = 'restores.sealed.json'
/** Where versions before sealed files kept the history, in plaintext. */
export const LEGACY_RESTORES_FILE = 'restores.json'

export interface RestoreTrackerOptions {
  dataDir: string
  keys: VaultKeys
  events: EventBus
  clientFor: CloudAllyClientFor
  logger?: Logger
  platform?: Pick<PlatformServices, 'notify' | 'handOffLink'> & Partial<Pick<PlatformServices, 'openExternal'>>
  now?: () => number
  /** Poll backoff: first delay, doubling up to max. Default 1 s → 15 s. */
  pollFirstMs?: number
  pollMaxMs?: number
  /** Retry a connection that was not usable (vault locked…) after this. Default 60 s. */
  waitRetryMs?: number
  maxRecords?: number
}

interface StoreShape {
  version: 1
  records: RestoreRecord[]
}

interface Stored extends RestoreRecord {
  /** A refused request: it created nothing, so its key may be used again. */
  notCreated?: boolean
  /** The pre-signed link as CloudAlly sent it (its token included): main's alone. */
  downloadUrl?: string
}

/** The link to show: scheme, host and path, without the query or fragment that carry the token. */
export function downloadLinkOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

/** Records of earlier versions kept a refused request as `failed` (with `notCreated`): it is `not-started`. */
function upgrade(r: Stored): Stored {
  return r.status === 'failed' && r.notCreated ? { ...r, status: 'not-started' } : r
}

function validStore(value: unknown): StoreShape | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Partial<StoreShape>
  if (v.version !== 1 || !Array.isArray(v.records)) return undefined
  return {
    version: 1,
    records: v.records.filter((r) => r && typeof r === 'object' && typeof r.id === 'string' && typeof r.requestKey === 'string').map(upgrade)
  }
}

/** Did this error prove that no restore job was created? */
export function provesNotCreated(err: unknown): boolean {
  if (isHttpError(err)) {
    const path = String(err.details?.path ?? '')
    if (!/\/v1\/restore$/.test(path)) return true // a login failed: the POST was never sent
    if (err.notSent) return true
    if (err.kind === 'status' && err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 408) return true
    return false
  }
  if (err instanceof AppError) return err.details?.uncertain !== true // login, validation… before sending
  return false
}

/** What the screens show of a record; a poll that leaves it unchanged is not announced. */
function signature(r: Stored): string {
  return JSON.stringify([r.status, r.progress, r.providerStatus, r.message, r.downloadUrl, r.downloadExpiresAt, r.pollError, r.waiting, r.jobSnapshotDate])
}

const KIND_WORD: Record<RestoreKind, string> = { restore: 'Restore', download: 'Download' }

export class RestoreTracker {
  private records: Stored[] = []
  /** True while `records` is the loaded history (the vault is unlocked and init() finished). */
  private live = false
  /** Records that changed while the vault was locked, saved at the next unlock. */
  private readonly held = new Map<string, Stored>()
  private readonly file: SealedJsonFile<StoreShape>
  private readonly stopKeys: Array<() => void>
  private readonly inflight = new Map<string, Promise<RestoreRecord>>()
  private readonly timers = new Map<string, { timer?: NodeJS.Timeout; delay: number; misses: number; polling: boolean }>()
  private readonly log: Logger
  private readonly now: () => number
  private readonly first: number
  private readonly max: number
  private readonly waitRetry: number
  private disposed = false
  private loaded: Promise<void> | undefined

  constructor(private readonly options: RestoreTrackerOptions) {
    this.file = new SealedJsonFile(join(options.dataDir, RESTORES_FILE), {
      keys: options.keys,
      purpose: 'backdesk/restores/seal/v1',
      legacyPath: join(options.dataDir, LEGACY_RESTORES_FILE),
      ...(options.logger ? { logger: options.logger } : {})
    })
    this.log = (options.logger ?? silentLogger).child('restores')
    this.now = options.now ?? Date.now
    this.first = options.pollFirstMs ?? 1_000
    this.max = options.pollMaxMs ?? 15_000
    this.waitRetry = options.waitRetryMs ?? 60_000
    this.stopKeys = [
      options.keys.onLock(() => this.suspend()),
      options.keys.onUnlock(() => {
        this.init().catch((err: unknown) => this.log.error('restore history could not be loaded', { err }))
      }),
      options.keys.onReset(() => {
        this.held.clear()
        void this.file.discard().catch(() => undefined)
      })
    ]
  }

  /** Loads the history (LOCKED while the vault is locked) and resumes polling unfinished jobs. */
  init(): Promise<void> {
    if (this.loaded) return this.loaded
    const loading = (async () => {
      const state = await this.file.read(() => ({ version: 1, records: [] }), validStore)
      this.records = state.records
      let changed = this.held.size > 0
      for (const r of this.held.values()) this.adopt(r)
      this.held.clear()
      const sending = new Set(this.inflight.keys())
      for (const r of this.records) {
        if (r.status === 'sending' && !sending.has(r.requestKey)) {
          // Backdesk stopped while the request was on its way: it may or may not have arrived.
          Object.assign(r, {
            status: 'uncertain' as const,
            message: 'Backdesk stopped while this request was being sent; it may or may not have reached CloudAlly. Check CloudAlly before starting it again.',
            updatedAt: this.iso()
          })
          changed = true
        }
      }
      this.live = true
      if (changed) await this.save()
      this.resume()
    })()
    this.loaded = loading
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = undefined
    })
    return loading
  }

  /** The vault locked: nothing of the history stays in memory, and polling stops. */
  private suspend(): void {
    this.live = false
    this.loaded = undefined
    this.records = []
    for (const id of [...this.timers.keys()]) this.stop(id)
  }

  /** Puts `r` in the loaded list in place of an older copy of the same record. */
  private adopt(r: Stored): void {
    const i = this.records.findIndex((x) => x.id === r.id)
    if (i < 0) this.records.push(r)
    else if (this.records[i] !== r) this.records[i] = r
  }

  private requireLive(): void {
    if (!this.live) throw new AppError('LOCKED', 'The vault is locked. Unlock it to continue.')
  }

  private iso(): string {
    return new Date(this.now()).toISOString()
  }

  private public(r: Stored): RestoreRecord {
    const { notCreated: _n, downloadUrl, ...rest } = r
    void _n
    const downloadLink = downloadUrl ? downloadLinkOf(downloadUrl) : undefined
    return { ...rest, entities: [...rest.entities], items: [...rest.items], ...(downloadLink ? { downloadLink } : {}) }
  }

  /** Saves the history; `changed` is the record this save is for (kept for the next unlock while locked). */
  private async save(changed?: Stored): Promise<void> {
    if (!this.live) {
      if (changed) this.held.set(changed.id, changed)
      return
    }
    if (changed) this.adopt(changed)
    const max = this.options.maxRecords ?? 500
    if (this.records.length > max) {
      // Drop the oldest finished ones; unfinished jobs are always kept.
      const finished = this.records.filter((r) => isFinalRestore(r.status)).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      const drop = new Set(finished.slice(0, this.records.length - max).map((r) => r.id))
      this.records = this.records.filter((r) => !drop.has(r.id))
    }
    try {
      await this.file.write({ version: 1, records: this.records })
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'LOCKED') || !changed) throw err
      this.held.set(changed.id, changed)
    }
  }

  private emit(r: Stored): void {
    this.options.events.emit('restores.progress', this.public(r))
  }

  /** After init(); LOCKED while the vault is locked. */
  list(filter: { connectionId?: string } = {}): RestoreRecord[] {
    this.requireLive()
    return this.records
      .filter((r) => !filter.connectionId || r.connectionId === filter.connectionId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((r) => this.public(r))
  }

  get(id: string): RestoreRecord {
    this.requireLive()
    const r = this.records.find((x) => x.id === id)
    if (!r) throw new AppError('NOT_FOUND', 'Backdesk has no record of this restore request.')
    return this.public(r)
  }

  /** Starts a restore or download once per request key (see the file comment). */
  async start(input: StartRestoreInput): Promise<RestoreRecord> {
    await this.init()
    const existing = this.records.find((r) => r.requestKey === input.requestKey && !r.notCreated)
    if (existing) {
      if (existing.connectionId !== input.connectionId || existing.taskId !== input.taskId || existing.kind !== input.kind) {
        throw new AppError('CONFLICT', 'This request key was already used for a different restore. Start a new request.')
      }
      return this.public(existing)
    }
    const running = this.inflight.get(input.requestKey)
    if (running) return running
    const p = this.send(input).finally(() => this.inflight.delete(input.requestKey))
    this.inflight.set(input.requestKey, p)
    return p
  }

  private async send(input: StartRestoreInput): Promise<RestoreRecord> {
    const client = await this.options.clientFor(input.connectionId)
    const at = this.iso()
    const record: Stored = {
      id: randomUUID(),
      requestKey: input.requestKey,
      connectionId: input.connectionId,
      provider: 'cloudally',
      taskId: input.taskId,
      ...(input.taskName ? { taskName: input.taskName } : {}),
      ...(input.source ? { source: input.source } : {}),
      kind: input.kind,
      ...(input.snapshotDate ? { snapshotDate: input.snapshotDate } : {}),
      entities: [...(input.entities ?? [])],
      items: [...(input.items ?? [])],
      status: 'sending',
      progress: 0,
      createdAt: at,
      updatedAt: at
    }
    this.records.push(record)
    await this.save(record) // written before sending: a crash mid-send is remembered as "uncertain"
    if (!this.live) {
      // Locked while the record was being written: nothing goes out without it on disk.
      Object.assign(record, { status: 'not-started' as const, notCreated: true, message: 'Not started: the vault was locked before it was sent.', updatedAt: this.iso(), completedAt: this.iso() })
      this.held.set(record.id, record)
      throw new AppError('LOCKED', 'The vault was locked before the request was sent. Nothing was sent.')
    }
    this.emit(record)
    let job: RestoreJobState
    try {
      job = await client.createRestore({
        taskId: input.taskId,
        kind: input.kind,
        ...(input.snapshotDate ? { snapshotDate: input.snapshotDate } : {}),
        entities: record.entities,
        items: record.items
      })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      if (provesNotCreated(err)) {
        Object.assign(record, { status: 'not-started' as const, notCreated: true, message: `Not started: ${message}`, updatedAt: this.iso(), completedAt: this.iso() })
        await this.save(record)
        this.emit(record)
        throw err
      }
      Object.assign(record, {
        status: 'uncertain' as const,
        message: `The request may have reached CloudAlly but no clear answer came back (${message}). It was not sent again. Check the restore list in CloudAlly, then say here whether it started.`,
        updatedAt: this.iso()
      })
      await this.save(record)
      this.emit(record)
      this.notify(record, 'warning', `${KIND_WORD[record.kind]} of ${this.label(record)}: outcome unknown. Check CloudAlly before trying again.`)
      return this.public(record)
    }
    this.applyJob(record, job)
    await this.save(record)
    this.emit(record)
    if (isFinalRestore(record.status)) this.finished(record)
    else this.schedule(record.id, this.first)
    return this.public(record)
  }

  private label(r: RestoreRecord): string {
    return r.taskName ? `“${r.taskName}”` : `task ${r.taskId}`
  }

  private applyJob(r: Stored, job: RestoreJobState): void {
    const status: RestoreStatus = job.status
    Object.assign(r, {
      status,
      progress: Math.max(status === 'failed' ? 0 : r.progress, job.progress),
      updatedAt: this.iso()
    })
    if (status === 'failed') r.progress = job.progress
    if (job.jobId) r.jobId = job.jobId
    if (job.providerStatus) r.providerStatus = job.providerStatus
    if (job.snapshotDate) r.jobSnapshotDate = job.snapshotDate
    if (job.downloadUrl) r.downloadUrl = job.downloadUrl
    if (job.downloadExpiresAt) r.downloadExpiresAt = job.downloadExpiresAt
    if (job.message) r.message = job.message
    else if (status !== 'failed') delete r.message
    if (isFinalRestore(status)) r.completedAt = job.completedAt ?? this.iso()
  }

  private notify(r: RestoreRecord, level: 'success' | 'error' | 'warning', message: string): void {
    this.options.events.emit('app.notice', { level, message })
    try {
      this.options.platform?.notify?.(`Backdesk: ${KIND_WORD[r.kind].toLowerCase()} ${level === 'success' ? 'ready' : level === 'error' ? 'failed' : 'needs a check'}`, message)
    } catch (err) {
      this.log.warn('desktop notification failed', { err })
    }
  }

  private finished(r: Stored): void {
    this.stop(r.id)
    if (r.status === 'completed') {
      this.notify(
        r,
        'success',
        r.kind === 'download'
          ? `Download of ${this.label(r)} is ready${r.downloadUrl ? ': open it from the restore list' : ''}.`
          : `Restore of ${this.label(r)} into the source is complete.`
      )
    } else if (r.status === 'failed') {
      this.notify(r, 'error', `${KIND_WORD[r.kind]} of ${this.label(r)} failed${r.message ? `: ${r.message}` : '.'}`)
    }
  }

  private stop(id: string): void {
    const t = this.timers.get(id)
    if (t?.timer) clearTimeout(t.timer)
    this.timers.delete(id)
  }

  private schedule(id: string, delay: number): void {
    // While locked nothing is polled: the next unlock resumes every unfinished job.
    if (this.disposed || !this.live) return
    const t = this.timers.get(id) ?? { delay, misses: 0, polling: false }
    if (t.timer) clearTimeout(t.timer)
    t.delay = delay
    t.timer = setTimeout(() => void this.poll(id), delay)
    t.timer.unref?.()
    this.timers.set(id, t)
  }

  /** One status poll; schedules the next with backoff (1 s → 2 s → … → 15 s). */
  private async poll(id: string): Promise<void> {
    const r = this.records.find((x) => x.id === id)
    const t = this.timers.get(id)
    if (!r || !t || this.disposed || isFinalRestore(r.status) || !r.jobId) {
      this.stop(id)
      return
    }
    if (t.polling) return
    t.polling = true
    t.timer = undefined
    try {
      let client: CloudAllyClient
      try {
        client = await this.options.clientFor(r.connectionId)
      } catch (err) {
        // Vault locked, connection removed or not wired: wait, and try again later or on resume().
        Object.assign(r, { waiting: err instanceof Error ? err.message : String(err), updatedAt: this.iso() })
        await this.save(r)
        this.emit(r)
        this.schedule(id, this.waitRetry)
        return
      }
      try {
        const job = await client.restoreStatus(r.jobId)
        t.misses = 0
        const before = signature(r)
        const updatedAt = r.updatedAt
        this.applyJob(r, job)
        delete r.pollError
        delete r.waiting
        r.lastPolledAt = this.iso()
        // Only a visible change is written and announced (a quiet poll every 15 s is not news).
        if (signature(r) !== before) {
          await this.save(r)
          this.emit(r)
        } else {
          r.updatedAt = updatedAt
        }
        if (isFinalRestore(r.status)) {
          this.finished(r)
          return
        }
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err)
        r.lastPolledAt = this.iso()
        delete r.waiting
        if (isHttpError(err) && err.status === 404 && ++t.misses >= 3) {
          Object.assign(r, { status: 'failed' as const, message: 'CloudAlly no longer knows this job.', updatedAt: this.iso(), completedAt: this.iso() })
          await this.save(r)
          this.emit(r)
          this.finished(r)
          return
        }
        r.pollError = message
        await this.save(r)
        this.emit(r)
      }
      if (this.timers.has(id)) this.schedule(id, Math.min(this.max, t.delay * 2))
    } finally {
      t.polling = false
    }
  }

  /**
   * Opens a finished download's pre-signed link with the platform's browser opener. The link came
   * from CloudAlly to main, never from the renderer, which names the record only. Where main has
   * no browser (the web shell), the answer is the shell's one-time address that redirects there,
   * for the page to open: the link itself still never reaches the renderer.
   */
  async openDownload(id: string): Promise<{ opened: true } | { open: string }> {
    await this.init()
    const r = this.records.find((x) => x.id === id)
    if (!r) throw new AppError('NOT_FOUND', 'Backdesk has no record of this restore request.')
    if (!r.downloadUrl) throw new AppError('CONFLICT', 'This request has no download link (yet).')
    const platform = this.options.platform
    if (platform?.handOffLink) return { open: (await platform.handOffLink(r.downloadUrl)).open }
    const open = platform?.openExternal
    if (!open) throw new AppError('NOT_SUPPORTED', 'No browser could be opened from here.')
    try {
      await open.call(platform, r.downloadUrl)
    } catch {
      throw new AppError('NOT_SUPPORTED', 'No browser could be opened from here.')
    }
    return { opened: true }
  }

  /** Polls one job now (the "Refresh" button); returns the record as it then stands. */
  async refresh(id: string): Promise<RestoreRecord> {
    await this.init()
    const r = this.records.find((x) => x.id === id)
    if (!r) throw new AppError('NOT_FOUND', 'Backdesk has no record of this restore request.')
    if (!isFinalRestore(r.status) && r.jobId) {
      const t = this.timers.get(id)
      if (t?.timer) clearTimeout(t.timer)
      this.timers.set(id, { delay: t?.delay ?? this.first, misses: t?.misses ?? 0, polling: t?.polling ?? false })
      await this.poll(id)
    }
    return this.public(r)
  }

  /**
   * The technician checked CloudAlly about a request whose outcome was unknown (Backdesk cannot:
   * CloudAlly lists no restore jobs of a task). `not-started` releases the request: a new one may be
   * made. `started` ends it here: without its job id Backdesk cannot follow it, CloudAlly does.
   */
  async settle(id: string, outcome: RestoreOutcomeCheck): Promise<RestoreRecord> {
    await this.init()
    const r = this.records.find((x) => x.id === id)
    if (!r) throw new AppError('NOT_FOUND', 'Backdesk has no record of this restore request.')
    if (r.status !== 'uncertain') throw new AppError('CONFLICT', 'Only a request whose outcome is unknown can be marked; this one has a known outcome.')
    const at = this.iso()
    const what = KIND_WORD[r.kind].toLowerCase()
    if (outcome === 'not-started') {
      Object.assign(r, { status: 'not-started' as const, notCreated: true, message: `Not started: checked in CloudAlly, this ${what} did not start. A new request may be made.` })
    } else {
      Object.assign(r, { status: 'started-unfollowed' as const, message: `Checked in CloudAlly: this ${what} started. Backdesk does not know its job, so follow it in CloudAlly.` })
    }
    Object.assign(r, { checkedAt: at, completedAt: at, updatedAt: at })
    await this.save(r)
    this.emit(r)
    return this.public(r)
  }

  /** (Re)starts polling of unfinished jobs, e.g. after the vault is unlocked. */
  resume(connectionId?: string): void {
    for (const r of this.records) {
      if (isFinalRestore(r.status) || !r.jobId || r.status === 'sending') continue
      if (connectionId && r.connectionId !== connectionId) continue
      const t = this.timers.get(r.id)
      if (t?.polling) continue
      this.schedule(r.id, this.first)
    }
  }

  /** Records still followed (for tests and the status bar). */
  get activeCount(): number {
    return this.timers.size
  }

  async dispose(): Promise<void> {
    this.disposed = true
    for (const stop of this.stopKeys) stop()
    for (const id of [...this.timers.keys()]) this.stop(id)
    await this.file.flush()
    if (this.held.size > 0) {
      this.log.warn(`${this.held.size} restore records changed while the vault was locked and were not saved; a request still being sent shows as uncertain after the next unlock`)
    }
  }
}
