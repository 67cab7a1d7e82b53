import { afterEach, describe, expect, it } from 'vitest'
import { cloudAllyAccountItems } from '../../../src/main/core/providers/cloudally/customers'
import { cloudbackItems } from '../../../src/main/core/providers/cloudback/customers'
import { cloutilityItems } from '../../../src/main/core/providers/cloutility/customers'
import type { NodeReport, StatusReport } from '../../../src/shared/providers/cloutility/model'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { worstHealth, type CustomerListItem, type CustomerPage } from '../../../src/shared/model/customers'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'

const cores: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

const node = (consumerId: number, status: NodeReport['status']): NodeReport => ({ id: consumerId, consumerId, consumerName: `cu ${consumerId}`, nodeName: `NODE${consumerId}`, status, warnings: [] })

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
    const { items, nodes } = cloutilityItems(report)
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
    const { items } = cloutilityItems(report)
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['Provider', '3 nodes incl. sub-units (1 in this unit) · 1 failing'],
      ['Globex', '1 node']
    ])
  })

  it('CloudAlly: accounts with the worst of their tasks; Cloudback: disabled is a warning, a failed lookup an error', () => {
    const items = cloudAllyAccountItems(
      [
        { id: 't1', account: 'a.example', source: 'MS365', lastBackupDates: {} },
        { id: 't2', account: 'a.example', source: 'GMAIL', lastBackupDates: {} },
        { id: 't3', account: 'b.example', source: 'BOX', lastBackupDates: {} }
      ],
      [
        { taskId: 't1', overall: 'OK', backupStatus: [] },
        { taskId: 't2', overall: 'FAILED', backupStatus: [] },
        { taskId: 't3', overall: 'OK', backupStatus: [] }
      ]
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
        { ...base, key: 'b', subjectName: 'web', settings: { enabled: false, ...settings } },
        { ...base, key: 'c', subjectName: 'gone', lastError: 'Not found' }
      ]).map((i) => i.status)
    ).toEqual(['ok', 'warning', 'error'])
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
