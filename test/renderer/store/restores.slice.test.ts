import { afterEach, describe, expect, it } from 'vitest'
import type { RestoreRecord } from '../../../src/shared/model/restore'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, type FakeBridge } from '../fake-bridge'

let bridge: FakeBridge | undefined
afterEach(() => bridge?.remove())

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
    bridge = installFakeBridge({ 'restores.list': () => [record('r1', 'running', '2026-03-04T10:00:00Z'), record('r2', 'pending', '2026-03-04T10:00:00Z')] })
    const store = createAppStore()
    store.getState().upsertRestore(record('r1', 'completed', '2026-03-04T10:05:00Z'))
    await store.getState().loadRestores('c1')
    expect(bridge.callsTo('restores.list')).toEqual([{ connectionId: 'c1' }])
    expect(store.getState().restores['r1']?.status).toBe('completed')
    expect(store.getState().restores['r2']?.status).toBe('pending')
    store.getState().upsertRestore(record('r2', 'running', '2026-03-04T09:59:00Z'))
    expect(store.getState().restores['r2']?.status).toBe('pending')
  })
})
