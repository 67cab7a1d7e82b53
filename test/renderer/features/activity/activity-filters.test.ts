import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../../src/shared/contract/journal.contract'
import { activityFiltersFromParams, activityParams, filterJournal, type ActivityFilters } from '../../../../src/renderer/src/features/activity/activity-filters'

// The Activity screen's filters: what they keep and what they read from the address.
const base = { at: '2026-03-04T10:00:00Z', user: 'tech', result: 'ok', prev: '0'.repeat(64), hash: '1'.repeat(64) }
const entries: JournalEntry[] = [
  { ...base, seq: 3, connectionId: 'c3', provider: 'cloudback', action: 'update', object: { type: 'definition', id: 'github|acme|repository|site', name: 'acme/site' } },
  { ...base, seq: 2, connectionId: 'c2', provider: 'cloudally', action: 'restore', object: { type: 'backupTask', id: 't-1', name: 'Mailboxes' }, requestId: 'req-42' },
  { ...base, seq: 1, connectionId: 'c1', provider: 'cloutility', action: 'changePassword', object: { type: 'node', id: '7' }, result: 'NOT_FOUND', detail: 'node gone' }
]
const names: Record<string, string> = { c1: 'Stockholm', c2: 'Acme mail', c3: 'Acme code' }
const nameOf = (id: string) => names[id] ?? id

describe('activity filters', () => {
  it('filters by connection, provider, outcome and text (words, codes, ids and details)', () => {
    const none: ActivityFilters = { connection: '', provider: '', outcome: '' }
    const seqs = (f: Partial<ActivityFilters>, text = '') => filterJournal(entries, { ...none, ...f }, text, nameOf).map((e) => e.seq)
    expect(seqs({})).toEqual([3, 2, 1])
    expect(seqs({ connection: 'c2' })).toEqual([2])
    expect(seqs({ provider: 'cloudback' })).toEqual([3])
    expect(seqs({ outcome: 'ok' })).toEqual([3, 2])
    expect(seqs({ outcome: 'failed' })).toEqual([1])
    expect(seqs({}, 'acme')).toEqual([3, 2])
    expect(seqs({}, 'REQUESTED A')).toEqual([2])
    expect(seqs({}, 'changePassword')).toEqual([1])
    expect(seqs({}, 'req-42')).toEqual([2])
    expect(seqs({}, 'not found')).toEqual([1])
    expect(seqs({}, 'node gone')).toEqual([1])
    expect(seqs({ provider: 'cloudally' }, 'stockholm')).toEqual([])
  })

  it('reads filters from the address and writes only the ones set', () => {
    expect(activityFiltersFromParams({ connection: 'c2', outcome: 'failed' })).toEqual({ connection: 'c2', provider: '', outcome: 'failed' })
    expect(activityFiltersFromParams({ outcome: 'maybe' }).outcome).toBe('')
    expect(activityFiltersFromParams(undefined)).toEqual({ connection: '', provider: '', outcome: '' })
    expect(activityParams({ connection: 'c2', provider: '', outcome: 'ok' })).toEqual({ connection: 'c2', outcome: 'ok' })
  })
})
