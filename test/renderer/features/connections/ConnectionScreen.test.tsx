import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionUpdateInput } from '../../../../src/shared/contract/connections.contract'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import { ConnectionScreen } from '../../../../src/renderer/src/features/connections/ConnectionScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'
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
})
