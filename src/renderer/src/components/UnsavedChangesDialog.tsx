import type { ReactNode } from 'react'
import { ConfirmDialog } from './Dialog'

/**
 * The one question before unsaved edits are thrown away, whether by the form's Cancel or by
 * navigating elsewhere: "Keep editing" (or Escape) goes back to the form as it was.
 */
export function UnsavedChangesDialog({ title, children, onDiscard, onKeepEditing }: { title: string; children: ReactNode; onDiscard: () => void; onKeepEditing: () => void }): ReactNode {
  return (
    <ConfirmDialog title={title} confirmLabel="Discard changes" cancelLabel="Keep editing" onConfirm={onDiscard} onCancel={onKeepEditing}>
      {children}
    </ConfirmDialog>
  )
}
