import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'

describe('CloudAlly slice', () => {
  it('loads each resource of a connection on its own channel, once unless reloaded', async () => {
    const bridge = installFakeBridge({ 'cloudally.tasks.list': () => [], 'cloudally.partner.get': () => ({ name: 'Partner AB' }) as never })
    const store = createAppStore()
    await store.getState().loadCloudAlly('c1', 'tasks')
    await store.getState().loadCloudAlly('c1', 'tasks')
    await store.getState().loadCloudAlly('c1', 'partner')
    expect(bridge.calls.map((c) => c.channel)).toEqual(['cloudally.tasks.list', 'cloudally.partner.get'])
    expect(store.getState().cloudally['c1']?.partner).toMatchObject({ value: { name: 'Partner AB' }, loading: false })
    await store.getState().loadCloudAlly('c1', 'tasks', true)
    expect(bridge.callsTo('cloudally.tasks.list')).toEqual([{ connectionId: 'c1' }, { connectionId: 'c1' }])
  })

  it('shows why a resource could not be read', async () => {
    installFakeBridge()
    const store = createAppStore()
    await store.getState().loadCloudAlly('c2', 'bills')
    expect(store.getState().cloudally['c2']?.bills).toEqual({ loading: false, error: 'No answer for cloudally.bills.list in this test.' })
  })
})
