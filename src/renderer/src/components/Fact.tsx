import type { ReactNode } from 'react'

/**
 * One label/value pair of a definition list; an empty value shows a dash. `code` marks a value
 * read character by character (an id, a node name, an address): monospaced, and it may break
 * anywhere. Words (a state, a date, a note) stay in the text face and wrap between words.
 */
export function Fact({ label, code = false, children }: { label: string; code?: boolean; children: ReactNode }): ReactNode {
  const empty = children === undefined || children === null || children === ''
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={code && !empty ? 'mono' : undefined}>{empty ? '—' : children}</dd>
    </div>
  )
}
