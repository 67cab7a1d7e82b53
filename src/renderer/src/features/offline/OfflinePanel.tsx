import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import type { SnapshotSummary } from '../../../../shared/model/offline'
import { call } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { ConfirmDialog } from '../../components/Dialog'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { selectConnections, useStore } from '../../store'
import { formatAgo, formatBytes, formatDateTime, formatNumber } from '../../../../shared/format'
import { OFFLINE_MAX_AGE_LIMIT_DAYS } from '../../../../shared/model/offline'
import { useNow } from './use-now'

const summaryKey = (s: SnapshotSummary): string => s.connectionId

/** "the 3 saved answers", "the one saved answer", or without a count when none is known. */
function savedAnswers(entries: number | undefined): string {
  if (entries === undefined) return 'the saved answers'
  return entries === 1 ? 'the one saved answer' : `the ${formatNumber(entries)} saved answers`
}

/** Offline snapshots: how long they are kept, and what is kept per connection (clear one). */
export function OfflinePanel(): ReactNode {
  const connections = useStore(selectConnections)
  const [summaries, setSummaries] = useState<SnapshotSummary[] | null>(null)
  const [days, setDays] = useState<number | null>(null)
  const [daysProblem, setDaysProblem] = useState<string | undefined>(undefined)
  const [clearing, setClearing] = useState<string | null>(null)
  const [clearedCount, setClearedCount] = useState(0)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const daysId = useId()
  const pushToast = useStore((s) => s.pushToast)
  const load = useAction(async () => {
    const [list, settings] = await Promise.all([call('offline.snapshots'), call('offline.settings.get')])
    setSummaries(list)
    setDays(settings.maxAgeDays)
  })
  const save = useAction(async (value: number) => {
    const saved = (await call('offline.settings.set', { maxAgeDays: value })).maxAgeDays
    setDays(saved)
    pushToast({ level: 'success', message: `Saved: snapshots are kept for ${saved} ${saved === 1 ? 'day' : 'days'}.` })
    setSummaries(await call('offline.snapshots'))
  })
  const clear = useAction(async (connectionId: string) => {
    await call('offline.clear', { connectionId, confirmId: connectionId })
    setClearing(null)
    pushToast({ level: 'success', message: `Cleared the snapshots of ${connections.find((c) => c.id === connectionId)?.name ?? 'a deleted connection'}.` })
    setSummaries(await call('offline.snapshots'))
    setClearedCount((n) => n + 1)
  })
  // The row whose "Clear…" opened the dialog goes when the list reloads: focus falls to the page's
  // body (or the main area, the dialog's fallback). The panel's heading takes it, so the keyboard
  // goes on from the panel; focus the user put elsewhere meanwhile stays there.
  useEffect(() => {
    if (clearedCount === 0) return
    const active = document.activeElement
    if (!active || active === document.body || active.id === 'main') headingRef.current?.focus()
  }, [clearedCount])
  const { run } = load
  useEffect(() => {
    void run()
  }, [run])

  const nameOf = useCallback((id: string) => connections.find((c) => c.id === id)?.name ?? 'A deleted connection', [connections])
  const now = useNow()
  const columns = useMemo<Array<TableColumn<SnapshotSummary>>>(
    () => [
      { id: 'connection', header: 'Connection', text: (s) => nameOf(s.connectionId), sortValue: (s) => nameOf(s.connectionId), width: 200, grow: true },
      { id: 'answers', header: 'Answers', text: (s) => formatNumber(s.entries), sortValue: (s) => s.entries, width: 90, align: 'end' },
      { id: 'size', header: 'Size', text: (s) => formatBytes(s.bytes), sortValue: (s) => s.bytes, width: 100, align: 'end' },
      // Wide enough for the longest age, "less than a minute ago"; the connection's name takes what is left.
      { id: 'newest', header: 'Newest', text: (s) => formatAgo(s.newestAt, now), title: (s) => `${formatAgo(s.newestAt, now)}, ${formatDateTime(s.newestAt)}`, sortValue: (s) => s.newestAt, width: 190 },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (s) => (
          <button type="button" className="btn btn-small" onClick={() => setClearing(s.connectionId)} aria-label={`Clear snapshots of ${nameOf(s.connectionId)}`}>
            Clear…
          </button>
        ),
        csv: [],
        width: 100,
        sticky: true
      }
    ],
    [nameOf, now]
  )
  const target = clearing ? summaries?.find((s) => s.connectionId === clearing) : undefined
  return (
    <section className="panel" aria-labelledby="offline-heading">
      <h2 id="offline-heading" ref={headingRef} tabIndex={-1}>Offline snapshots</h2>
      <p className="muted small">
        Every answer a provider gives is kept here, encrypted with your vault. When a provider cannot be reached, its screens show the
        last snapshot, read-only.
      </p>
      {days !== null && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault()
            // Checked here, beside the field: main's schema would only say "Enter a number." for 2.5.
            const raw = String(new FormData(e.currentTarget).get('days') ?? '').trim()
            const value = Number(raw)
            if (raw === '' || !Number.isInteger(value) || value < 1 || value > OFFLINE_MAX_AGE_LIMIT_DAYS) {
              return setDaysProblem(`Enter whole days from 1 to ${OFFLINE_MAX_AGE_LIMIT_DAYS}.`)
            }
            void save.run(value)
          }}
          noValidate
        >
          <label htmlFor={daysId}>Keep snapshots for (days)</label>
          <input
            id={daysId}
            name="days"
            type="number"
            min={1}
            max={OFFLINE_MAX_AGE_LIMIT_DAYS}
            defaultValue={days}
            key={days}
            style={{ width: '6rem' }}
            onChange={() => {
              setDaysProblem(undefined)
              save.setError(null)
            }}
            {...fieldAria(daysId, daysProblem)}
          />
          <button type="submit" className="btn" disabled={save.busy}>
            Save
          </button>
        </form>
      )}
      <FieldProblem fieldId={daysId} problem={daysProblem} />
      {(load.error || save.error) && <p className="error-text" role="alert">{load.error ?? save.error}</p>}
      {summaries && summaries.length === 0 && <p className="muted small">Nothing saved yet.</p>}
      {summaries && summaries.length > 0 && (
        <DataTable tableId="offline.snapshots" rows={summaries} columns={columns} rowKey={summaryKey} label="Saved snapshots" initialSort={{ columnId: 'connection', direction: 'asc' }} />
      )}
      {clearing && (
        <ConfirmDialog
          title={`Clear the snapshots of “${nameOf(clearing)}”?`}
          confirmLabel="Clear snapshots"
          busy={clear.busy}
          error={clear.error}
          onCancel={() => setClearing(null)}
          onConfirm={() => void clear.run(clearing)}
        >
          <p>
            This deletes {savedAnswers(target?.entries)} of <strong>{nameOf(clearing)}</strong> from this computer. While the
            provider cannot be reached, its screens will have nothing to show. Nothing is changed at the provider.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
