import { describe, expect, it } from 'vitest'
import type { Overview } from '../../../src/shared/model/overview'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, MainError } from '../fake-bridge'

const overview = (openReviews: number): Overview => ({
  computedAt: '2026-03-04T10:00:00Z',
  providers: [],
  openReviews,
  restoresInFlight: 0,
  connections: [],
  attention: [],
  trend: []
})

describe('overview slice', () => {
  it('reads once, refreshes in the background only once read, and never loses a refresh asked for during a read', async () => {
    let answer = 1
    let release: (() => void) | undefined
    const bridge = installFakeBridge({
      'overview.get': async () => {
        const n = answer
        if (n === 2) await new Promise<void>((resolve) => (release = resolve))
        return overview(n)
      }
    })
    const store = createAppStore()
    // Never read: an event does not start a read for a screen nobody opened.
    store.getState().refreshOverview()
    expect(bridge.callsTo('overview.get')).toHaveLength(0)

    await store.getState().loadOverview()
    await store.getState().loadOverview()
    expect(bridge.callsTo('overview.get')).toHaveLength(1)
    expect(store.getState().overview.value?.openReviews).toBe(1)

    // A refresh starts a read (held open); a second one during it runs after it.
    answer = 2
    store.getState().refreshOverview()
    expect(store.getState().overview.loading).toBe(true)
    store.getState().refreshOverview()
    answer = 3
    release?.()
    await expect.poll(() => store.getState().overview.value?.openReviews).toBe(3)
    expect(bridge.callsTo('overview.get')).toHaveLength(3)
  })

  it('a failed read keeps the last numbers beside the error', async () => {
    let fail = false
    installFakeBridge({
      'overview.get': () => {
        if (fail) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return overview(4)
      }
    })
    const store = createAppStore()
    await store.getState().loadOverview()
    fail = true
    await store.getState().loadOverview(true)
    expect(store.getState().overview).toMatchObject({ value: { openReviews: 4 }, error: 'The vault is locked.', loading: false })
  })
})
