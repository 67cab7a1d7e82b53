import { afterEach, describe, expect, it } from 'vitest'
import { extractorOf, matchScore, SearchIndex } from '../../../src/main/core/search/search-index'
import { PROVIDER_MODULES } from '../../../src/main/core/providers/registry'

const extractItems = extractorOf(PROVIDER_MODULES)
import type { BusinessUnitNode } from '../../../src/shared/providers/cloutility/model'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { SearchResult } from '../../../src/shared/model/search'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'
import { summary } from '../fleet/harness'

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

    const results = (await ok('search.query', { text: nodeName })) as SearchResult[]
    expect(results[0]).toMatchObject({ kind: 'node', label: nodeName, connectionId: clu.id, target: { params: { id: clu.id, bu: child.id, cu: withNode?.id } } })
    expect((await ok('search.query', { text: child.name }))[0]).toMatchObject({ label: child.name })

    await core.offline.store.flush()
    await ok('vault.lock')
    expect(await call('search.query', { text: nodeName })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    await ok('vault.unlock', { passphrase: PASS })
    await core.demo.resume()
    await core.demo.stopSimulator()
    // The index was dropped at lock; it comes back from the decrypted snapshots.
    const again = (await ok('search.query', { text: nodeName })) as SearchResult[]
    expect(again[0]).toMatchObject({ kind: 'node', label: nodeName })
  })
})
