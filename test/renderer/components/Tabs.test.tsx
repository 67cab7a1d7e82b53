import { fireEvent, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { Tabs } from '../../../src/renderer/src/components/Tabs'

type Id = 'overview' | 'tasks' | 'restores'
const TABS = [
  { id: 'overview' as const, label: 'Overview' },
  { id: 'tasks' as const, label: 'Tasks' },
  { id: 'restores' as const, label: 'Restores' }
]

/** A console whose Restores panel has a button that goes to Tasks, as CloudAlly's does. */
function Console({ start, withFocus }: { start: Id; withFocus: boolean }): ReactNode {
  const [tab, setTab] = useState<Id>(start)
  const [focusRequest, setFocusRequest] = useState(0)
  return (
    <Tabs label="Console" tabs={TABS} selected={tab} onSelect={setTab} focusRequest={focusRequest}>
      {tab === 'restores' && (
        <button
          type="button"
          onClick={() => {
            setTab('tasks')
            if (withFocus) setFocusRequest((n) => n + 1)
          }}
        >
          Go to Tasks
        </button>
      )}
      {tab === 'tasks' && <p>The tasks</p>}
    </Tabs>
  )
}

describe('Tabs', () => {
  it('gives the focus to the selected tab when a panel asks for it, and only then', () => {
    const { unmount } = render(<Console start="restores" withFocus />)
    // Not on the first render: opening a console does not move the focus.
    expect(document.activeElement).toBe(document.body)
    const go = screen.getByRole('button', { name: 'Go to Tasks' })
    go.focus()
    fireEvent.click(go)
    expect(screen.getByText('The tasks')).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Tasks' }))
    expect(screen.getByRole('tab', { name: 'Tasks' }).getAttribute('aria-selected')).toBe('true')
    unmount()
  })

  it('leaves the focus alone when a panel changes the tab without asking', () => {
    render(<Console start="restores" withFocus={false} />)
    const go = screen.getByRole('button', { name: 'Go to Tasks' })
    go.focus()
    fireEvent.click(go)
    expect(screen.getByText('The tasks')).toBeTruthy()
    expect(document.activeElement).not.toBe(screen.getByRole('tab', { name: 'Tasks' }))
  })
})
