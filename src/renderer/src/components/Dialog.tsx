import { useEffect, useId, useRef, type ReactNode } from 'react'
import { FormActions } from './FormActions'

/** Where Tab would land: a radio group is entered at its checked choice, not at its first. */
function isTabStop(el: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || el.checked || !el.name) return true
  return !(el.form ?? el.ownerDocument).querySelector(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`)
}

/**
 * A modal dialog: focus moves in on open and back on close, Escape cancels, Tab stays inside.
 */
export function Dialog({
  title,
  children,
  onClose
}: {
  title: string
  children: ReactNode
  onClose: () => void
}): ReactNode {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = [...(ref.current?.querySelectorAll<HTMLElement>('input, select, textarea, button') ?? [])].find(isTabStop)
    first?.focus()
    return () => previous?.focus?.()
  }, [])
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab' || !ref.current) return
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')].filter(
      (el) => !el.hasAttribute('disabled')
    )
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }
  return (
    <div className="overlay" role="presentation" onKeyDown={onKeyDown}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  )
}

/**
 * Confirmation for a destructive action: says exactly what will be deleted and, for the worst
 * ones, asks the user to type a word before the button works.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  typeToConfirm,
  busy,
  error,
  onConfirm,
  onCancel
}: {
  title: string
  children: ReactNode
  confirmLabel: string
  typeToConfirm?: string
  busy?: boolean
  error?: string | null
  onConfirm: () => void
  onCancel: () => void
}): ReactNode {
  const inputId = useId()
  const typedRef = useRef<HTMLInputElement>(null)
  return (
    <Dialog title={title} onClose={onCancel}>
      <div>{children}</div>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (typeToConfirm && typedRef.current?.value !== typeToConfirm) {
            typedRef.current?.setAttribute('aria-invalid', 'true')
            return
          }
          onConfirm()
        }}
        noValidate
      >
        {typeToConfirm && (
          <>
            <label htmlFor={inputId}>
              Type <code>{typeToConfirm}</code> to confirm
            </label>
            <input id={inputId} ref={typedRef} autoComplete="off" spellCheck={false} />
          </>
        )}
        <FormActions busy={busy ?? false} label={confirmLabel} busyLabel="Working…" danger error={error} onCancel={onCancel} />
      </form>
    </Dialog>
  )
}
