import { describe, expect, it, vi } from 'vitest'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { createAppStore, hasAnswered, selectConnections } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const connection = (id: string, name: string) => ({ id, name, provider: 'cloudback', customer: '', tags: [] }) as unknown as ConnectionSummary

describe('connections slice', () => {
  it('shows none and no answer before the first read, with one empty list for every selector call', () => {
    const store = createAppStore()
    expect(store.getState().connections).toEqual({ loading: false })
    expect(hasAnswered(store.getState().connections)).toBe(false)
    expect(selectConnections(store.getState())).toBe(selectConnections(store.getState()))
  })

  it('is loading while the list is read, then holds it with when it arrived', async () => {
    const answer = deferred<ConnectionSummary[]>()
    installFakeBridge({ 'connections.list': () => answer.promise })
    const store = createAppStore()
    const loading = store.getState().loadConnections()
    expect(store.getState().connections.loading).toBe(true)
    answer.resolve([connection('a', 'One')])
    await loading
    expect(store.getState().connections).toMatchObject({ value: [{ name: 'One' }], loading: false })
    expect(store.getState().connections.loadedAt).toBeDefined()
  })

  it('keeps the last list when a read fails, and says why', async () => {
    let fail = false
    installFakeBridge({
      'connections.list': () => {
        if (fail) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return [connection('a', 'One')]
      }
    })
    const store = createAppStore()
    await store.getState().loadConnections()
    fail = true
    await store.getState().loadConnections()
    expect(store.getState().connections).toMatchObject({ error: 'The vault is locked.', loading: false })
    expect(selectConnections(store.getState()).map((c) => c.name)).toEqual(['One'])
  })

  it('sends one read at a time; asks during it bring one more read, whose answer is the one kept', async () => {
    const answers = [deferred<ConnectionSummary[]>(), deferred<ConnectionSummary[]>()]
    const bridge = installFakeBridge({ 'connections.list': () => answers[bridge!.callsTo('connections.list').length - 1]!.promise })
    const store = createAppStore()
    const first = store.getState().loadConnections()
    void store.getState().loadConnections()
    void store.getState().loadConnections()
    expect(bridge.callsTo('connections.list')).toHaveLength(1)
    answers[0]!.resolve([connection('a', 'Before the change')])
    await vi.waitFor(() => expect(bridge!.callsTo('connections.list')).toHaveLength(2))
    answers[1]!.resolve([connection('a', 'After the change')])
    await first
    expect(bridge.callsTo('connections.list')).toHaveLength(2)
    expect(selectConnections(store.getState()).map((c) => c.name)).toEqual(['After the change'])
  })

  it('puts a saved connection in place and removes a deleted one without reading again', async () => {
    const bridge = installFakeBridge({ 'connections.list': () => [connection('a', 'One'), connection('b', 'Two')] })
    const store = createAppStore()
    await store.getState().loadConnections()
    store.getState().upsertConnection(connection('b', 'Two renamed'))
    store.getState().upsertConnection(connection('c', 'Three'))
    store.getState().removeConnection('a')
    expect(selectConnections(store.getState()).map((c) => c.name)).toEqual(['Two renamed', 'Three'])
    expect(bridge.callsTo('connections.list')).toHaveLength(1)
  })
})
