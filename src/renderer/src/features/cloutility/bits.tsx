import type { ReactNode } from 'react'
import type { BackupStatus } from '../../../../shared/providers/cloutility/model'

const STATUS_LABEL: Record<BackupStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  pending: 'Pending',
  ignored: 'Ignored',
  unknown: 'Unknown'
}
const STATUS_CLASS: Record<BackupStatus, string> = {
  ok: 'badge-ok',
  warning: 'badge-warn',
  error: 'badge-error',
  pending: 'badge-muted',
  ignored: 'badge-muted',
  unknown: 'badge-muted'
}

export function statusLabel(status: BackupStatus | undefined): string {
  return status ? STATUS_LABEL[status] : '—'
}

export function StatusBadge({ status }: { status: BackupStatus | undefined }): ReactNode {
  if (!status) return <span className="muted">—</span>
  return <span className={`badge ${STATUS_CLASS[status]}`}>{STATUS_LABEL[status]}</span>
}

/** Loading / error line for a view; children when there is data. */
export function LoadGate({ loading, error, onRetry, children }: { loading: boolean; error: string | null; onRetry?: () => void; children: ReactNode }): ReactNode {
  if (error) {
    return (
      <div className="banner banner-error" role="alert">
        {error}{' '}
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    )
  }
  if (loading) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    )
  }
  return <>{children}</>
}

export function Fact({ label, children }: { label: string; children: ReactNode }): ReactNode {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children === undefined || children === null || children === '' ? '—' : children}</dd>
    </div>
  )
}
