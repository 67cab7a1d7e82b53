import { afterEach, describe, expect, it } from 'vitest'
import { OfflineTracker } from '../../../src/main/core/offline/offline-tracker'
import { SnapshotStore } from '../../../src/main/core/offline/snapshot-store'
import { isUnreachable, withSnapshots } from '../../../src/main/core/offline/with-snapshots'
import { channels } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { OfflineStatus } from '../../../src/shared/model/offline'
import { cleanupDirs, makeCore, openVault, PASS, tmpDir } from '../vault/helpers'

const cores: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

async function demoCore() {
  const made = await makeCore(tmpDir())
  cores.push(made.core)
  await made.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  await made.ok('demo.start')
  const list = (await made.ok('connections.list')) as ConnectionSummary[]
  const clu = list.find((c) => c.name === 'Demo Cloutility') as ConnectionSummary
  const ca = list.find((c) => c.provider === 'cloudally') as ConnectionSummary
  return { ...made, clu, ca }
}

describe('isUnreachable', () => {
  it('counts OFFLINE, TIMEOUT and UPSTREAM 5xx, not refusals', () => {
    expect(isUnreachable(new AppError('OFFLINE', 'x'))).toBe(true)
    expect(isUnreachable(new AppError('TIMEOUT', 'x'))).toBe(true)
    expect(isUnreachable(new AppError('UPSTREAM', 'x', { details: { status: 503 } }))).toBe(true)
    expect(isUnreachable(new AppError('UPSTREAM', 'unreadable body'))).toBe(false)
    expect(isUnreachable(new AppError('UPSTREAM', 'x', { details: { status: 400 } }))).toBe(false)
    expect(isUnreachable(new AppError('AUTH_FAILED', 'x'))).toBe(false)
    expect(isUnreachable(new Error('x'))).toBe(false)
  })
})

describe('offline snapshots over the provider channels', () => {
  it('serves the last snapshot when the simulator is stopped, marks the connection offline and refuses writes', async () => {
    const { ok, call, core, events, clu, ca } = await demoCore()
    const tree = await ok('cloutility.tree', { connectionId: clu.id })
    const tasks = await ok('cloudally.tasks.list', { connectionId: ca.id })
    expect(await ok('offline.status')).toEqual([])

    await core.demo.stopSimulator()
    const offlineTree = await ok('cloutility.tree', { connectionId: clu.id })
    expect(offlineTree).toEqual(tree)
    expect(await ok('cloudally.tasks.list', { connectionId: ca.id })).toEqual(tasks)

    const statuses = (await ok('offline.status')) as OfflineStatus[]
    expect(statuses.map((s) => s.connectionId).sort()).toEqual([clu.id, ca.id].sort())
    const cluStatus = statuses.find((s) => s.connectionId === clu.id) as OfflineStatus
    expect(cluStatus.offline).toBe(true)
    expect(Date.parse(cluStatus.snapshotAt as string)).toBeLessThanOrEqual(Date.now())
    expect(events.some((e) => e.topic === 'offline.status' && (e.payload as OfflineStatus).connectionId === clu.id && (e.payload as OfflineStatus).offline)).toBe(true)

    // A read never answered before has no snapshot: the provider's error goes through.
    const unseen = await call('cloutility.timeZones', { connectionId: clu.id })
    expect(unseen).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(OFFLINE|TIMEOUT)$/) } })

    // Writes are refused with a clear message, before any request.
    const write = await call('cloutility.businessUnit.update', { connectionId: clu.id, businessUnitId: tree.root.id, unit: { name: 'Renamed' } })
    expect(write).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: 'Demo Cloutility is offline; changes are disabled until it answers again.' } })
    const restore = await call('cloudally.restore.start', { connectionId: ca.id, requestKey: 'abcdefgh12', taskId: 't', kind: 'restore' })
    expect(restore).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })

    // Retry while still down: stays offline. Back up (demo.start restarts and re-points): online.
    expect((await ok('offline.retry', { connectionId: clu.id })).offline).toBe(true)
    await ok('demo.start')
    expect((await ok('offline.retry', { connectionId: clu.id })).offline).toBe(false)
    await ok('cloutility.tree', { connectionId: clu.id })
    expect(((await ok('offline.status')) as OfflineStatus[]).map((s) => s.connectionId)).not.toContain(clu.id)
  })

  it('serves nothing while locked; a cleared connection has no snapshot any more', async () => {
    const { ok, call, core, clu } = await demoCore()
    await ok('cloutility.tree', { connectionId: clu.id })
    await ok('vault.lock')
    expect(await call('cloutility.tree', { connectionId: clu.id })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(await call('offline.snapshots')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    await ok('vault.unlock', { passphrase: PASS })
    // Unlock resumes the demo (queued first); then stop it to be offline.
    await core.demo.resume()
    await core.demo.stopSimulator()
    const summaries = await ok('offline.snapshots')
    expect(summaries.find((s: { connectionId: string }) => s.connectionId === clu.id)?.entries).toBeGreaterThan(0)
    expect(await call('offline.clear', { connectionId: clu.id, confirmId: 'other' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect((await ok('offline.clear', { connectionId: clu.id, confirmId: clu.id })).cleared).toBeGreaterThan(0)
    expect(await call('cloutility.tree', { connectionId: clu.id })).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(OFFLINE|TIMEOUT)$/) } })
  })

  it('removes every snapshot when the vault is reset', async () => {
    const { ok, core, clu } = await demoCore()
    await ok('cloutility.tree', { connectionId: clu.id })
    await core.offline.store.flush()
    expect((await core.offline.store.connectionIds()).length).toBeGreaterThan(0)
    await ok('vault.reset', { confirm: 'RESET' })
    await core.offline.store.flush()
    expect(await core.offline.store.connectionIds()).toEqual([])
  })

  it('keeps the expiry setting', async () => {
    const { ok, call } = await demoCore()
    expect(await ok('offline.settings.get')).toEqual({ maxAgeDays: 7 })
    expect(await ok('offline.settings.set', { maxAgeDays: 2 })).toEqual({ maxAgeDays: 2 })
    expect(await call('offline.settings.set', { maxAgeDays: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await ok('offline.settings.get')).toEqual({ maxAgeDays: 2 })
  })
})

describe('withSnapshots (the wrapper alone)', () => {
  it('passes refusals through, serves snapshots only for unreachable providers, and leaves other domains alone', async () => {
    const dir = tmpDir()
    const { vault } = await openVault(dir)
    await vault.setup(PASS)
    // The store's clock stands still: its entries never expire during the test, however long it takes.
    const store = new SnapshotStore({ dataDir: dir, keys: vault, maxAgeMs: () => 60_000, writeDelayMs: 1, now: () => Date.parse('2026-11-22T12:00:00Z') })
    const tracker = new OfflineTracker()
    let failWith: AppError | undefined
    let calls = 0
    const ctx = { shell: 'test' as const, requestId: 'r', allowSecret: () => undefined }
    const wrapped = withSnapshots(
      {
        'cloudally.tasks.list': async () => {
          calls++
          if (failWith) throw failWith
          return [{ id: `t${calls}`, lastBackupDates: {} }]
        },
        'cloudally.restore.start': async () => {
          throw new Error('must not be reached while offline')
        },
        'app.ping': async () => ({ pong: true as const, at: 'now' })
      },
      { domain: 'cloudally', channels, store, tracker, connectionName: () => 'Acme CloudAlly' }
    )
    const list = wrapped['cloudally.tasks.list'] as (i: unknown, c: typeof ctx) => Promise<unknown>
    expect(await list({ connectionId: 'c' }, ctx)).toEqual([{ id: 't1', lastBackupDates: {} }])
    failWith = new AppError('AUTH_FAILED', 'bad password')
    await expect(list({ connectionId: 'c' }, ctx)).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    expect(tracker.isOffline('c')).toBe(false)
    failWith = new AppError('UPSTREAM', 'Bad gateway', { details: { status: 502 } })
    expect(await list({ connectionId: 'c' }, ctx)).toEqual([{ id: 't1', lastBackupDates: {} }])
    expect(tracker.status('c')).toMatchObject({ offline: true, message: 'Bad gateway', snapshotAt: expect.any(String) })
    const restore = wrapped['cloudally.restore.start'] as (i: unknown, c: typeof ctx) => Promise<unknown>
    await expect(restore({ connectionId: 'c' }, ctx)).rejects.toMatchObject({ code: 'OFFLINE', message: 'Acme CloudAlly is offline; changes are disabled until it answers again.' })
    // Another connection (no snapshot) gets the provider's error, and is offline too.
    await expect(list({ connectionId: 'd' }, ctx)).rejects.toMatchObject({ code: 'UPSTREAM' })
    expect(tracker.isOffline('d')).toBe(true)
    failWith = undefined
    expect(await list({ connectionId: 'c' }, ctx)).toEqual([{ id: `t${calls}`, lastBackupDates: {} }])
    expect(tracker.isOffline('c')).toBe(false)
    expect(wrapped['app.ping']).toBeDefined()
    await store.dispose()
  })

  it('answers the snapshot when the provider keeps failing with 5xx after the HTTP retries', async () => {
    const { ok, core, ca } = await demoCore()
    const status = await ok('cloudally.status.list', { connectionId: ca.id })
    core.demo.simulator?.faults.add({ provider: 'cloudally', path: '/v1/partners/status', kind: '503' })
    expect(await ok('cloudally.status.list', { connectionId: ca.id })).toEqual(status)
    expect(core.offline.tracker.status(ca.id)).toMatchObject({ offline: true })
    core.demo.simulator?.faults.clear()
    expect(await ok('cloudally.status.list', { connectionId: ca.id })).toEqual(status)
    expect(core.offline.tracker.isOffline(ca.id)).toBe(false)
  })
})
