import { describe, expect, it } from 'vitest'
import type { JournalEntry, JournalPage } from '../../../src/shared/contract/journal.contract'
import { createAppStore } from '../../../src/renderer/src/store'
import { JOURNAL_PAGE, selectJournalHasOlder } from '../../../src/renderer/src/store/activity.slice'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const entry = (seq: number, connectionId = 'c1'): JournalEntry => ({
  seq,
  at: `2026-03-04T10:${String(seq % 60).padStart(2, '0')}:00Z`,
  user: 'tech',
  connectionId,
  provider: 'cloudback',
  action: 'update',
  object: { type: 'definition', id: `d${seq}` },
  result: 'ok',
  prev: '0'.repeat(64),
  hash: String(seq).padStart(64, '0')
})

/** A journal of `count` entries (seq 1…count) answered newest first, page by page, like main. */
function journalOf(count: number, connectionOf: (seq: number) => string = () => 'c1') {
  const all = Array.from({ length: count }, (_, i) => entry(count - i, connectionOf(count - i)))
  return (input: { connectionId?: string; offset?: number; limit?: number } | undefined): JournalPage => {
    const scoped = input?.connectionId ? all.filter((e) => e.connectionId === input.connectionId) : all
    const offset = input?.offset ?? 0
    return { entries: scoped.slice(offset, offset + (input?.limit ?? 100)), total: scoped.length, offset }
  }
}

describe('activity slice', () => {
  it('reads the newest page of every connection or of one, and pages older entries without repeats', async () => {
    const bridge = installFakeBridge({ 'journal.list': journalOf(JOURNAL_PAGE + 5, (seq) => (seq % 2 ? 'c1' : 'c2')) })
    const store = createAppStore()
    await store.getState().loadJournal()
    expect(bridge.callsTo('journal.list')).toEqual([{ offset: 0, limit: JOURNAL_PAGE }])
    expect(store.getState().journal.value).toMatchObject({ scope: '', total: JOURNAL_PAGE + 5 })
    expect(store.getState().journal.value?.entries[0]?.seq).toBe(JOURNAL_PAGE + 5)
    expect(selectJournalHasOlder(store.getState())).toBe(true)
    await store.getState().loadOlderJournal()
    expect(store.getState().journal.value?.entries.map((e) => e.seq)).toEqual(Array.from({ length: JOURNAL_PAGE + 5 }, (_, i) => JOURNAL_PAGE + 5 - i))
    expect(selectJournalHasOlder(store.getState())).toBe(false)

    await store.getState().loadJournal('c2')
    expect(bridge.callsTo('journal.list').at(-1)).toEqual({ connectionId: 'c2', offset: 0, limit: JOURNAL_PAGE })
    const value = store.getState().journal.value
    expect(value?.scope).toBe('c2')
    expect(value?.entries.every((e) => e.connectionId === 'c2')).toBe(true)
    expect(value?.total).toBe(Math.floor((JOURNAL_PAGE + 5) / 2))
  })

  it('keeps an entry once when new ones shift the pages while older ones are read', async () => {
    let count = JOURNAL_PAGE + 3
    installFakeBridge({ 'journal.list': (input) => journalOf(count)(input) })
    const store = createAppStore()
    await store.getState().loadJournal()
    count += 2
    await store.getState().loadOlderJournal()
    const seqs = store.getState().journal.value?.entries.map((e) => e.seq) ?? []
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(seqs.at(-1)).toBe(1)
  })

  it('lets only the read asked for last count, and keeps no other scope’s entries after a failed read', async () => {
    const slow = deferred<JournalPage>()
    let fail = false
    const bridge = installFakeBridge({
      'journal.list': (input) => {
        if (fail) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return input?.connectionId === 'c1' ? slow.promise : journalOf(3)(input)
      }
    })
    const store = createAppStore()
    const first = store.getState().loadJournal('c1')
    expect(store.getState().journal.loading).toBe(true)
    await store.getState().loadJournal()
    slow.resolve({ entries: [entry(9)], total: 1, offset: 0 })
    await first
    expect(store.getState().journal).toMatchObject({ loading: false, value: { scope: '', total: 3 } })

    fail = true
    await store.getState().refreshJournal()
    expect(store.getState().journal).toMatchObject({ loading: false, error: 'The vault is locked.', value: { scope: '', total: 3 } })
    await store.getState().loadJournal('c2')
    expect(store.getState().journal.value).toBeUndefined()
    expect(store.getState().journal.error).toBe('The vault is locked.')
    fail = false
    await store.getState().refreshJournal()
    expect(bridge.callsTo('journal.list').at(-1)).toEqual({ connectionId: 'c2', offset: 0, limit: JOURNAL_PAGE })
    expect(store.getState().journal).toMatchObject({ loading: false, value: { scope: 'c2', total: 0 } })
    expect(store.getState().journal.error).toBeUndefined()
  })

  it('refreshes nothing before a screen asked for the journal', async () => {
    const bridge = installFakeBridge({ 'journal.list': journalOf(1) })
    await createAppStore().getState().refreshJournal()
    expect(bridge.callsTo('journal.list')).toEqual([])
  })

  it('checks the chain once at a time and keeps the verdict or says why it could not', async () => {
    const answer = deferred<{ ok: true; entries: number }>()
    let fail = false
    const bridge = installFakeBridge({
      'journal.verify': () => {
        if (fail) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return answer.promise
      }
    })
    const store = createAppStore()
    const first = store.getState().verifyJournal()
    const again = store.getState().verifyJournal()
    expect(store.getState().journalVerdict.loading).toBe(true)
    answer.resolve({ ok: true, entries: 4 })
    await Promise.all([first, again])
    expect(bridge.callsTo('journal.verify')).toHaveLength(1)
    expect(store.getState().journalVerdict).toMatchObject({ loading: false, value: { ok: true, entries: 4 } })
    fail = true
    await store.getState().verifyJournal()
    expect(store.getState().journalVerdict).toMatchObject({ loading: false, error: 'The vault is locked.' })
  })
})
