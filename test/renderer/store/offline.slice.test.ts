import { describe, expect, it } from 'vitest'
import type { OfflineStatus } from '../../../src/shared/model/offline'
import { createAppStore, selectOffline } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const status = (connectionId: string, offline: boolean): OfflineStatus => ({ connectionId, offline, ...(offline ? { since: '2026-03-04T10:00:00Z' } : {}) })

describe('offline slice', () => {
  it('is loading while read, then holds the offline connections by id; none known is one empty record', async () => {
    const answer = deferred<OfflineStatus[]>()
    installFakeBridge({ 'offline.status': () => answer.promise })
    const store = createAppStore()
    expect(selectOffline(store.getState())).toBe(selectOffline(store.getState()))
    const loading = store.getState().loadOffline()
    expect(store.getState().offline.loading).toBe(true)
    answer.resolve([status('c1', true)])
    await loading
    expect(store.getState().offline).toMatchObject({ value: { c1: { offline: true } }, loading: false })
  })

  it('applies pushed changes: an offline connection is added, one back online is dropped', () => {
    const store = createAppStore()
    store.getState().applyOffline(status('c1', true))
    store.getState().applyOffline(status('c2', true))
    store.getState().applyOffline(status('c1', false))
    expect(Object.keys(selectOffline(store.getState()))).toEqual(['c2'])
    expect(store.getState().offline.loadedAt).toBeDefined()
  })

  it('keeps what it knew when a read fails (locked), and reads once at a time', async () => {
    let fail = false
    const bridge = installFakeBridge({
      'offline.status': () => {
        if (fail) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return [status('c1', true)]
      }
    })
    const store = createAppStore()
    await store.getState().loadOffline()
    fail = true
    await Promise.all([store.getState().loadOffline(), store.getState().loadOffline()])
    expect(bridge.callsTo('offline.status')).toHaveLength(3)
    expect(store.getState().offline).toMatchObject({ value: { c1: { offline: true } }, error: 'The vault is locked.', loading: false })
  })
})
