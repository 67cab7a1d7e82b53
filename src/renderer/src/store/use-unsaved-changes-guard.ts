import { useEffect, useId } from 'react'
import { shellKind } from '../api'
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
 * through `leave`, and in the web shell the browser asks before a reload or closing the tab. One
 * guard per form; the form shows the question with `UnsavedChangesDialog`.
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
  useEffect(() => {
    // In the browser a reload or closing the tab would drop the edits too: the browser asks. Not
    // in Electron, where a held-back unload would silently keep the window from closing.
    if (!dirty || shellKind() !== 'web') return
    const hold = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', hold)
    return () => window.removeEventListener('beforeunload', hold)
  }, [dirty])
  return {
    asking,
    leave: (then) => leaveOrAsk(guard, then),
    release: () => setUnsavedEdits(guard, false),
    discard: () => answerLeaving(true),
    keepEditing: () => answerLeaving(false)
  }
}
