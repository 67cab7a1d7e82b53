import type { ReactNode } from 'react'

/** One label/value pair of a definition list; an empty value shows a dash. */
export function Fact({ label, children }: { label: string; children: ReactNode }): ReactNode {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children === undefined || children === null || children === '' ? '—' : children}</dd>
    </div>
  )
}
