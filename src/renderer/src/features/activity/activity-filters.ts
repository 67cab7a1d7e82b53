import type { JournalEntry } from '../../../../shared/contract/journal.contract'
import { journalActionText, journalObjectText, journalResultText } from './journal-words'

// The Activity screen's filters. Connection, provider and outcome live in the screen's address
// (`#/activity?connection=<id>`), so a connection's console links to its own activity; the text
// filter stays on the screen.

export type ActivityOutcome = '' | 'ok' | 'failed'

export interface ActivityFilters {
  /** A connection id; '' for every connection. */
  connection: string
  /** A provider kind; ''  for every provider. */
  provider: string
  outcome: ActivityOutcome
}

export const OUTCOME_WORDS: Readonly<Record<Exclude<ActivityOutcome, ''>, string>> = { ok: 'Succeeded', failed: 'Failed' }

export function activityFiltersFromParams(params: Readonly<Record<string, string | number>> | undefined): ActivityFilters {
  const outcome = String(params?.['outcome'] ?? '')
  return {
    connection: String(params?.['connection'] ?? ''),
    provider: String(params?.['provider'] ?? ''),
    outcome: outcome === 'ok' || outcome === 'failed' ? outcome : ''
  }
}

/** The address parameters of `filters`: only the ones set. */
export function activityParams(filters: ActivityFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''))
}

/** The entries that pass every filter; `text` matches what the row shows (and the codes behind it). */
export function filterJournal(entries: readonly JournalEntry[], filters: ActivityFilters, text: string, connectionName: (id: string) => string): JournalEntry[] {
  const needle = text.trim().toLowerCase()
  return entries.filter((e) => {
    if (filters.connection && e.connectionId !== filters.connection) return false
    if (filters.provider && e.provider !== filters.provider) return false
    if (filters.outcome === 'ok' && e.result !== 'ok') return false
    if (filters.outcome === 'failed' && e.result === 'ok') return false
    if (!needle) return true
    const haystack = [connectionName(e.connectionId), e.user, journalActionText(e), e.action, journalObjectText(e), e.object.type, journalResultText(e), e.result, e.detail, e.requestId]
    return haystack.some((v) => !!v && v.toLowerCase().includes(needle))
  })
}
