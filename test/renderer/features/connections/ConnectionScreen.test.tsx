import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionUpdateInput } from '../../../../src/shared/contract/connections.contract'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import { ConnectionScreen } from '../../../../src/renderer/src/features/connections/ConnectionScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { HANG_GUARD, tracked } from '../../providers/cloudback/cloudback-fixtures'
import { cedarLabs } from './connection-fixture'

function showConnection() {
  let stored: ConnectionSummary = cedarLabs
  const bridge = installFakeBridge({
    'connections.test': () => ({ ok: true, message: 'Logged in as tech.' }),
    'connections.update': (input) => {
      const { clientId } = input as ConnectionUpdateInput & { clientId?: string }
      stored = { ...stored, ...(clientId ? { clientId } : {}), updatedAt: '2026-01-02T00:00:00.000Z' }
      return stored
    },
    'cloutility.tree': () => ({ user: { id: 1, username: 'tech', businessUnit: { id: 16, name: 'Cedar Labs AS' } }, root: { id: 16, parentId: null, name: 'Cedar Labs AS', tags: [], children: [] } }),
    'overview.unitHealth': () => null
  })
  useStore.setState({ connections: { value: [cedarLabs], loading: false }, screen: { id: 'connection', params: { id: 'c1' } } })
  render(<ConnectionScreen />)
  return bridge
}

async function saveClientId(value: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }))
  fireEvent.change(screen.getByLabelText('Client ID'), { target: { value } })
  fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
  await screen.findByRole('button', { name: 'Edit' })
}

describe('ConnectionScreen', () => {
  it('takes the last test result away once a change to the connection is saved', async () => {
    const bridge = showConnection()
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByTestId('probe-result')).textContent).toContain('Connection works.')

    await saveClientId('00000000-0000-0000-0000-000000000000')
    expect(bridge.callsTo('connections.update')).toHaveLength(1)
    expect(screen.queryByTestId('probe-result')).toBeNull()
  })

  it('gives focus back to Edit after the editor is saved or cancelled', async () => {
    showConnection()
    await saveClientId('00000000-0000-0000-0000-000000000000')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' })))

    act(() => (document.activeElement as HTMLElement).blur())
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' })))
  })

  it('shows another connection opened while editing as its own screen, never this editor under its name', () => {
    showConnection()
    const other: ConnectionSummary = { ...cedarLabs, id: 'c2', name: 'Birch Works' }
    act(() => useStore.setState({ connections: { value: [cedarLabs, other], loading: false }, unsavedEdits: [], leaving: null }))
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }))
    expect(screen.getByRole('heading', { name: `Edit ${cedarLabs.name}` })).toBeTruthy()
    act(() => useStore.getState().navigate({ id: 'connection', params: { id: 'c2' } }))
    expect(screen.queryByRole('heading', { name: /^Edit / })).toBeNull()
    expect(screen.getByRole('heading', { name: 'Birch Works' })).toBeTruthy()
    // Back on the first one, its screen shows as well, not the editor left behind.
    act(() => useStore.getState().navigate({ id: 'connection', params: { id: 'c1' } }))
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy()
  })

  it('keeps a connection’s console and last error to it when the sidebar opens another one', async () => {
    // Two Cloudback connections of one customer: the first tracks a definition, the second none.
    const first: ConnectionSummary = { ...cedarLabs, id: 'cb1', provider: 'cloudback', name: 'Cloudback Oslo' }
    const second: ConnectionSummary = { ...cedarLabs, id: 'cb2', provider: 'cloudback', name: 'Cloudback Bergen' }
    installFakeBridge({
      'cloudback.tracked.list': (input) => (input.connectionId === 'cb1' ? [tracked('demo-repository')] : []),
      'connections.test': () => {
        throw new MainError({ code: 'OFFLINE', message: 'Cloudback Oslo cannot be reached.', retryable: true })
      }
    })
    useStore.setState({ connections: { value: [first, second], loading: false }, screen: { id: 'connection', params: { id: 'cb1' } }, unsavedEdits: [], leaving: null, toasts: [] })
    render(<ConnectionScreen />)
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select backdesk-demo/demo-repository' }, HANG_GUARD))
    fireEvent.click(screen.getByRole('button', { name: 'Edit backdesk-demo/demo-repository' }))
    expect(screen.getByTestId('cloudback-editor')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByRole('alert', {}, HANG_GUARD)).textContent).toContain('cannot be reached')

    act(() => useStore.getState().navigate({ id: 'connection', params: { id: 'cb2' } }))
    expect(screen.getByRole('heading', { name: 'Cloudback Bergen' })).toBeTruthy()
    await screen.findByText('Nothing tracked yet: look a repository or project up above.', {}, HANG_GUARD)
    // Nothing chosen on the first connection is chosen here, so Stop tracking cannot act on it.
    expect(screen.getByText('0 selected')).toBeTruthy()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Stop tracking…' }).disabled).toBe(true)
    // Its editor is not carried over (nor said to have closed because tracking stopped elsewhere).
    expect(screen.queryByTestId('cloudback-editor')).toBeNull()
    expect(useStore.getState().toasts).toEqual([])
    // The first connection's failed test is not this one's.
    expect(screen.queryByText(/cannot be reached/)).toBeNull()
  })

  it('opens a portal user’s CloudAlly console on a tab it has, after a partner’s was on Bills', () => {
    const partner = { ...cedarLabs, id: 'ca1', provider: 'cloudally', mode: 'partner', name: 'CloudAlly partner' } as unknown as ConnectionSummary
    const portal = { ...cedarLabs, id: 'ca2', provider: 'cloudally', mode: 'user', name: 'CloudAlly portal user' } as unknown as ConnectionSummary
    installFakeBridge()
    useStore.setState({ connections: { value: [partner, portal], loading: false }, screen: { id: 'connection', params: { id: 'ca1' } }, unsavedEdits: [], leaving: null })
    render(<ConnectionScreen />)
    fireEvent.click(screen.getByRole('tab', { name: 'Bills' }))
    expect(screen.getByRole('heading', { name: 'Bills' })).toBeTruthy()

    act(() => useStore.getState().navigate({ id: 'connection', params: { id: 'ca2' } }))
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Tasks', 'Restores'])
    expect(screen.getByRole('tab', { name: 'Tasks' }).getAttribute('aria-selected')).toBe('true')
    expect(screen.getByRole('heading', { name: 'Tasks and backup tasks' })).toBeTruthy()
  })
})
