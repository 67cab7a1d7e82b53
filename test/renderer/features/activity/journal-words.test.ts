import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../../src/shared/contract/journal.contract'
import {
  journalActionText,
  journalActionTitle,
  journalObjectText,
  journalProviderLabel,
  journalResultText,
  journalResultTitle,
  verdictWords
} from '../../../../src/renderer/src/features/activity/journal-words'

// How the Activity screen says a journal entry: each provider's words through the registry.
const base = { at: '2026-03-04T10:00:00Z', user: 'tech', result: 'ok', prev: '0'.repeat(64), hash: '1'.repeat(64) }
const entries: JournalEntry[] = [
  { ...base, seq: 3, connectionId: 'c3', provider: 'cloudback', action: 'update', object: { type: 'definition', id: 'github|acme|repository|site', name: 'acme/site' } },
  { ...base, seq: 2, connectionId: 'c2', provider: 'cloudally', action: 'restore', object: { type: 'backupTask', id: 't-1', name: 'Mailboxes' }, requestId: 'req-42' },
  { ...base, seq: 1, connectionId: 'c1', provider: 'cloutility', action: 'changePassword', object: { type: 'node', id: '7' }, result: 'NOT_FOUND', detail: 'node gone' }
]
const [definition, restore, password] = entries as [JournalEntry, JournalEntry, JournalEntry]

describe('journal words', () => {
  it('shows each provider’s actions and objects in its own words, the code in the tooltip', () => {
    expect(journalActionText(restore)).toBe('Requested a restore')
    expect(journalActionTitle(restore)).toBe('Requested a restore (restore)')
    expect(journalObjectText(restore)).toBe('Backup task “Mailboxes” #t-1')
    expect(journalActionText(definition)).toBe('Changed the backup settings')
    expect(journalActionText(password)).toBe('Changed the node password')
    expect(journalObjectText(password)).toBe('Node #7')
    expect(journalProviderLabel(restore)).toBe('CloudAlly')
    // An action no provider names, and an unknown provider, still read.
    expect(journalActionText({ ...restore, action: 'pause' })).toBe('pause')
    expect(journalProviderLabel({ ...restore, provider: 'elsewhere' })).toBe('elsewhere')
  })

  it('says results in words: OK, or the error code spaced out', () => {
    expect(journalResultText(restore)).toBe('OK')
    expect(journalResultText(password)).toBe('Not found')
    expect(journalResultTitle(password)).toBe('Not found (NOT_FOUND)')
  })

  it('puts the chain check’s verdict in plain words', () => {
    expect(verdictWords({ ok: true, entries: 1 })).toBe('The journal is intact: none of its 1 entry was edited, removed or reordered since Backdesk wrote it.')
    expect(verdictWords({ ok: true, entries: 5, note: 'Two entries predate keyed chains.' })).toMatch(/5 entries .* Two entries predate keyed chains\.$/)
    const broken = verdictWords({ ok: false, entries: 5, line: 3, seq: 3, reason: 'hash does not match' })
    expect(broken).toContain('changed outside Backdesk')
    expect(broken).toContain('line 3 (entry 3)')
    expect(broken).toContain('hash does not match')
  })
})
