import { fireEvent, render, screen } from '@testing-library/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { useFocusOnScreenChange } from '../../../src/renderer/src/app/focus-on-screen-change'

type ScreenName = 'list' | 'customer' | 'form' | 'plain'

/** A customer list whose row link goes away with the screen, as in the app. */
function List({ go }: { go: (to: ScreenName) => void }): ReactNode {
  return (
    <>
      <h1>Customers</h1>
      <button type="button" onClick={() => go('customer')}>
        Acme
      </button>
    </>
  )
}

/** A screen that puts focus on its own first field. */
function Form(): ReactNode {
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => field.current?.focus(), [])
  return (
    <>
      <h1>New connection</h1>
      <input ref={field} aria-label="Name" />
    </>
  )
}

function Frame({ initial = 'list' }: { initial?: ScreenName }): ReactNode {
  const [shown, setShown] = useState<{ name: ScreenName; filter: string }>({ name: initial, filter: 'all' })
  const go = (name: ScreenName) => setShown({ name, filter: 'all' })
  useFocusOnScreenChange(`${shown.name}?filter=${shown.filter}`)
  return (
    <>
      <nav>
        <button type="button" onClick={() => go('plain')}>
          Plain
        </button>
        <button type="button" onClick={() => go('form')}>
          Form
        </button>
      </nav>
      <main id="main" tabIndex={-1}>
        {shown.name === 'list' && <List go={go} />}
        {shown.name === 'customer' && (
          <>
            <h1>Acme</h1>
            <label>
              Show
              <select value={shown.filter} onChange={(event) => setShown({ name: 'customer', filter: event.target.value })}>
                <option value="all">All</option>
                <option value="failed">Failed</option>
              </select>
            </label>
          </>
        )}
        {shown.name === 'form' && <Form />}
        {shown.name === 'plain' && <p>Nothing to head this screen.</p>}
      </main>
    </>
  )
}

describe('focus after a screen change', () => {
  it('leaves focus alone on the first render', () => {
    render(<Frame />)
    expect(document.activeElement).toBe(document.body)
  })

  it('moves focus to the new screen’s heading when the control used went away with the old screen', () => {
    render(<Frame />)
    const row = screen.getByRole('button', { name: 'Acme' })
    row.focus()
    fireEvent.click(row)
    const heading = screen.getByRole('heading', { name: 'Acme' })
    expect(document.activeElement).toBe(heading)
    // Focusable by script only: Tab does not stop on it.
    expect(heading.tabIndex).toBe(-1)
  })

  it('moves focus from the sidebar into the new screen', () => {
    render(<Frame initial="customer" />)
    const item = screen.getByRole('button', { name: 'Form' })
    item.focus()
    fireEvent.click(screen.getByRole('button', { name: 'Plain' }))
    // No heading on this screen: the main area takes focus.
    expect(document.activeElement).toBe(document.getElementById('main'))
  })

  it('keeps the focus a screen gave its own first field', () => {
    render(<Frame />)
    fireEvent.click(screen.getByRole('button', { name: 'Form' }))
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }))
  })

  it('keeps focus on a control of the screen that stays (a filter kept in the address)', () => {
    render(<Frame initial="customer" />)
    const filter = screen.getByRole('combobox', { name: 'Show' })
    filter.focus()
    fireEvent.change(filter, { target: { value: 'failed' } })
    expect(document.activeElement).toBe(filter)
  })
})
