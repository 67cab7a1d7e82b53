import type { ReactNode } from 'react'

/**
 * The end of a form: its error (the action's, in the banner every form shows in the same place),
 * Cancel when the form is a dialog, the submit button (busy while the action runs) and any
 * further buttons the form has.
 *
 * While busy the submit button is `aria-disabled`, not `disabled`: a disabled button loses the
 * keyboard focus to the page's body, so a keyboard user who pressed it would start over from the
 * top (and a dialog would no longer hear Escape). A click while busy does nothing; a second submit
 * by Enter reaches the action, which ignores a call while one runs (`useAction`).
 */
export function FormActions({
  busy,
  label,
  busyLabel = 'Saving…',
  danger = false,
  primary = true,
  disabled = false,
  error,
  onCancel,
  cancelLabel = 'Cancel',
  children
}: {
  busy: boolean
  label: string
  busyLabel?: string
  danger?: boolean
  /** False for a panel's own button among others on one screen, which has a primary action of its own. */
  primary?: boolean
  /** Held back for a reason besides the action running (nothing chosen yet, a field known wrong). */
  disabled?: boolean
  error: string | null | undefined
  onCancel?: () => void
  cancelLabel?: string
  children?: ReactNode
}): ReactNode {
  return (
    <>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
        <button
          type="submit"
          className={danger ? 'btn btn-danger' : primary ? 'btn btn-primary' : 'btn'}
          disabled={disabled}
          aria-disabled={busy || undefined}
          onClick={busy ? (event) => event.preventDefault() : undefined}
        >
          {busy ? busyLabel : label}
        </button>
        {children}
      </div>
    </>
  )
}
