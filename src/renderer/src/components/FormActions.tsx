import type { ReactNode } from 'react'

/**
 * The end of a form: its error (the action's, in the banner every form shows in the same place),
 * Cancel when the form is a dialog, the submit button (busy while the action runs) and any
 * further buttons the form has.
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
            Cancel
          </button>
        )}
        <button type="submit" className={danger ? 'btn btn-danger' : primary ? 'btn btn-primary' : 'btn'} disabled={busy || disabled}>
          {busy ? busyLabel : label}
        </button>
        {children}
      </div>
    </>
  )
}
