// The activity journal: one JSON line per change made at a provider, append-only, hash-chained.
//
//   line n = JSON of { seq: n, at, user, connectionId, provider, action, object, requestId?, result,
//                      detail?, prev: hash(line n-1) | 64 zeros, hash }
//   hash   = SHA-256 of the canonical JSON of the entry without `hash` (fixed key order).
//
// Editing a line breaks its own hash; deleting or reordering lines breaks the next line's `prev`
// (or its seq); cutting lines off the end is caught by the head file, which records the last seq
// and hash after every append. `verify()` names the first line that does not fit.

import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { JournalEntry, JournalPage, JournalVerdict } from '../../../shared/contract/journal.contract'
import type { SecretRegistry } from '../log/redact'

export const GENESIS = '0'.repeat(64)

export type JournalInput = Omit<JournalEntry, 'seq' | 'at' | 'prev' | 'hash'> & { at?: string }

export interface ActivityJournal {
  readonly file: string
  append(input: JournalInput): Promise<JournalEntry>
  list(options?: { connectionId?: string | undefined; offset?: number; limit?: number }): Promise<JournalPage>
  verify(): Promise<JournalVerdict>
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

export function entryHash(entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
  return createHash('sha256').update(canonical(entry)).digest('hex')
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

interface Head {
  seq: number
  hash: string
}

export function createActivityJournal(options: {
  dataDir: string
  secrets?: SecretRegistry
  now?: () => number
  fileName?: string
}): ActivityJournal {
  const file = join(options.dataDir, options.fileName ?? 'activity-journal.jsonl')
  const headFile = `${file}.head`
  const now = options.now ?? Date.now
  let entries: JournalEntry[] | undefined
  let lastHash = GENESIS
  let lastSeq = 0
  let queue: Promise<unknown> = Promise.resolve()

  const readLines = async (): Promise<string[]> => {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
    const lines = text.split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    return lines
  }

  const readHead = async (): Promise<Head | undefined> => {
    try {
      const head = JSON.parse(await readFile(headFile, 'utf8')) as Partial<Head>
      return typeof head.seq === 'number' && typeof head.hash === 'string' ? { seq: head.seq, hash: head.hash } : undefined
    } catch {
      return undefined
    }
  }

  const load = async (): Promise<JournalEntry[]> => {
    if (entries) return entries
    const loaded: JournalEntry[] = []
    for (const line of await readLines()) {
      try {
        const parsed: unknown = JSON.parse(line)
        if (isEntry(parsed)) loaded.push(parsed)
      } catch {
        // A damaged line: verify() reports it; the chain continues from the last readable entry.
      }
    }
    const last = loaded[loaded.length - 1]
    if (last) {
      lastHash = last.hash
      lastSeq = last.seq
    }
    entries = loaded
    return loaded
  }

  const clean = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined
    const redacted = options.secrets ? options.secrets.redactText(text) : text
    return redacted.length > 500 ? `${redacted.slice(0, 497)}…` : redacted
  }

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  return {
    file,
    append(input) {
      return serial(async () => {
        const list = await load()
        const base: Omit<JournalEntry, 'hash'> = {
          seq: lastSeq + 1,
          at: input.at ?? new Date(now()).toISOString(),
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
          prev: lastHash
        }
        const entry: JournalEntry = { ...base, hash: entryHash(base) }
        await mkdir(dirname(file), { recursive: true, mode: 0o700 })
        const handle = await open(file, 'a', 0o600)
        try {
          await handle.write(`${JSON.stringify(entry)}\n`)
          await handle.datasync()
        } finally {
          await handle.close()
        }
        const tmp = `${headFile}.tmp`
        await writeFile(tmp, JSON.stringify({ seq: entry.seq, hash: entry.hash }), { mode: 0o600 })
        await rename(tmp, headFile)
        list.push(entry)
        lastHash = entry.hash
        lastSeq = entry.seq
        return entry
      })
    },

    list(opts = {}) {
      return serial(async () => {
        const list = await load()
        const offset = opts.offset ?? 0
        const limit = opts.limit ?? 100
        const matching = opts.connectionId ? list.filter((e) => e.connectionId === opts.connectionId) : list
        const newestFirst: JournalEntry[] = []
        for (let i = matching.length - 1 - offset; i >= 0 && newestFirst.length < limit; i--) {
          const e = matching[i]
          if (e) newestFirst.push(e)
        }
        return { entries: newestFirst, total: matching.length, offset }
      })
    },

    verify() {
      return serial(async () => {
        const lines = await readLines()
        let prev = GENESIS
        for (let i = 0; i < lines.length; i++) {
          const line = i + 1
          let parsed: unknown
          try {
            parsed = JSON.parse(lines[i] ?? '')
          } catch {
            return { ok: false as const, entries: lines.length, line, reason: 'The line is not readable JSON (edited or damaged).' }
          }
          if (!isEntry(parsed)) return { ok: false as const, entries: lines.length, line, reason: 'The line is not a journal entry.' }
          const seq = parsed.seq
          if (parsed.hash !== entryHash(parsed)) {
            return { ok: false as const, entries: lines.length, line, seq, reason: 'The entry was changed after it was written (its hash does not match).' }
          }
          if (parsed.prev !== prev) {
            return {
              ok: false as const,
              entries: lines.length,
              line,
              seq,
              reason: 'The entry does not follow the one before it: an entry was removed, inserted or moved.'
            }
          }
          if (seq !== line) {
            return { ok: false as const, entries: lines.length, line, seq, reason: `Entry ${seq} is on line ${line}: entries were removed or moved.` }
          }
          prev = parsed.hash
        }
        const head = await readHead()
        if (head && head.seq > lines.length) {
          return {
            ok: false as const,
            entries: lines.length,
            line: lines.length + 1,
            reason: `The journal ends early: ${head.seq} entries were written, ${lines.length} remain.`
          }
        }
        if (head && head.seq === lines.length && head.hash !== prev) {
          return { ok: false as const, entries: lines.length, line: lines.length, seq: head.seq, reason: 'The last entry was replaced after it was written.' }
        }
        return { ok: true as const, entries: lines.length }
      })
    }
  }
}
