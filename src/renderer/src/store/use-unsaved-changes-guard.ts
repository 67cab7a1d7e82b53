import { useEffect, useId } from 'react'
import { useStore } from './index'

/** What a form with edits not saved yet answers: whether it is asking, and its ways out. */
export interface UnsavedChangesGuard {
  /** True while the form asks whether to throw its edits away (it shows `UnsavedChangesDialog`). */
  asking: boolean
  /** The form's own Cancel or Close: asks first when there are unsaved edits, else leaves at once. */
  leave(then: () => void): void
  /** After a save: the edits are kept, so what follows (closing, navigating) asks nothing. */
  release(): void
  discard(): void
  keepEditing(): void
}

/**
 * Guards a form's unsaved edits against being dropped silently: while `dirty`, any navigation
 * (the sidebar, Back, a link, the command palette) asks first, and so does the form's own Cancel
 * through `leave`. One guard per form; the form shows the question with `UnsavedChangesDialog`.
 */
export function useUnsavedChangesGuard(dirty: boolean): UnsavedChangesGuard {
  const guard = useId()
  const setUnsavedEdits = useStore((s) => s.setUnsavedEdits)
  const leaveOrAsk = useStore((s) => s.leaveOrAsk)
  const answerLeaving = useStore((s) => s.answerLeaving)
  const asking = useStore((s) => s.leaving?.guard === guard)
  useEffect(() => {
    if (!dirty) return
    setUnsavedEdits(guard, true)
    return () => setUnsavedEdits(guard, false)
  }, [dirty, guard, setUnsavedEdits])
  return {
    asking,
    leave: (then) => leaveOrAsk(guard, then),
    release: () => setUnsavedEdits(guard, false),
    discard: () => answerLeaving(true),
    keepEditing: () => answerLeaving(false)
  }
}
