// Cloutility login rules over real HTTP: single-flight token requests, refresh before expiry,
// 401 handling, refresh not allowed, and messages that name the cause.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../../../src/simulator'
import { createCloutilityClient } from '../../../../src/main/core/providers/cloutility/client'
import { explainOAuthError } from '../../../../src/main/core/providers/cloutility/errors'
import { silentLogger } from '../../../../src/main/core/log/logger'
import { SecretRegistry } from '../../../../src/main/core/log/redact'
import { until } from '../../../support/until'
import { sendJson, startTestServer, type TestServer } from '../../http/test-server'
import { OAUTH, failure, makeClient, startSim } from './helpers'

let sim: Simulator
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  sim = await startSim(23)
})
afterEach(async () => {
  sim.faults.clear()
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)()
})
afterAll(async () => {
  await sim?.stop()
})

function tracked(...args: Parameters<typeof makeClient>) {
  const t = makeClient(...args)
  cleanups.push(() => t.client.destroy())
  return t
}

describe('token requests are single-flight', () => {
  it('100 concurrent calls on a fresh connection log in exactly once', async () => {
    const { client } = tracked(sim, { concurrency: 8 })
    sim.stats.reset()
    const results = await Promise.all(Array.from({ length: 100 }, () => client.fullVersion()))
    expect(new Set(results).size).toBe(1)
    expect(sim.stats.count(OAUTH)).toBe(1)
    expect(sim.stats.count({ provider: 'cloutility', path: '/v1/fullVersion' })).toBe(100)
  })

  it('100 concurrent calls while the token expires on the server cause exactly one token request', async () => {
    const { client } = tracked(sim, { concurrency: 10 })
    await client.me()
    sim.expireTokens('cloutility')
    sim.stats.reset()
    const results = await Promise.all(Array.from({ length: 100 }, () => client.me()))
    expect(results.every((m) => m.username === sim.cloutility.credentials.username)).toBe(true)
    expect(sim.stats.count(OAUTH)).toBe(1)
    // the renewal was a refresh, not a new password login
    expect(client.tokenStats).toMatchObject({ passwordGrants: 1, refreshGrants: 1 })
  })

  it('refreshes ahead of expiry (under 30 s left): one refresh for 100 concurrent calls, no 401 seen', async () => {
    let clock = Date.now()
    const { client } = tracked(sim, { concurrency: 10, now: () => clock })
    await client.me()
    clock += 280_000 // 19 s left of 299
    sim.stats.reset()
    await Promise.all(Array.from({ length: 100 }, () => client.me()))
    expect(sim.stats.count(OAUTH)).toBe(1)
    expect(sim.stats.requests.filter((r) => r.status === 401)).toHaveLength(0)
    expect(client.tokenStats.refreshGrants).toBe(1)
  })

  it('an API app without refresh logs in again with the password (one token request for 50 calls)', async () => {
    const c = sim.cloutility.credentials
    const { client } = tracked(sim, { clientId: c.clientIdNoRefresh, origin: c.originNoRefresh })
    await client.me()
    sim.expireTokens('cloutility')
    sim.stats.reset()
    await Promise.all(Array.from({ length: 50 }, () => client.me()))
    expect(sim.stats.count(OAUTH)).toBe(1)
    expect(client.tokenStats).toMatchObject({ passwordGrants: 2, refreshGrants: 0, refreshAllowed: false })
  })

  it('a token expired by the server mid-call (expire-token fault) is renewed and the call repeated once', async () => {
    const { client } = tracked(sim)
    await client.me()
    sim.stats.reset()
    sim.faults.add({ provider: 'cloutility', path: '/v1/me', kind: 'expire-token', times: 1 })
    const me = await client.me()
    expect(me.businessUnit.id).toBe(sim.cloutility.credentials.homeBusinessUnitId)
    expect(sim.stats.count({ provider: 'cloutility', path: '/v1/me' })).toBe(2)
    expect(sim.stats.count(OAUTH)).toBe(1)
  })
})

describe('shared login and caller aborts', () => {
  it('one caller giving up does not fail the shared login for the others', async () => {
    const { client } = tracked(sim)
    sim.stats.reset()
    sim.faults.add({ provider: 'cloutility', path: '/v1/oauth', kind: 'latency', ms: 300, times: 1 })
    const quitter = new AbortController()
    const first = client.me({ signal: quitter.signal })
    const others = Array.from({ length: 9 }, () => client.me())
    // The first caller gives up while the shared login is at the server. The check below runs
    // before the 300 ms delay there ends (timers fire in the order they fall due), on any machine.
    await until(() => sim.faults.list().length === 0)
    quitter.abort()
    expect((await failure(first)).code).toBe('CANCELLED')
    const rest = await Promise.all(others)
    expect(rest.every((m) => m.username === sim.cloutility.credentials.username)).toBe(true)
    expect(sim.stats.count(OAUTH)).toBe(1)
  })
})

describe('login failures name the cause', () => {
  it('wrong Origin', async () => {
    const { client } = tracked(sim, { origin: 'https://not-registered.example' })
    const err = await failure(client.me())
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.details?.reason).toBe('origin')
    expect(err.message).toContain('https://not-registered.example')
    expect(err.message).toMatch(/Origin/)
  })

  it('unknown client id', async () => {
    const { client } = tracked(sim, { clientId: '00000000-0000-0000-0000-000000000000' })
    const err = await failure(client.me())
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.details?.reason).toBe('client_id')
    expect(err.message).toMatch(/client id/)
  })

  it('wrong password, with the password nowhere in the error or the log', async () => {
    const password = 'Wrong-Password-123'
    const { client, logs } = tracked(sim, { password })
    sim.stats.reset()
    const err = await failure(client.me())
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.details?.reason).toBe('credentials')
    expect(err.message).toContain(sim.cloutility.credentials.username)
    // a rejected login is not retried
    expect(sim.stats.count(OAUTH)).toBe(1)
    expect(JSON.stringify(err.toInfo())).not.toContain(password)
    expect(JSON.stringify(logs.records)).not.toContain(password)
    expect(logs.records.length).toBeGreaterThan(0)
  })

  it('a user outside the API app\'s home business unit (the answer the simulator gives for it)', () => {
    const err = explainOAuthError(
      400,
      { error: 'invalid_grant', error_description: 'The user has no access to the business unit of this client.' },
      'password',
      { origin: 'https://o.example', username: 'someone@example.com' },
      'bd-1'
    )
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.details?.reason).toBe('home_business_unit')
    expect(err.message).toMatch(/outside the home business unit/)
    expect(err.message).toContain('someone@example.com')
  })

  it('an API app registered lower down cannot reach above its home business unit', async () => {
    const sub = sim.cloutility.credentials.subUnit
    const { client } = tracked(sim, { clientId: sub.clientId, origin: sub.origin })
    const me = await client.me()
    expect(me.username).toBe(sim.cloutility.credentials.username)
    const err = await failure(client.businessUnit(sim.cloutility.credentials.homeBusinessUnitId))
    expect(err.code).toBe('FORBIDDEN')
    expect(err.message).toMatch(/outside the home business unit/)
  })

  it('a business unit outside the subtree is FORBIDDEN with a message that says so', async () => {
    const { client } = tracked(sim)
    const outside = sim.cloutility.credentials.outsideBusinessUnitId
    for (const call of [client.businessUnit(outside), client.consumers(outside), client.businessUnitStatusReport(outside)]) {
      const err = await failure(call)
      expect(err.code).toBe('FORBIDDEN')
      expect(err.message).toContain(`business unit ${outside}`)
      expect(err.message).toMatch(/outside the home business unit/)
      expect(err.details?.status).toBe(403)
    }
  })

  it('no token or password appears in any log line', async () => {
    const { client, logs, secrets } = tracked(sim)
    await client.me()
    sim.expireTokens('cloutility')
    await client.me()
    expect(secrets.size).toBeGreaterThanOrEqual(3) // password, access token(s), refresh token
    const text = JSON.stringify(logs.records)
    expect(text).not.toContain(sim.cloutility.credentials.password)
    expect(text).not.toMatch(/Bearer [A-Za-z0-9_-]{10,}/)
    expect(logs.records.some((r) => (r.data as { path?: string } | undefined)?.path === '/v1/oauth')).toBe(true)
  })
})

/**
 * A tiny OAuth server with a refresh token the API app may not use (unauthorized_client), for the
 * case the simulator cannot produce (it never hands such an app a refresh token).
 */
describe('refresh refused by the server', () => {
  let server: TestServer
  let tokens = 0
  let valid = new Set<string>()

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/v1/oauth') {
        const form = new URLSearchParams(req.body.toString('utf8'))
        if (req.headers.origin !== 'https://app.example') return sendJson(res, 400, { error: 'invalid_client', error_description: 'Origin mismatch' })
        if (form.get('grant_type') === 'refresh_token') return sendJson(res, 400, { error: 'unauthorized_client', error_description: 'Refresh not allowed' })
        const t = `tok-${++tokens}-abcdefgh`
        valid.add(t)
        return sendJson(res, 200, { access_token: t, token_type: 'bearer', expires_in: 299, refresh_token: 'refresh-constant-xyz' })
      }
      const token = /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1] ?? ''
      if (!valid.has(token)) return sendJson(res, 401, { message: 'Authorization has been denied for this request.' })
      return sendJson(res, 200, '1.0.0.1')
    })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('falls back to a password grant and stops trying to refresh', async () => {
    const client = createCloutilityClient({
      baseUrl: server.url,
      clientId: 'app',
      origin: 'https://app.example',
      username: 'u',
      password: 'p4ssword',
      logger: silentLogger,
      secrets: new SecretRegistry()
    })
    cleanups.push(() => client.destroy())
    expect(await client.fullVersion()).toBe('1.0.0.1')
    valid = new Set() // the server forgets every token
    server.seen.length = 0
    expect(await client.fullVersion()).toBe('1.0.0.1')
    const grants = server.seen.filter((r) => r.url === '/v1/oauth').map((r) => new URLSearchParams(r.body.toString()).get('grant_type'))
    expect(grants).toEqual(['refresh_token', 'password'])
    expect(client.tokenStats.refreshAllowed).toBe(false)

    valid = new Set()
    server.seen.length = 0
    await client.fullVersion()
    const again = server.seen.filter((r) => r.url === '/v1/oauth').map((r) => new URLSearchParams(r.body.toString()).get('grant_type'))
    expect(again).toEqual(['password'])
  })

  it('does not log in again on every call when tokens are short-lived', async () => {
    const shortLived = await startTestServer((req, res) => {
      if (req.url === '/v1/oauth') return sendJson(res, 200, { access_token: `short-${Math.random()}`, expires_in: 20 })
      return sendJson(res, 200, '1.0.0.2')
    })
    cleanups.push(() => shortLived.stop())
    const client = createCloutilityClient({
      baseUrl: shortLived.url,
      clientId: 'app',
      origin: 'https://app.example',
      username: 'u',
      password: 'p4ssword',
      logger: silentLogger,
      secrets: new SecretRegistry()
    })
    cleanups.push(() => client.destroy())
    for (let i = 0; i < 5; i++) await client.fullVersion()
    expect(shortLived.seen.filter((r) => r.url === '/v1/oauth')).toHaveLength(1)
  })

  it('after a refresh and a fresh login are both rejected, fails AUTH_FAILED (3 tries, no more)', async () => {
    const client = createCloutilityClient({
      baseUrl: server.url,
      clientId: 'app',
      origin: 'https://app.example',
      username: 'u',
      password: 'p4ssword',
      logger: silentLogger,
      secrets: new SecretRegistry()
    })
    cleanups.push(() => client.destroy())
    const original = server.handler
    server.handler = (req, res, raw) => (req.url === '/v1/oauth' ? original(req, res, raw) : sendJson(res, 401, { message: 'denied' }))
    try {
      server.seen.length = 0
      const err = await failure(client.fullVersion())
      expect(err.code).toBe('AUTH_FAILED')
      expect(err.message).toMatch(/even after logging in again/)
      expect(server.seen.filter((r) => r.url === '/v1/fullVersion')).toHaveLength(3)
    } finally {
      server.handler = original
    }
  })
})
