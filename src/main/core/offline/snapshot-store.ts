// The encrypted offline snapshot cache: the last successful answer of every provider read, per
// connection + channel + input. One small file per connection in <dataDir>/snapshots/. Each entry
// is sealed on its own with AES-256-GCM under a key derived from the vault's data key
// (VaultService.deriveKey), so nothing is readable while the vault is locked or with another
// vault. Entry keys are an HMAC of channel + input (the input itself is only inside the sealed
// part); the AAD binds each entry to its connection, key and time, so entries cannot be moved
// between connections nor made to look younger.

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../storage/write-file-atomic'
import { AppError } from '../../../shared/errors'
import { silentLogger, type Logger } from '../log/logger'

export const SNAPSHOT_KEY_PURPOSE = 'backdesk/snapshots/seal/v1'
export const SNAPSHOT_INDEX_PURPOSE = 'backdesk/snapshots/index/v1'
const FILE_VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

/** What the store needs from the vault: a derived key (LOCKED while locked) and a lock signal. */
export interface SnapshotKeySource {
  deriveKey(purpose: string): Buffer
  onLock(listener: () => void): () => void
}

export interface SnapshotEntry<T = unknown> {
  channel: string
  input: unknown
  value: T
  /** When the answer was received (ms since epoch). */
  at: number
}

interface SealedEntry {
  /** ms since epoch; bound into the AAD. */
  at: number
  /** Plain size (bytes of the JSON), for the budget. */
  n: number
  /** base64(iv | tag | ciphertext) */
  d: string
}

interface SnapshotFile {
  v: typeof FILE_VERSION
  connectionId: string
  entries: Record<string, SealedEntry>
}

export interface SnapshotStoreOptions {
  dataDir: string
  keys: SnapshotKeySource
  logger?: Logger
  now?: () => number
  /** Snapshots older than this are not served and are dropped. Read on every use (a setting). */
  maxAgeMs: () => number
  /** Per connection: plain bytes kept (oldest entries go first). Default 16 MiB. */
  maxBytesPerConnection?: number
  /** Per connection: entries kept. Default 2,000. */
  maxEntriesPerConnection?: number
  /** A single answer larger than this is not kept. Default 4 MiB. */
  maxEntryBytes?: number
  /** Delay before a changed file is written (writes coalesce). Default 200 ms. */
  writeDelayMs?: number
}

/** Key-order independent JSON, so `{a,b}` and `{b,a}` name the same snapshot. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`
}

function aad(connectionId: string, key: string, at: number): Buffer {
  return Buffer.from(`backdesk-snapshot/v${FILE_VERSION}\n${connectionId}\n${key}\n${at}`, 'utf8')
}

function fileNameOf(connectionId: string): string {
  return `${createHash('sha256').update(connectionId).digest('hex').slice(0, 40)}.snap.json`
}

function validFile(value: unknown): SnapshotFile | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Partial<SnapshotFile>
  if (v.v !== FILE_VERSION || typeof v.connectionId !== 'string' || !v.entries || typeof v.entries !== 'object') return undefined
  const entries: Record<string, SealedEntry> = {}
  for (const [k, e] of Object.entries(v.entries)) {
    if (e && typeof e.at === 'number' && typeof e.n === 'number' && typeof e.d === 'string') entries[k] = { at: e.at, n: e.n, d: e.d }
  }
  return { v: FILE_VERSION, connectionId: v.connectionId, entries }
}

export class SnapshotStore {
  readonly dir: string
  private readonly logger: Logger
  private readonly now: () => number
  private readonly maxBytes: number
  private readonly maxEntries: number
  private readonly maxEntryBytes: number
  private readonly writeDelayMs: number
  private sealKey: Buffer | null = null
  private indexKey: Buffer | null = null
  /** Loaded files (sealed entries only: nothing decrypted is kept here). */
  private readonly files = new Map<string, Promise<SnapshotFile>>()
  private readonly dirty = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> = Promise.resolve()
  private readonly stopLock: () => void

  constructor(private readonly options: SnapshotStoreOptions) {
    this.dir = join(options.dataDir, 'snapshots')
    this.logger = (options.logger ?? silentLogger).child('snapshots')
    this.now = options.now ?? (() => Date.now())
    this.maxBytes = options.maxBytesPerConnection ?? 16 * 1024 * 1024
    this.maxEntries = options.maxEntriesPerConnection ?? 2000
    this.maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024
    this.writeDelayMs = options.writeDelayMs ?? 200
    this.stopLock = options.keys.onLock(() => this.forgetKeys())
  }

  // ---- keys --------------------------------------------------------------------------------------

  private keysOrThrow(): { seal: Buffer; index: Buffer } {
    if (!this.sealKey || !this.indexKey) {
      // Throws LOCKED while the vault is locked.
      const seal = this.options.keys.deriveKey(SNAPSHOT_KEY_PURPOSE)
      const index = this.options.keys.deriveKey(SNAPSHOT_INDEX_PURPOSE)
      this.sealKey = seal
      this.indexKey = index
    }
    return { seal: this.sealKey, index: this.indexKey }
  }

  private forgetKeys(): void {
    this.sealKey?.fill(0)
    this.indexKey?.fill(0)
    this.sealKey = null
    this.indexKey = null
  }

  private entryKey(index: Buffer, channel: string, input: unknown): string {
    return createHmac('sha256', index).update(`${channel}\n${stableJson(input)}`).digest('hex')
  }

  // ---- files -------------------------------------------------------------------------------------

  private pathOf(connectionId: string): string {
    return join(this.dir, fileNameOf(connectionId))
  }

  private load(connectionId: string): Promise<SnapshotFile> {
    let file = this.files.get(connectionId)
    if (!file) {
      file = this.readFile(connectionId)
      this.files.set(connectionId, file)
      file.catch(() => this.files.delete(connectionId))
    }
    return file
  }

  private async readFile(connectionId: string): Promise<SnapshotFile> {
    const empty: SnapshotFile = { v: FILE_VERSION, connectionId, entries: {} }
    let text: string
    try {
      text = await readFile(this.pathOf(connectionId), 'utf8')
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return empty
      throw err
    }
    let parsed: SnapshotFile | undefined
    try {
      parsed = validFile(JSON.parse(text))
    } catch {
      parsed = undefined
    }
    if (!parsed || parsed.connectionId !== connectionId) {
      this.logger.warn('snapshot file unreadable; starting it empty', { connectionId })
      return empty
    }
    return parsed
  }

  private schedule(connectionId: string): void {
    this.dirty.add(connectionId)
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, this.writeDelayMs)
    if (typeof this.timer === 'object' && 'unref' in this.timer) this.timer.unref()
  }

  /** Writes every changed file now (atomic: temp file + rename). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
    const ids = [...this.dirty]
    this.dirty.clear()
    const run = async () => {
      if (!ids.length) return
      await mkdir(this.dir, { recursive: true, mode: 0o700 })
      for (const id of ids) {
        const file = await this.files.get(id)?.catch(() => undefined)
        if (!file) continue
        const path = this.pathOf(id)
        if (Object.keys(file.entries).length === 0) {
          await rm(path, { force: true })
          continue
        }
        await writeFileAtomic(path, JSON.stringify(file))
      }
    }
    const next = this.writing.then(run, run)
    this.writing = next.catch((err: unknown) => this.logger.error('snapshot write failed', { err }))
    return next
  }

  // ---- entries -----------------------------------------------------------------------------------

  private expired(entry: SealedEntry): boolean {
    return this.now() - entry.at > this.options.maxAgeMs()
  }

  /** Keeps `value` as the snapshot of (channel, input). Throws LOCKED while locked. */
  async put(connectionId: string, channel: string, input: unknown, value: unknown): Promise<void> {
    const keys = this.keysOrThrow()
    const plain = Buffer.from(JSON.stringify({ channel, input, value: value ?? null }), 'utf8')
    if (plain.length > this.maxEntryBytes) {
      this.logger.info('answer too large to keep as a snapshot', { channel, bytes: plain.length })
      return
    }
    const file = await this.load(connectionId)
    const key = this.entryKey(keys.index, channel, input)
    const at = this.now()
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', keys.seal, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(aad(connectionId, key, at))
    const ct = Buffer.concat([cipher.update(plain), cipher.final()])
    file.entries[key] = { at, n: plain.length, d: Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64') }
    this.enforceBudget(file)
    this.schedule(connectionId)
  }

  private enforceBudget(file: SnapshotFile): void {
    const list = Object.entries(file.entries)
    for (const [k, e] of list) if (this.expired(e)) delete file.entries[k]
    let live = Object.entries(file.entries).sort((a, b) => a[1].at - b[1].at)
    let bytes = live.reduce((sum, [, e]) => sum + e.n, 0)
    while (live.length > 0 && (live.length > this.maxEntries || bytes > this.maxBytes)) {
      const [k, e] = live[0] as [string, SealedEntry]
      delete file.entries[k]
      bytes -= e.n
      live = live.slice(1)
    }
  }

  private open(connectionId: string, key: string, entry: SealedEntry, seal: Buffer): SnapshotEntry | null {
    try {
      const raw = Buffer.from(entry.d, 'base64')
      if (raw.length < IV_BYTES + TAG_BYTES) return null
      const decipher = createDecipheriv('aes-256-gcm', seal, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
      decipher.setAAD(aad(connectionId, key, entry.at))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
      const parsed = JSON.parse(plain.toString('utf8')) as { channel: string; input: unknown; value: unknown }
      return { channel: parsed.channel, input: parsed.input, value: parsed.value, at: entry.at }
    } catch {
      // Another vault's key, or a modified file: unreadable is the same as absent.
      return null
    }
  }

  /** The last snapshot of (channel, input), or null (none, expired, unreadable). LOCKED while locked. */
  async get<T = unknown>(connectionId: string, channel: string, input: unknown): Promise<SnapshotEntry<T> | null> {
    const keys = this.keysOrThrow()
    const file = await this.load(connectionId)
    const key = this.entryKey(keys.index, channel, input)
    const entry = file.entries[key]
    if (!entry) return null
    if (this.expired(entry)) {
      delete file.entries[key]
      this.schedule(connectionId)
      return null
    }
    const opened = this.open(connectionId, key, entry, keys.seal)
    if (!opened || opened.channel !== channel) return null
    return opened as SnapshotEntry<T>
  }

  /** Every readable, unexpired snapshot of a connection (for the search index). LOCKED while locked. */
  async entries(connectionId: string): Promise<SnapshotEntry[]> {
    const keys = this.keysOrThrow()
    const file = await this.load(connectionId)
    const out: SnapshotEntry[] = []
    for (const [key, entry] of Object.entries(file.entries)) {
      if (this.expired(entry)) continue
      const opened = this.open(connectionId, key, entry, keys.seal)
      if (opened) out.push(opened)
    }
    return out
  }

  /** Deletes every snapshot of a connection; answers how many there were. */
  async clear(connectionId: string): Promise<number> {
    const file = await this.load(connectionId)
    const count = Object.keys(file.entries).length
    file.entries = {}
    this.dirty.add(connectionId)
    await this.flush()
    return count
  }

  /** Deletes every snapshot of every connection (the vault was reset: they could never be read again). */
  async clearAll(): Promise<void> {
    this.dirty.clear()
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.files.clear()
    // Queued behind any write in progress; a later flush() waits for it.
    const run = () => rm(this.dir, { recursive: true, force: true })
    const next = this.writing.then(run, run)
    this.writing = next.catch((err: unknown) => this.logger.error('snapshots could not be removed', { err }))
    await next
  }

  /** Drops expired entries of every connection on disk. */
  async prune(): Promise<number> {
    let dropped = 0
    for (const id of await this.connectionIds()) {
      const file = await this.load(id)
      for (const [k, e] of Object.entries(file.entries)) {
        if (this.expired(e)) {
          delete file.entries[k]
          dropped++
          this.dirty.add(id)
        }
      }
    }
    await this.flush()
    return dropped
  }

  /** Connections that have a snapshot file (or entries in memory). */
  async connectionIds(): Promise<string[]> {
    const ids = new Set<string>()
    for (const [id, file] of this.files) {
      const f = await file.catch(() => undefined)
      if (f && Object.keys(f.entries).length) ids.add(id)
    }
    let names: string[] = []
    try {
      names = await readdir(this.dir)
    } catch {
      names = []
    }
    for (const name of names) {
      if (!name.endsWith('.snap.json')) continue
      try {
        const parsed = validFile(JSON.parse(await readFile(join(this.dir, name), 'utf8')))
        if (parsed && fileNameOf(parsed.connectionId) === name) ids.add(parsed.connectionId)
      } catch {
        // unreadable: ignored
      }
    }
    return [...ids]
  }

  async summaries(): Promise<Array<{ connectionId: string; entries: number; bytes: number; newestAt?: string; oldestAt?: string }>> {
    const out = []
    for (const id of await this.connectionIds()) {
      const file = await this.load(id)
      const live = Object.values(file.entries).filter((e) => !this.expired(e))
      if (!live.length) continue
      const times = live.map((e) => e.at)
      out.push({
        connectionId: id,
        entries: live.length,
        bytes: live.reduce((s, e) => s + e.n, 0),
        newestAt: new Date(Math.max(...times)).toISOString(),
        oldestAt: new Date(Math.min(...times)).toISOString()
      })
    }
    return out
  }

  async dispose(): Promise<void> {
    this.stopLock()
    await this.flush().catch(() => undefined)
    this.forgetKeys()
  }
}

/** LOCKED as an AppError check, for callers that treat "locked" as "no snapshot". */
export function isLocked(err: unknown): boolean {
  return err instanceof AppError && err.code === 'LOCKED'
}
