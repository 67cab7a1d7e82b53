import { describe, expect, it } from 'vitest'
import type { RestoreRecord } from '../../../src/shared/model/restore'
import { createAppStore, selectRestores } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const record = (id: string, status: RestoreRecord['status'], updatedAt: string): RestoreRecord => ({
  id,
  requestKey: `k-${id}`,
  connectionId: 'c1',
  provider: 'cloudally',
  taskId: 't',
  kind: 'restore',
  entities: [],
  items: [],
  status,
  progress: 0,
  createdAt: '2026-03-04T09:00:00Z',
  updatedAt
})

describe('restores slice', () => {
  it('never lets an older list overwrite a newer event', async () => {
    const bridge = installFakeBridge({ 'restores.list': () => [record('r1', 'running', '2026-03-04T10:00:00Z'), record('r2', 'pending', '2026-03-04T10:00:00Z')] })
    const store = createAppStore()
    store.getState().upsertRestore(record('r1', 'completed', '2026-03-04T10:05:00Z'))
    await store.getState().loadRestores('c1')
    expect(bridge.callsTo('restores.list')).toEqual([{ connectionId: 'c1' }])
    expect(selectRestores(store.getState())['r1']?.status).toBe('completed')
    expect(selectRestores(store.getState())['r2']?.status).toBe('pending')
    store.getState().upsertRestore(record('r2', 'running', '2026-03-04T09:59:00Z'))
    expect(selectRestores(store.getState())['r2']?.status).toBe('pending')
  })
  it('is loading while read, keeps what it knows when a read fails, and sends one read per connection at a time', async () => {
    const answer = deferred<RestoreRecord[]>()
    let fail = false
    const bridge = installFakeBridge({
      'restores.list': () => {
        if (fail) throw new MainError({ code: 'OFFLINE', message: 'Main did not answer.', retryable: true })
        return answer.promise
      }
    })
    const store = createAppStore()
    const first = store.getState().loadRestores('c1')
    const same = store.getState().loadRestores('c1')
    expect(store.getState().restores.loading).toBe(true)
    expect(bridge.callsTo('restores.list')).toEqual([{ connectionId: 'c1' }])
    answer.resolve([record('r1', 'running', '2026-03-04T10:00:00Z')])
    await Promise.all([first, same])
    expect(store.getState().restores).toMatchObject({ loading: false, value: { r1: { status: 'running' } } })
    fail = true
    await store.getState().loadRestores('c1')
    expect(store.getState().restores).toMatchObject({ loading: false, error: 'Main did not answer.', value: { r1: { status: 'running' } } })
  })
})
