import { describe, expect, it } from 'vitest'
import type { DemoStatus } from '../../../src/shared/contract/demo.contract'
import { createAppStore } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const status = (active: boolean): DemoStatus => ({ active, running: active, connections: [] })

describe('demo slice', () => {
  it('is loading while the status is read, then holds it; a pushed status replaces it as of now', async () => {
    const answer = deferred<DemoStatus>()
    installFakeBridge({ 'demo.status': () => answer.promise })
    const store = createAppStore()
    const loading = store.getState().loadDemo()
    expect(store.getState().demo.loading).toBe(true)
    answer.resolve(status(false))
    await loading
    expect(store.getState().demo).toMatchObject({ value: { active: false }, loading: false })
    store.getState().setDemo(status(true))
    expect(store.getState().demo).toMatchObject({ value: { active: true }, loading: false })
  })

  it('keeps the status when a start fails, says why, and clears the reason on the next try', async () => {
    let fail = true
    const bridge = installFakeBridge({
      'demo.status': () => status(false),
      'demo.start': () => {
        if (fail) throw new MainError({ code: 'INTERNAL', message: 'The simulator did not start.', retryable: true })
        return status(true)
      },
      'connections.list': () => []
    })
    const store = createAppStore()
    await store.getState().loadDemo()
    await expect(store.getState().startDemo()).resolves.toBeNull()
    expect(store.getState().demo).toMatchObject({ value: { active: false }, error: 'The simulator did not start.' })
    expect(store.getState().demoBusy).toBe(false)
    fail = false
    await expect(store.getState().startDemo()).resolves.toMatchObject({ active: true })
    expect(store.getState().demo.error).toBeUndefined()
    expect(store.getState().demo.value?.active).toBe(true)
    expect(bridge.callsTo('connections.list')).toHaveLength(1)
  })

  it('does not start twice while a start runs, and reads the status once at a time', async () => {
    const started = deferred<DemoStatus>()
    const bridge = installFakeBridge({ 'demo.start': () => started.promise, 'connections.list': () => [], 'demo.status': () => status(true) })
    const store = createAppStore()
    const first = store.getState().startDemo()
    await expect(store.getState().startDemo()).resolves.toBeNull()
    expect(bridge.callsTo('demo.start')).toHaveLength(1)
    started.resolve(status(true))
    await first
    await Promise.all([store.getState().loadDemo(), store.getState().loadDemo()])
    expect(bridge.callsTo('demo.status')).toHaveLength(2)
  })
})
