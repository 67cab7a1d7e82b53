import type { ReactNode } from 'react'
import { codeTitle, formatCode } from '../../../shared/format'

/**
 * A provider's status (ACTIVE, FAILED, in_progress…) as a coloured badge. With `words` (the
 * provider's map) it shows the words and keeps the raw value in its tooltip.
 */
export function StatusWord({ value, words }: { value: string | undefined; words?: Readonly<Record<string, string>> }): ReactNode {
  const v = (value ?? '').toUpperCase()
  const cls = /FAIL|ERROR|SUSPEND/.test(v) ? 'badge-error' : /PROGRESS|PAUSE|PENDING|TRIAL/.test(v) ? 'badge-warn' : /ACTIVE|SUCCESS|OK|COMPLETED/.test(v) ? 'badge-ok' : 'badge-muted'
  if (!words) return <span className={`badge ${cls}`}>{value ?? '—'}</span>
  const title = codeTitle(value, words)
  return (
    <span className={`badge ${cls}`} title={title && title !== value ? title : undefined}>
      {formatCode(value, words)}
    </span>
  )
}
