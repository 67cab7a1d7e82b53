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
 * through `leave`; in the web shell the browser asks before a reload or closing the tab, and in
 * Electron main asks before the window closes or the app quits, naming `editor` ("the connection
 * “Contoso”", reported by `app/unsaved-edits-to-main.ts`). One guard per form; the form shows the
 * question with `UnsavedChangesDialog`.
 */
export function useUnsavedChangesGuard(dirty: boolean, editor: string): UnsavedChangesGuard {
  const guard = useId()
  const setUnsavedEdits = useStore((s) => s.setUnsavedEdits)
  const leaveOrAsk = useStore((s) => s.leaveOrAsk)
  const answerLeaving = useStore((s) => s.answerLeaving)
  const asking = useStore((s) => s.leaving?.guard === guard)
  useEffect(() => {
    if (dirty) setUnsavedEdits(guard, editor)
  }, [dirty, guard, editor, setUnsavedEdits])
  // Lifted apart from the naming above, so a renamed editor is not lifted and guarded again
  // (which would drop a question being asked).
  useEffect(() => {
    if (!dirty) return
    return () => setUnsavedEdits(guard, null)
  }, [dirty, guard, setUnsavedEdits])
  useEffect(() => {
    // In the browser a reload or closing the tab would drop the edits too: the browser asks. Not
    // in Electron, where a held-back unload would silently keep the window from closing: main
    // asks there, from what the page reported.
    if (!dirty || shellKind() !== 'web') return
    const hold = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', hold)
    return () => window.removeEventListener('beforeunload', hold)
  }, [dirty])
  return {
    asking,
    leave: (then) => leaveOrAsk(guard, then),
    release: () => setUnsavedEdits(guard, null),
    discard: () => answerLeaving(true),
    keepEditing: () => answerLeaving(false)
  }
}
