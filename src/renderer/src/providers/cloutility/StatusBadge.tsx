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
