import type { ReactNode } from 'react'

/** A provider's status word (ACTIVE, FAILED, IN_PROGRESS…) as a coloured badge. */
export function StatusWord({ value }: { value: string | undefined }): ReactNode {
  const v = (value ?? '').toUpperCase()
  const cls = /FAIL|ERROR|SUSPEND/.test(v) ? 'badge-error' : /PROGRESS|PAUSE|PENDING|TRIAL/.test(v) ? 'badge-warn' : /ACTIVE|SUCCESS|OK|COMPLETED/.test(v) ? 'badge-ok' : 'badge-muted'
  return <span className={`badge ${cls}`}>{value ?? '—'}</span>
}
