import type { ReactNode } from 'react'
import type { BackupStatus } from '../../../../shared/providers/cloutility/model'
import { BACKUP_STATUS_WORDS } from '../../../../shared/providers/cloutility/words'

const STATUS_CLASS: Record<BackupStatus, string> = {
  ok: 'badge-ok',
  warning: 'badge-warn',
  error: 'badge-error',
  pending: 'badge-muted',
  ignored: 'badge-muted',
  unknown: 'badge-muted'
}

export function statusLabel(status: BackupStatus | undefined): string {
  return status ? BACKUP_STATUS_WORDS[status] : '—'
}

export function StatusBadge({ status }: { status: BackupStatus | undefined }): ReactNode {
  if (!status) return <span className="muted">—</span>
  return <span className={`badge ${STATUS_CLASS[status]}`}>{BACKUP_STATUS_WORDS[status]}</span>
}
