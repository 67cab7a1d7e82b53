import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createActivityJournal, entryHash, GENESIS, type ActivityJournal } from '../../../src/main/core/journal/activity-journal'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import type { JournalEntry } from '../../../src/shared/contract/journal.contract'

let dir: string
let journal: ActivityJournal

async function fill(j: ActivityJournal, n: number): Promise<JournalEntry[]> {
  const out: JournalEntry[] = []
  for (let i = 1; i <= n; i++) {
    out.push(
      await j.append({
        user: 'tech@example.com',
        connectionId: i % 2 ? 'a' : 'b',
        provider: 'cloutility',
        action: 'update',
        object: { type: 'consumptionUnit', id: String(1000 + i), name: `WS-${i}` },
        requestId: `req-${i}`,
        result: 'ok'
      })
    )
  }
  return out
}

const lines = () => readFileSync(journal.file, 'utf8').split('\n').filter(Boolean)
const writeLines = (ls: string[]) => writeFileSync(journal.file, `${ls.join('\n')}\n`)
/** A fresh journal object over the same files (as after a restart). */
const reopen = () => createActivityJournal({ dataDir: dir })

describe('activity journal', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-journal-'))
    journal = createActivityJournal({ dataDir: dir })
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('chains entries: each carries the hash of the one before', async () => {
    const entries = await fill(journal, 4)
    expect(entries[0]?.prev).toBe(GENESIS)
    for (let i = 1; i < entries.length; i++) expect(entries[i]?.prev).toBe(entries[i - 1]?.hash)
    for (const e of entries) expect(e.hash).toBe(entryHash(e))
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(await journal.verify()).toEqual({ ok: true, entries: 4 })
  })

  it('continues the chain after a restart and serialises concurrent appends', async () => {
    await fill(journal, 2)
    const again = reopen()
    await Promise.all([fill(again, 3), fill(again, 3)])
    expect(await again.verify()).toEqual({ ok: true, entries: 8 })
    const page = await again.list({ limit: 3 })
    expect(page.total).toBe(8)
    expect(page.entries.map((e) => e.seq)).toEqual([8, 7, 6])
    const onlyA = await again.list({ connectionId: 'a', offset: 1, limit: 100 })
    expect(onlyA.entries.every((e) => e.connectionId === 'a')).toBe(true)
    expect(onlyA.entries.length).toBe(onlyA.total - 1)
  })

  it('names an edited entry', async () => {
    await fill(journal, 5)
    const ls = lines()
    ls[2] = (ls[2] as string).replace('"result":"ok"', '"result":"CONFLICT"')
    writeLines(ls)
    expect(await reopen().verify()).toMatchObject({ ok: false, line: 3, seq: 3, reason: expect.stringMatching(/changed/) })
  })

  it('names an edited entry even when its own hash was recomputed', async () => {
    await fill(journal, 5)
    const ls = lines()
    const e = JSON.parse(ls[1] as string) as JournalEntry
    const forged = { ...e, user: 'someone-else' }
    forged.hash = entryHash(forged)
    ls[1] = JSON.stringify(forged)
    writeLines(ls)
    // Line 2 is self-consistent now, but line 3 no longer follows it.
    expect(await reopen().verify()).toMatchObject({ ok: false, line: 3 })
  })

  it('names the entry after a deleted one', async () => {
    await fill(journal, 5)
    const ls = lines()
    ls.splice(1, 1)
    writeLines(ls)
    expect(await reopen().verify()).toMatchObject({ ok: false, line: 2, seq: 3, reason: expect.stringMatching(/removed|moved/) })
  })

  it('names the first moved entry when lines are reordered', async () => {
    await fill(journal, 5)
    const ls = lines()
    const [a, b] = [ls[2] as string, ls[3] as string]
    ls[2] = b
    ls[3] = a
    writeLines(ls)
    expect(await reopen().verify()).toMatchObject({ ok: false, line: 3, seq: 4 })
  })

  it('notices entries cut off the end (the head file remembers the last one)', async () => {
    await fill(journal, 5)
    writeLines(lines().slice(0, 3))
    expect(await reopen().verify()).toMatchObject({ ok: false, line: 4, reason: expect.stringMatching(/5 entries were written, 3 remain/) })
  })

  it('names an unreadable line', async () => {
    await fill(journal, 3)
    const ls = lines()
    ls[0] = `${(ls[0] as string).slice(0, 20)}`
    writeLines(ls)
    expect(await reopen().verify()).toMatchObject({ ok: false, line: 1 })
  })

  it('never keeps a registered secret in what it writes', async () => {
    const secrets = new SecretRegistry()
    secrets.add('Sup3r-Secret-Node-Pw')
    const j = createActivityJournal({ dataDir: dir, secrets, fileName: 'other.jsonl' })
    await j.append({
      user: 'tech',
      connectionId: 'a',
      provider: 'cloutility',
      action: 'changePassword',
      object: { type: 'node', id: '1', name: 'NODE1' },
      result: 'VALIDATION',
      detail: 'provider said: Sup3r-Secret-Node-Pw is too weak'
    })
    const text = readFileSync(j.file, 'utf8')
    expect(text).not.toContain('Sup3r-Secret-Node-Pw')
    expect(await j.verify()).toEqual({ ok: true, entries: 1 })
  })
})
