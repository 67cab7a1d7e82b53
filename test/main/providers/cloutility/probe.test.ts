import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Simulator } from '../../../../src/simulator'
import { testCloutilityConnection } from '../../../../src/main/core/providers/cloutility/probe'
import type { CloutilityConfig } from '../../../../src/main/core/providers/cloutility/client'
import { silentLogger } from '../../../../src/main/core/log/logger'
import { SecretRegistry } from '../../../../src/main/core/log/redact'
import { freePort, sendJson, startTestServer } from '../../http/test-server'
import { startSim } from './helpers'

let sim: Simulator

beforeAll(async () => {
  sim = await startSim(41)
})
afterAll(async () => {
  await sim?.stop()
})

function config(overrides: Partial<CloutilityConfig> = {}): CloutilityConfig {
  const c = sim.cloutility.credentials
  return {
    baseUrl: sim.cloutility.url,
    clientId: c.clientId,
    origin: c.origin,
    username: c.username,
    password: c.password,
    logger: silentLogger,
    secrets: new SecretRegistry(),
    retry: { retries: 0 },
    ...overrides
  }
}

describe('testCloutilityConnection', () => {
  it('logs in and reports the user, home business unit, version and refresh support', async () => {
    sim.stats.reset()
    const r = await testCloutilityConnection(config())
    if (!r.ok) throw new Error(`probe failed: ${r.message}`)
    expect(r.details.user).toBe(sim.cloutility.credentials.username)
    expect(r.details.businessUnit.id).toBe(sim.cloutility.credentials.homeBusinessUnitId)
    expect(r.details.version).toMatch(/^\d+(\.\d+)+$/)
    expect(r.details.refresh).toBe('ok')
    // password grant, /v1/me, /v1/fullVersion, one refresh grant
    expect(sim.stats.count({ provider: 'cloutility' })).toBe(4)
    expect(r.details.requestCount).toBe(4)
  })

  it('says when the API app gives no refresh token', async () => {
    const c = sim.cloutility.credentials
    const r = await testCloutilityConnection(config({ clientId: c.clientIdNoRefresh, origin: c.originNoRefresh }))
    expect(r.ok && r.details.refresh).toBe('not-offered')
  })

  it.each([
    ['origin', { origin: 'https://wrong.example' }, /Origin/],
    ['client_id', { clientId: 'nope' }, /client id/],
    ['credentials', { password: 'not-the-password' }, /user name or password/]
  ] as const)('names a %s problem at the login step', async (reason, overrides, message) => {
    const r = await testCloutilityConnection(config(overrides))
    if (r.ok) throw new Error('expected failure')
    expect(r.step).toBe('login')
    expect(r.code).toBe('AUTH_FAILED')
    expect(r.reason).toBe(reason)
    expect(r.message).toMatch(message)
    expect(r.message).not.toContain('not-the-password')
  })

  it('refuses settings that cannot work before sending anything', async () => {
    for (const [overrides, message] of [
      [{ baseUrl: 'not a url' }, /not a valid URL/],
      [{ baseUrl: 'mailto:ops@example.com' }, /https:\/\//],
      [{ origin: '' }, /Origin/],
      [{ origin: 'https://a.example\r\nX: y' }, /Origin/],
      [{ clientId: ' ' }, /client id/],
      [{ password: '' }, /password/]
    ] as const) {
      const r = await testCloutilityConnection(config(overrides))
      if (r.ok) throw new Error('expected failure')
      expect(r.code).toBe('VALIDATION')
      expect(r.message).toMatch(message)
    }
  })

  it('names a DNS failure at the connect step', async () => {
    const r = await testCloutilityConnection(config({ baseUrl: 'https://portal-api.backdesk.invalid', proxy: 'none' }))
    if (r.ok) throw new Error('expected failure')
    expect(r).toMatchObject({ step: 'connect', code: 'OFFLINE' })
    expect(r.message).toMatch(/DNS/)
  })

  it('names a refused connection at the connect step', async () => {
    const r = await testCloutilityConnection(config({ baseUrl: `http://127.0.0.1:${await freePort()}` }))
    if (r.ok) throw new Error('expected failure')
    expect(r).toMatchObject({ step: 'connect', code: 'OFFLINE' })
    expect(r.message).toMatch(/refused/)
  })

  it('names an untrusted certificate at the connect step, and passes with the CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backdesk-probe-'))
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
      const tls = { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') }
      // A TLS front that answers like Cloutility for the three calls the probe makes.
      const server = await startTestServer((req, res) => {
        if (req.url === '/v1/oauth') return sendJson(res, 200, { access_token: 'tls-token-123456', token_type: 'bearer', expires_in: 299 })
        if (req.url === '/v1/me') return sendJson(res, 200, { id: 1, name: 'tls-user', businessUnit: { id: 9, name: 'TLS BU' } })
        return sendJson(res, 200, '1.0.1.0')
      }, tls)
      try {
        const bad = await testCloutilityConnection(config({ baseUrl: server.url }))
        if (bad.ok) throw new Error('expected failure')
        expect(bad).toMatchObject({ step: 'connect', code: 'TLS' })
        const good = await testCloutilityConnection(config({ baseUrl: server.url, ca: tls.cert }))
        expect(good).toMatchObject({ ok: true, details: { user: 'tls-user', businessUnit: { id: 9, name: 'TLS BU' }, version: '1.0.1.0', refresh: 'not-offered' } })
      } finally {
        await server.stop()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says when the API app offers a refresh token but refuses to refresh', async () => {
    const server = await startTestServer((req, res) => {
      if (req.url === '/v1/oauth') {
        const grant = new URLSearchParams(req.body.toString()).get('grant_type')
        if (grant === 'refresh_token') return sendJson(res, 400, { error: 'unauthorized_client', error_description: 'Refresh not allowed for this client.' })
        return sendJson(res, 200, { access_token: `t-${Math.random()}`, expires_in: 299, refresh_token: 'rrrrrrrr' })
      }
      if (req.url === '/v1/me') return sendJson(res, 200, { id: 2, name: 'x', businessUnit: { id: 3, name: 'B' } })
      return sendJson(res, 200, '1.0.0.0')
    })
    try {
      const r = await testCloutilityConnection(config({ baseUrl: server.url }))
      expect(r.ok && r.details.refresh).toBe('not-allowed')
    } finally {
      await server.stop()
    }
  })
})
