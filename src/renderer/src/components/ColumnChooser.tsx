import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react'

export interface ColumnOption {
  id: string
  header: string
  shown: boolean
  /** The last data column shown: it cannot be hidden. */
  locked: boolean
}

/**
 * "Columns": a button opening a group of checkboxes, one per column the user may hide, and
 * "Show all". DataTable draws it on a line of its own above the table's right corner, so every
 * table has it without a line of code in its screen: inside the scroll box it would scroll away
 * sideways with the header (on the very tables that need it) and be clipped by it, and a control
 * each toolbar places would need every screen to share the choice with its table.
 *
 * A disclosure, not a menu: a button with aria-expanded and a labelled group of native checkboxes,
 * which Tab and Space work as everywhere else. Escape closes it and gives focus back to the button;
 * so do a click outside and focus leaving it (without taking focus back).
 */
export function ColumnChooser({
  label,
  options,
  onToggle,
  onShowAll
}: {
  /** The table's accessible name: "Columns of <label>" names the group, and the button's title says it too. */
  label: string
  options: readonly ColumnOption[]
  onToggle: (id: string, shown: boolean) => void
  onShowAll: () => void
}): ReactNode {
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const hiddenCount = options.filter((o) => !o.shown).length

  // Opened: focus goes to the first checkbox, and a press anywhere else closes it.
  useEffect(() => {
    if (!open) return
    menuRef.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus()
    const onPointerDown = (event: globalThis.PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return
    // The table's own Escape (a column's default width) is for its handles, not for this.
    event.preventDefault()
    event.stopPropagation()
    setOpen(false)
    buttonRef.current?.focus()
  }
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget as Node | null
    if (next && !rootRef.current?.contains(next)) setOpen(false)
  }

  return (
    <div ref={rootRef} className="column-chooser" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-small"
        // Named by its text alone, so a search for a button named like the table (or a screen the
        // table is on) still finds one; the title says whose columns, as a tooltip and description.
        title={`Choose the columns of ${label}`}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {hiddenCount > 0 ? `Columns (${hiddenCount} hidden)` : 'Columns'}
      </button>
      {open && (
        <div ref={menuRef} id={menuId} className="column-menu" role="group" aria-label={`Columns of ${label}`}>
          {options.map((o) => (
            <label key={o.id} className="check" title={o.locked ? 'At least one column stays shown' : undefined}>
              <input type="checkbox" checked={o.shown} disabled={o.locked} onChange={(e) => onToggle(o.id, e.target.checked)} />
              {o.header}
            </label>
          ))}
          <button type="button" className="btn btn-small" onClick={onShowAll} disabled={hiddenCount === 0}>
            Show all
          </button>
          <p className="muted small">CSV export keeps every column.</p>
        </div>
      )}
    </div>
  )
}
