import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCloudAllyConnection } from '../../../../src/main/core/providers/cloudally/probe'
import type { CloudAllyConfig } from '../../../../src/main/core/providers/cloudally/client'
import { startSimulator, type Simulator } from '../../../../src/simulator'

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

  it('succeeds for a partner and for a portal user, naming the account', async () => {
    const ok = await testCloudAllyConnection(partner(), { http: FAST })
    expect(ok).toMatchObject({ ok: true, account: sim.cloudally.data.partner.contactName })
    expect(ok.steps?.map((s) => s.name)).toEqual(['Login (POST /auth/partner)', 'GET /v1/partners'])
    const c = sim.cloudally.credentials
    const user = await testCloudAllyConnection({ baseUrl: sim.cloudally.url, mode: 'user', email: c.portalEmail, password: c.portalPassword }, { http: FAST })
    expect(user).toMatchObject({ ok: true, account: c.portalEmail })
  })

  it('says which part failed: client id/secret, credentials, connection, DNS, URL', async () => {
    expect(await testCloudAllyConnection(partner({ clientSecret: 'nope' }), { http: FAST })).toMatchObject({ ok: false, stage: 'client' })
    expect(await testCloudAllyConnection(partner({ password: 'nope' }), { http: FAST })).toMatchObject({ ok: false, stage: 'credentials' })
    expect(await testCloudAllyConnection(partner({ baseUrl: 'http://127.0.0.1:9' }), { http: FAST })).toMatchObject({ ok: false, stage: 'connect' })
    expect(await testCloudAllyConnection(partner({ baseUrl: 'https://backdesk-probe.invalid' }), { http: FAST })).toMatchObject({ ok: false, stage: 'dns' })
    expect(await testCloudAllyConnection(partner({ baseUrl: 'not a url' }), { http: FAST })).toMatchObject({ ok: false, stage: 'url' })
  })
})
