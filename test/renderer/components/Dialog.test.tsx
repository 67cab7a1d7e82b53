import { fireEvent, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { Dialog } from '../../../src/renderer/src/components/Dialog'

/** A row's button that opens a dialog; saving it can take the row (the opener) away, as acknowledging a fleet item does. */
function Screen({ closes }: { closes: Array<() => void> }): ReactNode {
  const [open, setOpen] = useState(false)
  const [rowGone, setRowGone] = useState(false)
  const close = () => setOpen(false)
  closes.push(close)
  return (
    <>
      <main id="main" tabIndex={-1}>
        {!rowGone && (
          <button type="button" onClick={() => setOpen(true)}>
            Review…
          </button>
        )}
      </main>
      {open && (
        <Dialog title="Review" onClose={close}>
          <input aria-label="Note" />
          <button
            type="button"
            onClick={() => {
              setRowGone(true)
              close()
            }}
          >
            Save
          </button>
        </Dialog>
      )}
    </>
  )
}

describe('Dialog', () => {
  it('still hears Escape when focus has fallen out of it to the page, and Tab brings focus back in', () => {
    const closes: Array<() => void> = []
    render(<Screen closes={closes} />)
    const opener = screen.getByRole('button', { name: 'Review…' })
    opener.focus()
    fireEvent.click(opener)
    expect(document.activeElement).toBe(screen.getByLabelText('Note'))

    ;(document.activeElement as HTMLElement).blur()
    expect(document.activeElement).toBe(document.body)
    fireEvent.keyDown(document.body, { key: 'Tab' })
    expect(document.activeElement).toBe(screen.getByLabelText('Note'))

    ;(document.activeElement as HTMLElement).blur()
    fireEvent.keyDown(document.body, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('gives focus to the main area when what opened it is gone', () => {
    render(<Screen closes={[]} />)
    const opener = screen.getByRole('button', { name: 'Review…' })
    opener.focus()
    fireEvent.click(opener)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(document.getElementById('main'))
  })
})

/** An opener disabled while the action its dialog started runs: it cannot take focus back. */
function BusyOpener(): ReactNode {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  return (
    <>
      <main id="main" tabIndex={-1}>
        <button type="button" disabled={busy} onClick={() => setOpen(true)}>
          Run…
        </button>
      </main>
      {open && (
        <Dialog title="Run" onClose={() => setOpen(false)}>
          <button
            type="button"
            onClick={() => {
              setBusy(true)
              setOpen(false)
            }}
          >
            Start
          </button>
        </Dialog>
      )}
    </>
  )
}

describe('Dialog closing onto a disabled opener', () => {
  it('gives focus to the main area, not to the page’s body', () => {
    render(<BusyOpener />)
    const opener = screen.getByRole('button', { name: 'Run…' })
    opener.focus()
    fireEvent.click(opener)
    fireEvent.click(screen.getByRole('button', { name: 'Start' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(document.getElementById('main'))
  })
})
