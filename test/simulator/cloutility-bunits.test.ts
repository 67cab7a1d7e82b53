import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { cloutilityLogin, withSim, type CloutilitySession } from './helpers'

describe('Cloutility business units, users, time zones and catalogues', () => {
  let sim: Simulator
  let s: CloutilitySession
  let home: number
  beforeAll(async () => {
    sim = await withSim({ scale: 'small' })
    s = await cloutilityLogin(sim)
    home = sim.cloutility.credentials.homeBusinessUnitId
  })
  afterAll(() => sim.stop())

  it('GET /v1/fullVersion returns a JSON string', async () => {
    const res = await s.api('/v1/fullVersion')
    expect(res.text).toBe('"1.0.4480.0"')
  })

  it('GET /v1/bunits is a SimpleBusinessUnit tree at least three levels deep; bunitId is case-insensitive', async () => {
    const tree = (await s.api('/v1/bunits')).json
    expect(tree).toMatchObject({ id: home, name: expect.any(String), systemId: expect.any(String), hasContract: true })
    const depth = (n: { businessUnits: unknown[] }): number => 1 + Math.max(0, ...n.businessUnits.map((c) => depth(c as { businessUnits: unknown[] })))
    expect(depth(tree)).toBeGreaterThanOrEqual(3)
    const child = tree.businessUnits[0]
    const a = (await s.api(`/v1/bunits?bunitId=${child.id}`)).json
    const b = (await s.api(`/v1/bunits?bunitID=${child.id}`)).json
    expect(a.id).toBe(child.id)
    expect(b).toEqual(a)
    expect((await s.api(`/v1/bunits?bunitId=${sim.cloutility.credentials.outsideBusinessUnitId}`)).status).toBe(403)
  })

  it('serves the help-page reads: business-unit search, naming and deletion rules, the provider', async () => {
    const tree = (await s.api('/v1/bunits')).json
    const leaf = (n: { id: number; name: string; businessUnits: unknown[] }): { id: number; name: string; businessUnits: unknown[] } =>
      n.businessUnits.length ? leaf(n.businessUnits[0] as typeof n) : n
    const target = leaf(tree)
    const word = target.name.split(/\s+/)[0]!.toLowerCase()
    const byName = (await s.api(`/v1/search/bunits?searchTerm=${encodeURIComponent(word)}`)).json
    expect(byName).toMatchObject({ total: expect.any(Number), items: expect.any(Array) })
    expect(byName.items.map((b: { id: number }) => b.id)).toContain(target.id)
    expect(byName.items.every((b: { name: string; businessUnits: unknown[] }) => b.name.toLowerCase().includes(word) && b.businessUnits.length === 0)).toBe(true)
    expect((await s.api(`/v1/search/bunits?searchTerm=${target.id}`)).json.items.map((b: { id: number }) => b.id)).toContain(target.id)
    expect((await s.api('/v1/search/bunits')).status).toBe(400)
    const outside = sim.cloutility.credentials.outsideBusinessUnitId
    expect((await s.api(`/v1/search/bunits?searchTerm=a&bunitId=${outside}`)).status).toBe(403)

    expect((await s.api(`/v1/bunits/${target.id}/inheritednodenamingrule`)).json).toEqual({
      setNamesManually: false,
      counter: expect.any(Number),
      numberOfDigits: 4,
      rule: expect.stringMatching(/-\{counter\}$/),
      replacementCharacter: '_'
    })
    expect((await s.api(`/v1/bunits/${target.id}/nodedeletionrule`)).json).toEqual({ retentionDays: 30, deleteNodesAutomatically: false, useDecommission: true, deleteFilespacesAutomatically: false })
    const provider = (await s.api(`/v1/bunits/${target.id}/provider`)).json
    expect(provider).toMatchObject({ id: expect.any(Number), hasContract: true, businessUnits: [] })
    expect(sim.cloutility.data.businessUnits.get(provider.id)?.hasContract).toBe(true)
    expect((await s.api(`/v1/bunits/${outside}/provider`)).status).toBe(403)
  })

  it('GET by id is the full object; children list items are lighter', async () => {
    const full = (await s.api(`/v1/bunits/${home}`)).json
    expect(full).toMatchObject({ id: home, href: expect.stringContaining(`/v1/bunits/${home}`), timeZone: { id: expect.any(Number) } })
    expect(full.users).toMatchObject({ href: expect.stringContaining('/users'), total: 0, items: [] })
    const children = (await s.api(`/v1/bunits/${home}/bunits`)).json
    expect(children).toMatchObject({ href: expect.any(String), total: expect.any(Number), offset: 0, first: expect.any(String) })
    expect(children.items.length).toBeGreaterThan(0)
    expect(children.items[0].timeZone).toBeUndefined()
    expect(children.items[0].users).toBeUndefined()
    const child = (await s.api(`/v1/bunits/${children.items[0].id}`)).json
    expect(child.parentBusinessUnit.id).toBe(home)
    const limited = (await s.api(`/v1/bunits/${home}/bunits?limit=1&offset=1`)).json
    expect(limited.items).toHaveLength(Math.min(1, Math.max(0, children.total - 1)))
    expect(limited.offset).toBe(1)
  })

  it('creates (PascalCase body, time zone by id), updates and deletes a business unit', async () => {
    const created = await s.api(`/v1/bunits/${home}/bunits`, { method: 'POST', json: { Name: 'Test Customer AB', RegistrationNumber: 'SE5566', TimeZone: { Id: 4, Name: '' } } })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({ name: 'Test Customer AB', registrationNumber: 'SE5566', timeZone: { id: 4 } })
    const id = created.json.id
    expect((await s.api(`/v1/bunits/${home}/bunits`, { method: 'POST', json: { name: 'test customer ab' } })).status).toBe(409)
    expect((await s.api(`/v1/bunits/${home}/bunits`, { method: 'POST', json: { registrationNumber: 'x' } })).status).toBe(400)
    expect((await s.api(`/v1/bunits/${home}/bunits`, { method: 'POST', json: { name: 'X', timeZone: { id: 999 } } })).status).toBe(400)
    expect((await s.api(`/v1/bunits/${home}/bunits`, { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(400)

    const dept = await s.api(`/v1/bunits/${id}/bunits`, { method: 'POST', json: { name: 'Finance' } })
    expect(dept.status).toBe(200)
    // PUT replaces: the whole business unit goes back, changed.
    const current = (await s.api(`/v1/bunits/${id}`)).json
    const updated = await s.api(`/v1/bunits/${id}`, { method: 'PUT', json: { ...current, name: 'Renamed AB', note: 'n', invoiceDay: 15, storageLimit: 100 } })
    expect(updated.json).toMatchObject({ name: 'Renamed AB', note: 'n', invoiceDay: 15, storageLimit: 100, registrationNumber: 'SE5566', timeZone: { id: 4 } })
    expect((await s.api(`/v1/bunits/${id}`, { method: 'PUT', json: { ...updated.json, invoiceDay: 40 } })).status).toBe(400)
    expect((await s.api(`/v1/bunits/${id}`)).json.name).toBe('Renamed AB')

    const blocked = await s.api(`/v1/bunits/${id}`, { method: 'DELETE' })
    expect(blocked.status).toBe(409)
    expect((await s.api(`/v1/bunits/${dept.json.id}`, { method: 'DELETE' })).status).toBe(200)
    const deleted = await s.api(`/v1/bunits/${id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(200)
    expect(deleted.json.id).toBe(id)
    expect((await s.api(`/v1/bunits/${id}`)).status).toBe(404)
    expect((await s.api(`/v1/bunits/${home}`, { method: 'DELETE' })).status).toBe(403)
  })

  it('lists users and ancestors; gets and deletes a user', async () => {
    const users = (await s.api(`/v1/bunits/${home}/users`)).json
    expect(users.items.some((u: { name: string }) => u.name === sim.cloutility.credentials.username)).toBe(true)
    const sub = sim.cloutility.credentials.subUnit.homeBusinessUnitId
    const subUsers = (await s.api(`/v1/bunits/${sub}/users`)).json
    const u = subUsers.items[0]
    expect((await s.api(`/v1/bunits/${sub}/users/${u.id}`)).json.businessUnit.id).toBe(sub)
    expect((await s.api(`/v1/bunits/${sub}/users/999999`)).status).toBe(404)
    const me = (await s.api('/v1/me')).json
    expect((await s.api(`/v1/bunits/${home}/users/${me.id}`, { method: 'DELETE' })).status).toBe(409)
    const reseller = sim.cloutility.data.businessUnits.get(home)!.childIds.map((id) => sim.cloutility.data.businessUnits.get(id)!).find((b) => b.userIds.length > 0)
    if (reseller) {
      const victim = reseller.userIds[0]!
      const del = await s.api(`/v1/bunits/${reseller.id}/users/${victim}`, { method: 'DELETE' })
      expect(del.status).toBe(200)
      expect(del.json.id).toBe(victim)
      expect((await s.api(`/v1/bunits/${reseller.id}/users/${victim}`)).status).toBe(404)
    }
    const ancestors = (await s.api(`/v1/bunits/${sub}/ancestors`)).json
    expect(ancestors.items[0].id).toBe(home)
  })

  it('serves time zones, operating systems, node types, warning types, default server, domains, option sets, actions', async () => {
    const tzs = (await s.api('/v1/timezones')).json
    expect(tzs.items.find((t: { id: number }) => t.id === 4)).toMatchObject({ windowsId: 'W. Europe Standard Time' })
    expect((await s.api('/v1/timezones/4')).json.name).toMatch(/Stockholm/)
    expect((await s.api('/v1/timezones/4/offset?date=2026-01-01')).json).toBe(60)
    expect((await s.api('/v1/timezones/999')).status).toBe(404)
    const os = (await s.api('/v1/nodeoperatingsystems')).json.items
    expect(os.map((o: { id: number; name: string }) => [o.id, o.name])).toEqual(expect.arrayContaining([[2, 'Windows'], [3, 'Linux'], [4, 'macOS']]))
    expect((await s.api('/v1/nodeoperatingsystems/3')).json.name).toBe('Linux')
    expect((await s.api('/v1/nodeoperatingsystems/99')).status).toBe(404)
    expect((await s.api('/v1/nodetypes')).json.items.map((t: { name: string }) => t.name)).toEqual(['File server', 'Workstation', 'Application server'])
    expect((await s.api('/v1/nodetypes/1')).json.name).toBe('File server')
    expect((await s.api('/v1/nodewarningtypes')).json.items.length).toBeGreaterThan(3)
    expect((await s.api(`/v1/bunits/${home}/defaultserver`)).json).toMatchObject({ id: 1, name: expect.any(String) })
    const domains = (await s.api(`/v1/bunits/${home}/defaultserver/domains`)).json.items
    expect(domains.find((d: { name: string }) => d.name === 'STANDARD')).toMatchObject({ id: 1, backupRetention: 180 })
    const sets = (await s.api(`/v1/bunits/${home}/defaultserver/clientoptionsets`)).json.items
    expect(sets.find((x: { id: number }) => x.id === 2).name).toBe('DEDUP_AND_COMPRESS')
    expect((await s.api('/v1/actions')).json.items.length).toBeGreaterThan(0)
    expect((await s.api('/v1/actions/1')).status).toBe(200)
    expect((await s.api(`/v1/bunits/${sim.cloutility.credentials.outsideBusinessUnitId}/defaultserver/domains`)).status).toBe(403)
  })

  it('routes are case-insensitive like ASP.NET and unknown routes are 404 in the API error format', async () => {
    expect((await s.api('/V1/FullVersion')).status).toBe(200)
    const res = await s.api('/v1/nope')
    expect(res.status).toBe(404)
    expect(res.json).toMatchObject({ status: 404, code: 'NotFound' })
    expect((await s.api('/v1/fullVersion', { method: 'DELETE' })).status).toBe(405)
  })
})
