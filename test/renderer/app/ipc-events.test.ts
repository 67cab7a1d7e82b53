import { describe, expect, it, vi } from 'vitest'
import type { TopicPayload } from '../../../src/shared/contract'
import type { FleetProgress, FleetRow } from '../../../src/shared/model/fleet'
import type { RestoreRecord } from '../../../src/shared/model/restore'
import type { WorkspaceStatus } from '../../../src/shared/model/workspace'
import type { VaultStatus } from '../../../src/shared/contract/vault.contract'
import { startIpcEvents } from '../../../src/renderer/src/app/ipc-events'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, MainError } from '../fake-bridge'

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

const vault = (state: VaultStatus['state'], autoLockAt?: string): VaultStatus => ({
  state,
  vaultFile: '/data/vault.bdv',
  backupFile: null,
  deviceUnlock: false,
  deviceUnlockSupported: false,
  ...(autoLockAt ? { autoLockMinutes: 15, autoLockAt } : {})
})

const progress = (scanId: string, rowCount: number): FleetProgress => ({
  scanId,
  state: 'running',
  scope: {},
  startedAt: '2026-03-04T10:00:00Z',
  done: 0,
  total: 3,
  rowCount,
  notes: []
})

const row = (key: string): FleetRow => ({
  key,
  connectionId: 'c1',
  connectionName: 'C1',
  provider: 'cloudback',
  customer: '',
  kind: 'cloudback-definition',
  object: key,
  status: 'ok',
  detail: '',
  ids: { definitionKey: key }
})

describe('startIpcEvents', () => {
  it("moves the unlocked vault's idle-lock time when main announces it, and leaves a locked vault alone", () => {
    const bridge = installFakeBridge()
    const store = createAppStore()
    startIpcEvents(store)
    store.getState().setVault(vault('unlocked', '2026-03-04T10:15:00Z'))
    bridge.emit('vault.autoLock', { autoLockAt: '2026-03-04T10:40:00Z' })
    expect(store.getState().vault.value?.autoLockAt).toBe('2026-03-04T10:40:00Z')
    bridge.emit('vault.autoLock', { autoLockAt: null })
    expect(store.getState().vault.value?.autoLockAt).toBeNull()

    store.getState().setVault(vault('locked'))
    bridge.emit('vault.autoLock', { autoLockAt: '2026-03-04T11:00:00Z' })
    expect(store.getState().vault.value).toEqual(vault('locked'))
  })

  it('reads the journal again after an unlock, once a screen asked for it', async () => {
    let locked = true
    const bridge = installFakeBridge({
      'journal.list': () => {
        if (locked) throw new MainError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false })
        return { entries: [], total: 0, offset: 0 }
      }
    })
    const store = createAppStore()
    startIpcEvents(store)
    bridge.emit('vault.state', vault('unlocked'))
    expect(bridge.callsTo('journal.list')).toEqual([])
    await store.getState().loadJournal('c1')
    expect(store.getState().journal.error).toBe('The vault is locked.')
    locked = false
    bridge.emit('vault.state', vault('unlocked'))
    await vi.waitFor(() => expect(store.getState().journal.value).toEqual({ scope: 'c1', entries: [], total: 0 }))
    expect(bridge.callsTo('journal.list')).toHaveLength(2)
  })

  it('reads the new fleet rows on each progress only while a screen follows the scan', async () => {
    const found = [row('a'), row('b'), row('c')]
    const bridge = installFakeBridge({ 'fleet.scan.rows': ({ scanId, from }) => ({ scanId: scanId ?? 's1', from, rows: found.slice(from) }) })
    const store = createAppStore()
    startIpcEvents(store)
    found.length = 1
    bridge.emit('fleet.progress', progress('s1', 1))
    expect(store.getState().fleetScan.value?.rowCount).toBe(1)
    expect(bridge.callsTo('fleet.scan.rows')).toHaveLength(0)

    const unfollow = store.getState().followFleet()
    await vi.waitFor(() => expect(store.getState().fleetRows.map((r) => r.key)).toEqual(['a']))
    found.push(row('b'), row('c'))
    bridge.emit('fleet.progress', progress('s1', 3))
    await vi.waitFor(() => expect(store.getState().fleetRows.map((r) => r.key)).toEqual(['a', 'b', 'c']))
    expect(bridge.callsTo('fleet.scan.rows')).toEqual([
      { scanId: 's1', from: 0 },
      { scanId: 's1', from: 1 }
    ])

    unfollow()
    bridge.emit('fleet.progress', progress('s1', 3))
    expect(bridge.callsTo('fleet.scan.rows')).toHaveLength(2)
  })

  it('puts restore progress into the store whatever screen shows, newest state first', () => {
    const bridge = installFakeBridge()
    const store = createAppStore()
    startIpcEvents(store)
    bridge.emit('restores.progress', restore('r1', 'running', '2026-03-04T10:00:00Z'))
    bridge.emit('restores.progress', restore('r1', 'completed', '2026-03-04T10:05:00Z'))
    bridge.emit('restores.progress', restore('r1', 'running', '2026-03-04T10:01:00Z'))
    expect(store.getState().restores.value?.['r1']?.status).toBe('completed')
  })

  it('reloads the fleet when a workspace sync brought something new, once the fleet was loaded', async () => {
    const bridge = installFakeBridge({ 'fleet.scan.status': () => null, 'fleet.review.list': () => [] })
    const store = createAppStore()
    startIpcEvents(store)
    bridge.emit('workspace.status', workspace('2026-03-04T10:00:00Z'))
    expect(store.getState().workspace.value?.lastSyncAt).toBe('2026-03-04T10:00:00Z')
    expect(bridge.callsTo('fleet.review.list')).toHaveLength(0)

    await store.getState().loadFleet()
    bridge.emit('workspace.status', workspace('2026-03-04T10:00:00Z'))
    expect(bridge.callsTo('fleet.review.list')).toHaveLength(1)
    bridge.emit('workspace.status', workspace('2026-03-04T11:00:00Z'))
    expect(bridge.callsTo('fleet.review.list')).toHaveLength(2)
  })

  it("routes a provider's own topic through its registry entry: a changed unit reloads a loaded tree", async () => {
    const tree = { root: { id: 1, name: 'Root', children: [] } }
    const bridge = installFakeBridge({ 'cloutility.tree': () => tree as never })
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
    const bridge = installFakeBridge()
    const store = createAppStore()
    const stop = startIpcEvents(store)
    const done = { batchId: 'b1', month: '2026-02', state: 'done', total: 2, done: 2, failures: [], saved: { path: '/reports/2026-02' } } as unknown as TopicPayload<'reports.progress'>
    bridge.emit('reports.progress', done)
    expect(store.getState().reportBatch.value).toEqual(done)
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Saved to /reports/2026-02.'])

    expect(bridge.listenerCount('reports.progress')).toBe(1)
    stop()
    for (const topic of ['reports.progress', 'restores.progress', 'vault.state', 'vault.autoLock', 'fleet.progress', 'cloutility.changed'] as const) expect(bridge.listenerCount(topic)).toBe(0)
  })
})
