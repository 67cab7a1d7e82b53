import type { StateCreator } from 'zustand'
import type { JournalEntry, JournalVerdict } from '../../../shared/contract/journal.contract'
import { call } from '../api'
import type { AppState } from './index'
import { failed, notLoaded, received, withoutError, type Loadable } from './resource'

// The activity journal (every change Backdesk made at any provider) as the Activity screen reads
// it: newest first, one page at a time, for every connection or for one (main filters by
// connection, so a connection's own activity is complete however old it is), and the last check
// of its chain. No topic announces a new entry: the screen reads afresh each time it opens.

/** Entries read per page. */
export const JOURNAL_PAGE = 200

export interface JournalList {
  /** The connection the entries were read for; '' for every connection. */
  scope: string
  /** Newest first, without duplicates. */
  entries: JournalEntry[]
  /** How many entries the scope holds in main's journal. */
  total: number
}

export interface ActivitySlice {
  journal: Loadable<JournalList>
  journalVerdict: Loadable<JournalVerdict>
  /** Reads the newest page for one connection (or every one, without an id), replacing what was read. */
  loadJournal(connectionId?: string): Promise<void>
  /** Adds the next older page of the scope read last. */
  loadOlderJournal(): Promise<void>
  /** Reads the newest page of the scope asked for last again (after an unlock); nothing when none was asked for. */
  refreshJournal(): Promise<void>
  /** Checks the whole journal's chain in main. */
  verifyJournal(): Promise<void>
}

/** Whether the scope read last has entries not read yet. */
export const selectJournalHasOlder = (s: AppState): boolean => {
  const list = s.journal.value
  return !!list && list.entries.length < list.total
}

export const createActivitySlice: StateCreator<AppState, [], [], ActivitySlice> = (set, get) => {
  // Only the read asked for last may write: a slow read of another scope arrives too late to count.
  let ticket = 0
  let lastScope: string | undefined
  const read = async (scope: string, offset: number, keep: JournalEntry[]) => {
    const mine = ++ticket
    lastScope = scope
    set((s) => ({ journal: { ...withoutError(s.journal), loading: true } }))
    try {
      const page = await call('journal.list', { ...(scope ? { connectionId: scope } : {}), offset, limit: JOURNAL_PAGE })
      if (mine !== ticket) return
      // Entries written since the first page shift the offsets: a repeated seq is kept once.
      const seen = new Set(keep.map((e) => e.seq))
      const entries = [...keep, ...page.entries.filter((e) => !seen.has(e.seq))]
      set((s) => ({ journal: { ...received(s.journal, { scope, entries, total: page.total }), loading: false } }))
    } catch (error) {
      if (mine !== ticket) return
      set((s) => {
        // A failed read of another scope must not leave the last scope's entries on show under the new filter.
        const current = s.journal.value?.scope === scope ? s.journal : notLoaded<JournalList>()
        return { journal: { ...failed(current, error), loading: false } }
      })
    }
  }
  return {
    journal: notLoaded(),
    journalVerdict: notLoaded(),
    loadJournal: (connectionId) => read(connectionId ?? '', 0, []),
    loadOlderJournal() {
      const list = get().journal.value
      if (!list || list.entries.length >= list.total || get().journal.loading) return Promise.resolve()
      return read(list.scope, list.entries.length, list.entries)
    },
    refreshJournal: () => (lastScope === undefined ? Promise.resolve() : read(lastScope, 0, [])),
    async verifyJournal() {
      if (get().journalVerdict.loading) return
      set((s) => ({ journalVerdict: { ...withoutError(s.journalVerdict), loading: true } }))
      try {
        const verdict = await call('journal.verify', {})
        set((s) => ({ journalVerdict: { ...received(s.journalVerdict, verdict), loading: false } }))
      } catch (error) {
        set((s) => ({ journalVerdict: { ...failed(s.journalVerdict, error), loading: false } }))
      }
    }
  }
}
