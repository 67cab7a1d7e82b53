import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCloudAllyConnection } from '../../../../src/main/core/providers/cloudally/probe'
import type { CloudAllyConfig } from '../../../../src/main/core/providers/cloudally/client'
import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'
import { startProxy } from './proxy'

const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 20, retries: 1 } }

describe('CloudAlly "Test connection"', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', seed: 3 })
  })
  afterAll(() => sim.stop())
  const partner = (over: Partial<CloudAllyConfig> = {}): CloudAllyConfig => {
    const c = sim.cloudally.credentials
    return { baseUrl: sim.cloudally.url, mode: 'partner', clientId: c.clientId, clientSecret: c.clientSecret, email: c.partnerEmail, password: c.partnerPassword, ...over }
  }
  const portal = (over: Partial<CloudAllyConfig> = {}): CloudAllyConfig => {
    const c = sim.cloudally.credentials
    return { baseUrl: sim.cloudally.url, mode: 'user', clientId: c.clientId, clientSecret: c.clientSecret, email: c.portalEmail, password: c.portalPassword, ...over }
  }

  it('succeeds for a partner and for a portal user, naming the account', async () => {
    const ok = await testCloudAllyConnection(partner(), { http: FAST })
    expect(ok).toMatchObject({ ok: true, account: sim.cloudally.data.partner.contactName })
    expect(ok.steps?.map((s) => s.name)).toEqual(['Login (POST /auth/partner)', 'GET /v1/partners'])
    const user = await testCloudAllyConnection(portal(), { http: FAST })
    expect(user).toMatchObject({ ok: true, account: sim.cloudally.credentials.portalEmail })
  })

  it('tests a portal user with calls a portal user can make: the login and a token refresh, never the partner API', async () => {
    sim.stats.reset()
    const user = await testCloudAllyConnection(portal(), { http: FAST })
    expect(user.ok).toBe(true)
    expect(user.steps?.map((s) => [s.name, s.ok])).toEqual([
      ['Login (POST /auth)', true],
      ['Token refresh (POST /auth/refresh)', true],
      ['GET /v1/backup-tasks', true]
    ])
    expect(sim.stats.count({ provider: 'cloudally', path: /^\/v1\/partners/ })).toBe(0)
  })

  it('does not fail a valid portal login because the seed-only backup-task list is missing at this server', async () => {
    const proxy = await startProxy(sim.cloudally.url, (req) => (req.path === '/v1/backup-tasks' ? { status: 404, body: { message: 'No handler found' } } : undefined))
    try {
      const user = await testCloudAllyConnection(portal({ baseUrl: proxy.url }), { http: FAST })
      expect(user).toMatchObject({ ok: true, account: sim.cloudally.credentials.portalEmail, message: expect.stringMatching(/does not offer the backup-task list.*404/) })
      expect(user.steps?.at(-1)).toMatchObject({ name: 'GET /v1/backup-tasks', ok: false })
    } finally {
      await proxy.stop()
    }
    // A refused login still fails, at its own step.
    expect(await testCloudAllyConnection(portal({ password: 'nope' }), { http: FAST })).toMatchObject({ ok: false, stage: 'credentials' })
    expect(await testCloudAllyConnection(portal({ clientSecret: 'nope' }), { http: FAST })).toMatchObject({ ok: false, stage: 'client' })
  })

  it('reports an HTML 403 from a proxy or firewall as blocked before reaching CloudAlly, not as a refusal by CloudAlly', async () => {
    const page = '<!DOCTYPE html><html><body><h1>403 Forbidden</h1><p>Request blocked by policy.</p></body></html>'
    const proxy = await startProxy(sim.cloudally.url, () => ({ status: 403, text: page, contentType: 'text/html' }))
    try {
      const result = await testCloudAllyConnection(partner({ baseUrl: proxy.url }), { http: FAST })
      expect(result).toMatchObject({ ok: false, stage: 'connect' })
      expect(result.message).toContain('blocked before reaching CloudAlly (HTML answer, status 403)')
      expect(result.message).not.toMatch(/client id|password|partner API/i)
    } finally {
      await proxy.stop()
    }
  })

  it('says which part failed: client id/secret, credentials, connection, DNS, URL', async () => {
    expect(await testCloudAllyConnection(partner({ clientSecret: 'nope' }), { http: FAST })).toMatchObject({ ok: false, stage: 'client' })
    expect(await testCloudAllyConnection(partner({ password: 'nope' }), { http: FAST })).toMatchObject({ ok: false, stage: 'credentials' })
    expect(await testCloudAllyConnection(partner({ baseUrl: 'http://127.0.0.1:9' }), { http: FAST })).toMatchObject({ ok: false, stage: 'connect' })
    expect(await testCloudAllyConnection(partner({ baseUrl: 'https://backdesk-probe.invalid' }), { http: FAST })).toMatchObject({ ok: false, stage: 'dns' })
    expect(await testCloudAllyConnection(partner({ baseUrl: 'not a url' }), { http: FAST })).toMatchObject({ ok: false, stage: 'url' })
  })
})
