import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { activatedConsumer, cloutilityLogin, withSim, type CloutilitySession } from './helpers'

// The node body exactly as the Safespring Go client marshals it (PascalCase, zero-valued nested fields).
const goClientNodeBody = {
  OperatingSystem: { ID: 3, Name: '', Href: '', CreatedDate: '0001-01-01T00:00:00Z' },
  Type: { ID: 1, Name: '', Href: '', CreatedDate: '0001-01-01T00:00:00Z' },
  Domain: { ID: 1, Name: '', Href: '', CreatedDate: '0001-01-01T00:00:00Z' },
  ClientOptionSet: { ID: 2, Name: '', Href: '', CreatedDate: '0001-01-01T00:00:00Z' },
  Contact: 'ops@example.com',
  CpuCount: 1
}

describe('Cloutility consumption units and backup nodes', () => {
  let sim: Simulator
  let s: CloutilitySession
  let bu: number
  beforeAll(async () => {
    sim = await withSim({ scale: 'small' })
    s = await cloutilityLogin(sim)
    bu = sim.cloutility.credentials.subUnit.homeBusinessUnitId
  })
  afterAll(() => sim.stop())

  it('lists consumers as light items and gets one in full', async () => {
    const list = (await s.api(`/v1/bunits/${bu}/consumers`)).json
    expect(list).toMatchObject({ href: expect.any(String), total: list.items.length, offset: 0, first: expect.any(String) })
    const item = list.items[0]
    expect(item).toMatchObject({ id: expect.any(Number), name: expect.any(String), href: expect.any(String), createdDate: expect.any(String) })
    expect(item.businessUnit).toBeUndefined()
    const full = (await s.api(`/v1/bunits/${bu}/consumers/${item.id}`)).json
    expect(full).toMatchObject({ id: item.id, dataSourceType: { id: 1, name: 'SP Backup node' }, businessUnit: { id: bu } })
    expect((await s.api(`/v1/bunits/${bu}/consumers/999999`)).status).toBe(404)
    const other = activatedConsumer(sim, (c) => c.buId !== bu)
    expect((await s.api(`/v1/bunits/${bu}/consumers/${other.id}`)).status).toBe(404) // exists, but not in this BU
  })

  it('creates a consumer from only a (PascalCase) name, rejects duplicates and empty names, updates it', async () => {
    const created = await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { Name: 'LisasWS' } })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({ name: 'LisasWS', businessUnit: { id: bu }, dataSourceState: { name: 'New' } })
    expect((await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { name: 'lisasws' } })).status).toBe(409)
    expect((await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { name: '  ' } })).status).toBe(400)
    const put = await s.api(`/v1/bunits/${bu}/consumers/${created.json.id}`, { method: 'PUT', json: { name: 'LisasWS', note: "Lisa's laptop", LimitHighStorage: 50, allowNoActivity: 'yes' } })
    expect(put.status).toBe(400)
    const ok = await s.api(`/v1/bunits/${bu}/consumers/${created.json.id}`, { method: 'PUT', json: { name: 'LisasWS', note: "Lisa's laptop", LimitHighStorage: 50 } })
    expect(ok.json).toMatchObject({ note: "Lisa's laptop", limitHighStorage: 50 })
    expect((await s.api(`/v1/bunits/${bu}/consumers/${created.json.id}/node`)).status).toBe(404)
  })

  it('POST with the id of an existing consumer moves it to this business unit', async () => {
    const home = sim.cloutility.credentials.homeBusinessUnitId
    const created = (await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { name: 'mover' } })).json
    const moved = await s.api(`/v1/bunits/${home}/consumers`, { method: 'POST', json: { Id: created.id, Name: 'mover' } })
    expect(moved.status).toBe(200)
    expect(moved.json).toMatchObject({ id: created.id, businessUnit: { id: home } })
    expect((await s.api(`/v1/bunits/${bu}/consumers/${created.id}`)).status).toBe(404)
    expect((await s.api(`/v1/bunits/${home}/consumers/${created.id}`)).status).toBe(200)
    const page = (await s.api(`/v1/bunits/${home}/consumers?limit=1`)).json
    expect(page.items).toHaveLength(1)
    expect(page.total).toBeGreaterThanOrEqual(1)
  })

  it('deletes a consumer with deleteAssociations and deletionComment, recorded in the audit log', async () => {
    const created = (await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { name: 'ToDelete' } })).json
    expect((await s.api(`/v1/bunits/${bu}/consumers/${created.id}?deleteAssociations=maybe`, { method: 'DELETE' })).status).toBe(400)
    const del = await s.api(`/v1/bunits/${bu}/consumers/${created.id}?deleteAssociations=false&deletionComment=${encodeURIComponent('customer left')}`, { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect(del.json.id).toBe(created.id)
    expect((await s.api(`/v1/bunits/${bu}/consumers/${created.id}`)).status).toBe(404)
    const audit = (await s.api(`/v1/bunits/${bu}/auditlogs?types=300`)).json
    expect(audit.items[0].message).toContain('customer left')
  })

  it('creates, activates (Go client flow with a JSON-quoted spname), updates and deletes a node', async () => {
    const cu = (await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { Name: 'enroll-test' } })).json
    const base = `/v1/bunits/${bu}/consumers/${cu.id}/node`
    const node = await s.api(base, { method: 'POST', json: goClientNodeBody })
    expect(node.status).toBe(200)
    expect(node.json).toMatchObject({ operatingSystem: { id: 3, name: 'Linux' }, type: { id: 1 }, domain: { name: 'STANDARD' }, clientOptionSet: { id: 2 }, contact: 'ops@example.com', tsmName: '', tsmPassword: '' })
    expect((await s.api(base, { method: 'POST', json: goClientNodeBody })).status).toBe(409)

    const spname = await s.api(`${base}/spname`)
    expect(spname.status).toBe(200)
    expect(spname.text).toMatch(/^"[A-Z0-9]{12}"$/)
    // Exactly what the Go client does: raw body (with quotes) appended to the query.
    const activated = await s.api(`${base}/activate?tsmName=${encodeURIComponent(spname.text)}`)
    expect(activated.status).toBe(200)
    expect(activated.json).toBe(JSON.parse(spname.text))
    const after = (await s.api(base)).json
    expect(after.tsmName).toBe(JSON.parse(spname.text))
    expect(after.tsmPassword.length).toBeGreaterThanOrEqual(8)
    expect(after.activatedDate).toEqual(expect.any(String))
    expect((await s.api(`${base}/activate?tsmName=OTHER`)).status).toBe(409) // already activated

    // PUT replaces the node: the whole node goes back, changed.
    const upd = await s.api(base, { method: 'PUT', json: { ...after, cpuCount: 4, operatingSystem: { name: 'Windows' }, type: { name: 'Workstation' } } })
    expect(upd.json).toMatchObject({ cpuCount: 4, operatingSystem: { id: 2 }, type: { id: 2 }, domain: { id: after.domain.id }, tsmName: after.tsmName })
    expect((await s.api(base, { method: 'PUT', json: { ...upd.json, operatingSystem: { name: 'Plan9' } } })).status).toBe(400)
    expect((await s.api(base, { method: 'PUT', json: { ...upd.json, operatingSystem: { id: 4 }, type: { id: 1 } } })).status).toBe(400) // macOS file server

    const pw = await s.api(`${base}/password`, { method: 'POST', json: { tsmPassword: 'N3w-Secret.pw' } })
    expect(pw.status).toBe(200)
    expect(pw.json.tsmPassword).toBe('N3w-Secret.pw')
    expect((await s.api(`${base}/password`, { method: 'POST', json: { tsmPassword: 'short' } })).status).toBe(400)
    expect((await s.api(`${base}/password`, { method: 'POST', json: { tsmPassword: 'has space in it' } })).status).toBe(400)
    expect((await s.api(`${base}/password`, { method: 'POST', json: {} })).status).toBe(400)

    const del = await s.api(`${base}?deleteAssociations=True`, { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect(del.json.tsmName).toBe(after.tsmName) // the Go client decodes a Node from the DELETE answer
    expect((await s.api(`/v1/bunits/${bu}/consumers/${cu.id}`)).status).toBe(404) // the CU went with it
  })

  it('accepts the quoted name even when the quotes travel unencoded in the request line (Go client)', async () => {
    const cu = (await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { Name: 'raw-quote' } })).json
    const base = `/v1/bunits/${bu}/consumers/${cu.id}/node`
    await s.api(base, { method: 'POST', json: goClientNodeBody })
    const quoted = (await s.api(`${base}/spname`)).text
    const { port } = new URL(sim.cloutility.url)
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(port), '127.0.0.1')
      let out = ''
      sock.on('data', (d) => (out += d.toString()))
      sock.on('close', () => resolve(out))
      sock.on('error', reject)
      sock.write(`GET ${base}/activate?tsmName=${quoted} HTTP/1.1\r\nHost: sim\r\nAuthorization: ${s.headers.authorization}\r\nOrigin: ${s.headers.origin}\r\nConnection: close\r\n\r\n`)
    })
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK')
    expect((await s.api(base)).json.tsmName).toBe(JSON.parse(quoted))
  })

  it('enforces IBM Storage Protect naming on activate (charset, length, upper case, uniqueness)', async () => {
    const make = async (name: string) => {
      const cu = (await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { name } })).json
      await s.api(`/v1/bunits/${bu}/consumers/${cu.id}/node`, { method: 'POST', json: { operatingSystem: { name: 'Linux' }, type: { name: 'File server' }, domain: { name: 'STANDARD' } } })
      return `/v1/bunits/${bu}/consumers/${cu.id}/node`
    }
    const a = await make('naming-a')
    expect((await s.api(`${a}/activate?tsmName=${encodeURIComponent('bad name')}`)).status).toBe(400)
    expect((await s.api(`${a}/activate?tsmName=${encodeURIComponent('bad/name')}`)).status).toBe(400)
    expect((await s.api(`${a}/activate?tsmName=${'A'.repeat(65)}`)).status).toBe(400)
    const ok = await s.api(`${a}/activate?tsmName=${encodeURIComponent('web-01.prod_x+y&z')}`)
    expect(ok.status).toBe(200)
    expect(ok.json).toBe('WEB-01.PROD_X+Y&Z')
    const b = await make('naming-b')
    const taken = await s.api(`${b}/activate?tsmName=web-01.prod_x%2By%26z`)
    expect(taken.status).toBe(409)
    const existing = activatedConsumer(sim)
    expect((await s.api(`${b}/activate?tsmName=${existing.node.tsmName.toLowerCase()}`)).status).toBe(409)
    const generated = await s.api(`${b}/activate`)
    expect(generated.json).toMatch(/^[A-Z0-9]{12}$/)
  })

  it('lists filespaces of an activated node (tsmSync true/false) and validates tsmSync', async () => {
    const c = activatedConsumer(sim)
    const base = `/v1/bunits/${c.buId}/consumers/${c.id}/node`
    const fs = (await s.api(`${base}/filespaces?tsmSync=false`)).json
    expect(fs.items.length).toBeGreaterThan(0)
    expect(fs.items[0]).toMatchObject({ name: expect.any(String), type: expect.any(String), capacityMegaBytes: expect.any(Number), percentageUtilized: expect.any(Number), occupancies: expect.any(Array) })
    expect((await s.api(`${base}/filespaces?tsmSync=true`)).json.items).toEqual(fs.items)
    expect((await s.api(`${base}/filespaces?tsmSync=perhaps`)).status).toBe(400)
  })

  it('grants and revokes proxy relations from both sides', async () => {
    const target = activatedConsumer(sim, (c) => sim.cloutility.data.businessUnits.get(c.buId)!.consumerIds.filter((id) => sim.cloutility.data.consumers.get(id)?.node?.activatedMs).length >= 2)
    const buOfTarget = target.buId
    const possible = (await s.api(`/v1/bunits/${buOfTarget}/consumers/${target.id}/node/possibleproxynodes`)).json
    const candidate = possible.items.find((n: { consumerId: number }) => !target.node.proxyAgentIds.includes(n.consumerId))
    expect(candidate).toBeDefined()
    const agentId = candidate.consumerId
    const tBase = `/v1/bunits/${buOfTarget}/consumers/${target.id}/node`
    const granted = await s.api(`${tBase}/proxyagents?proxyAgentId=${agentId}`, { method: 'POST' })
    expect(granted.status).toBe(200)
    expect(granted.json.proxyAgents.map((n: { consumerId: number }) => n.consumerId)).toContain(agentId)
    expect((await s.api(`${tBase}/proxyagents?proxyAgentId=${agentId}`, { method: 'POST' })).status).toBe(409)
    expect((await s.api(`${tBase}/proxyagents`, { method: 'POST' })).status).toBe(400)
    expect((await s.api(`${tBase}/proxyagents?proxyAgentId=${target.id}`, { method: 'POST' })).status).toBe(400)
    expect((await s.api(`${tBase}/proxyagents?proxyAgentId=999999`, { method: 'POST' })).status).toBe(404)
    const agentNode = (await s.api(`/v1/bunits/${buOfTarget}/consumers/${agentId}/node`)).json
    expect(agentNode.proxyTargets.map((n: { consumerId: number }) => n.consumerId)).toContain(target.id)
    const revoked = await s.api(`/v1/bunits/${buOfTarget}/consumers/${agentId}/node/proxytargets/${target.id}`, { method: 'DELETE' })
    expect(revoked.status).toBe(200)
    expect(revoked.json.proxyTargets.map((n: { consumerId: number }) => n.consumerId)).not.toContain(target.id)
    expect((await s.api(`${tBase}/proxyagents/${agentId}`, { method: 'DELETE' })).status).toBe(404)
    // and the other direction
    const viaTargets = await s.api(`/v1/bunits/${buOfTarget}/consumers/${agentId}/node/proxytargets?proxyTargetId=${target.id}`, { method: 'POST' })
    expect(viaTargets.status).toBe(200)
    expect((await s.api(`${tBase}/proxyagents/${agentId}`, { method: 'DELETE' })).json.proxyAgents.map((n: { consumerId: number }) => n.consumerId)).not.toContain(agentId)
    const outside = [...sim.cloutility.data.consumers.values()].find((c) => c.buId === sim.cloutility.credentials.outsideBusinessUnitId)!
    expect((await s.api(`${tBase}/proxyagents?proxyAgentId=${outside.id}`, { method: 'POST' })).status).toBe(403)
  })
})
