import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { UnsavedChangesDialog } from '../../../src/renderer/src/components/UnsavedChangesDialog'
import { useStore } from '../../../src/renderer/src/store'
import { useUnsavedChangesGuard } from '../../../src/renderer/src/store/use-unsaved-changes-guard'
import { installFakeBridge } from '../fake-bridge'

/** A form as every editor uses the guard: dirty once something differs, saved by its button. */
function NoteForm({ onClose }: { onClose: () => void }): ReactNode {
  const [text, setText] = useState('')
  const [savedText, setSavedText] = useState('')
  const unsaved = useUnsavedChangesGuard(text !== savedText, 'the note')
  return (
    <>
      <label htmlFor="note">Note</label>
      <input id="note" value={text} onChange={(e) => setText(e.target.value)} />
      <button
        type="button"
        onClick={() => {
          setSavedText(text)
          unsaved.release()
          useStore.getState().navigate({ id: 'fleet' })
        }}
      >
        Save and open Fleet
      </button>
      <button type="button" onClick={() => unsaved.leave(onClose)}>
        Close
      </button>
      {unsaved.asking && (
        <UnsavedChangesDialog title="Discard the note?" onDiscard={unsaved.discard} onKeepEditing={unsaved.keepEditing}>
          <p>The note is thrown away.</p>
        </UnsavedChangesDialog>
      )}
    </>
  )
}

const navigate = (to: 'fleet' | 'reports') => act(() => useStore.getState().navigate({ id: to }))
const shown = () => useStore.getState().screen.id

describe('useUnsavedChangesGuard', () => {
  beforeEach(() => {
    useStore.setState({ screen: { id: 'home' }, unsavedEdits: [], leaving: null })
  })

  it('navigates at once while nothing is typed', () => {
    render(<NoteForm onClose={() => undefined} />)
    navigate('fleet')
    expect(shown()).toBe('fleet')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('holds a navigation back while something is typed and asks; Keep editing keeps the input, Discard navigates', () => {
    render(<NoteForm onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'half typed' } })
    navigate('fleet')
    expect(shown()).toBe('home')
    const ask = screen.getByRole('dialog', { name: 'Discard the note?' })
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }))
    expect(ask.isConnected).toBe(false)
    expect(shown()).toBe('home')
    expect(screen.getByLabelText('Note')).toHaveProperty('value', 'half typed')

    navigate('reports')
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }))
    expect(shown()).toBe('reports')
    expect(screen.queryByRole('dialog')).toBeNull()
    // Discarded: a further navigation asks nothing.
    navigate('fleet')
    expect(shown()).toBe('fleet')
  })

  it('lets a navigation go on once the edits are typed back', () => {
    render(<NoteForm onClose={() => undefined} />)
    const note = screen.getByLabelText('Note')
    fireEvent.change(note, { target: { value: 'x' } })
    fireEvent.change(note, { target: { value: '' } })
    navigate('fleet')
    expect(shown()).toBe('fleet')
  })

  it('asks nothing when the form navigates right after saving', () => {
    render(<NoteForm onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'kept' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save and open Fleet' }))
    expect(shown()).toBe('fleet')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('asks the same question before the form’s own Close drops the edits', () => {
    const onClose = vi.fn()
    render(<NoteForm onClose={onClose} />)
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(onClose).toHaveBeenCalledTimes(1)

    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'half typed' } })
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(onClose).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }))
    expect(onClose).toHaveBeenCalledTimes(2)
  })

  it('lifts the guard when the form goes away', () => {
    const { unmount } = render(<NoteForm onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'half typed' } })
    unmount()
    navigate('fleet')
    expect(shown()).toBe('fleet')
  })

  it('in the web shell, has the browser ask before a reload or closing the tab drops the edits', () => {
    installFakeBridge({})
    render(<NoteForm onClose={() => undefined} />)
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(unload()).toBe(false)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'half typed' } })
    expect(unload()).toBe(true)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: '' } })
    expect(unload()).toBe(false)
  })

  it('in Electron, holds no unload back (it would keep the window open without a word): main asks instead', () => {
    installFakeBridge({ 'app.unsavedEdits.report': () => ({ kept: true }) }, { shell: 'electron' })
    render(<NoteForm onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'half typed' } })
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
    expect(useStore.getState().unsavedEdits).toEqual([{ guard: expect.any(String), editor: 'the note' }])
  })
})
