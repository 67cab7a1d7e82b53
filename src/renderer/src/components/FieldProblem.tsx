import type { ReactNode } from 'react'
import { problemId } from './field-problems'

/** The one message beside a form field (its id is what `fieldAria` points the control at). */
export function FieldProblem({ fieldId, problem }: { fieldId: string; problem: string | undefined }): ReactNode {
  if (!problem) return null
  return (
    <p className="field-error" id={problemId(fieldId)}>
      {problem}
    </p>
  )
}
