import { fireEvent, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { startReportingUnsavedEdits } from '../../../src/renderer/src/app/unsaved-edits-to-main'
import { createAppStore, useStore } from '../../../src/renderer/src/store'
import { useUnsavedChangesGuard } from '../../../src/renderer/src/store/use-unsaved-changes-guard'
import { installFakeBridge, MainError } from '../fake-bridge'

/** A form guarded as every editor is, named as main's question will name it. */
function NoteForm({ name }: { name: string }): ReactNode {
  const [text, setText] = useState('')
  const [saved, setSaved] = useState('')
  const unsaved = useUnsavedChangesGuard(text !== saved, name)
  return (
    <>
      <label htmlFor={name}>{name}</label>
      <input id={name} value={text} onChange={(e) => setText(e.target.value)} />
      <button
        type="button"
        onClick={() => {
          setSaved(text)
          unsaved.release()
        }}
      >
        Save {name}
      </button>
    </>
  )
}

describe('unsaved edits reported to main (Electron)', () => {
  it('tells main which editors hold unsaved edits each time that changes, and when none is left', () => {
    const bridge = installFakeBridge({ 'app.unsavedEdits.report': () => ({ kept: true }) }, { shell: 'electron' })
    useStore.setState({ unsavedEdits: [], leaving: null })
    const stop = startReportingUnsavedEdits(useStore)
    try {
      render(
        <>
          <NoteForm name="the connection “Contoso”" />
          <NoteForm name="the new connection" />
        </>
      )
      // Nothing typed: nothing to tell (main starts a new page with nothing).
      expect(bridge.callsTo('app.unsavedEdits.report')).toEqual([])
      fireEvent.change(screen.getByLabelText('the connection “Contoso”'), { target: { value: 'x' } })
      fireEvent.change(screen.getByLabelText('the connection “Contoso”'), { target: { value: 'xy' } })
      fireEvent.change(screen.getByLabelText('the new connection'), { target: { value: 'y' } })
      fireEvent.click(screen.getByRole('button', { name: 'Save the connection “Contoso”' }))
      fireEvent.change(screen.getByLabelText('the new connection'), { target: { value: '' } })
      expect(bridge.callsTo('app.unsavedEdits.report')).toEqual([
        { editors: ['the connection “Contoso”'] },
        { editors: ['the connection “Contoso”', 'the new connection'] },
        { editors: ['the new connection'] },
        { editors: [] }
      ])
    } finally {
      stop()
    }
  })

  it('sends names main accepts: one line, bounded', () => {
    const bridge = installFakeBridge({ 'app.unsavedEdits.report': () => ({ kept: true }) }, { shell: 'electron' })
    const store = createAppStore()
    const stop = startReportingUnsavedEdits(store)
    store.getState().setUnsavedEdits('a', 'the connection “Two\nlines”')
    store.getState().setUnsavedEdits('b', 'x'.repeat(500))
    store.getState().setUnsavedEdits('c', '\u0007')
    stop()
    const last = bridge.callsTo('app.unsavedEdits.report').at(-1) as { editors: string[] }
    expect(last.editors).toEqual(['the connection “Two lines”', `${'x'.repeat(119)}…`, 'a form'])
  })

  it('sends the whole list again after a report main did not take', async () => {
    let refuse = true
    const bridge = installFakeBridge(
      {
        'app.unsavedEdits.report': () => {
          if (refuse) throw new MainError({ code: 'INTERNAL', message: 'busy', retryable: true })
          return { kept: true }
        }
      },
      { shell: 'electron' }
    )
    const store = createAppStore()
    const stop = startReportingUnsavedEdits(store)
    store.getState().setUnsavedEdits('a', 'the new connection')
    // The refusal has come back: every promise callback already queued has run.
    await new Promise<void>((resolve) => setTimeout(resolve))
    refuse = false
    // Any later change of the store brings the list main missed.
    store.getState().navigate({ id: 'fleet' })
    stop()
    expect(bridge.callsTo('app.unsavedEdits.report')).toEqual([{ editors: ['the new connection'] }, { editors: ['the new connection'] }])
  })

  it('tells main nothing in the web shell, where the browser asks by itself', () => {
    const bridge = installFakeBridge({ 'app.unsavedEdits.report': () => ({ kept: false }) })
    const store = createAppStore()
    const stop = startReportingUnsavedEdits(store)
    store.getState().setUnsavedEdits('a', 'the new connection')
    stop()
    expect(bridge.callsTo('app.unsavedEdits.report')).toEqual([])
  })
})
