import type { ReactNode } from 'react'

/** A labelled form control with an optional hint under it (the hint's id is `${id}-hint`). */
export function FormField({ label, hint, children, id }: { label: string; hint?: string; children: ReactNode; id: string }): ReactNode {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  )
}
