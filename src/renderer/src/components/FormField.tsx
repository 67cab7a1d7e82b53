import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react'
import { fieldAria } from './field-problems'
import { FieldProblem } from './FieldProblem'

/**
 * A labelled form control with an optional hint (id `${id}-hint`) and the field's one message
 * (`problem`); the control gets `aria-invalid` and `aria-describedby` for both.
 */
export function FormField({
  label,
  hint,
  problem,
  children,
  id
}: {
  label: string
  hint?: string | undefined
  problem?: string | undefined
  children: ReactNode
  id: string
}): ReactNode {
  const aria = fieldAria(id, problem, Boolean(hint))
  let control = children
  if (isValidElement(children)) {
    const element = children as ReactElement<Record<string, unknown>>
    // A control that names its own description (a strength meter) keeps it, after ours.
    const own = element.props['aria-describedby']
    const describedBy = [aria['aria-describedby'], typeof own === 'string' ? own : undefined].filter(Boolean).join(' ')
    control = cloneElement(element, { ...aria, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })
  }
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {control}
      <FieldProblem fieldId={id} problem={problem} />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  )
}
