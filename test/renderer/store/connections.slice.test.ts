import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, type FakeBridge } from '../fake-bridge'

let bridge: FakeBridge | undefined
afterEach(() => bridge?.remove())

const connection = (id: string, name: string) => ({ id, name, provider: 'cloudback', customer: '', tags: [] }) as unknown as ConnectionSummary

describe('connections slice', () => {
  it('loads the list, puts a saved connection in place and removes a deleted one without reading again', async () => {
    bridge = installFakeBridge({ 'connections.list': () => [connection('a', 'One'), connection('b', 'Two')] })
    const store = createAppStore()
    await store.getState().loadConnections()
    store.getState().upsertConnection(connection('b', 'Two renamed'))
    store.getState().upsertConnection(connection('c', 'Three'))
    store.getState().removeConnection('a')
    expect(store.getState().connections.map((c) => c.name)).toEqual(['Two renamed', 'Three'])
    expect(bridge.callsTo('connections.list')).toHaveLength(1)
  })
})
