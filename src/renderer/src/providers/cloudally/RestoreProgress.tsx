import { useEffect, useRef, type ReactNode } from 'react'
import type { RestoreRecord } from '../../../../shared/model/restore'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { formatDateTime } from '../../../../shared/format'
import { isFinalRestore } from '../../../../shared/model/restore'
import { UnknownOutcomeCheck } from './UnknownOutcomeCheck'

const STATUS_LABEL: Record<RestoreRecord['status'], string> = {
  sending: 'Sending…',
  pending: 'Queued',
  running: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  'not-started': 'Not started',
  uncertain: 'Outcome unknown',
  'started-unfollowed': 'Started (see CloudAlly)'
}

const STATUS_BADGE: Record<RestoreRecord['status'], string> = {
  sending: 'badge-muted',
  pending: 'badge-muted',
  running: 'badge-warn',
  completed: 'badge-ok',
  failed: 'badge-error',
  'not-started': 'badge-muted',
  uncertain: 'badge-warn',
  'started-unfollowed': 'badge-muted'
}

export function RestoreStatusBadge({ record }: { record: RestoreRecord }): ReactNode {
  return <span className={`badge ${STATUS_BADGE[record.status]}`}>{STATUS_LABEL[record.status]}</span>
}

/** When the request ended, in words: a refusal is not a finish, a technician's check says so. */
function endedWords(record: RestoreRecord): string {
  if (record.status === 'not-started') {
    if (record.checkedAt) return ` · marked not started at ${formatDateTime(record.checkedAt)}`
    return record.completedAt ? ` · refused at ${formatDateTime(record.completedAt)}` : ''
  }
  if (record.status === 'started-unfollowed') return record.checkedAt ? ` · marked started at ${formatDateTime(record.checkedAt)}` : ''
  return record.completedAt ? ` · finished ${formatDateTime(record.completedAt)}` : ''
}

/** The first few of a request's choices, the rest counted ("a, b, c and 4 more"). */
function someOf(values: string[], none: string): string {
  if (values.length === 0) return none
  const shown = values.slice(0, 3).join(', ')
  return values.length > 3 ? `${shown} and ${values.length - 3} more` : shown
}

/**
 * One request: status, a progress bar, what was asked for (so two requests of one task tell
 * apart), the download link when ready, problems in plain words. `connectionName` where the list
 * spans connections.
 */
export function RestoreProgress({ record, connectionName }: { record: RestoreRecord; connectionName?: string }): ReactNode {
  // Buttons are aria-disabled while their call runs, never disabled: a disabled button throws the
  // keyboard focus to the page's body. useAction ignores a second press meanwhile.
  // Main opens the real (pre-signed) link: the renderer never holds its token. The web shell's
  // main has no browser of its own: it answers a one-time address of its own that redirects there.
  const open = useAction(async () => {
    const answer = await call('restores.openDownload', { id: record.id })
    if ('open' in answer) window.open(answer.open, '_blank', 'noopener')
  })
  const refresh = useAction(async () => {
    await call('restores.refresh', { id: record.id })
  })
  const label = `${record.kind === 'download' ? 'Download' : 'Restore'} of ${record.taskName ?? record.taskId}`
  const final = isFinalRestore(record.status)
  // No job ran (or Backdesk cannot see it): a progress figure would say something untrue.
  const noProgress = record.status === 'not-started' || record.status === 'started-unfollowed'
  // Settling an unknown outcome takes its buttons (and their dialog) away, which would drop the
  // keyboard focus to the page's body (or the main area, where a closing dialog sends it when its
  // opener is gone): it goes to the message that says how the request now stands.
  const messageRef = useRef<HTMLParagraphElement>(null)
  const wasUncertain = useRef(record.status === 'uncertain')
  useEffect(() => {
    const active = document.activeElement
    const lost = !active || active === document.body || active.id === 'main'
    if (wasUncertain.current && record.status !== 'uncertain' && lost) messageRef.current?.focus()
    wasUncertain.current = record.status === 'uncertain'
  }, [record.status])
  return (
    <div className="restore-progress" data-testid="restore-progress" data-status={record.status}>
      <div className="toolbar">
        <strong>{label}</strong>
        <RestoreStatusBadge record={record} />
        {record.jobId && <span className="muted small">job {record.jobId}</span>}
        <span className="spacer" />
        {!final && record.jobId && (
          <button type="button" className="btn" onClick={() => void refresh.run()} aria-disabled={refresh.busy || undefined}>
            Check now
          </button>
        )}
      </div>
      {!noProgress && (
        <div
          className="progress"
          role="progressbar"
          aria-label={`${label} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={record.progress}
        >
          <span style={{ width: `${record.progress}%` }} />
        </div>
      )}
      <p className="muted small" data-testid="restore-times">
        {noProgress ? '' : `${record.progress}% · `}requested {formatDateTime(record.createdAt)}
        {record.snapshotDate ? ` · snapshot ${formatDateTime(record.snapshotDate)}` : ' · latest snapshot'}
        {endedWords(record)}
      </p>
      <p className="muted small" data-testid="restore-choices">
        Entities: {someOf(record.entities, 'all')} · items: {someOf(record.items, 'everything')}
        {connectionName ? ` · connection ${connectionName}` : ''}
      </p>
      {record.message && (
        <p
          ref={messageRef}
          tabIndex={-1}
          className={record.status === 'failed' ? 'error-text' : record.status === 'uncertain' ? 'banner banner-warn' : 'muted small'}
          role={record.status === 'failed' ? 'alert' : undefined}
        >
          {record.message}
        </p>
      )}
      {record.status === 'uncertain' && <UnknownOutcomeCheck record={record} />}
      {record.waiting && <p className="banner banner-warn">Waiting: {record.waiting}</p>}
      {record.pollError && !final && <p className="muted small">Last check failed: {record.pollError} (Backdesk keeps trying.)</p>}
      {record.downloadLink && (
        <div className="toolbar" data-testid="download-link">
          <button type="button" className="btn btn-primary" onClick={() => void open.run()} aria-disabled={open.busy || undefined}>
            Open download
          </button>
          <span className="mono small restore-link" aria-label="Download link">
            {record.downloadLink}
          </span>
          {record.downloadExpiresAt && <span className="muted small">valid until {formatDateTime(record.downloadExpiresAt)}</span>}
        </div>
      )}
      {(open.error || refresh.error) && (
        <p className="error-text" role="alert">
          {open.error ?? refresh.error}
        </p>
      )}
    </div>
  )
}
