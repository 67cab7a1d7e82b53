import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { activatedConsumer, call, cloutilityLogin, withSim } from './helpers'

// Sweeps every registered route: each one must refuse a caller without credentials, and every
// Cloutility route must refuse a valid token sent with the wrong Origin. Guards against a route
// added later without its auth check.

describe('every route enforces authentication', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await withSim({ scale: 'small' })
  })
  afterAll(() => sim.stop())

  const fill = (pattern: string) => {
    const c = activatedConsumer(sim)
    const other = [...sim.cloutility.data.consumers.values()].find((x) => x.id !== c.id && x.buId === c.buId && x.node?.activatedMs) ?? c
    return pattern
      .replace(':bu', String(c.buId))
      .replace(':cid', String(c.id))
      .replace(':other', String(other.id))
      .replace(':uid', String(sim.cloutility.data.businessUnits.get(c.buId)?.userIds[0] ?? 1))
      .replace(':date', '2026-10-31')
      .replace(':id', '1')
      .replace(':jobId', 'RJ-X')
  }

  it('lists the routes of all three providers', () => {
    expect(sim.routes.cloutility.length).toBeGreaterThan(50)
    expect(sim.routes.cloudally).toContainEqual(['POST', '/v1/restore'])
    expect(sim.routes.cloudback).toEqual(
      expect.arrayContaining([
        ['POST', '/ops/definition/get'],
        ['POST', '/ops/definition/update'],
        ['POST', '/api/ops/definition/get'],
        ['POST', '/api/ops/definition/update']
      ])
    )
  })

  it('Cloutility: 401 without a token and 403 with a wrong Origin on every route but /v1/oauth', async () => {
    const s = await cloutilityLogin(sim)
    for (const [method, pattern] of sim.routes.cloutility) {
      if (pattern === '/v1/oauth') continue
      const url = `${sim.cloutility.url}${fill(pattern)}`
      const init = method === 'GET' || method === 'DELETE' ? { method } : { method, json: {} }
      const anon = await call(url, { ...init, headers: { origin: sim.cloutility.credentials.origin } })
      expect(anon.status, `${method} ${pattern}`).toBe(401)
      expect(anon.json.code, `${method} ${pattern}`).toBe('Unauthorized')
      const wrongOrigin = await call(url, { ...init, headers: { authorization: String(s.headers.authorization), origin: 'https://elsewhere.example' } })
      expect(wrongOrigin.status, `${method} ${pattern}`).toBe(403)
    }
  })

  it('CloudAlly: 401 without a token on every route but the auth endpoints and the pre-signed download', async () => {
    for (const [method, pattern] of sim.routes.cloudally) {
      if (pattern.startsWith('/auth') || pattern.endsWith('/download')) continue
      const res = await call(`${sim.cloudally.url}${fill(pattern)}`, method === 'GET' ? {} : { method, json: {} })
      expect(res.status, `${method} ${pattern}`).toBe(401)
      expect(res.json.status, `${method} ${pattern}`).toBe(401)
    }
  })

  it('Cloudback: 401 without an API key on every route', async () => {
    for (const [method, pattern] of sim.routes.cloudback) {
      const res = await call(`${sim.cloudback.url}${pattern}`, { method, json: { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository' } })
      expect(res.status, `${method} ${pattern}`).toBe(401)
    }
  })

  it('serves many concurrent requests on keep-alive connections', async () => {
    const s = await cloutilityLogin(sim)
    sim.stats.reset()
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => s.api(i % 2 ? '/v1/fullVersion' : '/v1/me')))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(sim.stats.count({ provider: 'cloutility' })).toBe(120)
  })
})
