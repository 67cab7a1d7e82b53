import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createActivityJournal,
  entryHash,
  entryMac,
  GENESIS,
  JOURNAL_KEY_PURPOSES,
  LEGACY_JOURNAL_FILE,
  type ActivityJournal
} from '../../../src/main/core/journal/activity-journal'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import { open as openBox, seal } from '../../../src/main/core/vault/crypto'
import type { JournalEntry } from '../../../src/shared/contract/journal.contract'
import { vaultIn, type KeyedVaultHandle } from '../storage/vault-keys'

let dir: string
let handle: KeyedVaultHandle
let journal: ActivityJournal
const journals: ActivityJournal[] = []

function open(h: KeyedVaultHandle, extra: { secrets?: SecretRegistry } = {}): ActivityJournal {
  const j = createActivityJournal({ dataDir: dir, keys: h.keys, ...extra })
  journals.push(j)
  return j
}

const input = (i: number) => ({
  user: 'tech@example.com',
  connectionId: i % 2 ? 'conn-a' : 'conn-b',
  provider: 'cloutility',
  action: 'update',
  object: { type: 'consumptionUnit', id: String(1000 + i), name: `Northwind-WS-${i}` },
  requestId: `req-${i}`,
  result: 'ok'
})

async function fill(j: ActivityJournal, n: number, from = 1): Promise<JournalEntry[]> {
  const out: JournalEntry[] = []
  for (let i = from; i < from + n; i++) {
    const entry = await j.append(input(i))
    if (!entry) throw new Error('the vault is locked')
    out.push(entry)
  }
  return out
}

const lines = () => readFileSync(journal.file, 'utf8').split('\n').filter(Boolean)
const writeLines = (ls: string[]) => writeFileSync(journal.file, ls.length ? `${ls.join('\n')}\n` : '')
const key = (purpose: string) => handle.vault.deriveKey(purpose)

/** What someone holding the seal key but not the chain key could do: open a line… */
function openLine(line: string): JournalEntry {
  const raw = Buffer.from((JSON.parse(line) as { box: string }).box, 'base64')
  const plain = openBox(key(JOURNAL_KEY_PURPOSES.seal), { iv: raw.subarray(0, 12), tag: raw.subarray(12, 28), ct: raw.subarray(28) }, Buffer.from('backdesk-journal/v2'))
  return JSON.parse(plain.toString('utf8')) as JournalEntry
}
/** …and seal one. */
function sealLine(entry: JournalEntry): string {
  const box = seal(key(JOURNAL_KEY_PURPOSES.seal), Buffer.from(JSON.stringify(entry)), Buffer.from('backdesk-journal/v2'))
  return JSON.stringify({ box: Buffer.concat([box.iv, box.tag, box.ct]).toString('base64') })
}

/** A fresh vault and journal over the same folder, as after a restart (locked until unlock()). */
async function restart(): Promise<{ h: KeyedVaultHandle; j: ActivityJournal }> {
  handle.vault.dispose()
  const h = await vaultIn(dir)
  return { h, j: open(h) }
}

/** A journal as versions before keyed chains wrote it: plaintext, SHA-256 chained, with its head. */
function writeLegacyJournal(n: number): JournalEntry[] {
  let prev = GENESIS
  const entries: JournalEntry[] = []
  for (let i = 1; i <= n; i++) {
    const base = { seq: i, at: `2026-10-0${i}T10:00:00.000Z`, ...input(i), prev }
    const entry: JournalEntry = { ...base, hash: entryHash(base) }
    prev = entry.hash
    entries.push(entry)
  }
  writeFileSync(join(dir, LEGACY_JOURNAL_FILE), entries.map((e) => `${JSON.stringify(e)}\n`).join(''))
  writeFileSync(join(dir, `${LEGACY_JOURNAL_FILE}.head`), JSON.stringify({ seq: n, hash: prev }))
  return entries
}

function dataFolderText(): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n')
}

describe('activity journal', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-journal-'))
    handle = await vaultIn(dir)
    await handle.unlock()
    journal = open(handle)
  })
  afterEach(async () => {
    await Promise.all(journals.splice(0).map((j) => j.dispose()))
    handle.vault.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('chains entries by a keyed MAC of the one before, not a hash anyone can recompute', async () => {
    const entries = await fill(journal, 4)
    expect(entries[0]?.prev).toBe(GENESIS)
    for (let i = 1; i < entries.length; i++) expect(entries[i]?.prev).toBe(entries[i - 1]?.hash)
    const chainKey = key(JOURNAL_KEY_PURPOSES.chain)
    for (const e of entries) {
      expect(e.hash).toBe(entryMac(chainKey, e))
      expect(e.hash).not.toBe(entryHash(e))
    }
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(await journal.verify()).toEqual({ ok: true, entries: 4 })
  })

  it('keeps entries sealed: no customer name, user, request id or connection in the files', async () => {
    await fill(journal, 3)
    const text = dataFolderText()
    for (const plain of ['Northwind', 'tech@example.com', 'req-1', 'conn-a', 'consumptionUnit']) expect(text).not.toContain(plain)
  })

  it('stays intact across lock/unlock and a restart, and serialises concurrent appends', async () => {
    await fill(journal, 2)
    handle.vault.lock()
    await handle.unlock()
    await Promise.all([fill(journal, 3, 3), fill(journal, 3, 6)])
    expect(await journal.verify()).toEqual({ ok: true, entries: 8 })

    const { h, j } = await restart()
    await expect(j.verify()).rejects.toMatchObject({ code: 'LOCKED' })
    await h.unlock()
    handle = h
    expect(await j.verify()).toEqual({ ok: true, entries: 8 })
    await fill(j, 1, 9)
    expect(await j.verify()).toEqual({ ok: true, entries: 9 })
    const page = await j.list({ limit: 3 })
    expect(page.total).toBe(9)
    expect(page.entries.map((e) => e.seq)).toEqual([9, 8, 7])
    const onlyA = await j.list({ connectionId: 'conn-a', offset: 1, limit: 100 })
    expect(onlyA.entries.every((e) => e.connectionId === 'conn-a')).toBe(true)
    expect(onlyA.entries.length).toBe(onlyA.total - 1)
  })

  it('reads nothing while locked, and writes a change that ended while locked at the next unlock', async () => {
    await fill(journal, 2)
    handle.vault.lock()
    await expect(journal.list()).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(journal.verify()).rejects.toMatchObject({ code: 'LOCKED' })
    expect(await journal.append({ ...input(3), at: '2026-11-01T09:00:00.000Z' })).toBeNull()
    expect(journal.waiting).toBe(1)
    expect(lines()).toHaveLength(2)

    await handle.unlock()
    const page = await journal.list()
    expect(page.entries[0]).toMatchObject({ seq: 3, at: '2026-11-01T09:00:00.000Z', object: { name: 'Northwind-WS-3' } })
    expect(journal.waiting).toBe(0)
    expect(await journal.verify()).toEqual({ ok: true, entries: 3 })
  })

  it('names an entry rewritten with a recomputed unkeyed chain, even by someone who can seal lines', async () => {
    await fill(journal, 5)
    const ls = lines()
    // Change entry 3 and recompute the SHA-256 chain from there on, the way the unkeyed journal allowed.
    const entries = ls.map(openLine)
    entries[2] = { ...entries[2]!, result: 'CONFLICT' }
    for (let i = 2; i < entries.length; i++) {
      const base = { ...entries[i]!, prev: i === 0 ? GENESIS : entries[i - 1]!.hash }
      entries[i] = { ...base, hash: entryHash(base) }
    }
    writeLines(entries.map(sealLine))
    expect(await journal.verify()).toMatchObject({ ok: false, line: 3, seq: 3, reason: expect.stringMatching(/MAC does not match/) })
  })

  it('names a line replaced by a plaintext entry with a recomputed unkeyed chain', async () => {
    await fill(journal, 3)
    const ls = lines()
    const forged = { ...openLine(ls[1]!), user: 'someone-else' }
    forged.hash = entryHash(forged)
    ls[1] = JSON.stringify(forged)
    writeLines(ls)
    expect(await journal.verify()).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/not a journal entry/) })
  })

  it('names a line changed byte by byte', async () => {
    await fill(journal, 3)
    const ls = lines()
    const box = (JSON.parse(ls[1]!) as { box: string }).box
    const raw = Buffer.from(box, 'base64')
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
    ls[1] = JSON.stringify({ box: raw.toString('base64') })
    writeLines(ls)
    expect(await journal.verify()).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/cannot be opened/) })
  })

  it('names the entry after a deleted one, and the first moved one', async () => {
    await fill(journal, 5)
    const ls = lines()
    writeLines([ls[0]!, ...ls.slice(2)])
    expect(await journal.verify()).toMatchObject({ ok: false, line: 2, seq: 3, reason: expect.stringMatching(/removed|moved/) })
    writeLines([ls[0]!, ls[1]!, ls[3]!, ls[2]!, ls[4]!])
    expect(await journal.verify()).toMatchObject({ ok: false, line: 3, seq: 4 })
  })

  it('notices entries cut off the end, also once more entries are written after the cut', async () => {
    await fill(journal, 5)
    writeLines(lines().slice(0, 3))
    expect(await journal.verify()).toMatchObject({ ok: false, line: 4, reason: expect.stringMatching(/5 entries were written, 3 remain/) })
    // A restart, then a new change: the cut still shows.
    const { h, j } = await restart()
    await h.unlock()
    handle = h
    await fill(j, 1, 6)
    expect(await j.verify()).toMatchObject({ ok: false, line: 4 })
  })

  it('notices a head file that was removed or rewritten along with a cut', async () => {
    await fill(journal, 5)
    const cut = lines().slice(0, 3)
    writeLines(cut)
    rmSync(`${journal.file}.head`)
    expect(await journal.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/head file is missing/) })
    const third = openLine(cut[2]!)
    writeFileSync(`${journal.file}.head`, JSON.stringify({ count: 3, last: third.hash, mac: entryHash(third) }))
    expect(await journal.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/head file was changed/) })
    // Appending does not make it look right again.
    const { h, j } = await restart()
    await h.unlock()
    handle = h
    await fill(j, 1, 6)
    expect(await j.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/head file was changed/) })
  })

  it('sets the journal of a reset vault aside and starts a new one with the new vault', async () => {
    await fill(journal, 2)
    await handle.vault.reset()
    await handle.unlock() // a new vault: new keys
    expect(await journal.verify()).toEqual({ ok: true, entries: 0 })
    await fill(journal, 1)
    expect(await journal.verify()).toEqual({ ok: true, entries: 1 })
    expect(readdirSync(dir).filter((n) => n.includes('.discarded-')).length).toBeGreaterThanOrEqual(2)
  })

  it('names an unreadable line', async () => {
    await fill(journal, 3)
    const ls = lines()
    ls[0] = ls[0]!.slice(0, 20)
    writeLines(ls)
    expect(await journal.verify()).toMatchObject({ ok: false, line: 1 })
  })

  it('never keeps a registered secret in what it writes', async () => {
    const secrets = new SecretRegistry()
    secrets.add('Sup3r-Secret-Node-Pw')
    rmSync(journal.file, { force: true })
    rmSync(`${journal.file}.head`, { force: true })
    const j = open(handle, { secrets })
    const entry = await j.append({
      user: 'tech',
      connectionId: 'a',
      provider: 'cloutility',
      action: 'changePassword',
      object: { type: 'node', id: '1', name: 'NODE1' },
      result: 'VALIDATION',
      detail: 'provider said: Sup3r-Secret-Node-Pw is too weak'
    })
    expect(entry?.detail).not.toContain('Sup3r-Secret-Node-Pw')
    expect(openLine(lines()[0]!).detail).not.toContain('Sup3r-Secret-Node-Pw')
    expect(await j.verify()).toEqual({ ok: true, entries: 1 })
  })
})

describe('a journal written before keyed chains', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-journal-legacy-'))
    handle = await vaultIn(dir)
    await handle.unlock()
    handle.vault.lock()
  })
  afterEach(async () => {
    await Promise.all(journals.splice(0).map((j) => j.dispose()))
    handle.vault.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is checked as before while locked, moved under the key at the first unlock, and reported as such', async () => {
    const old = writeLegacyJournal(3)
    journal = open(handle)
    expect(await journal.verify()).toMatchObject({ ok: true, entries: 3, note: expect.stringMatching(/^Written before keyed chains/) })

    await handle.unlock()
    const page = await journal.list()
    expect(page.entries.map((e) => [e.seq, e.at, e.object.name])).toEqual(old.map((e) => [e.seq, e.at, e.object.name]).reverse())
    expect(await journal.verify()).toMatchObject({ ok: true, entries: 3, note: expect.stringMatching(/Entries 1–3 were written before keyed chains/) })
    // The plaintext is gone.
    expect(existsSync(join(dir, LEGACY_JOURNAL_FILE))).toBe(false)
    expect(existsSync(join(dir, `${LEGACY_JOURNAL_FILE}.head`))).toBe(false)
    expect(dataFolderText()).not.toContain('Northwind')

    // Keyed from here on, across a restart.
    await fill(journal, 2, 4)
    const { h, j } = await restart()
    await h.unlock()
    handle = h
    expect(await j.verify()).toMatchObject({ ok: true, entries: 5, note: expect.stringMatching(/Entries 1–3/) })
  })

  it('stays reported as broken when it was already broken before the move', async () => {
    writeLegacyJournal(4)
    const path = join(dir, LEGACY_JOURNAL_FILE)
    const ls = readFileSync(path, 'utf8').split('\n').filter(Boolean)
    ls[1] = ls[1]!.replace('"result":"ok"', '"result":"CONFLICT"')
    writeFileSync(path, `${ls.join('\n')}\n`)
    journal = open(handle)
    expect(await journal.verify()).toMatchObject({ ok: false, line: 2, note: expect.stringMatching(/Written before keyed chains/) })
    await handle.unlock()
    expect(await journal.verify()).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/hash does not match.*Written before keyed chains/) })
    expect((await journal.list()).total).toBe(4)
  })

  it('finishes a move that was interrupted: the plaintext left beside the keyed journal is removed', async () => {
    const old = writeLegacyJournal(2)
    journal = open(handle)
    await handle.unlock()
    await journal.list()
    writeLegacyJournal(2)
    const { h, j } = await restart()
    await h.unlock()
    handle = h
    expect((await j.list()).entries.map((e) => e.object.name)).toEqual(old.map((e) => e.object.name).reverse())
    expect(existsSync(join(dir, LEGACY_JOURNAL_FILE))).toBe(false)
  })
})
