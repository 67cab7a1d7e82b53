import { afterEach, describe, expect, it } from 'vitest'
import { cloudAllyAccountItems, cloudAllyTaskItems } from '../../../src/main/core/providers/cloudally/customers'
import { cloudbackItems } from '../../../src/main/core/providers/cloudback/customers'
import { cloutilityItems } from '../../../src/main/core/providers/cloutility/customers'
import type { NodeReport, StatusReport } from '../../../src/shared/providers/cloutility/model'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { customerHealthOfStatus, customerHealthOfStatuses, worstHealth, type CustomerListItem, type CustomerPage } from '../../../src/shared/model/customers'
import { healthOfStatus } from '../../../src/shared/model/overview'
import { cloudbackRow } from '../../../src/main/core/providers/cloudback/health'
import type { CloudbackSettings, TrackedDefinition } from '../../../src/shared/providers/cloudback/model'
import type { FleetScanResult, FleetScanSummary } from '../../../src/shared/model/fleet'
import { cleanupDirs, makeCore, makeDemoCore, PASS, tmpDir } from '../vault/helpers'
import { until } from '../../support/until'

const cores: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

const NOW = Date.parse('2026-12-05T12:00:00Z')
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()
const connection = { id: 'c1', name: 'Test', provider: 'cloutility', customer: 'Acme' } as ConnectionSummary
const node = (consumerId: number, status: NodeReport['status']): NodeReport => ({
  id: consumerId,
  consumerId,
  consumerName: `cu ${consumerId}`,
  nodeName: `NODE${consumerId}`,
  status,
  warnings: [],
  ...(status === 'pending' ? {} : { lastSuccessfulBackupDate: iso(NOW - 2 * HOUR) }),
  ...(status === 'error' ? { lastBackupStatus: 'Failed' } : {})
})

describe('combined status', () => {
  it('is the worst of its parts', () => {
    expect(worstHealth(['ok', 'warning', 'ok'])).toBe('warning')
    expect(worstHealth(['ok', 'unknown'])).toBe('unknown')
    expect(worstHealth(['warning', 'error', 'unknown'])).toBe('error')
    expect(worstHealth([])).toBe('unknown')
  })

  it('Cloutility: a business unit per report level with nodes; new (pending) nodes do not count against it', () => {
    const report: StatusReport = {
      businessUnitId: 2,
      businessUnitName: 'Provider',
      nodeReports: [],
      childReports: [
        { businessUnitId: 10, businessUnitName: 'Acme', nodeReports: [node(1, 'ok'), node(2, 'pending')], childReports: [] },
        { businessUnitId: 11, businessUnitName: 'Globex', nodeReports: [node(3, 'ok'), node(4, 'error'), node(5, 'warning')], childReports: [] }
      ]
    }
    const { items, nodes } = cloutilityItems(connection, report, NOW)
    expect(items.map((i) => [i.label, i.status])).toEqual([
      ['Acme', 'ok'],
      ['Globex', 'error']
    ])
    expect(items[1]?.detail).toBe('3 nodes · 1 failing · 1 with warnings')
    expect(nodes.map((n) => [n.nodeName, n.businessUnitId])).toEqual([
      ['NODE1', 10],
      ['NODE2', 10],
      ['NODE3', 11],
      ['NODE4', 11],
      ['NODE5', 11]
    ])
  })

  it('Cloutility: a count that includes the nodes of units below says so, and how many are the unit\'s own', () => {
    const at = (n: NodeReport, businessUnitId: number): NodeReport => ({ ...n, businessUnitId })
    const report: StatusReport = {
      businessUnitId: 2,
      businessUnitName: 'Provider',
      nodeReports: [at(node(1, 'ok'), 2), at(node(2, 'error'), 10), at(node(3, 'ok'), 11)],
      childReports: [{ businessUnitId: 11, businessUnitName: 'Globex', nodeReports: [at(node(3, 'ok'), 11)], childReports: [] }]
    }
    const { items } = cloutilityItems(connection, report, NOW)
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['Provider', '3 nodes incl. sub-units (1 in this unit) · 1 failing'],
      ['Globex', '1 node']
    ])
  })

  it('Cloutility: a unit is judged as Fleet health judges its nodes: a stale node or a failed job counts, whatever the node’s own status word', () => {
    const report: StatusReport = {
      businessUnitId: 10,
      businessUnitName: 'Acme',
      // Stale: the report still calls it ok. Failed job: the report calls it only a warning.
      nodeReports: [node(1, 'ok'), { ...node(2, 'ok'), lastSuccessfulBackupDate: iso(NOW - 30 * HOUR) }, { ...node(3, 'warning'), lastBackupStatus: 'Failed' }],
      childReports: []
    }
    const { items } = cloutilityItems(connection, report, NOW)
    expect(items.map((i) => [i.detail, i.status])).toEqual([['3 nodes · 1 failing · 1 stale', 'error']])
    const staleOnly: StatusReport = { ...report, nodeReports: [node(1, 'ok'), { ...node(2, 'ok'), lastSuccessfulBackupDate: iso(NOW - 30 * HOUR) }] }
    expect(cloutilityItems(connection, staleOnly, NOW).items.map((i) => [i.detail, i.status])).toEqual([['2 nodes · 1 stale', 'warning']])
  })

  it('CloudAlly: an account whose task has no successful backup for over 26 h is stale, not OK; a paused task does not count', () => {
    const c = { ...connection, provider: 'cloudally' } as ConnectionSummary
    const tasks = [
      { id: 't1', account: 'a.example', source: 'GDRIVE', lastBackupDates: {} },
      { id: 't2', account: 'a.example', source: 'GACCOUNT', lastBackupDates: {} },
      { id: 't3', account: 'b.example', source: 'BOX', status: 'PAUSED', lastBackupDates: {} }
    ]
    const items = cloudAllyAccountItems(
      c,
      tasks,
      [
        { taskId: 't1', overall: 'OK', backupStatus: [], lastBackupDate: iso(NOW - 2 * HOUR) },
        { taskId: 't2', overall: 'OK', backupStatus: [], lastBackupDate: iso(NOW - 40 * HOUR) },
        { taskId: 't3', overall: 'OK', backupStatus: [], lastBackupDate: iso(NOW - 400 * HOUR) }
      ],
      NOW
    )
    expect(items.map((i) => [i.label, i.status, i.detail])).toEqual([
      ['a.example', 'warning', '2 tasks: GDRIVE, GACCOUNT · 1 stale'],
      ['b.example', 'ok', '1 task: BOX']
    ])
    const portal = cloudAllyTaskItems(
      { ...c, mode: 'user' } as ConnectionSummary,
      [
        { id: 'p1', name: 'Mail', type: 'MS365', status: 'success', lastBackup: iso(NOW - 40 * HOUR), schemaIssues: [], extra: {} },
        { id: 'p2', name: 'Drive', type: 'GDRIVE', status: 'success', lastBackup: iso(NOW - 1 * HOUR), schemaIssues: [], extra: {} }
      ],
      NOW
    )
    expect(portal.map((i) => [i.label, i.status, i.detail])).toEqual([
      ['Mail', 'warning', 'MS365 · Stale'],
      ['Drive', 'ok', 'GDRIVE · OK']
    ])
  })

  it('CloudAlly: accounts with the worst of their tasks; Cloudback: disabled is a warning, a failed lookup an error', () => {
    const recent = { lastBackupDate: iso(NOW - 2 * HOUR) }
    const items = cloudAllyAccountItems(
      { ...connection, provider: 'cloudally' },
      [
        { id: 't1', account: 'a.example', source: 'MS365', lastBackupDates: {} },
        { id: 't2', account: 'a.example', source: 'GMAIL', lastBackupDates: {} },
        { id: 't3', account: 'b.example', source: 'BOX', lastBackupDates: {} }
      ],
      [
        { taskId: 't1', overall: 'OK', backupStatus: [], ...recent },
        { taskId: 't2', overall: 'FAILED', backupStatus: [], ...recent },
        { taskId: 't3', overall: 'OK', backupStatus: [], ...recent }
      ],
      NOW
    )
    expect(items.map((i) => [i.label, i.status])).toEqual([
      ['a.example', 'error'],
      ['b.example', 'ok']
    ])
    const base = { platform: 'GitHub' as const, account: 'acme', subjectType: 'Repository' as const }
    const settings = { schedule: 'Daily at 1 am', storage: 'Cloudback EU', retention: 'Last 30 days' }
    expect(
      cloudbackItems([
        { ...base, key: 'a', subjectName: 'api', settings: { enabled: true, ...settings } },
        { ...base, key: 'c', subjectName: 'gone', lastError: 'Not found' }
      ]).map((i) => i.status)
    ).toEqual(['ok', 'error'])
  })

  it('judges Cloudback definitions as Fleet health does, so the page agrees with the connection’s health dot', () => {
    const base = { platform: 'GitHub' as const, account: 'acme', subjectType: 'Repository' as const }
    const settings = { schedule: 'Daily at 1 am', storage: 'Cloudback EU', retention: 'Last 30 days' }
    const defs: TrackedDefinition[] = [
      { ...base, key: 'a', subjectName: 'api', settings: { enabled: true, ...settings } },
      { ...base, key: 'b', subjectName: 'web', settings: { enabled: false, ...settings } },
      { ...base, key: 'c', subjectName: 'docs', settings: { enabled: true, schedule: 'Daily at 1 am', storage: 'Cloudback EU', retention: null } }
    ]
    const items = cloudbackItems(defs)
    // Disabled counts neither way (as a disabled object of any provider); enabled without retention is a warning.
    expect(items.map((i) => [i.label, i.status, i.detail])).toEqual([
      ['acme/api', 'ok', 'Enabled · Daily at 1 am · Cloudback EU · Last 30 days'],
      ['acme/web', 'ok', 'Backup disabled'],
      ['acme/docs', 'warning', 'Enabled without retention']
    ])
    // The same definitions as Fleet health rows: each item's health is its row's, by the shared rule.
    const cb = { id: 'cb', name: 'CB', provider: 'cloudback', customer: 'Acme' } as ConnectionSummary
    const rows = defs.map((d) => cloudbackRow(cb, d, { ...d, settings: d.settings as CloudbackSettings }))
    expect(items.map((i) => i.status)).toEqual(rows.map((r) => customerHealthOfStatus(r.status) ?? 'ok'))
    expect(worstHealth(items.map((i) => i.status))).toBe(customerHealthOfStatuses(rows.map((r) => r.status)))
    expect(rows.map((r) => healthOfStatus(r.status))).toEqual(['ok', 'ok', 'warnings'])
  })
})

describe('customers through the core (demo workspace)', () => {
  it('lists customers and joins one customer’s units, accounts and definitions; shows the last known data when offline', async () => {
    const made = await makeCore(tmpDir())
    cores.push(made.core)
    const { ok, call, core } = made
    await ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await ok('demo.start')
    const customers = (await ok('customers.list')) as CustomerListItem[]
    const northwind = customers.find((c) => c.name === 'Demo: Northwind') as CustomerListItem
    expect(northwind).toMatchObject({ connectionCount: 3, demo: true })
    expect([...northwind.providers].sort()).toEqual(['cloudally', 'cloudback', 'cloutility'])

    const page = (await ok('customers.get', { name: 'Demo: Northwind' })) as CustomerPage
    expect(page.parts.map((p) => p.provider).sort()).toEqual(['cloudally', 'cloudback', 'cloutility'])
    for (const part of page.parts) {
      expect(part.source, part.connectionName).toBe('live')
      expect(part.items.length, part.connectionName).toBeGreaterThan(0)
    }
    // The simulator seeds failing nodes and failed tasks: the combined status is the worst part.
    expect(page.status).toBe(worstHealth(page.parts.map((p) => p.status)))
    expect(page.status).toBe('error')
    expect(((await ok('customers.list')) as CustomerListItem[]).find((c) => c.name === 'Demo: Northwind')?.status).toBe('error')

    await core.demo.stopSimulator()
    const offline = (await ok('customers.get', { name: 'Demo: Northwind' })) as CustomerPage
    const clu = offline.parts.find((p) => p.provider === 'cloutility')
    expect(clu?.source).toBe('snapshot')
    expect(clu?.items).toEqual(page.parts.find((p) => p.provider === 'cloutility')?.items)
    expect(clu?.error).toEqual(expect.any(String))
    expect(offline.status).toBe('error')
    expect((await ok('offline.status')).map((s: { connectionId: string }) => s.connectionId)).toContain(clu?.connectionId)

    expect(await call('customers.get', { name: 'Nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const list = (await ok('connections.list')) as ConnectionSummary[]
    expect(list.some((c) => c.customer === 'Demo: Contoso')).toBe(true)
  })
})

describe('a customer page and Fleet health', () => {
  it('count the same failing, stale and warning objects (demo Northwind)', async () => {
    const made = await makeCore(tmpDir())
    cores.push(made.core)
    const { ok } = made
    await ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await ok('demo.start')
    await ok('fleet.scan.start', { scope: { customer: 'Demo: Northwind' } })
    await until(async () => ((await ok('fleet.scan.status')) as FleetScanResult | null)?.state === 'done')
    const scan = (await ok('fleet.scan.status')) as FleetScanResult
    const page = (await ok('customers.get', { name: 'Demo: Northwind', refresh: true })) as CustomerPage

    // The home unit's report covers the whole subtree: its counts are Fleet health's counts.
    const rows = scan.rows.filter((r) => r.provider === 'cloutility')
    const home = page.parts.find((p) => p.provider === 'cloutility')?.items.find((i) => i.detail?.startsWith(`${rows.length} nodes`))
    const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(home?.detail ?? '')?.[1] ?? 0)
    const failing = rows.filter((r) => ['error', 'failed', 'missed'].includes(r.status)).length
    expect(failing).toBeGreaterThan(0)
    expect([count('failing'), count('stale'), count('with warnings')]).toEqual([failing, rows.filter((r) => r.status === 'stale').length, rows.filter((r) => r.status === 'warning').length])

    // A CloudAlly account with a stale task is not OK on the page.
    const ca = page.parts.find((p) => p.provider === 'cloudally')
    const staleAccounts = new Set(scan.rows.filter((r) => r.provider === 'cloudally' && r.status === 'stale').map((r) => r.context?.split(' · ').at(-1)))
    expect(staleAccounts.size).toBeGreaterThan(0)
    for (const item of ca?.items ?? []) if (staleAccounts.has(item.label)) expect(item.status, item.label).not.toBe('ok')
  })
})

describe('a connection whose login is refused', () => {
  it('is failing with the plain reason on its customer page, in the combined status and in Fleet health, for every provider', async () => {
    const made = await makeDemoCore(tmpDir())
    cores.push(made.core)
    const { ok, sim } = made
    const scan = async (customer: string): Promise<FleetScanResult> => {
      const started = (await ok('fleet.scan.start', { scope: { customer } })) as FleetScanSummary
      await until(async () => ((await ok('fleet.scan.status')) as FleetScanResult | null)?.state === 'done')
      const result = (await ok('fleet.scan.status')) as FleetScanResult
      expect(result.scanId).toBe(started.scanId)
      return result
    }

    // A Cloudback connection that tracks nothing yet, with a good key: no false alarm.
    const fresh = (await ok('connections.create', { provider: 'cloudback', name: 'Fabrikam Cloudback', customer: 'Fabrikam', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey })) as ConnectionSummary
    const good = (await ok('customers.get', { name: 'Fabrikam' })) as CustomerPage
    expect(good.parts[0]).toMatchObject({ status: 'unknown', source: 'live' })
    expect(good.parts[0]?.failure).toBeUndefined()
    expect(await scan('Fabrikam')).toMatchObject({ notes: [], rows: [] })

    // Every login of Northwind and Fabrikam is made wrong.
    const northwind = ((await ok('connections.list')) as ConnectionSummary[]).filter((c) => c.customer === 'Demo: Northwind')
    expect(northwind.map((c) => c.provider).sort()).toEqual(['cloudally', 'cloudback', 'cloutility'])
    for (const c of [...northwind, fresh]) {
      const wrong = c.provider === 'cloudback' ? { apiKey: 'cb_live_not-the-key-0123456789abcdef' } : { password: 'not-the-password-42' }
      await ok('connections.update', { provider: c.provider, id: c.id, ...wrong })
    }
    const refused: Record<string, RegExp> = {
      cloutility: /Cloutility rejected the user name or password/,
      cloudally: /CloudAlly rejected the partner user's email or password/,
      cloudback: /Cloudback refused the API key/
    }

    const page = (await ok('customers.get', { name: 'Demo: Northwind' })) as CustomerPage
    for (const part of page.parts) {
      expect(part, part.connectionName).toMatchObject({ status: 'error', failure: 'cannot-check', error: expect.stringMatching(refused[part.provider] as RegExp) })
    }
    // The tracked definitions stay on the page (their last known settings), but do not count as checked.
    expect(page.parts.find((p) => p.provider === 'cloudback')?.items.length).toBeGreaterThan(0)
    expect(page.status).toBe('error')
    const fabrikam = (await ok('customers.get', { name: 'Fabrikam' })) as CustomerPage
    expect(fabrikam).toMatchObject({ status: 'error', parts: [{ status: 'error', failure: 'cannot-check', error: expect.stringMatching(refused['cloudback'] as RegExp) }] })
    expect(((await ok('customers.list')) as CustomerListItem[]).filter((c) => ['Demo: Northwind', 'Fabrikam'].includes(c.name)).map((c) => c.status)).toEqual(['error', 'error'])

    for (const customer of ['Demo: Northwind', 'Fabrikam']) {
      const result = await scan(customer)
      const ids = ((await ok('connections.list')) as ConnectionSummary[]).filter((c) => c.customer === customer)
      expect(result.notes.map((n) => n.connectionId).sort()).toEqual(ids.map((c) => c.id).sort())
      for (const note of result.notes) expect(note, note.connectionName).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(refused[note.provider] as RegExp) })
      expect(result.rows.filter((r) => r.kind === 'connection' && r.status === 'error').map((r) => r.connectionId).sort()).toEqual(ids.map((c) => c.id).sort())
    }
  })
})
