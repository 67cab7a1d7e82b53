// The kept fleet scans: the result of every finished scan, so "what changed", the reports and the
// Fleet screen work from history (and offline). One file per scan in <dataDir>/scan-history/,
// gzip-compressed JSON sealed with AES-256-GCM under a key derived from the vault's data key
// (nothing is readable while the vault is locked or with another vault). The file name carries
// the finish time and the scan id, and is bound into the AAD so a file cannot be renamed into
// another slot. Bounded: every scan of the last two days, then the last scan of each UTC day, for
// 90 days.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../storage/write-file-atomic'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import type { FleetRow, FleetScanSummary } from '../../../shared/model/fleet'
import type { KeptScanInfo } from '../../../shared/model/watch'
import { silentLogger, type Logger } from '../log/logger'

export const SCAN_HISTORY_KEY_PURPOSE = 'backdesk/scan-history/seal/v1'
const MAGIC = Buffer.from('BDSCAN1\n', 'utf8')
const IV_BYTES = 12
const TAG_BYTES = 16
const DAY_MS = 86_400_000
const NAME = /^(\d{13})-([A-Za-z0-9-]{1,64})\.scan$/

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

export interface KeptScan {
  summary: FleetScanSummary
  /** Started by the schedule (not by a person). */
  scheduled: boolean
  rows: FleetRow[]
}

export interface ScanHistoryOptions {
  dataDir: string
  keys: { deriveKey(purpose: string): Buffer; onLock(listener: () => void): () => void }
  logger?: Logger
  now?: () => number
  /** Every scan younger than this is kept. Default 2 days. */
  keepAllMs?: number
  /** Nothing older than this is kept. Default 90 days. */
  keepDaysMs?: number
}

interface Entry {
  file: string
  finishedAt: number
  scanId: string
}

export class ScanHistory {
  readonly dir: string
  private key: Buffer | null = null
  private readonly logger: Logger
  private readonly now: () => number
  private readonly stopLock: () => void
  private chain: Promise<unknown> = Promise.resolve()
  /** The newest kept scan, decoded (the diff reads it after every scan). */
  private latestCache: { scanId: string; scan: KeptScan } | undefined

  constructor(private readonly options: ScanHistoryOptions) {
    this.dir = join(options.dataDir, 'scan-history')
    this.logger = (options.logger ?? silentLogger).child('scan-history')
    this.now = options.now ?? Date.now
    this.stopLock = options.keys.onLock(() => this.forget())
  }

  private keyOrThrow(): Buffer {
    // Throws LOCKED while the vault is locked.
    this.key ??= this.options.keys.deriveKey(SCAN_HISTORY_KEY_PURPOSE)
    return this.key
  }

  private forget(): void {
    this.key?.fill(0)
    this.key = null
    this.latestCache = undefined
  }

  private aad(file: string): Buffer {
    return Buffer.from(`backdesk-scan-history/v1\n${file}`, 'utf8')
  }

  /** Keeps a finished scan, then drops what the bounds no longer allow. LOCKED while locked. */
  put(scan: KeptScan): Promise<KeptScanInfo> {
    let key: Buffer
    try {
      key = this.keyOrThrow()
    } catch (err) {
      return Promise.reject(err)
    }
    const finishedAt = Date.parse(scan.summary.finishedAt ?? '') || this.now()
    const file = `${String(finishedAt).padStart(13, '0')}-${scan.summary.scanId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}.scan`
    const run = async () => {
      const plain = await gzipAsync(Buffer.from(JSON.stringify(scan), 'utf8'), { level: 6 })
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      cipher.setAAD(this.aad(file))
      const sealed = Buffer.concat([MAGIC, iv, Buffer.alloc(TAG_BYTES), cipher.update(plain), cipher.final()])
      cipher.getAuthTag().copy(sealed, MAGIC.length + IV_BYTES)
      await writeFileAtomic(join(this.dir, file), sealed)
      this.latestCache = { scanId: scan.summary.scanId, scan }
      await this.prune()
      return { scanId: scan.summary.scanId, startedAt: scan.summary.startedAt, finishedAt: new Date(finishedAt).toISOString(), rowCount: scan.rows.length, scheduled: scan.scheduled }
    }
    const next = this.chain.then(run, run)
    this.chain = next.catch(() => undefined)
    return next
  }

  private async entries(): Promise<Entry[]> {
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch {
      return []
    }
    const out: Entry[] = []
    for (const file of names) {
      const m = NAME.exec(file)
      if (m) out.push({ file, finishedAt: Number(m[1]), scanId: m[2] as string })
    }
    return out.sort((a, b) => a.finishedAt - b.finishedAt)
  }

  /** Drops scans outside the bounds: all of the last keepAllMs, then the last of each UTC day. */
  private async prune(): Promise<void> {
    const now = this.now()
    const keepAll = this.options.keepAllMs ?? 2 * DAY_MS
    const keepDays = this.options.keepDaysMs ?? 90 * DAY_MS
    const list = await this.entries()
    const lastOfDay = new Map<number, Entry>()
    for (const e of list) lastOfDay.set(Math.floor(e.finishedAt / DAY_MS), e)
    const keep = new Set([...lastOfDay.values()].map((e) => e.file))
    for (const e of list) {
      const age = now - e.finishedAt
      const drop = age > keepDays || (age > keepAll && !keep.has(e.file))
      if (drop) await rm(join(this.dir, e.file), { force: true })
    }
  }

  /** Kept scans, oldest first (from file names: nothing is decrypted). */
  async list(): Promise<Array<{ scanId: string; finishedAt: number }>> {
    await this.chain
    return (await this.entries()).map((e) => ({ scanId: e.scanId, finishedAt: e.finishedAt }))
  }

  /** One kept scan, or null (absent, another vault's, modified). LOCKED while locked. */
  async get(scanId: string): Promise<KeptScan | null> {
    const key = this.keyOrThrow()
    if (this.latestCache?.scanId === scanId) return this.latestCache.scan
    await this.chain
    const entry = (await this.entries()).find((e) => e.scanId === scanId)
    return entry ? this.open(entry, key) : null
  }

  /** The newest kept scan finished at or before `atMs` (default: the newest), or null. */
  async latest(atMs = Number.POSITIVE_INFINITY): Promise<KeptScan | null> {
    const key = this.keyOrThrow()
    await this.chain
    const list = (await this.entries()).filter((e) => e.finishedAt <= atMs)
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i] as Entry
      if (this.latestCache?.scanId === e.scanId) return this.latestCache.scan
      const scan = await this.open(e, key)
      if (scan) return scan
    }
    return null
  }

  /** The kept scan before `scanId` (the one it is compared with), or null. */
  async previous(scanId: string): Promise<KeptScan | null> {
    const key = this.keyOrThrow()
    await this.chain
    const list = await this.entries()
    const at = list.findIndex((e) => e.scanId === scanId)
    for (let i = (at < 0 ? list.length : at) - 1; i >= 0; i--) {
      const scan = await this.open(list[i] as Entry, key)
      if (scan) return scan
    }
    return null
  }

  /**
   * Visits the kept scans finished in [fromMs, toMs], oldest first, one decoded at a time (a
   * report over a month reads ~30 scans without holding them all).
   */
  async each(fromMs: number, toMs: number, visit: (scan: KeptScan, finishedAt: number) => void): Promise<void> {
    const key = this.keyOrThrow()
    await this.chain
    for (const e of await this.entries()) {
      if (e.finishedAt < fromMs || e.finishedAt > toMs) continue
      const scan = this.latestCache?.scanId === e.scanId ? this.latestCache.scan : await this.open(e, key)
      if (scan) visit(scan, e.finishedAt)
    }
  }

  private async open(e: Entry, key: Buffer): Promise<KeptScan | null> {
    try {
      const raw = await readFile(join(this.dir, e.file))
      if (raw.length < MAGIC.length + IV_BYTES + TAG_BYTES || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return null
      const iv = raw.subarray(MAGIC.length, MAGIC.length + IV_BYTES)
      const tag = raw.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES)
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(this.aad(e.file))
      decipher.setAuthTag(tag)
      const plain = Buffer.concat([decipher.update(raw.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()])
      const scan = JSON.parse((await gunzipAsync(plain)).toString('utf8')) as KeptScan
      if (!scan || !Array.isArray(scan.rows) || scan.summary?.scanId !== e.scanId) return null
      return scan
    } catch {
      // Another vault's key or a modified file: unreadable is the same as absent.
      this.logger.warn('kept scan unreadable; ignored', { file: e.file })
      return null
    }
  }

  /** Deletes every kept scan (the vault was reset: they could never be read again). */
  async clear(): Promise<void> {
    const run = () => rm(this.dir, { recursive: true, force: true })
    const next = this.chain.then(run, run)
    this.chain = next.catch(() => undefined)
    this.latestCache = undefined
    await next
  }

  async dispose(): Promise<void> {
    this.stopLock()
    await this.chain
    this.forget()
  }
}
