import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { call, cloutilityLogin, fakeClock, withSim } from './helpers'

const form = (o: Record<string, string>) => new URLSearchParams(o).toString()

describe('Cloutility OAuth, Origin and subtree rules', () => {
  const clock = fakeClock()
  let sim: Simulator
  let oauth: string
  beforeAll(async () => {
    sim = await withSim({ now: clock.now })
    oauth = `${sim.cloutility.url}/v1/oauth`
  })
  afterAll(() => sim.stop())

  const passwordGrant = (over: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    const c = sim.cloutility.credentials
    return call(oauth, {
      method: 'POST',
      headers: { origin: c.origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: form({ client_id: c.clientId, grant_type: 'password', username: c.username, password: c.password, ...over })
    })
  }

  it('issues a 299-second bearer token with a refresh token for the password grant', async () => {
    const res = await passwordGrant()
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ token_type: 'bearer', expires_in: 299 })
    expect(typeof res.json.access_token).toBe('string')
    expect(typeof res.json.refresh_token).toBe('string')
  })

  it('reads a form body whatever its Content-Type; a JSON body only in lax mode (strict: form only)', async () => {
    expect((await passwordGrant({}, { 'content-type': 'application/json' })).status).toBe(200)
    const c = sim.cloutility.credentials
    const jsonGrant = (target: Simulator) =>
      call(`${target.cloutility.url}/v1/oauth`, { method: 'POST', headers: { origin: c.origin }, json: { client_id: c.clientId, grant_type: 'password', username: c.username, password: c.password } })
    const refused = await jsonGrant(sim)
    expect(refused.status).toBe(400)
    expect(refused.json).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/form-encoded/) })
    const lax = await withSim({ now: clock.now, strict: false })
    try {
      expect((await jsonGrant(lax)).status).toBe(200)
    } finally {
      await lax.stop()
    }
  })

  it('refuses oauth without Origin, with a wrong Origin, unknown client, bad password, unknown grant', async () => {
    const c = sim.cloutility.credentials
    const noOrigin = await call(oauth, { method: 'POST', body: form({ client_id: c.clientId, grant_type: 'password', username: c.username, password: c.password }), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(noOrigin.status).toBe(400)
    expect(noOrigin.json.error).toBe('invalid_client')
    const wrongOrigin = await passwordGrant({}, { origin: 'https://evil.example' })
    expect(wrongOrigin.status).toBe(400)
    expect(wrongOrigin.json).toMatchObject({ error: 'invalid_client' })
    expect(typeof wrongOrigin.json.error_description).toBe('string')
    expect((await passwordGrant({ client_id: '00000000-0000-0000-0000-000000000000' })).json.error).toBe('invalid_client')
    const badPw = await passwordGrant({ password: 'nope' })
    expect(badPw.status).toBe(400)
    expect(badPw.json.error).toBe('invalid_grant')
    expect((await passwordGrant({ grant_type: 'client_credentials' })).json.error).toBe('unsupported_grant_type')
  })

  it('refreshes with or without an Authorization header and keeps the same refresh token', async () => {
    const s = await cloutilityLogin(sim)
    const c = sim.cloutility.credentials
    const body = form({ client_id: c.clientId, grant_type: 'refresh_token', refresh_token: s.refreshToken ?? '' })
    const withAuth = await call(oauth, { method: 'POST', headers: { origin: c.origin, authorization: `Bearer ${s.token}`, 'content-type': 'application/x-www-form-urlencoded' }, body })
    expect(withAuth.status).toBe(200)
    expect(withAuth.json.refresh_token).toBe(s.refreshToken)
    expect(withAuth.json.expires_in).toBe(299)
    expect(withAuth.json.access_token).not.toBe(s.token)
    const withoutAuth = await call(oauth, { method: 'POST', headers: { origin: c.origin, 'content-type': 'application/x-www-form-urlencoded' }, body })
    expect(withoutAuth.status).toBe(200)
    expect(withoutAuth.json.refresh_token).toBe(s.refreshToken)
    const bogus = await call(oauth, { method: 'POST', headers: { origin: c.origin }, body: form({ client_id: c.clientId, grant_type: 'refresh_token', refresh_token: 'bogus' }) })
    expect(bogus.status).toBe(400)
    expect(bogus.json.error).toBe('invalid_grant')
  })

  it('an app registered without refresh gets no refresh token and refresh is refused', async () => {
    const c = sim.cloutility.credentials
    const login = await passwordGrant({ client_id: c.clientIdNoRefresh })
    expect(login.status).toBe(200)
    expect(login.json.refresh_token).toBeUndefined()
    const main = await cloutilityLogin(sim)
    const refresh = await call(oauth, { method: 'POST', headers: { origin: c.origin }, body: form({ client_id: c.clientIdNoRefresh, grant_type: 'refresh_token', refresh_token: main.refreshToken ?? '' }) })
    expect(refresh.status).toBe(400)
    expect(refresh.json.error).toBe('unauthorized_client')
  })

  it('API calls need a bearer token (401) and the registered Origin (403)', async () => {
    const s = await cloutilityLogin(sim)
    const url = `${sim.cloutility.url}/v1/fullVersion`
    const none = await call(url, { headers: { origin: sim.cloutility.credentials.origin } })
    expect(none.status).toBe(401)
    expect(none.json).toMatchObject({ status: 401, code: 'Unauthorized' })
    expect(typeof none.json.message).toBe('string')
    expect(typeof none.json.developerMessage).toBe('string')
    expect((await call(url, { headers: { authorization: 'Bearer nope', origin: sim.cloutility.credentials.origin } })).status).toBe(401)
    const noOrigin = await call(url, { headers: { authorization: String(s.headers.authorization) } })
    expect(noOrigin.status).toBe(403)
    expect(noOrigin.json.code).toBe('Forbidden')
    expect((await call(url, { headers: { authorization: String(s.headers.authorization), origin: 'https://evil.example' } })).status).toBe(403)
    expect((await s.api('/v1/fullVersion')).status).toBe(200)
  })

  it('access tokens expire after 299 seconds of the clock, and on demand', async () => {
    const s = await cloutilityLogin(sim)
    clock.advance(298_000)
    expect((await s.api('/v1/me')).status).toBe(200)
    clock.advance(2_000)
    const expired = await s.api('/v1/me')
    expect(expired.status).toBe(401)
    expect(expired.json.developerMessage).toMatch(/expired/i)
    const s2 = await cloutilityLogin(sim)
    sim.expireTokens('cloutility')
    expect((await s2.api('/v1/me')).status).toBe(401)
    // the refresh token still works after expiry
    const c = sim.cloutility.credentials
    const refreshed = await call(oauth, { method: 'POST', headers: { origin: c.origin }, body: form({ client_id: c.clientId, grant_type: 'refresh_token', refresh_token: s2.refreshToken ?? '' }) })
    expect(refreshed.status).toBe(200)
  })

  it('limits every call to the app home business-unit subtree', async () => {
    const c = sim.cloutility.credentials
    const main = await cloutilityLogin(sim)
    const me = await main.api('/v1/me')
    expect(me.json.businessUnit.id).toBe(c.homeBusinessUnitId)
    expect((await main.api(`/v1/bunits/${c.outsideBusinessUnitId}`)).status).toBe(403)
    expect((await main.api(`/v1/bunits/1`)).status).toBe(403)
    expect((await main.api(`/v1/bunits/${c.subUnit.homeBusinessUnitId}`)).status).toBe(200)
    expect((await main.api(`/v1/bunits/999999`)).status).toBe(404)

    const sub = await cloutilityLogin(sim, c.subUnit)
    expect((await sub.api(`/v1/bunits/${c.subUnit.homeBusinessUnitId}`)).status).toBe(200)
    const denied = await sub.api(`/v1/bunits/${c.homeBusinessUnitId}`)
    expect(denied.status).toBe(403)
    expect(denied.json.code).toBe('Forbidden')
    expect((await sub.api(`/v1/bunits/${c.homeBusinessUnitId}/consumers`)).status).toBe(403)
    const tree = await sub.api('/v1/bunits')
    expect(tree.json.id).toBe(c.subUnit.homeBusinessUnitId)
    // the home user may log in through the sub-unit app too, but only sees the sub-unit
    const homeViaSub = await cloutilityLogin(sim, { ...c.subUnit, username: c.username, password: c.password })
    expect((await homeViaSub.api(`/v1/bunits/${c.homeBusinessUnitId}`)).status).toBe(403)
    // the sub-unit user cannot log in through an app of another subtree's sibling
    const other = await call(oauth, { method: 'POST', headers: { origin: c.origin }, body: form({ client_id: c.clientId, grant_type: 'password', username: c.subUnit.username, password: c.subUnit.password }) })
    expect(other.status).toBe(200) // the sub-unit lies inside the home app's subtree
  })
})
