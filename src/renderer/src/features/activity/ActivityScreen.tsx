import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { JournalEntry } from '../../../../shared/contract/journal.contract'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable } from '../../components/DataTable'
import { LoadGate } from '../../components/LoadGate'
import { useValueAfterPaint } from '../../components/use-value-after-paint'
import { selectConnections, useStore } from '../../store'
import { selectJournalHasOlder } from '../../store/activity.slice'
import { ActivityFilterBar } from './ActivityFilterBar'
import { activityFiltersFromParams, activityParams, filterJournal, type ActivityFilters } from './activity-filters'
import { journalColumns } from './journal-columns'
import { JournalCheck } from './JournalCheck'

const rowKey = (e: JournalEntry): number => e.seq

/** Every change Backdesk made at any provider, newest first, from the local activity journal. */
export function ActivityScreen(): ReactNode {
  const params = useStore((s) => s.screen.params)
  const filters = useMemo(() => activityFiltersFromParams(params), [params])
  const navigate = useStore((s) => s.navigate)
  const connections = useStore(selectConnections)
  const journal = useStore((s) => s.journal)
  const hasOlder = useStore(selectJournalHasOlder)
  const loadJournal = useStore((s) => s.loadJournal)
  const loadOlder = useStore((s) => s.loadOlderJournal)
  const [text, setText] = useState('')
  const shownText = useValueAfterPaint(text)

  // Read afresh on each visit and for each connection chosen: no event announces a new entry.
  const scope = filters.connection
  const reload = useCallback(() => void loadJournal(scope || undefined), [loadJournal, scope])
  useEffect(reload, [reload])

  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name])), [connections])
  const connectionName = useCallback((id: string) => names.get(id) ?? `Removed connection (${id})`, [names])
  const columns = useMemo(() => journalColumns(connectionName), [connectionName])
  const csv = useMemo(() => csvColumnsOf(columns), [columns])
  // Entries of another scope (a read still running for the new filter) are never shown under it.
  const entries = journal.value?.scope === scope ? journal.value.entries : undefined
  const rows = useMemo(() => filterJournal(entries ?? [], filters, shownText, connectionName), [entries, filters, shownText, connectionName])
  const setFilters = (next: ActivityFilters) => navigate({ id: 'activity', params: activityParams(next) })

  return (
    <section aria-labelledby="activity-heading" className="screen-fill">
      <div className="toolbar">
        <h1 id="activity-heading" className="inline-heading">
          Activity
        </h1>
        <span className="spacer" />
        {/* aria-disabled while reading, not disabled: a disabled button drops the keyboard focus on the page's body. */}
        <button type="button" className="btn" onClick={journal.loading ? undefined : reload} aria-disabled={journal.loading || undefined}>
          Refresh
        </button>
        <CsvExport rows={rows} columns={csv} name={['activity', ...(scope ? [connectionName(scope)] : [])]} />
      </div>
      <p className="muted">
        Every change Backdesk made at a provider, through any connection: who made it, what it changed and how it ended. Kept on this computer, encrypted under the
        vault; each entry carries a keyed hash of the one before it, so editing the file shows.
      </p>
      <JournalCheck />
      <ActivityFilterBar filters={filters} onChange={setFilters} text={text} onText={setText} connections={connections} connectionName={connectionName} />
      <LoadGate loading={journal.loading && !entries} error={journal.error} onRetry={reload}>
        <DataTable
          tableId="activity.journal"
          rows={rows}
          columns={columns}
          rowKey={rowKey}
          label="Activity journal entries"
          emptyText={
            entries?.length
              ? 'No change matches these filters.'
              : scope
                ? 'No changes made through this connection yet.'
                : 'No changes made through Backdesk on this computer yet.'
          }
          scrollResetKey={`${scope}|${filters.provider}|${filters.outcome}|${shownText}`}
        />
        {entries && (
          <div className="toolbar muted small">
            <span>
              {rows.length} shown of {entries.length} read ({journal.value?.total ?? 0} in the journal{scope ? ' for this connection' : ''}).
            </span>
            {hasOlder && (
              <button type="button" className="btn" onClick={() => void loadOlder()} aria-disabled={journal.loading || undefined}>
                Show older
              </button>
            )}
          </div>
        )}
      </LoadGate>
    </section>
  )
}
