import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../../src/main/core/app/core'
import { memorySink } from '../../../support/memory-sink'
import { PROVIDER_MODULES } from '../../../../src/main/core/providers/registry'
import { memoryStore } from '../../../../src/main/core/vault/prefs'
import type { FleetProgress } from '../../../../src/shared/model/fleet'
import { cleanupDirs, FAST_KDF, PASS, tmpDir } from '../../vault/helpers'
import { fourthProvider } from './module'
import { startFourthServer, type FourthServer } from './server'

// Proof that a provider is a module: a fourth one, registered only through createCore's module
// list, gets connections, Test connection, offline snapshots, search, fleet rows and customer
// status without any file outside its folder and this test knowing it.

const KEY = 'fourth-key-5f1c9a0e7b'
const OTHER_KEY = 'fourth-other-key-71d2'
const cores: Core[] = []
const servers: FourthServer[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  for (const s of servers.splice(0)) await s.close()
  cleanupDirs()
})

async function setup() {
  const server = await startFourthServer(KEY, [
    { id: 'w1', name: 'Widget archive', status: 'ok', lastBackup: new Date().toISOString() },
    { id: 'w2', name: 'Gadget ledger', status: 'failed', lastBackup: new Date().toISOString() }
  ])
  servers.push(server)
  const sink = memorySink()
  const core = await createCore({
    shell: 'web',
    dataDir: tmpDir(),
    versions: { node: process.versions.node },
    platform: { openExternal: async () => undefined },
    logSinks: [sink],
    vault: { kdf: FAST_KDF, prefs: memoryStore() },
    providers: [...PROVIDER_MODULES, fourthProvider]
  })
  cores.push(core)
  const call = async (channel: string, input?: unknown) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
    (await core.router.dispatch(channel, input, 'test')) as { ok: true; value: any } | { ok: false; error: { code: string; message: string } }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
  const ok = async (channel: string, input?: unknown): Promise<any> => {
    const r = await call(channel, input)
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  await ok('vault.setup', { passphrase: PASS, confirm: PASS })
  return { server, core, call, ok, sink }
}

describe('a fourth provider registered in a test', () => {
  it('gets connections with origin binding, Test connection, search, fleet rows, customer status and offline snapshots', async () => {
    const { server, core, call, ok, sink } = await setup()

    // Connections: its input is checked by its own schema at the door.
    expect(await call('connections.create', { provider: 'fourth', name: 'Fourth', baseUrl: server.url })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const created = await ok('connections.create', { provider: 'fourth', name: 'Fourth', customer: 'Fourth Co', baseUrl: server.url, apiKey: KEY })
    expect(created).toMatchObject({ provider: 'fourth', secrets: { apiKey: true }, secretOrigin: server.url })
    expect(JSON.stringify(created)).not.toContain(KEY)

    // Test connection: its probe, through the registry.
    expect(await ok('connections.test', { id: created.id })).toMatchObject({ ok: true })
    await ok('connections.update', { provider: 'fourth', id: created.id, apiKey: OTHER_KEY })
    expect(await ok('connections.test', { id: created.id })).toMatchObject({ ok: false, stage: 'credentials' })
    await ok('connections.update', { provider: 'fourth', id: created.id, apiKey: KEY })

    // Origin binding: the key does not move to another origin unless it is entered again.
    const elsewhere = await startFourthServer(KEY, [])
    servers.push(elsewhere)
    expect(await call('connections.update', { provider: 'fourth', id: created.id, baseUrl: elsewhere.url })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(elsewhere.seen).toEqual([])

    // Its channel; the read is kept as a snapshot and indexed for search.
    const items = await ok('fourth.items.list', { connectionId: created.id })
    expect(items.map((i: { id: string }) => i.id)).toEqual(['w1', 'w2'])
    expect((await ok('search.query', { text: 'widget' })).results).toEqual(expect.arrayContaining([expect.objectContaining({ provider: 'fourth', connectionId: created.id, label: 'Widget archive' })]))

    // Fleet rows from its module.
    const done = new Promise<FleetProgress>((resolve) => {
      const stop = core.events.subscribe((topic, payload) => {
        if (topic === 'fleet.progress' && (payload as FleetProgress).state === 'done') {
          stop()
          resolve(payload as FleetProgress)
        }
      })
    })
    await ok('fleet.scan.start')
    await done
    const scan = await ok('fleet.scan.status')
    expect(scan.rows.filter((r: { provider: string }) => r.provider === 'fourth').map((r: { object: string; status: string }) => [r.object, r.status]).sort()).toEqual([
      ['Gadget ledger', 'failed'],
      ['Widget archive', 'ok']
    ])

    // Customer status from its module: the worst of its items.
    const page = await ok('customers.get', { name: 'Fourth Co', refresh: true })
    expect(page).toMatchObject({ status: 'error', parts: [{ provider: 'fourth', itemKind: 'Items', source: 'live' }] })
    expect(page.parts[0].items).toHaveLength(2)

    // Offline: with its server gone, its read answers the snapshot and the connection is offline.
    await server.close()
    servers.splice(servers.indexOf(server), 1)
    expect(await ok('fourth.items.list', { connectionId: created.id })).toEqual(items)
    expect(await ok('offline.status')).toEqual(expect.arrayContaining([expect.objectContaining({ connectionId: created.id, offline: true })]))

    // The key went nowhere but its own server, and into no log line.
    expect(server.seen.every((s) => s.key === KEY || s.key === OTHER_KEY)).toBe(true)
    expect(JSON.stringify(sink.records)).not.toContain(KEY)

    // Moving the origin with the key entered again, then deleting.
    expect(await ok('connections.update', { provider: 'fourth', id: created.id, baseUrl: elsewhere.url, apiKey: KEY })).toMatchObject({ secretOrigin: elsewhere.url })
    expect(await ok('connections.delete', { id: created.id, confirmId: created.id })).toEqual({ deleted: true, id: created.id })
    expect(await ok('connections.list')).toEqual([])
  })
})
