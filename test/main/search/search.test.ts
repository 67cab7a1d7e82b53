import { afterEach, describe, expect, it } from 'vitest'
import { completeSourcesOf, extractorOf, FLEET_ROWS_SOURCE, matchScore, SearchIndex } from '../../../src/main/core/search/search-index'
import { PROVIDER_MODULES } from '../../../src/main/core/providers/registry'

const extractItems = extractorOf(PROVIDER_MODULES)
import type { BusinessUnitNode } from '../../../src/shared/providers/cloutility/model'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { SearchAnswer, SearchResult } from '../../../src/shared/model/search'
import type { CustomerPage } from '../../../src/shared/model/customers'
import type { FleetRow, FleetScanResult } from '../../../src/shared/model/fleet'
import { until } from '../../support/until'
import { cleanupDirs, makeCore, makeDemoCore, PASS, tmpDir } from '../vault/helpers'
import { summary } from '../fleet/harness'
import { LOOK_BACK_SCANS } from '../../../src/shared/model/kept-scans'

const cores: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

const bu = (id: number, name: string, children: BusinessUnitNode[] = []): BusinessUnitNode => ({ id, parentId: null, name, tags: [], children })

describe('search ranking', () => {
  it('scores exact > prefix > word start > substring > subsequence', () => {
    const exact = matchScore('SRV-01', 'srv-01')
    const prefix = matchScore('SRV-0123', 'srv-01')
    const word = matchScore('NORTHWIND SRV-01A', 'srv-01')
    const inner = matchScore('XSRV-01', 'srv-01')
    const subsequence = matchScore('S-R-V-0-1', 'srv01')
    expect(exact).toBeGreaterThan(prefix)
    expect(prefix).toBeGreaterThan(word)
    expect(word).toBeGreaterThan(inner)
    expect(inner).toBeGreaterThan(subsequence)
    expect(subsequence).toBeGreaterThan(0)
    expect(matchScore('SRV-01', 'zz')).toBe(0)
  })

  it('ranks across connections and kinds, dedupes items seen in several answers, and replaces a source on a new answer', () => {
    const index = new SearchIndex(extractItems)
    const connections: ConnectionSummary[] = [
      summary('c1', 'cloutility', 'Portal A', 'Acme'),
      summary('c2', 'cloudally', 'CloudAlly', 'Globex', { mode: 'partner' }),
      summary('c3', 'cloudback', 'Cloudback', 'Acme')
    ]
    index.add('c1', 'cloutility.tree', { connectionId: 'c1' }, { root: bu(2, 'Provider', [bu(10, 'Acme Corp', [bu(11, 'Acme Finance')])]) })
    index.add('c1', 'cloutility.consumptionUnits.list', { connectionId: 'c1', businessUnitId: 11 }, {
      businessUnitId: 11,
      items: [
        { id: 100, name: 'Finance server', businessUnitId: 11, businessUnitName: 'Acme Finance', nodeName: 'ACME-FIN-SRV01', tags: [] },
        { id: 101, name: 'Finance laptop', businessUnitId: 11, nodeName: 'ACME-FIN-LT02', tags: [] }
      ]
    })
    index.add('c1', 'cloutility.consumptionUnit.get', { connectionId: 'c1', businessUnitId: 11, consumptionUnitId: 100 }, { id: 100, name: 'Finance server', businessUnitId: 11, nodeName: 'ACME-FIN-SRV01', tags: [] })
    index.add('c2', 'cloudally.tasks.list', { connectionId: 'c2' }, [{ id: 't1', account: 'acme.onmicrosoft.com', source: 'MS365', lastBackupDates: {} }])
    index.add('c2', 'cloudally.users.list', { connectionId: 'c2' }, [{ id: 'u1', name: 'Acme IT', email: 'it@acme.example', reportEmails: [] }])
    index.add('c3', 'cloudback.tracked.list', { connectionId: 'c3' }, [
      { key: 'github|acme|repository|api', platform: 'GitHub', account: 'acme', subjectName: 'api', subjectType: 'Repository', settings: { enabled: true, schedule: null, storage: null, retention: null } }
    ])

    const node = index.query('acme-fin-srv01', 10, connections)
    expect(node[0]).toMatchObject({ kind: 'node', label: 'ACME-FIN-SRV01', connectionId: 'c1', provider: 'cloutility', target: { screen: 'connection', params: { id: 'c1', bu: 11, cu: 100 } } })
    // Seen in two answers, listed once.
    expect(node.filter((r) => r.id === node[0]?.id)).toHaveLength(1)

    const acme = index.query('acme', 50, connections)
    const kinds = new Set(acme.map((r) => r.kind))
    for (const k of ['businessUnit', 'node', 'task', 'user', 'repository', 'customer']) expect(kinds, k).toContain(k)
    // The business unit called exactly… is not there, but the "Acme" customer (exact) comes first.
    expect(acme[0]).toMatchObject({ kind: 'customer', label: 'Acme', target: { screen: 'customer', params: { name: 'Acme' } } })
    const finance = acme.find((r) => r.label === 'Acme Finance') as SearchResult
    expect(finance.target.params).toMatchObject({ id: 'c1', bu: 11, expand: '2,10' })

    // Several words: every word must match (label or detail).
    const laptop = index.query('finance laptop', 10, connections).map((r) => r.label)
    expect(laptop[0]).toBe('Finance laptop')
    expect(laptop).not.toContain('ACME-FIN-SRV01')
    expect(index.query('fin srv', 10, connections)[0]?.label).toBe('ACME-FIN-SRV01')
    expect(index.query('', 10, connections)).toEqual([])
    expect(index.query('acme', 3, connections)).toHaveLength(3)

    // A new answer of the same source replaces the old items.
    index.add('c1', 'cloutility.consumptionUnits.list', { businessUnitId: 11, connectionId: 'c1' }, { businessUnitId: 11, items: [] })
    expect(index.query('ACME-FIN-LT02', 10, connections)).toEqual([])
    // Connections that are gone are not searched.
    expect(index.query('acme.onmicrosoft', 10, connections.filter((c) => c.id !== 'c2'))).toEqual([])
  })

  it('extracts nothing from channels it does not know or from odd values', () => {
    expect(extractItems('cloutility.timeZones', {}, [{ id: 1, name: 'UTC' }])).toEqual([])
    expect(extractItems('cloutility.tree', {}, null)).toEqual([])
    expect(extractItems('cloudally.tasks.list', {}, { not: 'a list' })).toEqual([])
  })
})

describe('search.query through the core', () => {
  it('finds node names from loaded data and, after a lock, from the offline snapshots only', async () => {
    const made = await makeCore(tmpDir())
    cores.push(made.core)
    const { ok, call, core } = made
    await ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await ok('demo.start')
    const list = (await ok('connections.list')) as ConnectionSummary[]
    const clu = list.find((c) => c.name === 'Demo Cloutility') as ConnectionSummary
    const tree = await ok('cloutility.tree', { connectionId: clu.id })
    // A business unit of the home subtree with an activated node.
    const inTree = new Map<number, BusinessUnitNode>()
    const walk = (n: BusinessUnitNode) => {
      inTree.set(n.id, n)
      n.children.forEach(walk)
    }
    walk(tree.root)
    const seeded = [...(core.demo.simulator?.cloutility.data.consumers.values() ?? [])].find((c) => c.node?.activatedMs && inTree.has(c.buId) && c.buId !== tree.root.id)
    const child = inTree.get(seeded?.buId ?? -1) as BusinessUnitNode
    const units = await ok('cloutility.consumptionUnits.list', { connectionId: clu.id, businessUnitId: child.id })
    const withNode = units.items.find((u: { nodeName?: string }) => u.nodeName) as { id: number; nodeName: string } | undefined
    expect(withNode).toBeDefined()
    const nodeName = (withNode as { nodeName: string }).nodeName

    const results = ((await ok('search.query', { text: nodeName })) as SearchAnswer).results
    expect(results[0]).toMatchObject({ kind: 'node', label: nodeName, connectionId: clu.id, target: { params: { id: clu.id, bu: child.id, cu: withNode?.id } } })
    expect((await ok('search.query', { text: child.name })).results[0]).toMatchObject({ label: child.name })

    await core.offline.store.flush()
    await ok('vault.lock')
    expect(await call('search.query', { text: nodeName })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    await ok('vault.unlock', { passphrase: PASS })
    await core.demo.resume()
    await core.demo.stopSimulator()
    // The index was dropped at lock; it comes back from the decrypted snapshots.
    const again = ((await ok('search.query', { text: nodeName })) as SearchAnswer).results
    expect(again[0]).toMatchObject({ kind: 'node', label: nodeName })
  })
})

const row = (connectionId: string, provider: FleetRow['provider'], kind: FleetRow['kind'], object: string, ids: FleetRow['ids'], extra: Partial<FleetRow> = {}): FleetRow => ({
  key: `${provider}:${connectionId}:${object}`,
  connectionId,
  connectionName: connectionId,
  provider,
  customer: 'Acme',
  kind,
  object,
  status: 'failed',
  detail: 'Last backup failed',
  ids,
  ...extra
})

describe('fleet scan rows in the index', () => {
  it('open what Fleet health opens, for every provider, and cover their connection', () => {
    const index = new SearchIndex(extractItems, { complete: completeSourcesOf(PROVIDER_MODULES) })
    const connections: ConnectionSummary[] = [
      summary('c1', 'cloutility', 'Portal A', 'Acme'),
      summary('c2', 'cloudally', 'CloudAlly', 'Acme', { mode: 'partner' }),
      summary('c3', 'cloudback', 'Cloudback', 'Acme'),
      summary('c4', 'cloudally', 'Empty CloudAlly', 'Acme', { mode: 'partner' })
    ]
    expect(connections.map((c) => index.coverage(c.id))).toEqual(['none', 'none', 'none', 'none'])
    index.add('c1', FLEET_ROWS_SOURCE, {}, [row('c1', 'cloutility', 'consumption-unit', 'Finance server', { consumerId: 100, businessUnitId: 11, nodeId: 7 }, { context: 'Acme Finance', nodeName: 'ACME-FIN-SRV01' })])
    index.add('c2', FLEET_ROWS_SOURCE, {}, [row('c2', 'cloudally', 'cloudally-task', 'Acme MS365', { taskId: 'T000042' }, { context: 'MS365 · acme.example' })])
    index.add('c3', FLEET_ROWS_SOURCE, {}, [row('c3', 'cloudback', 'cloudback-definition', 'api', { definitionKey: 'github|acme|repository|api' }, { context: 'GitHub · acme' })])
    index.add('c4', FLEET_ROWS_SOURCE, {}, [])

    expect(index.query('ACME-FIN-SRV01', 5, connections)[0]).toMatchObject({ kind: 'node', detail: expect.stringContaining('Failed'), target: { screen: 'connection', params: { id: 'c1', bu: 11, cu: 100 } } })
    expect(index.query('finance server', 5, connections)[0]).toMatchObject({ kind: 'consumptionUnit', target: { params: { id: 'c1', bu: 11, cu: 100 } } })
    expect(index.query('acme ms365', 5, connections)[0]).toMatchObject({ kind: 'task', detail: 'MS365 · acme.example · Failed', target: { params: { id: 'c2', task: 'T000042' } } })
    expect(index.query('acme/api', 5, connections)[0]).toMatchObject({ kind: 'repository', label: 'acme/api', target: { params: { id: 'c3', definition: 'github|acme|repository|api' } } })
    // A scan that found nothing still read everything.
    expect(connections.map((c) => index.coverage(c.id))).toEqual(['complete', 'complete', 'complete', 'complete'])
    // Other answers do not cover a connection; each module's full lists do.
    const other = new SearchIndex(extractItems, { complete: completeSourcesOf(PROVIDER_MODULES) })
    other.add('c2', 'cloudally.users.list', { connectionId: 'c2' }, [{ id: 'u1', name: 'Acme IT', email: 'it@acme.example', reportEmails: [] }])
    expect(other.coverage('c2')).toBe('none')
    other.add('c2', 'cloudally.tasks.list', { connectionId: 'c2' }, [])
    expect(other.coverage('c2')).toBe('complete')
  })

  it('is bounded: a source that does not fit is cut and its connection only partly covered', () => {
    const index = new SearchIndex(extractItems, { limit: 5 })
    const tasks = (id: string, n: number) => Array.from({ length: n }, (_, i) => row(id, 'cloudally', 'cloudally-task', `${id} task ${i}`, { taskId: `${id}-${i}` }))
    index.add('c1', FLEET_ROWS_SOURCE, {}, tasks('c1', 3))
    index.add('c2', FLEET_ROWS_SOURCE, {}, tasks('c2', 4))
    expect(index.size).toBe(5)
    expect(index.coverage('c1')).toBe('complete')
    expect(index.coverage('c2')).toBe('partial')
    // The same source again replaces its items (room counts what it gives back).
    index.add('c1', FLEET_ROWS_SOURCE, {}, tasks('c1', 3))
    expect(index.size).toBe(5)
    index.removeConnection('c1')
    expect(index.size).toBe(2)
    index.add('c2', FLEET_ROWS_SOURCE, {}, tasks('c2', 4))
    expect(index.size).toBe(4)
    expect(index.coverage('c2')).toBe('complete')
  })
})

describe('search after a fleet scan, through the core', () => {
  it('finds a failing CloudAlly task only a scan has read, opens it like Fleet health, says what is not loaded yet, and keeps it across a lock', async () => {
    const made = await makeDemoCore(tmpDir())
    cores.push(made.core)
    const { ok, core, sim } = made
    const failing = sim.cloudally.data.tasks.find((t) => t.outcome === 'FAILED' && t.status === 'ACTIVE')
    if (!failing) throw new Error('the seed has no failing task')
    const partner = ((await ok('connections.list')) as ConnectionSummary[]).find((c) => c.provider === 'cloudally' && c.mode === 'partner') as ConnectionSummary
    const found = (answer: SearchAnswer) => answer.results.find((r) => r.id === `${partner.id}:task:${failing.id}`)

    const before = (await ok('search.query', { text: failing.alias, limit: 100 })) as SearchAnswer
    expect(found(before)).toBeUndefined()
    expect(before.notIndexed).toEqual(expect.arrayContaining([expect.objectContaining({ connectionId: partner.id, provider: 'cloudally', what: 'CloudAlly tasks', customer: partner.customer })]))
    expect(before.notIndexed.length + before.moreNotIndexed.length).toBe(new Set([...before.notIndexed, ...before.moreNotIndexed].map((g) => g.connectionId)).size)

    await ok('fleet.scan.start')
    await until(async () => ((await ok('fleet.scan.status')) as FleetScanResult | null)?.state === 'done')
    const scan = (await ok('fleet.scan.status')) as FleetScanResult
    const fleetRow = scan.rows.find((r) => r.connectionId === partner.id && r.ids.taskId === failing.id) as FleetRow
    expect(fleetRow.status).toBe('failed')

    const after = (await ok('search.query', { text: failing.alias, limit: 100 })) as SearchAnswer
    // Where Fleet health's drill-in goes: the connection with the task selected.
    expect(found(after)).toMatchObject({ kind: 'task', label: fleetRow.object, detail: expect.stringContaining('Failed'), target: { screen: 'connection', params: { id: partner.id, task: failing.id } } })
    // Every demo connection was scanned whole: nothing is left to load.
    expect(after).toMatchObject({ notIndexed: [], moreNotIndexed: [] })

    // After a lock the index comes back from the kept scan.
    await ok('vault.lock')
    await ok('vault.unlock', { passphrase: PASS })
    await core.demo.resume()
    expect(found((await ok('search.query', { text: failing.alias, limit: 100 })) as SearchAnswer)).toBeDefined()
  })
})

describe('search after a customer page, through the core', () => {
  it('finds the Cloudback definitions the customer page listed, without a scan or the console', async () => {
    const made = await makeCore(tmpDir())
    cores.push(made.core)
    const { ok } = made
    await ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await ok('demo.start')
    const cloudback = ((await ok('connections.list')) as ConnectionSummary[]).find((c) => c.provider === 'cloudback') as ConnectionSummary
    // Read without a refresh: the tracked definitions are Backdesk's own list.
    const page = (await ok('customers.get', { name: cloudback.customer, refresh: false })) as CustomerPage
    const listed = page.parts.find((p) => p.connectionId === cloudback.id)?.items ?? []
    expect(listed.length).toBeGreaterThan(0)

    for (const item of listed) {
      const answer = (await ok('search.query', { text: item.label, limit: 100 })) as SearchAnswer
      expect(answer.results.find((r) => r.id === `${cloudback.id}:repo:${item.id}`)).toMatchObject({
        kind: 'repository',
        label: item.label,
        target: { screen: 'connection', params: { id: cloudback.id, definition: item.id } }
      })
      expect(answer.notIndexed.find((g) => g.connectionId === cloudback.id)).toBeUndefined()
    }
  })
})

describe('search after a lock, from the kept fleet scans', () => {
  /** A demo core and the failing CloudAlly task only a scan reads (not the customer pages' warm-up). */
  async function demoWithFailingTask() {
    const made = await makeDemoCore(tmpDir())
    cores.push(made.core)
    const { ok, core, sim } = made
    const failing = sim.cloudally.data.tasks.find((t) => t.outcome === 'FAILED' && t.status === 'ACTIVE')
    if (!failing) throw new Error('the seed has no failing task')
    const connections = (await ok('connections.list')) as ConnectionSummary[]
    const partner = connections.find((c) => c.provider === 'cloudally' && c.mode === 'partner') as ConnectionSummary
    /** Runs a fleet scan (of `scope`) to its end. */
    const scan = async (scope?: { connectionIds: string[] }) => {
      const started = (await ok('fleet.scan.start', scope ? { scope } : undefined)) as FleetScanResult
      await until(async () => {
        const status = (await ok('fleet.scan.status')) as FleetScanResult | null
        return status?.scanId === started.scanId && status.state === 'done'
      })
      return (await ok('fleet.scan.status')) as FleetScanResult
    }
    /** Locks and unlocks once every finished scan is kept: the index starts again from what is kept. */
    const relock = async () => {
      await core.watch.settle()
      await ok('vault.lock')
      await ok('vault.unlock', { passphrase: PASS })
      await core.demo.resume()
    }
    const search = async () => (await ok('search.query', { text: failing.alias, limit: 100 })) as SearchAnswer
    const found = (answer: SearchAnswer) => answer.results.find((r) => r.id === `${partner.id}:task:${failing.id}`)
    return { ok, sim, connections, partner, failing, scan, relock, search, found }
  }

  it('finds what an older kept scan read of a connection the newest kept scan could not reach', async () => {
    const { sim, partner, failing, scan, relock, search, found } = await demoWithFailingTask()
    const first = await scan()
    expect(first.rows.some((r) => r.connectionId === partner.id && r.ids.taskId === failing.id)).toBe(true)
    // CloudAlly answers 503 to everything: the newest scan has only its connection error row.
    sim.faults.add({ provider: 'cloudally', kind: '503' })
    const second = await scan()
    expect(second.rows.filter((r) => r.connectionId === partner.id)).toEqual([expect.objectContaining({ kind: 'connection', status: 'error' })])

    await relock()
    const answer = await search()
    expect(found(answer)).toMatchObject({ kind: 'task', detail: expect.stringContaining('Failed'), target: { screen: 'connection', params: { id: partner.id, task: failing.id } } })
    expect(answer.notIndexed.find((g) => g.connectionId === partner.id)).toBeUndefined()
  })

  it('does not find what an older kept scan read of a connection the newest full scan read and found empty', async () => {
    const { sim, partner, failing, scan, relock, search, found } = await demoWithFailingTask()
    const first = await scan()
    expect(first.rows.some((r) => r.connectionId === partner.id && r.ids.taskId === failing.id)).toBe(true)
    // Every CloudAlly task is gone: the newest scan reads the connection and has no row for it.
    sim.cloudally.data.tasks.length = 0
    const second = await scan()
    expect(second.rows.filter((r) => r.connectionId === partner.id)).toEqual([])
    expect(second.notes).toEqual([])

    await relock()
    const answer = await search()
    expect(found(answer)).toBeUndefined()
    // Read whole, with nothing in it: not reported as not loaded.
    expect([...answer.notIndexed, ...answer.moreNotIndexed].map((g) => g.connectionId)).not.toContain(partner.id)
  })

  it('looks back through the newest ' + LOOK_BACK_SCANS + ' kept scans at most', async () => {
    const { connections, partner, scan, relock, search, found } = await demoWithFailingTask()
    await scan()
    // Scans of the Cloudback connection alone (cheap): none of them covers CloudAlly.
    const other = connections.find((c) => c.provider === 'cloudback') as ConnectionSummary
    for (let i = 1; i < LOOK_BACK_SCANS; i++) await scan({ connectionIds: [other.id] })
    // The full scan is the newest 24th: still read.
    await relock()
    expect(found(await search())).toBeDefined()

    await scan({ connectionIds: [other.id] })
    await relock()
    const answer = await search()
    expect(found(answer)).toBeUndefined()
    expect([...answer.notIndexed, ...answer.moreNotIndexed].map((g) => g.connectionId)).toContain(partner.id)
  })
})
