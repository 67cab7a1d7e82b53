import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { CloudbackSettings } from '../../../../src/shared/providers/cloudback/model'
import { DefinitionEditor } from '../../../../src/renderer/src/providers/cloudback/DefinitionEditor'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { demoSettings, HANG_GUARD, tracked } from './cloudback-fixtures'

const checkbox = () => screen.getByRole<HTMLInputElement>('checkbox', { name: 'Scheduled backups enabled' })
const field = (name: string) => screen.getByLabelText<HTMLInputElement>(name)

describe('DefinitionEditor', () => {
  it('takes settings changed meanwhile when it holds no edits', () => {
    installFakeBridge()
    const { rerender } = render(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository')} onClose={() => undefined} />)
    expect(checkbox().checked).toBe(true)
    rerender(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository', { ...demoSettings, enabled: false, schedule: 'Daily at 6 am' })} onClose={() => undefined} />)
    expect(checkbox().checked).toBe(false)
    expect(field('Schedule').value).toBe('Daily at 6 am')
    expect(screen.queryByTestId('cloudback-editor-changed')).toBeNull()
  })

  it('with edits, says the definition changed and holds Save back until the user reloads or keeps the edits', async () => {
    const bridge = installFakeBridge({ 'cloudback.definition.update': (input) => ({ ...tracked('demo-repository'), settings: input.settings }) })
    const { rerender } = render(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository')} onClose={() => undefined} />)
    fireEvent.change(field('Retention'), { target: { value: 'Last 90 days' } })
    const disabled = tracked('demo-repository', { ...demoSettings, enabled: false })
    rerender(<DefinitionEditor connectionId="c1" definition={disabled} onClose={() => undefined} />)
    expect(screen.getByTestId('cloudback-editor-changed').textContent).toContain('changed at Cloudback since it was opened')
    expect(checkbox().checked).toBe(true)
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save settings' }).disabled).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: /Reload from Cloudback/ }))
    expect(checkbox().checked).toBe(false)
    expect(field('Retention').value).toBe('Last 30 days')
    expect(screen.queryByTestId('cloudback-editor-changed')).toBeNull()

    // Edits made over the new settings, then a further change: keeping the edits saves them knowingly.
    fireEvent.change(field('Retention'), { target: { value: 'Last 90 days' } })
    rerender(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository', { ...demoSettings, enabled: false, storage: 'Cloudback US' })} onClose={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Keep my edits' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    await waitFor(() => expect(bridge.callsTo('cloudback.definition.update')).toHaveLength(1), HANG_GUARD)
    expect(bridge.callsTo('cloudback.definition.update')[0]).toMatchObject({ settings: { enabled: false, storage: 'Cloudback EU', retention: 'Last 90 days' } })
  })

  it('refuses to clear a name Cloudback holds, beside the field, without calling Cloudback', () => {
    const bridge = installFakeBridge()
    render(<DefinitionEditor connectionId="c1" definition={tracked('helm-charts')} onClose={() => undefined} />)
    fireEvent.change(field('Schedule'), { target: { value: '' } })
    fireEvent.change(field('Storage'), { target: { value: '  ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    expect(screen.getByText('Cloudback cannot clear a schedule: an empty one leaves “Daily at 4 pm” in place. Choose a schedule.')).toBeTruthy()
    expect(screen.getByText('Cloudback cannot clear a storage: an empty one leaves “Cloudback EU” in place. Choose a storage.')).toBeTruthy()
    expect(field('Schedule').getAttribute('aria-invalid')).toBe('true')
    expect(screen.queryByText('Saved at Cloudback.')).toBeNull()
    expect(bridge.callsTo('cloudback.definition.update')).toEqual([])
  })

  it('leaves a name Cloudback never had empty, and after a save shows what Cloudback holds', async () => {
    const held: CloudbackSettings = { enabled: false, schedule: 'Daily at 6 am', storage: null, retention: 'Last 30 days' }
    const bridge = installFakeBridge({ 'cloudback.definition.update': () => ({ ...tracked('helm-charts'), settings: held }) })
    const { rerender } = render(
      <DefinitionEditor connectionId="c1" definition={tracked('helm-charts', { enabled: false, schedule: null, storage: null, retention: null })} onClose={() => undefined} />
    )
    fireEvent.change(field('Schedule'), { target: { value: 'daily at 6 AM' } })
    fireEvent.change(field('Retention'), { target: { value: 'last 30 days' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    await screen.findByText('Saved at Cloudback.', {}, HANG_GUARD)
    expect(bridge.callsTo('cloudback.definition.update')[0]).toMatchObject({ settings: { schedule: 'daily at 6 AM', storage: null, retention: 'last 30 days' } })
    expect(field('Schedule').value).toBe('Daily at 6 am')
    expect(field('Storage').value).toBe('')
    expect(field('Retention').value).toBe('Last 30 days')
    // The saved definition comes back through the store: still saved, nothing changed meanwhile.
    rerender(<DefinitionEditor connectionId="c1" definition={tracked('helm-charts', held)} onClose={() => undefined} />)
    expect(screen.getByText('Saved at Cloudback.')).toBeTruthy()
    expect(screen.queryByTestId('cloudback-editor-changed')).toBeNull()
  })

  it('takes focus when it opens', () => {
    installFakeBridge()
    render(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository')} onClose={() => undefined} />)
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'GitHub repository backdesk-demo/demo-repository' }))
  })

  it('asks before Close or a navigation throws away unsaved edits, and saved edits leave without a question', async () => {
    installFakeBridge({ 'cloudback.definition.update': (input) => ({ ...tracked('demo-repository'), settings: input.settings }) })
    useStore.setState({ screen: { id: 'connection', params: { id: 'c1' } }, unsavedEdits: [], leaving: null })
    const onClose = vi.fn()
    render(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository')} onClose={onClose} />)
    fireEvent.change(field('Retention'), { target: { value: 'Last 90 days' } })
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.getByRole('dialog', { name: /^Discard your changes to .*demo-repository\?$/ })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }))
    expect(onClose).not.toHaveBeenCalled()
    act(() => useStore.getState().navigate({ id: 'fleet' }))
    expect(useStore.getState().screen.id).toBe('connection')
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }))
    expect(field('Retention').value).toBe('Last 90 days')

    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    await screen.findByText('Saved at Cloudback.')
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('removed at Cloudback while it holds edits: keeps them, says so, sends nothing, checks again, and discards only when asked', async () => {
    const notFound = () => {
      throw new MainError({ code: 'NOT_FOUND', message: 'Cloudback has no backup definition for GitHub repository backdesk-demo/demo-repository.', retryable: false })
    }
    let atCloudback = false
    const bridge = installFakeBridge({
      'cloudback.definition.update': notFound,
      'cloudback.definition.get': () => (atCloudback ? tracked('demo-repository') : notFound()),
      'cloudback.tracked.list': () => []
    })
    useStore.setState({ screen: { id: 'connection', params: { id: 'c1' } }, unsavedEdits: [], leaving: null })
    const onClose = vi.fn()
    render(<DefinitionEditor connectionId="c1" definition={tracked('demo-repository')} onClose={onClose} />)
    fireEvent.change(field('Schedule'), { target: { value: 'Daily at 6 am' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    const notice = await screen.findByTestId('cloudback-editor-gone', {}, HANG_GUARD)
    expect(notice.textContent).toContain('Cloudback no longer has this definition')
    expect(notice.textContent).toContain('Your unsaved edits are kept here')
    expect(field('Schedule').value).toBe('Daily at 6 am')
    expect(onClose).not.toHaveBeenCalled()
    // The edits are still guarded, and Save sends nothing more until the definition is back.
    expect(useStore.getState().unsavedEdits).not.toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    expect(bridge.callsTo('cloudback.definition.update')).toHaveLength(1)

    fireEvent.click(screen.getByRole('button', { name: 'Check again' }))
    await screen.findByText('Cloudback still has no definition for GitHub repository backdesk-demo/demo-repository.', {}, HANG_GUARD)
    expect(field('Schedule').value).toBe('Daily at 6 am')

    // Back at Cloudback: the notice goes and the edits can be saved.
    atCloudback = true
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }))
    await waitFor(() => expect(screen.queryByTestId('cloudback-editor-gone')).toBeNull(), HANG_GUARD)
    expect(field('Schedule').value).toBe('Daily at 6 am')
    expect(screen.getByRole('button', { name: 'Save settings' }).getAttribute('aria-disabled')).toBeNull()

    // Gone again, then thrown away on purpose: the editor closes and nothing guards any more.
    atCloudback = false
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    await screen.findByTestId('cloudback-editor-gone', {}, HANG_GUARD)
    fireEvent.click(screen.getByRole('button', { name: 'Discard my edits and close' }))
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(useStore.getState().unsavedEdits).toEqual([])
  })

  it('says a definition Backdesk found missing at Cloudback is gone, with no edits to discard', () => {
    installFakeBridge()
    render(<DefinitionEditor connectionId="c1" definition={{ ...tracked('demo-repository'), missing: true, lastError: 'Cloudback has no backup definition' }} onClose={() => undefined} />)
    expect(screen.getByTestId('cloudback-editor-gone').textContent).toContain('Cloudback no longer has this definition')
    expect(screen.queryByRole('button', { name: 'Discard my edits and close' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy()
  })
})
