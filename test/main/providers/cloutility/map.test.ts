// Wire → domain mapping: tolerant of whatever the API sends, units converted consistently.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as map from '../../../../src/main/core/providers/cloutility/map'
import { int } from '../../../../src/main/core/providers/wire'
import { unquote } from '../../../../src/main/core/providers/cloutility/api/common'
import { createCloutilityClient } from '../../../../src/main/core/providers/cloutility/client'
import { silentLogger } from '../../../../src/main/core/log/logger'
import { SecretRegistry } from '../../../../src/main/core/log/redact'
import { sendJson, startTestServer, type TestServer } from '../../http/test-server'

describe('guards and units', () => {
  it('converts megabytes to whole bytes and .NET time spans to seconds', () => {
    expect(map.mbToBytes(1)).toBe(1_048_576)
    expect(map.mbToBytes(0.5)).toBe(524_288)
    expect(map.mbToBytes('2')).toBe(2_097_152)
    expect(map.mbToBytes(null)).toBeUndefined()
    expect(map.timeSpanSeconds('00:25:04')).toBe(1504)
    expect(map.timeSpanSeconds('1.02:03:04')).toBe(93_784)
    expect(map.timeSpanSeconds('00:00:01.5')).toBe(1.5)
    expect(map.timeSpanSeconds('soon')).toBeUndefined()
  })

  it('maps error statuses by name or id', () => {
    expect(map.backupStatus({ id: 1, name: 'Ok' })).toBe('ok')
    expect(map.backupStatus('OkWithWarnings')).toBe('warning')
    expect(map.backupStatus({ id: 4 })).toBe('error')
    expect(map.backupStatus('Something new')).toBe('unknown')
    expect(map.backupStatus(null)).toBeUndefined()
  })

  it('never throws on any JSON and keeps the declared types', () => {
    const mappers: Array<(w: never) => unknown> = [
      map.toCurrentUser,
      map.toBusinessUnit,
      map.toConsumptionUnit as never,
      map.toBackupNode,
      map.toFilespace,
      map.toJob,
      map.toNodeReport,
      map.toStatusReport,
      map.toAuditLogEntry,
      map.toContract,
      map.toInvoice,
      map.toInvoiceFile,
      map.toBillingData,
      map.toTimeZone,
      map.toOperatingSystem,
      map.firstJobCompleted
    ]
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.object()), (value) => {
        for (const m of mappers) {
          const out = (m as (w: unknown, b?: number) => unknown)(value, 1)
          if (out && typeof out === 'object' && 'id' in out) expect(typeof (out as { id: unknown }).id === 'number' || (out as { id: unknown }).id === undefined).toBe(true)
        }
        const p = map.page(value, (w: { id?: unknown }) => int(w?.id))
        expect(Array.isArray(p.items)).toBe(true)
        expect(Number.isInteger(p.total)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

describe('domain mapping', () => {
  it('maps a node without ever carrying its password, and proxy relations both ways', () => {
    const node = map.toBackupNode({
      id: 7,
      name: 'ws-1',
      tsmName: 'WS-1',
      tsmPassword: 'Secret.Node.Pass',
      activatedDate: '2026-01-02T03:04:05Z',
      operatingSystem: { id: 2, name: 'Windows', shortName: 'WIN' },
      proxyAgents: [{ id: 9, name: 'agent', tsmName: 'AGENT', href: 'http://127.0.0.1/v1/bunits/5/consumers/90/node' }],
      proxyTargets: [{ id: 10, consumer: { id: 100, name: 'target' } }],
      somethingNew: { nested: true }
    })
    expect(node).toMatchObject({ id: 7, activated: true, nodeName: 'WS-1', hasPassword: true, operatingSystem: { id: 2, shortName: 'WIN' } })
    expect(node?.proxy.agents).toEqual([{ nodeId: 9, consumerId: 90, businessUnitId: 5, name: 'agent', nodeName: 'AGENT' }])
    expect(node?.proxy.targets).toEqual([{ nodeId: 10, consumerId: 100, name: 'target' }])
    expect(JSON.stringify(node)).not.toContain('Secret.Node.Pass')
    expect(map.toBackupNode({ id: 8, tsmName: '', tsmPassword: '' })).toMatchObject({ activated: false, hasPassword: false })
  })

  it('maps a job from megabytes and a time span, and a filespace from capacity and occupancies', () => {
    const job = map.toJob({ id: 1, name: 'DAILY', transferredMegaBytes: 10, duration: '00:01:40', actualStart: '2026-01-01T00:00:00Z', completed: '2026-01-01T00:01:40Z', status: { id: 1, name: 'Completed' } })
    expect(job).toMatchObject({ transferredBytes: 10_485_760, durationSeconds: 100, status: 'Completed', start: '2026-01-01T00:00:00.000Z' })
    const noDuration = map.toJob({ id: 2, actualStart: '2026-01-01T00:00:00Z', completed: '2026-01-01T00:00:30Z', transferredGigaBytes: 1 })
    expect(noDuration).toMatchObject({ durationSeconds: 30, transferredBytes: 1_073_741_824 })
    const fs = map.toFilespace({ id: 3, name: '/home', capacityMegaBytes: 100, percentageUtilized: 12.5, occupancies: [{ logicalMegaBytes: 5 }, { logicalMegaBytes: 7 }] })
    expect(fs).toMatchObject({ capacityBytes: 104_857_600, utilization: 12.5, storedBytes: 12_582_912 })
  })

  it('maps a node report with only the fields the wire has, and it travels as plain data', () => {
    const sparse = map.toNodeReport({ id: 4, name: 'WS-4' })
    expect(Object.keys(sparse ?? {})).toEqual(['id', 'consumerName', 'warnings'])
    const full = map.toNodeReport({
      id: 5,
      name: 'WS-5',
      consumerId: 50,
      tsmName: 'WS5',
      status: { id: 4, name: 'Error' },
      megaBytes: 2,
      lastBackupDate: '2026-06-01T02:00:00',
      warnings: [{ type: { id: 5, name: 'Backup failed' }, status: { id: 4, name: 'Error' } }]
    })
    expect(full).toMatchObject({ consumerId: 50, nodeName: 'WS5', status: 'error', storageBytes: 2 * 1024 * 1024, lastBackupDate: '2026-06-01T02:00:00.000Z' })
    expect(full?.warnings).toEqual([{ typeId: 5, typeName: 'Backup failed', status: 'error' }])
    // What IPC and the web shell carry: structured clone and JSON give the same plain object.
    expect(structuredClone(full)).toStrictEqual(JSON.parse(JSON.stringify(full)))
  })

  it('visits every node report of a status report and its children, skipping what is not one', () => {
    const ids: number[] = []
    const wire = { nodeReports: [{ id: 1 }, null, 'x', { id: 2 }], childReports: [{ nodeReports: [{ id: 3 }], childReports: [{ nodeReports: [{ id: 4 }] }] }, 7] }
    map.eachNodeReport(wire, (r) => ids.push(r.id))
    expect(ids).toEqual([1, 2, 3, 4])
    expect(ids).toEqual(map.allNodeReports(map.toStatusReport(wire)).map((r) => r.id))
    map.eachNodeReport('<html>', (r) => ids.push(r.id))
    expect(ids).toHaveLength(4)
  })

  it('uses only `completed` from jobs/first', () => {
    expect(map.firstJobCompleted({ id: 0, name: '', completed: '2026-03-04T05:06:07Z', actualStart: '0001-01-01T00:00:00Z', examinedFiles: 0 })).toBe('2026-03-04T05:06:07.000Z')
    expect(map.firstJobCompleted({ completed: '0001-01-01T00:00:00Z' })).toBeNull()
    expect(map.firstJobCompleted('nope')).toBeNull()
  })

  it('takes an invoice date from its href, as documented', () => {
    expect(map.toInvoice({ href: 'https://api/v1/bunits/2/invoices/2026-10-31', invoiceDate: '2026-10-30T23:00:00Z', lines: [{ product: { name: 'GB' }, unitPrice: 1.5, quantity: 3 }] })).toMatchObject({
      date: '2026-10-31',
      lines: [{ product: 'GB', amount: 4.5 }]
    })
  })

  it('searches a tree by name (accent- and case-insensitive) or id', () => {
    const tree = map.toBusinessUnitNode({ id: 1, name: 'Root', businessUnits: [{ id: 2, name: 'Åkersberga Kommun', businessUnits: [{ id: 12, name: 'Skola' }] }, { id: 3, name: 'Other' }] })
    if (!tree) throw new Error('no tree')
    expect(map.searchTree(tree, 'akers').map((n) => n.id)).toEqual([2])
    expect(map.searchTree(tree, '12').map((n) => n.id)).toEqual([12])
    expect(map.searchTree(tree, 'O').map((n) => n.id)).toEqual([1, 2, 12, 3])
    expect(tree.children[0]?.children[0]?.parentId).toBe(2)
    // A hit is a row, not a subtree; a large tree answers at most `limit` hits.
    expect(map.searchTree(tree, 'akers')[0]?.children).toEqual([])
    expect(map.searchTree(tree, 'O', 2).map((n) => n.id)).toEqual([1, 2])
  })
})

describe('quoted answers', () => {
  it('reads a JSON-quoted string (spname, activate) as its content, anything else as it is', () => {
    expect(unquote('"A\\"B"')).toBe('A"B')
    expect(unquote('  "ABC-01"  ')).toBe('ABC-01')
    expect(unquote('"broken')).toBe('"broken')
    expect(unquote('"x\\q"')).toBe('x\\q')
  })
})

// An endpoint the simulator does not serve (documented on Cloutility's help pages, provider-apis.md
// §1.4), checked against a small server that answers with the documented shapes.
describe('endpoints beyond the simulator', () => {
  let server: TestServer
  const answers: Record<string, unknown> = {
    '/v1/search/bunits?searchTerm=polar&bunitId=2': { href: 'x', total: 1, offset: 0, items: [{ id: 44, parentId: 2, name: 'Polar AB', businessUnits: [] }] },
  }
  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/v1/oauth') return sendJson(res, 200, { access_token: 'search-token-1', expires_in: 299 })
      const body = answers[req.url]
      return body === undefined ? sendJson(res, 404, { message: 'No route' }) : sendJson(res, 200, body)
    })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('sends searchTerm and bunitId and maps the SimpleBusinessUnit items', async () => {
    const client = createCloutilityClient({ baseUrl: server.url, clientId: 'c', origin: 'https://o', username: 'u', password: 'pppp', logger: silentLogger, secrets: new SecretRegistry() })
    try {
      const found = await client.searchBusinessUnits(' polar ', 2)
      expect(found).toEqual([{ id: 44, parentId: 2, name: 'Polar AB', tags: [], children: [] }])
      expect(server.seen.at(-1)?.url).toBe('/v1/search/bunits?searchTerm=polar&bunitId=2')
      expect(server.seen.at(-1)?.headers.origin).toBe('https://o')
    } finally {
      await client.destroy()
    }
  })
})

describe('lists answered one page at a time', () => {
  let server: TestServer
  const all = Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, name: `cu-${i}` }))
  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/v1/oauth') return sendJson(res, 200, { access_token: 'paging-token-1', expires_in: 299 })
      const url = new URL(req.url, 'http://127.0.0.1')
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const limit = Number(url.searchParams.get('limit') ?? 2)
      // unit 5 pages properly; unit 6 ignores offset and always answers the first page
      const start = url.pathname === '/v1/bunits/5/consumers' ? offset : 0
      return sendJson(res, 200, { href: 'h', total: all.length, offset: start, first: 'h', items: all.slice(start, start + Math.min(limit, 2)) })
    })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('reads the remaining pages with offset/limit, and cannot loop on a server that ignores offset', async () => {
    const client = createCloutilityClient({ baseUrl: server.url, clientId: 'c', origin: 'https://o', username: 'u', password: 'pppp', logger: silentLogger, secrets: new SecretRegistry() })
    try {
      expect((await client.consumers(5)).map((c) => c.id)).toEqual([100, 101, 102, 103, 104])
      expect(server.seen.filter((r) => r.url.startsWith('/v1/bunits/5/')).map((r) => r.url)).toEqual([
        '/v1/bunits/5/consumers',
        '/v1/bunits/5/consumers?offset=2&limit=2',
        '/v1/bunits/5/consumers?offset=4&limit=2'
      ])
      expect((await client.consumers(6)).map((c) => c.id)).toEqual([100, 101])
      expect(server.seen.filter((r) => r.url.startsWith('/v1/bunits/6/'))).toHaveLength(2)
    } finally {
      await client.destroy()
    }
  })
})
