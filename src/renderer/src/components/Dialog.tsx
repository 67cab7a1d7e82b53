import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { FieldProblem } from './FieldProblem'
import { fieldAria } from './field-problems'
import { FormActions } from './FormActions'

const FOCUSABLE = 'input, select, textarea, button, a[href]'

/** The open dialogs, innermost last: only the innermost answers a key pressed outside every dialog. */
const openDialogs: HTMLElement[] = []

const focusableIn = (node: HTMLElement): HTMLElement[] => [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'))

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
  const close = useRef(onClose)
  useEffect(() => {
    close.current = onClose
  })
  useEffect(() => {
    const node = ref.current
    const previous = document.activeElement as HTMLElement | null
    if (!node) return
    const first = [...node.querySelectorAll<HTMLElement>('input, select, textarea, button')].find(isTabStop)
    first?.focus()
    openDialogs.push(node)
    // Focus can still fall out of a dialog to the page's body (the focused control taken away by a
    // re-render): the innermost dialog then still hears Escape, and Tab brings focus back in.
    const onStrayKey = (event: KeyboardEvent) => {
      if (openDialogs[openDialogs.length - 1] !== node || node.contains(event.target as Node)) return
      if (event.key === 'Escape') {
        event.preventDefault()
        close.current()
      } else if (event.key === 'Tab') {
        event.preventDefault()
        const focusable = focusableIn(node)
        focusable[event.shiftKey ? focusable.length - 1 : 0]?.focus()
      }
    }
    document.addEventListener('keydown', onStrayKey)
    return () => {
      document.removeEventListener('keydown', onStrayKey)
      openDialogs.splice(openDialogs.indexOf(node), 1)
      // The opener may be gone (its row left the list the dialog changed) or unable to take focus
      // (disabled while its action runs): the main area then, so the keyboard goes on from the
      // screen, not from the top of the page. A screen change after the dialog moves focus on to
      // the new screen's heading (app/focus-on-screen-change.ts).
      if (previous?.isConnected) previous.focus()
      if (!previous || document.activeElement !== previous) document.getElementById('main')?.focus()
    }
  }, [])
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab' || !ref.current) return
    const focusable = focusableIn(ref.current)
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
 * ones, asks the user to type a word before the button works. The button stays pressable: a
 * press with the word missing or mistyped says so under the field and puts the cursor there.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  typeToConfirm,
  busy,
  error,
  onConfirm,
  onCancel
}: {
  title: string
  children: ReactNode
  confirmLabel: string
  /** Where Cancel would not say what it keeps ("Keep editing"). */
  cancelLabel?: string
  typeToConfirm?: string
  busy?: boolean
  error?: string | null
  onConfirm: () => void
  onCancel: () => void
}): ReactNode {
  const inputId = useId()
  const typedRef = useRef<HTMLInputElement>(null)
  const [typed, setTyped] = useState('')
  const [problem, setProblem] = useState<string | undefined>(undefined)
  return (
    <Dialog title={title} onClose={onCancel}>
      <div>{children}</div>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (typeToConfirm !== undefined && typed !== typeToConfirm) {
            setProblem(typedProblem(typed, typeToConfirm))
            typedRef.current?.focus()
            return
          }
          onConfirm()
        }}
        noValidate
      >
        {typeToConfirm !== undefined && (
          <>
            <label htmlFor={inputId}>
              Type <code>{typeToConfirm}</code> to confirm
            </label>
            <input
              id={inputId}
              ref={typedRef}
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => {
                setTyped(event.target.value)
                setProblem(undefined)
              }}
              {...fieldAria(inputId, problem)}
            />
            <FieldProblem fieldId={inputId} problem={problem} />
          </>
        )}
        <FormActions busy={busy ?? false} label={confirmLabel} busyLabel="Working…" danger error={error} onCancel={onCancel} cancelLabel={cancelLabel} />
      </form>
    </Dialog>
  )
}

/** What is wrong with the typed confirmation, in words that point at the difference. */
function typedProblem(typed: string, expected: string): string {
  if (typed.trim() === '') return `Type ${expected} to confirm.`
  if (typed.toLowerCase() === expected.toLowerCase()) return `Type ${expected} exactly, with the same capital and small letters.`
  if (typed.trim() === expected) return `Type ${expected} without spaces before or after it.`
  return `That is not ${expected}. Type it exactly as shown.`
}
