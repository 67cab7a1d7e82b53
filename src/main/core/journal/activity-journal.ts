// The activity journal: one line per change made at a provider, append-only, sealed and chained
// under keys derived from the vault's data key.
//
//   line n  = {"box": base64(iv | tag | AES-256-GCM(seal key, JSON of entry n))}
//   entry n = { seq: n, at, user, connectionId, provider, action, object, requestId?, result,
//               detail?, prev: hash of entry n-1 | 64 zeros, hash }
//   hash    = HMAC-SHA256(chain key, canonical JSON of the entry without `hash`, fixed key order)
//   head    = { count: n, last: hash of entry n, legacy?, broken?, mac: HMAC-SHA256(head key, …) }
//
// Without the key nobody can read an entry or write one that verifies: an edited line fails its
// GCM tag or its MAC, and a chain recomputed without the key is just as wrong; removing, inserting
// or reordering lines breaks the next `prev` (or its seq); cutting lines off the end is caught by
// the head, rewritten after every append. The head is a MAC'd file beside the journal rather than
// a field in the vault payload: that would make every change a whole vault write (re-seal, backup,
// fsync), tied to the vault's write conflicts and export bundles, and neither place stops someone
// who kept older copies of both files from putting both back (the vault keeps an older copy of
// itself in .bak). A head found wrong is never silently replaced: the next entry continues from
// what the head says was written, and `broken` carries the finding into every later head.
//
// Nothing is read while the vault is locked (list and verify answer LOCKED) and nothing decrypted
// is kept once it locks. A change that ends while the vault is locked is journaled at the next
// unlock.
//
// Journals written before keyed chains (plaintext; each entry carried the SHA-256 of the one before,
// a chain anyone who can write the file can recompute) are checked with their own chain at the
// first unlock, re-chained under the key and removed. The head keeps that check's result and
// verify() reports it as written before keyed chains.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { JournalEntry, JournalPage, JournalVerdict } from '../../../shared/contract/journal.contract'
import { AppError } from '../../../shared/errors'
import { silentLogger, type Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { VaultKeys } from '../storage/vault-keys'
import { writeFileAtomic } from '../storage/write-file-atomic'
import { IV_BYTES, open as openBox, seal, TAG_BYTES } from '../vault/crypto'

export const GENESIS = '0'.repeat(64)
export const JOURNAL_FILE = 'activity-journal.sealed.jsonl'
/** The plaintext journal of versions before keyed chains. */
export const LEGACY_JOURNAL_FILE = 'activity-journal.jsonl'
export const JOURNAL_KEY_PURPOSES = {
  seal: 'backdesk/journal/seal/v1',
  chain: 'backdesk/journal/chain/v1',
  head: 'backdesk/journal/head/v1'
} as const
const BOX_AAD = Buffer.from('backdesk-journal/v2', 'utf8')

export type JournalInput = Omit<JournalEntry, 'seq' | 'at' | 'prev' | 'hash'> & { at?: string }

export interface ActivityJournal {
  readonly file: string
  /**
   * Writes an entry and answers it; while the vault is locked, answers null and writes it at the
   * next unlock.
   */
  append(input: JournalInput): Promise<JournalEntry | null>
  /** LOCKED while the vault is locked. */
  list(options?: { connectionId?: string | undefined; offset?: number; limit?: number }): Promise<JournalPage>
  /** LOCKED while the vault is locked, except for a journal written before keyed chains (it needs no key). */
  verify(): Promise<JournalVerdict>
  /** Entries waiting for an unlock. */
  readonly waiting: number
  dispose(): Promise<void>
}

const KEY_ORDER = ['seq', 'at', 'user', 'connectionId', 'provider', 'action', 'object', 'requestId', 'result', 'detail', 'prev'] as const

/** The hashed form: known keys in a fixed order, absent optionals left out, `hash` excluded. */
export function canonical(entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
  const out: Record<string, unknown> = {}
  for (const key of KEY_ORDER) {
    const value = (entry as unknown as Record<string, unknown>)[key]
    if (value === undefined) continue
    if (key === 'object') {
      const o = value as JournalEntry['object']
      out.object = o.name === undefined ? { type: o.type, id: o.id } : { type: o.type, id: o.id, name: o.name }
    } else out[key] = value
  }
  return JSON.stringify(out)
}

/** The unkeyed hash of journals written before keyed chains. */
export function entryHash(entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
  return createHash('sha256').update(canonical(entry)).digest('hex')
}

/** The keyed hash: only the vault's chain key can make one that verifies. */
export function entryMac(chainKey: Buffer, entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
  return createHmac('sha256', chainKey).update(canonical(entry)).digest('hex')
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

function isEntry(v: unknown): v is JournalEntry {
  if (typeof v !== 'object' || v === null) return false
  const e = v as Record<string, unknown>
  const o = e.object as Record<string, unknown> | undefined
  return (
    typeof e.seq === 'number' &&
    typeof e.at === 'string' &&
    typeof e.user === 'string' &&
    typeof e.connectionId === 'string' &&
    typeof e.provider === 'string' &&
    typeof e.action === 'string' &&
    typeof e.result === 'string' &&
    typeof e.prev === 'string' &&
    typeof e.hash === 'string' &&
    typeof o === 'object' &&
    o !== null &&
    typeof o.type === 'string' &&
    typeof o.id === 'string'
  )
}

type Failure = Extract<JournalVerdict, { ok: false }>

/** What the move of a journal written before keyed chains found. */
interface LegacyRecord {
  entries: number
  movedAt: string
  problem?: { line: number; seq?: number; reason: string }
}

interface Head {
  count: number
  last: string
  legacy?: LegacyRecord
  /** A finding about an earlier head, kept in every later one. */
  broken?: string
}

interface Keys {
  seal: Buffer
  chain: Buffer
  head: Buffer
}

function headMac(key: Buffer, head: Head): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['backdesk-journal-head/v2', head.count, head.last, head.legacy ?? null, head.broken ?? null]))
    .digest('hex')
}

function isLegacyRecord(v: unknown): v is LegacyRecord {
  const r = v as Partial<LegacyRecord> | null
  return typeof r === 'object' && r !== null && typeof r.entries === 'number' && typeof r.movedAt === 'string'
}

async function readLines(path: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return null // present but unreadable
  }
}

/** The check of a journal written before keyed chains (unchanged from those versions). */
async function verifyLegacy(file: string): Promise<JournalVerdict> {
  const lines = await readLines(file)
  let prev = GENESIS
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1
    let parsed: unknown
    try {
      parsed = JSON.parse(lines[i] ?? '')
    } catch {
      return { ok: false, entries: lines.length, line, reason: 'The line is not readable JSON (edited or damaged).' }
    }
    if (!isEntry(parsed)) return { ok: false, entries: lines.length, line, reason: 'The line is not a journal entry.' }
    const seq = parsed.seq
    if (parsed.hash !== entryHash(parsed)) {
      return { ok: false, entries: lines.length, line, seq, reason: 'The entry was changed after it was written (its hash does not match).' }
    }
    if (parsed.prev !== prev) {
      return { ok: false, entries: lines.length, line, seq, reason: 'The entry does not follow the one before it: an entry was removed, inserted or moved.' }
    }
    if (seq !== line) return { ok: false, entries: lines.length, line, seq, reason: `Entry ${seq} is on line ${line}: entries were removed or moved.` }
    prev = parsed.hash
  }
  const head = (await readJson(`${file}.head`)) as Partial<{ seq: number; hash: string }> | null | undefined
  if (head && typeof head.seq === 'number' && typeof head.hash === 'string') {
    if (head.seq > lines.length) {
      return { ok: false, entries: lines.length, line: lines.length + 1, reason: `The journal ends early: ${head.seq} entries were written, ${lines.length} remain.` }
    }
    if (head.seq === lines.length && head.hash !== prev) {
      return { ok: false, entries: lines.length, line: lines.length, seq: head.seq, reason: 'The last entry was replaced after it was written.' }
    }
  }
  return { ok: true, entries: lines.length }
}

export function createActivityJournal(options: {
  dataDir: string
  keys: VaultKeys
  secrets?: SecretRegistry
  logger?: Logger
  now?: () => number
}): ActivityJournal {
  const file = join(options.dataDir, JOURNAL_FILE)
  const headFile = `${file}.head`
  const legacyFile = join(options.dataDir, LEGACY_JOURNAL_FILE)
  const now = options.now ?? Date.now
  const logger = (options.logger ?? silentLogger).child('journal')
  /** Derived while unlocked, zeroed when the vault locks. */
  let keys: Keys | undefined
  /** Decrypted entries and the trusted head, while unlocked. */
  let loaded: { entries: JournalEntry[]; head: Head | undefined } | undefined
  const waiting: Array<JournalInput & { at: string }> = []
  let queue: Promise<unknown> = Promise.resolve()

  const forget = () => {
    if (keys) for (const key of Object.values(keys)) key.fill(0)
    keys = undefined
    loaded = undefined
  }

  const keysOrThrow = (): Keys => {
    // Throws LOCKED while the vault is locked.
    keys ??= {
      seal: options.keys.deriveKey(JOURNAL_KEY_PURPOSES.seal),
      chain: options.keys.deriveKey(JOURNAL_KEY_PURPOSES.chain),
      head: options.keys.deriveKey(JOURNAL_KEY_PURPOSES.head)
    }
    return keys
  }

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  const clean = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined
    const redacted = options.secrets ? options.secrets.redactText(text) : text
    return redacted.length > 500 ? `${redacted.slice(0, 497)}…` : redacted
  }

  const sealLine = (k: Keys, entry: JournalEntry): string => {
    const box = seal(k.seal, Buffer.from(JSON.stringify(entry), 'utf8'), BOX_AAD)
    return JSON.stringify({ box: Buffer.concat([box.iv, box.tag, box.ct]).toString('base64') })
  }

  const openLine = (k: Keys, line: string): { entry: JournalEntry } | { problem: string } => {
    let box: unknown
    try {
      box = (JSON.parse(line) as { box?: unknown } | null)?.box
    } catch {
      return { problem: 'The line is not readable JSON (edited or damaged).' }
    }
    if (typeof box !== 'string') return { problem: 'The line is not a journal entry.' }
    let plain: Buffer
    try {
      const raw = Buffer.from(box, 'base64')
      plain = openBox(k.seal, { iv: raw.subarray(0, IV_BYTES), tag: raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), ct: raw.subarray(IV_BYTES + TAG_BYTES) }, BOX_AAD)
    } catch {
      return { problem: 'The entry cannot be opened: it was changed after it was written, or written under another vault.' }
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(plain.toString('utf8'))
    } catch {
      return { problem: 'The entry is not readable.' }
    }
    return isEntry(parsed) ? { entry: parsed } : { problem: 'The line is not a journal entry.' }
  }

  /** The head file: absent, present and signed by us, or present and not (changed, or unreadable). */
  const readHead = async (): Promise<Head | 'missing' | 'forged'> => {
    const raw = (await readJson(headFile)) as (Partial<Head> & { mac?: unknown }) | null | undefined
    // Keys are taken after the read: a lock while it waited zeroes any taken before.
    const k = keysOrThrow()
    if (raw === undefined) return 'missing'
    if (raw === null || typeof raw.count !== 'number' || typeof raw.last !== 'string' || typeof raw.mac !== 'string') return 'forged'
    const head: Head = { count: raw.count, last: raw.last }
    if (raw.legacy !== undefined) {
      if (!isLegacyRecord(raw.legacy)) return 'forged'
      head.legacy = raw.legacy
    }
    if (raw.broken !== undefined) {
      if (typeof raw.broken !== 'string') return 'forged'
      head.broken = raw.broken
    }
    return sameHex(raw.mac, headMac(k.head, head)) ? head : 'forged'
  }

  const writeHead = (k: Keys, head: Head) => writeFileAtomic(headFile, JSON.stringify({ ...head, mac: headMac(k.head, head) }))

  /** What is wrong with the head, given the entries that verified; undefined when it fits. */
  const headProblem = (head: Head | 'missing' | 'forged', lines: number, last: string): Failure | undefined => {
    const fail = (line: number, reason: string, seq?: number): Failure => ({ ok: false, entries: lines, line, reason, ...(seq !== undefined ? { seq } : {}) })
    if (head === 'forged') return fail(lines, "The journal's head file was changed: entries cut off the end would not show.")
    if (head === 'missing') {
      // Only the first append can leave a line without its head (a crash in between).
      return lines > 1 ? fail(lines, "The journal's head file is missing: entries cut off the end would not show.") : undefined
    }
    if (head.count > lines) return fail(lines + 1, `The journal ends early: ${head.count} entries were written, ${lines} remain.`)
    if (head.count === lines && !sameHex(head.last, last)) return fail(lines, 'The last entry was replaced after it was written.', head.count)
    // One line more than the head: a crash between writing the line and the head.
    if (head.count < lines - 1) return fail(head.count + 1, `The journal's head file is older than the journal (it counts ${head.count} of ${lines} entries).`)
    return undefined
  }

  /** Moves a journal written before keyed chains under the key (the first unlock after upgrading). */
  const moveLegacy = async (): Promise<void> => {
    const legacyLines = await readLines(legacyFile)
    if (legacyLines.length === 0) {
      await rm(`${legacyFile}.head`, { force: true })
      await rm(legacyFile, { force: true })
      return
    }
    const verdict = await verifyLegacy(legacyFile)
    const entries: JournalEntry[] = []
    for (const line of legacyLines) {
      try {
        const parsed: unknown = JSON.parse(line)
        if (isEntry(parsed)) entries.push(parsed)
      } catch {
        // an unreadable line: the verdict names it
      }
    }
    const existing = await readHead()
    if (existing !== 'missing') {
      // The keyed journal exists: this plaintext is what an interrupted move left behind.
      if (existing !== 'forged' && existing.legacy?.entries === entries.length) {
        await rm(legacyFile, { force: true })
        await rm(`${legacyFile}.head`, { force: true })
      } else logger.warn('a journal written before keyed chains lies beside the keyed one and was left as it is')
      return
    }
    const k = keysOrThrow()
    let prev = GENESIS
    const lines: string[] = []
    entries.forEach((old, i) => {
      const { hash: _hash, ...fields } = old
      void _hash
      const base: Omit<JournalEntry, 'hash'> = { ...fields, seq: i + 1, prev }
      const entry: JournalEntry = { ...base, hash: entryMac(k.chain, base) }
      prev = entry.hash
      lines.push(sealLine(k, entry))
    })
    const legacy: LegacyRecord = { entries: entries.length, movedAt: new Date(now()).toISOString() }
    if (!verdict.ok) legacy.problem = { line: verdict.line, ...(verdict.seq !== undefined ? { seq: verdict.seq } : {}), reason: verdict.reason }
    // Head first: a crash before the journal is written leaves no keyed journal, so the move runs again.
    await writeHead(k, { count: entries.length, last: prev, legacy })
    await writeFileAtomic(file, lines.map((l) => `${l}\n`).join(''))
    await rm(legacyFile, { force: true })
    await rm(`${legacyFile}.head`, { force: true })
    logger.info('moved the journal written before keyed chains under the vault key', { entries: entries.length, chainIntact: verdict.ok })
  }

  /** Entries and trusted head, decrypted (LOCKED while locked). Moves a plaintext journal first. */
  const ready = async (): Promise<{ entries: JournalEntry[]; head: Head | undefined }> => {
    keysOrThrow()
    if (loaded) return loaded
    if ((await readLines(legacyFile)).length > 0 || (await readJson(`${legacyFile}.head`)) !== undefined) await moveLegacy()
    const lines = await readLines(file)
    const found = await readHead()
    const k = keysOrThrow()
    const entries: JournalEntry[] = []
    for (const line of lines) {
      const opened = openLine(k, line)
      // An unreadable line: verify() names it; the chain continues from the last readable entry.
      if ('entry' in opened) entries.push(opened.entry)
    }
    const last = entries[entries.length - 1]
    const problem = headProblem(found, lines.length, last?.hash ?? GENESIS)
    let head = typeof found === 'object' ? found : undefined
    // A signed head that counts more entries than remain is kept as it is: the next entry continues
    // from it (see write). Any other finding goes into every later head, so no append can make the
    // journal look right again.
    if (problem && !(head && head.count > lines.length)) {
      head = { count: last?.seq ?? 0, last: last?.hash ?? GENESIS, ...(head?.legacy ? { legacy: head.legacy } : {}), broken: problem.reason }
    }
    loaded = { entries, head }
    return loaded
  }

  const write = async (input: JournalInput & { at: string }): Promise<JournalEntry> => {
    const state = await ready()
    const k = keysOrThrow()
    const last = state.entries[state.entries.length - 1]
    // Continue from what the head says was written: entries cut off the end leave a gap that shows.
    const headAhead = state.head !== undefined && state.head.count > (last?.seq ?? 0)
    const base: Omit<JournalEntry, 'hash'> = {
      seq: (headAhead ? (state.head as Head).count : (last?.seq ?? 0)) + 1,
      at: input.at,
      user: clean(input.user) ?? '',
      connectionId: input.connectionId,
      provider: input.provider,
      action: input.action,
      object: {
        type: input.object.type,
        id: input.object.id,
        ...(input.object.name !== undefined ? { name: clean(input.object.name) as string } : {})
      },
      ...(input.requestId ? { requestId: input.requestId } : {}),
      result: input.result,
      ...(input.detail ? { detail: clean(input.detail) as string } : {}),
      prev: headAhead ? (state.head as Head).last : (last?.hash ?? GENESIS)
    }
    const entry: JournalEntry = { ...base, hash: entryMac(k.chain, base) }
    const head: Head = { count: entry.seq, last: entry.hash }
    if (state.head?.legacy) head.legacy = state.head.legacy
    const broken = state.head?.broken ?? (headAhead ? `The journal ended early before entry ${entry.seq} was written: ${(state.head as Head).count} entries had been written, ${state.entries.length} remained.` : undefined)
    if (broken) head.broken = broken
    const line = sealLine(k, entry)
    const headText = JSON.stringify({ ...head, mac: headMac(k.head, head) })
    await mkdir(dirname(file), { recursive: true, mode: 0o700 })
    const handle = await open(file, 'a', 0o600)
    try {
      await handle.write(`${line}\n`)
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await writeFileAtomic(headFile, headText)
    state.entries.push(entry)
    state.head = head
    return entry
  }

  const writeWaiting = async (): Promise<void> => {
    while (waiting.length > 0) {
      await write(waiting[0] as JournalInput & { at: string })
      waiting.shift()
    }
  }

  const stopLock = options.keys.onLock(forget)
  // A reset vault's keys are gone: its journal is set aside (as the vault file is), and a new one
  // starts with the new vault.
  const stopReset = options.keys.onReset(() => {
    if (waiting.length > 0) logger.error(`${waiting.length} activity-journal entries were dropped: the vault was reset before they could be written`)
    waiting.length = 0
    serial(async () => {
      const stamp = Date.now()
      for (const path of [file, headFile]) {
        await rename(path, `${path}.discarded-${stamp}`).catch((err: unknown) => {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
        })
      }
    }).catch((err: unknown) => logger.error('the journal of the reset vault could not be set aside', { err }))
  })
  // The first unlock moves a plaintext journal under the key; every unlock writes what waited.
  const stopUnlock = options.keys.onUnlock(() => {
    serial(async () => {
      await ready()
      await writeWaiting()
    }).catch((err: unknown) => {
      if (!isLocked(err)) logger.error('the activity journal could not be opened after unlock', { err })
    })
  })

  return {
    file,
    get waiting() {
      return waiting.length
    },

    append(input) {
      const item = { ...input, at: input.at ?? new Date(now()).toISOString() }
      return serial(async () => {
        try {
          await writeWaiting()
          return await write(item)
        } catch (err) {
          if (!isLocked(err)) throw err
          waiting.push(item)
          return null
        }
      })
    },

    list(opts = {}) {
      return serial(async () => {
        const { entries } = await ready()
        const offset = opts.offset ?? 0
        const limit = opts.limit ?? 100
        const matching = opts.connectionId ? entries.filter((e) => e.connectionId === opts.connectionId) : entries
        const newestFirst: JournalEntry[] = []
        for (let i = matching.length - 1 - offset; i >= 0 && newestFirst.length < limit; i--) {
          const e = matching[i]
          if (e) newestFirst.push(e)
        }
        return { entries: newestFirst, total: matching.length, offset }
      })
    },

    verify() {
      return serial(async (): Promise<JournalVerdict> => {
        try {
          keysOrThrow()
        } catch (err) {
          // Locked: a journal not yet moved under the key can still be checked the way it was written.
          if (isLocked(err) && (await readLines(file)).length === 0 && (await readLines(legacyFile)).length > 0) {
            const verdict = await verifyLegacy(legacyFile)
            return {
              ...verdict,
              note: 'Written before keyed chains: checked with its SHA-256 chain only, which anyone who can write the file can recompute. It moves under the vault key at the next unlock.'
            }
          }
          throw err
        }
        await ready()
        const lines = await readLines(file)
        const k = keysOrThrow()
        let prev = GENESIS
        for (let i = 0; i < lines.length; i++) {
          const line = i + 1
          const opened = openLine(k, lines[i] ?? '')
          if ('problem' in opened) return { ok: false, entries: lines.length, line, reason: opened.problem }
          const { entry } = opened
          const seq = entry.seq
          if (!sameHex(entry.hash, entryMac(k.chain, entry))) {
            return { ok: false, entries: lines.length, line, seq, reason: 'The entry was changed after it was written (its MAC does not match).' }
          }
          if (!sameHex(entry.prev, prev)) {
            return { ok: false, entries: lines.length, line, seq, reason: 'The entry does not follow the one before it: an entry was removed, inserted or moved.' }
          }
          if (seq !== line) return { ok: false, entries: lines.length, line, seq, reason: `Entry ${seq} is on line ${line}: entries were removed or moved.` }
          prev = entry.hash
        }
        const head = await readHead()
        const problem = headProblem(head, lines.length, prev)
        if (problem) return problem
        if (typeof head === 'object' && head.broken) return { ok: false, entries: lines.length, line: head.count, reason: head.broken }
        const legacy = typeof head === 'object' ? head.legacy : undefined
        if (legacy?.problem) {
          const { line, seq, reason } = legacy.problem
          return {
            ok: false,
            entries: lines.length,
            line,
            ...(seq !== undefined ? { seq } : {}),
            reason: `${reason} (Written before keyed chains; found when the journal was moved under the vault key on ${legacy.movedAt}.)`
          }
        }
        if (legacy && legacy.entries > 0) {
          return {
            ok: true,
            entries: lines.length,
            note: `Entries 1–${legacy.entries} were written before keyed chains: their SHA-256 chain was intact when they were moved under the vault key on ${legacy.movedAt}.`
          }
        }
        return { ok: true, entries: lines.length }
      })
    },

    async dispose() {
      stopLock()
      stopUnlock()
      stopReset()
      await queue
      if (waiting.length > 0) {
        logger.error(`${waiting.length} activity-journal entries were not written: their change ended while the vault was locked and Backdesk stopped before the next unlock`)
      }
      forget()
    }
  }
}

function isLocked(err: unknown): boolean {
  return err instanceof AppError && err.code === 'LOCKED'
}
