import { useEffect, useId, useState, type ReactNode } from 'react'
import { CHANGE_KINDS, type ChangeBase, type ChangeKind, type FleetChange } from '../../../../shared/model/watch'
import { useStore } from '../../store'
import { STATUS_CLASS, STATUS_LABEL } from '../fleet/fleet-view'
import { useDrill } from './use-drill'
import { providerLabel } from '../../providers/registry'
import { formatDateTime } from '../../../../shared/format'
import { LoadGate } from '../../components/LoadGate'

const KIND_LABEL: Record<ChangeKind, [string, string]> = {
  'new-failure': ['new failure', 'new failures'],
  'new-stale': ['newly stale', 'newly stale'],
  recovered: ['recovered', 'recovered'],
  'new-object': ['new object', 'new objects'],
  disappeared: ['gone', 'gone']
}
const SHOWN_PER_KIND = 50

/**
 * "What changed": the latest scan against the one before it, or "since yesterday" against the
 * fleet at the end of the day before, the last scan kept before the local midnight that began the
 * latest scan's day (saying so when there is none and the day's earliest stands in). Its own component so the Overview (and a later dashboard) and Fleet health can host it.
 */
export function ChangesPanel({ headingLevel = 2 }: { headingLevel?: 2 | 3 }): ReactNode {
  const [base, setBase] = useState<ChangeBase>('last-scan')
  const changes = useStore((s) => s.watchChanges[base])
  const set = changes?.value
  const statusError = useStore((s) => s.watchStatus.error)
  const load = useStore((s) => s.loadWatchChanges)
  const loadStatus = useStore((s) => s.loadWatchStatus)
  const lastScanAt = useStore((s) => s.watchStatus.value?.lastScanAt)
  const drill = useDrill()
  const headingId = useId()
  const Heading = `h${headingLevel}` as const

  useEffect(() => {
    void load(base)
  }, [base, load, lastScanAt])
  // The status tells when a newer scan was kept; a failed status read is tried again with the changes.
  const retry = () => {
    void load(base)
    if (statusError) void loadStatus()
  }
  // Until a first answer, the read's error (with a way to try again) or Loading; once there is
  // one, it stays on screen beside the error of a failed reload.
  const error = changes?.error ?? statusError

  return (
    <section className="panel changes-panel" aria-labelledby={headingId}>
      <div className="toolbar">
        <Heading id={headingId} className="inline-heading">
          What changed
        </Heading>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Compare with">
          <button type="button" className="btn btn-small" aria-pressed={base === 'last-scan'} onClick={() => setBase('last-scan')}>
            Since last scan
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={base === 'yesterday'}
            onClick={() => setBase('yesterday')}
            title="The latest scan against the last one kept before midnight began its day"
          >
            Since yesterday
          </button>
        </div>
      </div>
      <LoadGate loading={set === undefined && (changes?.loading ?? true)} error={set === undefined && !changes?.loading ? error : undefined} onRetry={retry}>
        {set !== undefined && error && (
          <p className="error-text" role="alert">
            {error}{' '}
            <button type="button" className="btn btn-small" onClick={changes?.loading ? undefined : retry} aria-disabled={changes?.loading || undefined}>
              Try again
            </button>
          </p>
        )}
        {set === undefined ? null : set === null ? (
          <p className="muted small">No scan has been kept yet. Scans run on their schedule, or scan now from Fleet health.</p>
        ) : !set.baseScanAt ? (
          <p className="muted small">Only one scan so far ({formatDateTime(set.scanAt)}): nothing to compare with yet.</p>
        ) : (
          <>
            <p className="muted small" data-testid="changes-base">
              {set.baseFromSameDay && 'No scan from before midnight is kept. '}
              Scan of {formatDateTime(set.scanAt)} compared with{' '}
              {set.baseFromSameDay ? 'the earliest of the same day, ' : set.base === 'yesterday' ? 'the last scan before midnight, ' : ''}
              {formatDateTime(set.baseScanAt)} ({set.comparedConnections} connection
              {set.comparedConnections === 1 ? '' : 's'}).
            </p>
            {set.changes.length === 0 ? (
              <p>No change.</p>
            ) : (
              <ul className="change-counts" aria-label="Changes by kind">
                {CHANGE_KINDS.filter((k) => set.counts[k] > 0).map((k) => (
                  <li key={k}>
                    <strong>{set.counts[k]}</strong> {KIND_LABEL[k][set.counts[k] === 1 ? 0 : 1]}
                  </li>
                ))}
              </ul>
            )}
            {CHANGE_KINDS.filter((k) => set.counts[k] > 0).map((k) => (
              <ChangeList key={k} kind={k} changes={set.changes.filter((c) => c.kind === k)} onOpen={drill} />
            ))}
          </>
        )}
      </LoadGate>
    </section>
  )
}

function ChangeList({ kind, changes, onOpen }: { kind: ChangeKind; changes: FleetChange[]; onOpen: (c: FleetChange) => void }): ReactNode {
  const id = useId()
  const label = KIND_LABEL[kind][1]
  return (
    <div className="change-group">
      <h4 id={id} className="change-kind">
        {label[0]?.toUpperCase()}
        {label.slice(1)} ({changes.length})
      </h4>
      <ul aria-labelledby={id} className="change-list">
        {changes.slice(0, SHOWN_PER_KIND).map((c) => (
          <li key={c.key}>
            <span className={`badge ${STATUS_CLASS[c.status]}`}>{STATUS_LABEL[c.status]}</span>{' '}
            {c.objectKind === 'connection' && kind === 'recovered' ? (
              <span>{c.object}</span>
            ) : (
              <button type="button" className="link" onClick={() => onOpen(c)} title="Open in its console">
                {c.object}
              </button>
            )}{' '}
            <span className="muted small">
              {c.customer || 'No customer'} · {providerLabel(c.provider)} · {c.connectionName}
              {c.previous ? ` · was ${STATUS_LABEL[c.previous]}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {changes.length > SHOWN_PER_KIND && <p className="muted small">and {changes.length - SHOWN_PER_KIND} more (see Fleet health)</p>}
    </div>
  )
}
