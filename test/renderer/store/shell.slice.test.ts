import { describe, expect, it } from 'vitest'
import type { AboutInfo } from '../../../src/shared/contract/app.contract'
import { createAppStore, selectMainReachable } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const about = { name: 'Backdesk', version: '0.1.0', shell: 'web' } as unknown as AboutInfo

describe('shell slice', () => {
  it('says main is reachable only once it answered, and unreachable while the last read failed, keeping what it said', async () => {
    let fail = false
    const answer = deferred<AboutInfo>()
    installFakeBridge({
      'app.about': () => {
        if (fail) throw new MainError({ code: 'INTERNAL', message: 'Main did not answer.', retryable: true })
        return answer.promise
      }
    })
    const store = createAppStore()
    expect(selectMainReachable(store.getState())).toBeNull()
    const loading = store.getState().loadAbout()
    expect(store.getState().about.loading).toBe(true)
    expect(selectMainReachable(store.getState())).toBeNull()
    answer.resolve(about)
    await loading
    expect(selectMainReachable(store.getState())).toBe(true)
    fail = true
    await store.getState().loadAbout()
    expect(selectMainReachable(store.getState())).toBe(false)
    expect(store.getState().about).toMatchObject({ value: about, error: 'Main did not answer.', loading: false })
  })

  it('sends one read at a time', async () => {
    const answer = deferred<AboutInfo>()
    const bridge = installFakeBridge({ 'app.about': () => answer.promise })
    const store = createAppStore()
    const reads = [store.getState().loadAbout(), store.getState().loadAbout()]
    expect(bridge.callsTo('app.about')).toHaveLength(1)
    answer.resolve(about)
    await Promise.all(reads)
    expect(bridge.callsTo('app.about')).toHaveLength(2)
  })
})
