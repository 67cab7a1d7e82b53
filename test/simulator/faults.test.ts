import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFaultSpec, type Simulator } from '../../src/simulator'
import { LatencyControl } from '../../src/simulator/http/latency'
import { until } from '../support/until'
import { call, cloutilityLogin, withSim, type CloutilitySession } from './helpers'

/** Raw GET that reports what actually arrived on the socket. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status?: number; declared?: number; received: number; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers }, (res) => {
      let received = 0
      res.on('data', (c: Buffer) => (received += c.length))
      res.on('end', () => resolve({ status: res.statusCode, declared: Number(res.headers['content-length']), received }))
      res.on('error', (e) => resolve({ status: res.statusCode, declared: Number(res.headers['content-length']), received, error: (e as NodeJS.ErrnoException).code ?? e.message }))
      res.on('aborted', () => resolve({ status: res.statusCode, declared: Number(res.headers['content-length']), received, error: 'aborted' }))
    })
    req.on('error', (e) => resolve({ received: 0, error: (e as NodeJS.ErrnoException).code ?? e.message }))
    req.end()
  })
}

describe('fault spec grammar', () => {
  it('parses the documented example', () => {
    expect(parseFaultSpec('cloutility:GET:/v1/bunits/*=429:retryAfter=1:times=2,cloudback=500')).toEqual([
      { provider: 'cloutility', method: 'GET', path: '/v1/bunits/*', kind: '429', retryAfter: 1, times: 2 },
      { provider: 'cloudback', kind: '500' }
    ])
    expect(parseFaultSpec('cloudally:/v1/partners=latency:ms=250:probability=0.5')).toEqual([{ provider: 'cloudally', path: '/v1/partners', kind: 'latency', ms: 250, probability: 0.5 }])
    expect(parseFaultSpec('cloudback:*:/ops/*=hang')).toEqual([{ provider: 'cloudback', path: '/ops/*', kind: 'hang' }])
    expect(parseFaultSpec(' ')).toEqual([])
  })
  it('rejects malformed specs', () => {
    for (const bad of ['cloutility', 'nowhere=500', 'cloutility=418', 'cloutility=429:retryAfter', 'cloutility=429:foo=1', 'cloutility=500:probability=2', 'cloutility=500:times=0']) {
      expect(() => parseFaultSpec(bad), bad).toThrow()
    }
  })
})

describe('fault injection over real HTTP', () => {
  let sim: Simulator
  let s: CloutilitySession
  beforeAll(async () => {
    sim = await withSim({ faults: 'cloudback:POST:/ops/definition/get=503:times=1' })
    s = await cloutilityLogin(sim)
  })
  afterAll(() => sim.stop())

  const cbGet = () =>
    call(`${sim.cloudback.url}/ops/definition/get`, { method: 'POST', headers: { 'x-api-key': sim.cloudback.credentials.apiKey }, json: { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository' } })

  it('applies initial faults from the options string, then the rule is used up', async () => {
    const first = await cbGet()
    expect(first.status).toBe(503)
    expect(first.json).toEqual({ message: expect.any(String) })
    expect((await cbGet()).status).toBe(200)
    expect(sim.faults.list()).toEqual([])
  })

  it('429 with Retry-After for the next N matching requests only (glob path, method)', async () => {
    const home = sim.cloutility.credentials.homeBusinessUnitId
    const unit = (await s.api(`/v1/bunits/${home}`)).json
    const id = sim.faults.add({ provider: 'cloutility', method: 'GET', path: '/v1/bunits/*', kind: '429', retryAfter: 3, times: 2 })
    expect(sim.faults.list()).toEqual([expect.objectContaining({ id, kind: '429' })])
    expect((await s.api('/v1/fullVersion')).status).toBe(200) // path does not match
    expect((await s.api(`/v1/bunits/${home}`, { method: 'PUT', json: unit })).status).toBe(200) // method does not match
    const a = await s.api(`/v1/bunits/${home}/consumers`)
    expect(a.status).toBe(429)
    expect(a.headers.get('retry-after')).toBe('3')
    expect(a.json).toMatchObject({ status: 429, code: 'TooManyRequests' })
    expect((await s.api(`/v1/bunits/${home}`)).status).toBe(429)
    expect((await s.api(`/v1/bunits/${home}`)).status).toBe(200)
    expect(sim.faults.list()).toEqual([])
  })

  it('500/502/503 use each provider error format; html is a 502 text/html page', async () => {
    sim.faults.add({ provider: 'cloutility', path: '/v1/me', kind: '500', times: 1 })
    const e500 = await s.api('/v1/me')
    expect(e500.status).toBe(500)
    expect(e500.json).toMatchObject({ status: 500, code: 'InternalServerError', developerMessage: expect.any(String) })
    sim.faults.add({ provider: 'cloudally', kind: '502', times: 1 })
    const e502 = await call(`${sim.cloudally.url}/v1/partners`)
    expect(e502.status).toBe(502)
    expect(e502.json).toMatchObject({ status: 502, error: 'Bad Gateway', path: '/v1/partners' })
    sim.faults.add({ provider: 'cloudback', kind: '503', times: 1 })
    expect((await cbGet()).status).toBe(503)
    sim.faults.add({ provider: 'cloutility', kind: 'html', times: 1 })
    const html = await s.api('/v1/me')
    expect(html.status).toBe(502)
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html.text).toMatch(/<html>/i)
  })

  it('malformed returns 200 with broken JSON; truncated sends fewer bytes than content-length', async () => {
    sim.faults.add({ provider: 'cloutility', path: '/v1/me', kind: 'malformed', times: 1 })
    const bad = await s.api('/v1/me')
    expect(bad.status).toBe(200)
    expect(bad.headers.get('content-type')).toMatch(/json/)
    expect(() => JSON.parse(bad.text)).toThrow()
    sim.faults.add({ provider: 'cloutility', path: '/v1/me', kind: 'truncated', times: 1 })
    const cut = await rawGet(`${sim.cloutility.url}/v1/me`, s.headers)
    expect(cut.status).toBe(200)
    expect(cut.error).toBeDefined()
    expect(cut.received).toBeLessThan(cut.declared ?? 0)
    sim.faults.add({ provider: 'cloutility', path: '/v1/me', kind: 'truncated', times: 1 })
    await expect(fetch(`${sim.cloutility.url}/v1/me`, { headers: s.headers }).then((r) => r.text())).rejects.toThrow()
  })

  it('reset destroys the connection before any response', async () => {
    sim.faults.add({ provider: 'cloudally', path: '/v1/partners', kind: 'reset', times: 1 })
    const r = await rawGet(`${sim.cloudally.url}/v1/partners`)
    expect(r.status).toBeUndefined()
    expect(r.error).toMatch(/ECONNRESET|socket hang up/)
    expect(sim.stats.count({ provider: 'cloudally', path: '/v1/partners' })).toBeGreaterThanOrEqual(1)
  })

  it('latency faults and setLatency delay responses', async () => {
    // Lower bounds only: a loaded machine can make a response later, never earlier.
    sim.faults.add({ provider: 'cloutility', path: '/v1/fullVersion', kind: 'latency', ms: 150, times: 1 })
    let t0 = performance.now()
    expect((await s.api('/v1/fullVersion')).status).toBe(200)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140)
    sim.setLatency('cloudback', { ms: 100, jitterMs: 50 })
    t0 = performance.now()
    await cbGet()
    expect(performance.now() - t0).toBeGreaterThanOrEqual(95)
    // Cleared, an hour of latency is gone: the request answers (it would outlast the test otherwise).
    sim.setLatency('cloudback', { ms: 3_600_000 })
    sim.setLatency('all', null)
    expect((await cbGet()).status).toBe(200)
  })

  it('jitter stays within its bounds and varies (seeded)', () => {
    const latency = new LatencyControl(7)
    latency.set('cloudback', { ms: 100, jitterMs: 50 })
    const delays = Array.from({ length: 500 }, () => latency.delayFor('cloudback'))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100)
    expect(Math.max(...delays)).toBeLessThanOrEqual(150)
    expect(new Set(delays).size).toBeGreaterThan(10)
    expect(latency.delayFor('cloutility')).toBe(0)
    latency.set('all', null)
    expect(latency.delayFor('cloudback')).toBe(0)
  })

  it('expire-token expires the presented token (and applies to token endpoints too)', async () => {
    const s2 = await cloutilityLogin(sim)
    sim.faults.add({ provider: 'cloutility', path: '/v1/me', kind: 'expire-token', times: 1 })
    expect((await s2.api('/v1/me')).status).toBe(401)
    expect((await s2.api('/v1/fullVersion')).status).toBe(401)
    expect((await s.api('/v1/fullVersion')).status).toBe(200) // other sessions unaffected
    sim.faults.add({ provider: 'cloudback', kind: 'expire-token', times: 1 })
    expect((await cbGet()).status).toBe(401)
    expect((await cbGet()).status).toBe(200)
    sim.faults.add({ provider: 'cloutility', method: 'POST', path: '/v1/oauth', kind: '503', times: 1 })
    await expect(cloutilityLogin(sim)).rejects.toThrow(/503/)
    await expect(cloutilityLogin(sim)).resolves.toBeDefined()
  })

  it('remove and clear work; stats count by provider, method and path', async () => {
    const id = sim.faults.add({ provider: 'cloudback', kind: '500' })
    sim.faults.add({ provider: 'cloudally', kind: '500' })
    sim.faults.remove(id)
    expect(sim.faults.list().map((f) => f.provider)).toEqual(['cloudally'])
    expect((await cbGet()).status).toBe(200)
    sim.faults.clear()
    expect(sim.faults.list()).toEqual([])
    sim.stats.reset()
    await s.api('/v1/fullVersion')
    await s.api('/v1/me')
    await cbGet()
    expect(sim.stats.count()).toBe(3)
    expect(sim.stats.count({ provider: 'cloutility' })).toBe(2)
    expect(sim.stats.count({ method: 'post' })).toBe(1)
    expect(sim.stats.count({ path: /^\/v1\// })).toBe(2)
    expect(sim.stats.requests[0]).toMatchObject({ provider: 'cloutility', method: 'GET', path: '/v1/fullVersion', status: 200, at: expect.any(Number) })
  })

  it('probability draws from a PRNG seeded by the simulator seed (same seed, same pattern)', async () => {
    const pattern = async () => {
      const sim2 = await withSim({ seed: 42 })
      try {
        sim2.faults.add({ provider: 'cloudback', kind: '500', probability: 0.5 })
        const out: number[] = []
        for (let i = 0; i < 16; i++) {
          const r = await call(`${sim2.cloudback.url}/ops/definition/get`, { method: 'POST', headers: { 'x-api-key': sim2.cloudback.credentials.apiKey }, json: { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository' } })
          out.push(r.status)
        }
        return out
      } finally {
        await sim2.stop()
      }
    }
    const a = await pattern()
    expect(await pattern()).toEqual(a)
    expect(a).toContain(500)
    expect(a).toContain(200)
  })
})

describe('hang', () => {
  it('never sends headers, and stop() still completes with the sockets open', async () => {
    const sim = await withSim({ faults: [{ provider: 'cloutility', kind: 'hang' }] })
    const pending = rawGet(`${sim.cloutility.url}/v1/fullVersion`)
    const fetched = fetch(`${sim.cloutility.url}/v1/fullVersion`).then(
      () => 'answered',
      (e: Error) => e.name
    )
    // Both requests are at the server (a hang is logged, with status 0, as it begins).
    await until(() => sim.stats.count({ provider: 'cloutility', path: '/v1/fullVersion' }) === 2)
    expect(sim.stats.requests.map((r) => r.status)).toEqual([0, 0])
    // stop() ends the hung connections: were it to wait for them, it would wait until the test's
    // timeout (neither client ever gives up).
    await sim.stop()
    const r = await pending
    expect(r.status).toBeUndefined()
    expect(r.error).toBeDefined()
    expect(await fetched).not.toBe('answered')
  })
})
