import { describe, expect, it } from 'vitest'
import type { TrackedDefinition } from '../../../../src/shared/providers/cloudback/model'
import { createAppStore } from '../../../../src/renderer/src/store'
import { installFakeBridge, MainError } from '../../fake-bridge'

const definition = (key: string, schedule: string) => ({ key, settings: { schedule } }) as unknown as TrackedDefinition

describe('Cloudback slice', () => {
  it('reads the tracked definitions every time, and keeps the list when a read fails', async () => {
    let fail = false
    const bridge = installFakeBridge({
      'cloudback.tracked.list': () => {
        if (fail) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return [definition('a', 'daily')]
      }
    })
    const store = createAppStore()
    await store.getState().loadCloudbackTracked('c1')
    await store.getState().loadCloudbackTracked('c1')
    expect(bridge.callsTo('cloudback.tracked.list')).toHaveLength(2)
    fail = true
    await store.getState().loadCloudbackTracked('c1')
    expect(store.getState().cloudbackTracked['c1']).toMatchObject({ value: [definition('a', 'daily')], error: 'The vault is locked.', loading: false })
  })

  it('puts a looked-up or saved definition in place, and replaces the list after a removal', () => {
    const bridge = installFakeBridge()
    const store = createAppStore()
    store.getState().putCloudbackTracked('c1', definition('a', 'daily'))
    store.getState().putCloudbackTracked('c1', definition('b', 'daily'))
    store.getState().putCloudbackTracked('c1', definition('a', 'weekly'))
    expect(store.getState().cloudbackTracked['c1']?.value).toEqual([definition('a', 'weekly'), definition('b', 'daily')])
    store.getState().setCloudbackTracked('c1', [definition('b', 'daily')])
    expect(store.getState().cloudbackTracked['c1']?.value).toEqual([definition('b', 'daily')])
    expect(bridge.calls).toEqual([])
  })
})
