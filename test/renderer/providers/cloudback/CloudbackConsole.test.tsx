import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { TrackedDefinition } from '../../../../src/shared/providers/cloudback/model'
import { CloudbackConsole } from '../../../../src/renderer/src/providers/cloudback/CloudbackConsole'
import { useStore } from '../../../../src/renderer/src/store'
import { deferred } from '../../deferred'
import { installFakeBridge } from '../../fake-bridge'
import { demoSettings, HANG_GUARD, tracked } from './cloudback-fixtures'

const connection = { id: 'c1', provider: 'cloudback', name: 'Demo Cloudback' } as ConnectionSummary

afterEach(() => useStore.setState({ cloudbackTracked: {}, unsavedEdits: [], leaving: null }))

/** Main's tracked list, which a bulk apply changes as Cloudback does. */
function fakeMain(list: TrackedDefinition[]) {
  let held = list
  return installFakeBridge({
    'cloudback.tracked.list': () => held,
    'cloudback.tracked.remove': (input) => {
      held = held.filter((d) => !input.keys.includes(d.key))
      return { removed: input.keys.length }
    },
    'cloudback.bulk.preview': (input) => ({
      previewId: 'p1',
      connectionId: 'c1',
      change: input.change,
      createdAt: '2026-12-05T10:00:00.000Z',
      items: held
        .filter((d) => input.keys.includes(d.key))
        .map((d) => ({ key: d.key, subject: d, current: d.settings, next: { ...d.settings!, ...input.change }, changes: [{ field: 'enabled' as const, from: 'true', to: 'false' }] }))
    }),
    'cloudback.bulk.apply': () => {
      held = held.map((d) => (d.key === tracked('demo-repository').key ? { ...d, settings: { ...d.settings!, enabled: false } } : d))
      return { previewId: 'p1', items: [], updated: 1, failed: 0 }
    }
  })
}

const table = () => screen.getByRole('table', { name: 'Tracked Cloudback definitions' })

describe('CloudbackConsole', () => {
  it('a disabled definition’s schedule says it does not run; an enabled one’s is just the schedule', async () => {
    fakeMain([tracked('demo-repository'), tracked('helm-charts', { ...demoSettings, enabled: false })])
    render(<CloudbackConsole connection={connection} />)
    await screen.findByRole('button', { name: 'Edit backdesk-demo/helm-charts' }, HANG_GUARD)
    const cellsOf = async (subject: string) => {
      const row = await within(table()).findByRole('row', { name: new RegExp(subject) }, HANG_GUARD)
      return within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    }
    expect(await cellsOf('demo-repository')).toContain(demoSettings.schedule)
    expect(await cellsOf('helm-charts')).toContain(`${demoSettings.schedule} (disabled)`)
    expect(await cellsOf('helm-charts')).not.toContain(demoSettings.schedule)
  })

  it('an open editor with no edits takes the settings a bulk change made', async () => {
    fakeMain([tracked('demo-repository'), tracked('helm-charts')])
    render(<CloudbackConsole connection={connection} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit backdesk-demo/demo-repository' }, HANG_GUARD))
    const editor = screen.getByTestId('cloudback-editor')
    expect(within(editor).getByRole<HTMLInputElement>('checkbox', { name: 'Scheduled backups enabled' }).checked).toBe(true)

    fireEvent.click(within(table()).getByRole('checkbox', { name: 'Select backdesk-demo/demo-repository' }))
    fireEvent.click(screen.getByRole('button', { name: 'Disable…' }))
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Apply to 1' }, HANG_GUARD))
    const dialog = screen.getByRole('dialog')
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Close' }, HANG_GUARD))
    await waitFor(() => expect(within(table()).getAllByText('Disabled')).toHaveLength(1), HANG_GUARD)
    expect(within(editor).getByRole<HTMLInputElement>('checkbox', { name: 'Scheduled backups enabled' }).checked).toBe(false)
    expect(within(editor).queryByTestId('cloudback-editor-changed')).toBeNull()
  })

  it('closing the editor puts focus on its row’s Edit button', async () => {
    fakeMain([tracked('demo-repository'), tracked('helm-charts', { ...demoSettings, enabled: false })])
    render(<CloudbackConsole connection={connection} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit backdesk-demo/helm-charts' }, HANG_GUARD))
    const editor = screen.getByTestId('cloudback-editor')
    fireEvent.click(within(editor).getByRole('button', { name: 'Close' }))
    expect(screen.queryByTestId('cloudback-editor')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit backdesk-demo/helm-charts' }))
  })

  it('after Stop tracking, focus goes to the list, or to its heading once the list is empty', async () => {
    fakeMain([tracked('demo-repository'), tracked('helm-charts')])
    render(<CloudbackConsole connection={connection} />)
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select backdesk-demo/helm-charts' }, HANG_GUARD))
    fireEvent.click(screen.getByRole('button', { name: 'Stop tracking…' }))
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Stop tracking' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), HANG_GUARD)
    expect(document.activeElement).toBe(screen.getByRole('group', { name: /^Tracked Cloudback definitions \(1 rows/ }))

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select backdesk-demo/demo-repository' }))
    fireEvent.click(screen.getByRole('button', { name: 'Stop tracking…' }))
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Stop tracking' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), HANG_GUARD)
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Tracked definitions' }))
  })

  it('opening another definition while the editor holds unsaved edits asks first: Keep editing keeps them, Discard opens the other', async () => {
    fakeMain([tracked('demo-repository'), tracked('helm-charts')])
    render(<CloudbackConsole connection={connection} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit backdesk-demo/demo-repository' }, HANG_GUARD))
    fireEvent.change(within(screen.getByTestId('cloudback-editor')).getByLabelText('Schedule'), { target: { value: 'Daily at 6 am' } })

    fireEvent.click(screen.getByRole('button', { name: 'Edit backdesk-demo/helm-charts' }))
    const question = screen.getByRole('dialog', { name: 'Discard your changes to GitHub repository backdesk-demo/demo-repository?' })
    fireEvent.click(within(question).getByRole('button', { name: 'Keep editing' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    const editor = screen.getByTestId('cloudback-editor')
    expect(within(editor).getByRole('heading', { name: 'GitHub repository backdesk-demo/demo-repository' })).toBeTruthy()
    expect(within(editor).getByLabelText<HTMLInputElement>('Schedule').value).toBe('Daily at 6 am')

    fireEvent.click(screen.getByRole('button', { name: 'Edit backdesk-demo/helm-charts' }))
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Discard changes' }))
    const other = screen.getByTestId('cloudback-editor')
    expect(within(other).getByRole('heading', { name: 'GitHub repository backdesk-demo/helm-charts' })).toBeTruthy()
    expect(within(other).getByLabelText<HTMLInputElement>('Schedule').value).toBe(demoSettings.schedule)
    expect(useStore.getState().unsavedEdits).toEqual([])
  })

  it('Stop tracking the definition being edited asks about its unsaved edits first, and a discard leaves the form as last read', async () => {
    fakeMain([tracked('demo-repository'), tracked('helm-charts')])
    useStore.setState({ screen: { id: 'connection', params: { id: 'c1' } } })
    render(<CloudbackConsole connection={connection} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit backdesk-demo/demo-repository' }, HANG_GUARD))
    const editor = screen.getByTestId('cloudback-editor')
    fireEvent.change(within(editor).getByLabelText('Retention'), { target: { value: 'Last 90 days' } })
    fireEvent.click(within(table()).getByRole('checkbox', { name: 'Select backdesk-demo/demo-repository' }))

    fireEvent.click(screen.getByRole('button', { name: 'Stop tracking…' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: /^Discard your changes to/ })).getByRole('button', { name: 'Keep editing' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(within(editor).getByLabelText<HTMLInputElement>('Retention').value).toBe('Last 90 days')

    fireEvent.click(screen.getByRole('button', { name: 'Stop tracking…' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: /^Discard your changes to/ })).getByRole('button', { name: 'Discard changes' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Stop tracking 1 definition?' })).getByRole('button', { name: 'Cancel' }))
    // The editor stays open, its edits dropped: nothing is left that a navigation would not ask about.
    expect(within(editor).getByLabelText<HTMLInputElement>('Retention').value).toBe(demoSettings.retention)
    act(() => useStore.getState().navigate({ id: 'fleet' }))
    expect(useStore.getState().screen.id).toBe('fleet')
  })

  it('a definition stopped elsewhere keeps an editor that holds edits open with them and says so; one without edits closes with a toast', async () => {
    // Main's list, which another window's Stop tracking changes behind this one's back.
    let held = [tracked('demo-repository'), tracked('helm-charts')]
    const bridge = installFakeBridge({
      'cloudback.tracked.list': () => held,
      'cloudback.definition.update': (input) => {
        const saved = { ...tracked(input.subjectName), settings: input.settings }
        held = [...held, saved]
        return saved
      }
    })
    useStore.setState({ screen: { id: 'connection', params: { id: 'c1' } }, toasts: [] })
    render(<CloudbackConsole connection={connection} />)
    const stopElsewhere = async (subjectName: string) => {
      held = held.filter((d) => d.subjectName !== subjectName)
      await act(() => useStore.getState().loadCloudbackTracked('c1'))
    }

    fireEvent.click(await screen.findByRole('button', { name: 'Edit backdesk-demo/demo-repository' }, HANG_GUARD))
    fireEvent.change(within(screen.getByTestId('cloudback-editor')).getByLabelText('Schedule'), { target: { value: 'Daily at 6 am' } })
    await stopElsewhere('demo-repository')
    expect(within(table()).queryByRole('button', { name: 'Edit backdesk-demo/demo-repository' })).toBeNull()
    const editor = screen.getByTestId('cloudback-editor')
    expect(within(editor).getByLabelText<HTMLInputElement>('Schedule').value).toBe('Daily at 6 am')
    expect(within(editor).getByTestId('cloudback-editor-untracked').textContent).toContain('Backdesk no longer tracks this definition')
    expect(useStore.getState().unsavedEdits).not.toEqual([])

    // Save sends the edits and tracks the definition again.
    fireEvent.click(within(editor).getByRole('button', { name: 'Save settings' }))
    await within(editor).findByText('Saved at Cloudback.', {}, HANG_GUARD)
    expect(bridge.callsTo('cloudback.definition.update')[0]).toMatchObject({ subjectName: 'demo-repository', settings: { schedule: 'Daily at 6 am' } })
    expect(within(editor).queryByTestId('cloudback-editor-untracked')).toBeNull()
    expect(within(table()).getByRole('button', { name: 'Edit backdesk-demo/demo-repository' })).toBeTruthy()

    // Stopped elsewhere again with edits, then thrown away on purpose.
    fireEvent.change(within(editor).getByLabelText('Storage'), { target: { value: 'Cloudback US' } })
    await stopElsewhere('demo-repository')
    fireEvent.click(within(screen.getByTestId('cloudback-editor-untracked')).getByRole('button', { name: 'Discard my edits and close' }))
    expect(screen.queryByTestId('cloudback-editor')).toBeNull()
    expect(useStore.getState().unsavedEdits).toEqual([])

    // Nothing to keep: the editor closes and a toast says why.
    fireEvent.click(screen.getByRole('button', { name: 'Edit backdesk-demo/helm-charts' }))
    await stopElsewhere('helm-charts')
    expect(screen.queryByTestId('cloudback-editor')).toBeNull()
    expect(useStore.getState().toasts.map((t) => t.message)).toContainEqual(expect.stringContaining('GitHub repository backdesk-demo/helm-charts is no longer tracked'))

    // Stopped here, the editor closes with this console's own word only.
    bridge.remove()
    fakeMain([tracked('demo-repository')])
    await act(() => useStore.getState().loadCloudbackTracked('c1'))
    useStore.setState({ toasts: [] })
    fireEvent.click(screen.getByRole('button', { name: 'Edit backdesk-demo/demo-repository' }))
    fireEvent.click(within(table()).getByRole('checkbox', { name: 'Select backdesk-demo/demo-repository' }))
    fireEvent.click(screen.getByRole('button', { name: 'Stop tracking…' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Stop tracking 1 definition?' })).getByRole('button', { name: 'Stop tracking' }))
    await waitFor(() => expect(screen.queryByTestId('cloudback-editor')).toBeNull(), HANG_GUARD)
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Stopped tracking 1 definition. Nothing was changed at Cloudback.'])
  })

  it('gives the keyboard focus back to Stop tracking… while the stop runs, and a press then sends nothing more', async () => {
    const removed = deferred<{ removed: number }>()
    const bridge = installFakeBridge({ 'cloudback.tracked.list': () => [tracked('demo-repository'), tracked('helm-charts')], 'cloudback.tracked.remove': () => removed.promise })
    render(<CloudbackConsole connection={connection} />)
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select backdesk-demo/helm-charts' }, HANG_GUARD))
    const stop = screen.getByRole('button', { name: 'Stop tracking…' })
    stop.focus()
    fireEvent.click(stop)
    const dialog = screen.getByRole('dialog', { name: 'Stop tracking 1 definition?' })
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Stop tracking' })))
    // Escape leaves the question while the stop runs: focus goes back to the button that opened it,
    // which stays focusable (aria-disabled); a disabled one would drop the focus on the page's body.
    const confirming = document.activeElement as HTMLElement
    expect(dialog.contains(confirming)).toBe(true)
    fireEvent.keyDown(confirming, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(stop.hasAttribute('disabled')).toBe(false)
    expect(stop.getAttribute('aria-disabled')).toBe('true')
    expect(document.activeElement).toBe(stop)
    // Enter on it (the click it makes) asks nothing again.
    fireEvent.keyDown(stop, { key: 'Enter' })
    await act(async () => fireEvent.click(stop))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(stop)
    expect(bridge.callsTo('cloudback.tracked.remove')).toHaveLength(1)

    await act(async () => removed.resolve({ removed: 1 }))
    expect(within(table()).queryByText('helm-charts')).toBeNull()
    expect(bridge.callsTo('cloudback.tracked.remove')).toHaveLength(1)
  })
})
