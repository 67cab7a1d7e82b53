import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TopicPayload } from '../../../src/shared/contract'
import type { RestoreRecord } from '../../../src/shared/model/restore'
import type { WorkspaceStatus } from '../../../src/shared/model/workspace'
import { startIpcEvents } from '../../../src/renderer/src/app/ipc-events'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, type FakeBridge } from '../fake-bridge'

let bridge: FakeBridge | undefined
afterEach(() => bridge?.remove())


const restore = (id: string, status: RestoreRecord['status'], updatedAt: string): RestoreRecord => ({
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
  createdAt: updatedAt,
  updatedAt
})

const workspace = (lastSyncAt?: string) =>
  ({ joined: true, members: [], sharedCount: 0, syncing: false, phase: 'idle', ...(lastSyncAt ? { lastSyncAt } : {}) }) as unknown as WorkspaceStatus

describe('startIpcEvents', () => {
  it('puts restore progress into the store whatever screen shows, newest state first', () => {
    bridge = installFakeBridge()
    const store = createAppStore()
    startIpcEvents(store)
    bridge.emit('restores.progress', restore('r1', 'running', '2026-03-04T10:00:00Z'))
    bridge.emit('restores.progress', restore('r1', 'completed', '2026-03-04T10:05:00Z'))
    bridge.emit('restores.progress', restore('r1', 'running', '2026-03-04T10:01:00Z'))
    expect(store.getState().restores['r1']?.status).toBe('completed')
  })

  it('reloads the fleet when a workspace sync brought something new, once the fleet was loaded', async () => {
    bridge = installFakeBridge({ 'fleet.scan.status': () => null, 'fleet.review.list': () => [] })
    const store = createAppStore()
    startIpcEvents(store)
    bridge.emit('workspace.status', workspace('2026-03-04T10:00:00Z'))
    expect(store.getState().workspace?.lastSyncAt).toBe('2026-03-04T10:00:00Z')
    expect(bridge.callsTo('fleet.review.list')).toHaveLength(0)

    await store.getState().loadFleet()
    bridge.emit('workspace.status', workspace('2026-03-04T10:00:00Z'))
    expect(bridge.callsTo('fleet.review.list')).toHaveLength(1)
    bridge.emit('workspace.status', workspace('2026-03-04T11:00:00Z'))
    expect(bridge.callsTo('fleet.review.list')).toHaveLength(2)
  })

  it("routes a provider's own topic through its registry entry: a changed unit reloads a loaded tree", async () => {
    const tree = { root: { id: 1, name: 'Root', children: [] } }
    bridge = installFakeBridge({ 'cloutility.tree': () => tree as never })
    const store = createAppStore()
    startIpcEvents(store)
    const change = (connectionId: string) =>
      ({ connectionId, ok: true, objectType: 'businessUnit', action: 'update', at: '2026-03-04T10:00:00Z' }) as unknown as TopicPayload<'cloutility.changed'>
    bridge.emit('cloutility.changed', change('c1'))
    expect(bridge.callsTo('cloutility.tree')).toHaveLength(0)

    await store.getState().loadCloutilityTree('c1')
    bridge.emit('cloutility.changed', change('c1'))
    expect(bridge.callsTo('cloutility.tree')).toEqual([{ connectionId: 'c1' }, { connectionId: 'c1' }])
    await vi.waitFor(() => expect(store.getState().cloutilityTrees['c1']?.loading).toBe(false))
  })

  it('says when a batch of reports is saved, and stops listening when stopped', () => {
    bridge = installFakeBridge()
    const store = createAppStore()
    const stop = startIpcEvents(store)
    const done = { batchId: 'b1', month: '2026-02', state: 'done', total: 2, done: 2, failures: [], saved: { path: '/reports/2026-02' } } as unknown as TopicPayload<'reports.progress'>
    bridge.emit('reports.progress', done)
    expect(store.getState().reportBatch).toEqual(done)
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Saved to /reports/2026-02.'])

    expect(bridge.listenerCount('reports.progress')).toBe(1)
    stop()
    for (const topic of ['reports.progress', 'restores.progress', 'vault.state', 'cloutility.changed'] as const) expect(bridge.listenerCount(topic)).toBe(0)
  })
})
