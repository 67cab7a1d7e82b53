// Secrets bound to their origin, attacked the way a compromised renderer would: through the real
// router only. Working connections of every provider kind (the simulator's real secrets, which it
// accepts) are re-pointed at a recording listener on another loopback port by every path we know
// of: an update of the base URL alone, with a non-secret field, with only some of the secrets;
// duplicate then update; the import of a crafted bundle whose records point elsewhere than their
// secret origin, followed by a test, a read, the offline retry, a fleet scan and a customer page.
// Nothing may arrive at the listener, and each path must fail with a clear error that names both
// origins. Below the record check, the HTTP door refuses on its own; and a redirect from a login
// is never followed with the credentials.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/core/log/logger'
import { createHttpClient } from '../../src/main/core/http'
import { createCloudAllyClient } from '../../src/main/core/providers/cloudally/client'
import { createCloudbackClient } from '../../src/main/core/providers/cloudback/client'
import { createCloutilityClient } from '../../src/main/core/providers/cloutility/client'
import { createBundle } from '../../src/main/core/vault/bundle'
import type { FleetProgress } from '../../src/shared/model/fleet'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { cleanupDirs, FAST_KDF, makeCore, PASS, tmpDir } from '../main/vault/helpers'
import { formsOf, startRecordingListener, startRedirector, type RecordingListener } from './recording-listener'

let sim: Simulator
let listener: RecordingListener

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 31 })
  listener = await startRecordingListener()
})
afterAll(async () => {
  await listener.close()
  await sim.stop()
})
beforeEach(() => {
  listener.requests.length = 0
})
afterEach(cleanupDirs)

const SUBJECT = { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository', subjectType: 'Repository' } as const

function secrets(): string[] {
  const ct = sim.cloutility.credentials
  const ca = sim.cloudally.credentials
  return [ct.password, ca.clientSecret, ca.partnerPassword, ca.portalPassword, sim.cloudback.credentials.apiKey]
}

type Kind = 'cloutility' | 'cloudally-partner' | 'cloudally-user' | 'cloudback'

interface Case {
  kind: Kind
  provider: 'cloutility' | 'cloudally' | 'cloudback'
  /** The secret fields a move must carry. */
  fields: string[]
  /** A field that is not secret. */
  nonSecret: Record<string, string>
  /** Some but not all of the secrets (partner logins have two). */
  partial?: Record<string, string>
  read: (connectionId: string) => [string, unknown]
}

const CASES: Case[] = [
  {
    kind: 'cloutility',
    provider: 'cloutility',
    fields: ['password'],
    nonSecret: { username: 'someone.else@example.com' },
    read: (connectionId) => ['cloutility.tree', { connectionId }]
  },
  {
    kind: 'cloudally-partner',
    provider: 'cloudally',
    fields: ['clientSecret', 'password'],
    nonSecret: { email: 'someone.else@example.com' },
    partial: { password: 'a-new-partner-password-1' },
    read: (connectionId) => ['cloudally.partner.get', { connectionId }]
  },
  {
    kind: 'cloudally-user',
    provider: 'cloudally',
    fields: ['clientSecret', 'password'],
    partial: { password: 'a-new-portal-password-1' },
    nonSecret: { email: 'someone.else@example.com' },
    read: (connectionId) => ['cloudally.backupTasks.list', { connectionId }]
  },
  {
    kind: 'cloudback',
    provider: 'cloudback',
    fields: ['apiKey'],
    nonSecret: { name: 'Renamed Cloudback' },
    read: (connectionId) => ['cloudback.definition.get', { connectionId, ...SUBJECT }]
  }
]

/** A vault with one working connection of every kind (each tested for real), customer "Victim". */
async function workspace() {
  const t = await makeCore(tmpDir())
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  const ct = sim.cloutility.credentials
  const ca = sim.cloudally.credentials
  const common = { customer: 'Victim' }
  const ids: Record<Kind, string> = {
    cloutility: (
      await t.ok('connections.create', {
        provider: 'cloutility', name: 'Cloutility', ...common, baseUrl: sim.cloutility.url,
        clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password
      })
    ).id,
    'cloudally-partner': (
      await t.ok('connections.create', {
        provider: 'cloudally', name: 'CloudAlly partner', ...common, baseUrl: sim.cloudally.url, mode: 'partner',
        clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword
      })
    ).id,
    'cloudally-user': (
      await t.ok('connections.create', {
        provider: 'cloudally', name: 'CloudAlly portal', ...common, baseUrl: sim.cloudally.url, mode: 'user',
        clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.portalEmail, password: ca.portalPassword
      })
    ).id,
    cloudback: (
      await t.ok('connections.create', { provider: 'cloudback', name: 'Cloudback', ...common, baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey })
    ).id
  }
  for (const id of Object.values(ids)) expect((await t.ok('connections.test', { id })).ok, id).toBe(true)
  // A tracked definition, so the fleet scan has a Cloudback read to make.
  await t.ok('cloudback.definition.get', { connectionId: ids.cloudback, ...SUBJECT })
  return { ...t, ids }
}

/** No request reached the listener, so no secret (nor anything the app holds as secret) did. */
function expectNothingArrived(core: { secrets: { containsSecret(text: string): boolean } }): void {
  const received = listener.text()
  for (const secret of secrets()) for (const form of formsOf(secret)) expect(received.includes(form), 'a secret reached the listener').toBe(false)
  expect(core.secrets.containsSecret(received), 'a registered secret reached the listener').toBe(false)
  expect(listener.requests.map((r) => `${r.method} ${r.url}`)).toEqual([])
}

function originOf(url: string): string {
  return new URL(url).origin
}

describe.each(CASES)('re-pointing a $kind connection through connections.update', (c) => {
  it('is refused without its secrets (base URL alone, with a non-secret field, with some secrets), and nothing is sent', async () => {
    const t = await workspace()
    const id = t.ids[c.kind]
    const before = await t.ok('connections.get', { id })
    const own = originOf(before.baseUrl)
    expect(before.secretOrigin).toBe(own)
    const attempts: Array<Record<string, unknown>> = [{ baseUrl: listener.url }, { baseUrl: `${listener.url}/api`, ...c.nonSecret }]
    if (c.partial) attempts.push({ baseUrl: listener.url, ...c.partial })
    for (const attempt of attempts) {
      const refused = await t.call('connections.update', { provider: c.provider, id, ...attempt })
      expect(refused, JSON.stringify(attempt)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      if (refused.ok) continue
      const missing = c.fields.filter((f) => !(f in attempt))
      expect(refused.error.details).toEqual({ fields: missing, savedOrigin: own, newOrigin: listener.origin })
      expect(refused.error.message).toContain(own)
      expect(refused.error.message).toContain(listener.origin)
      expect(refused.error.message).toMatch(/only ever sent to .*Enter (it|them) again/)
    }
    // Nothing changed: the connection still works where it belongs.
    expect(await t.ok('connections.get', { id })).toEqual(before)
    const [channel, input] = c.read(id)
    expect((await t.call(channel, input)).ok).toBe(true)
    expect((await t.ok('connections.test', { id })).ok).toBe(true)
    expectNothingArrived(t.core)
    await t.core.dispose()
  })

  it('is refused for a duplicate too: the copy keeps the binding', async () => {
    const t = await workspace()
    const copy = await t.ok('connections.duplicate', { id: t.ids[c.kind] })
    expect(copy.secretOrigin).toBe(originOf(copy.baseUrl))
    const refused = await t.call('connections.update', { provider: c.provider, id: copy.id, baseUrl: listener.url, ...c.nonSecret })
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: c.fields } } })
    expect((await t.ok('connections.test', { id: copy.id })).ok).toBe(true)
    expectNothingArrived(t.core)
    await t.core.dispose()
  })
})

describe('a crafted bundle whose records point elsewhere than their secret origin', () => {
  it('imports with the bindings as they are; then a test, a read, the offline retry, a fleet scan and a customer page all refuse, and nothing is sent', async () => {
    const t = await workspace()
    // The attacker's bundle: this vault's own records (real secrets), re-pointed at the listener.
    const content = t.core.vault.connections.contentForExport(undefined, false)
    for (const record of content.connections) record.baseUrl = listener.url
    const bundlePass = 'crafted-bundle-pass-71 lantern'
    const bundle = await createBundle(content, bundlePass, FAST_KDF, new Date().toISOString())
    expect(await t.ok('vault.import', { mode: 'merge', bundle, passphrase: bundlePass, conflicts: 'overwrite' })).toMatchObject({ overwritten: 4 })

    for (const c of CASES) {
      const id = t.ids[c.kind]
      const summary = await t.ok('connections.get', { id })
      expect(summary.baseUrl).toBe(listener.url)
      const own = sim[c.provider].url
      expect(summary.secretOrigin).toBe(originOf(own))
      const refusals = [await t.call('connections.test', { id }), await t.call(...c.read(id))]
      for (const refused of refusals) {
        expect(refused, c.kind).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
        if (refused.ok) continue
        expect(refused.error.message).toContain(listener.origin)
        expect(refused.error.message).toContain(`only ever sent to ${originOf(own)}`)
      }
      const retried = await t.ok('offline.retry', { connectionId: id })
      expect(retried.message ?? '').toContain(`only ever sent to ${originOf(own)}`)
    }

    // The fleet scan: one note per connection, each the clear refusal.
    const finished = new Promise<FleetProgress>((resolve) => {
      t.core.events.subscribe((topic, payload) => {
        const p = payload as FleetProgress
        if (topic === 'fleet.progress' && p.state !== 'running') resolve(p)
      })
    })
    const started = await t.ok('fleet.scan.start')
    const scan = await finished
    expect(scan.scanId).toBe(started.scanId)
    for (const c of CASES) {
      const note = scan.notes.find((n) => n.connectionId === t.ids[c.kind])
      expect(note, c.kind).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(listener.origin) })
    }

    // The customer page: every part that would ask its provider says why it could not.
    const page = await t.ok('customers.get', { name: 'Victim', refresh: true })
    for (const part of page.parts.filter((p: { provider: string }) => p.provider !== 'cloudback')) {
      expect(part.error, part.connectionName).toContain('only ever sent to')
    }
    expectNothingArrived(t.core)
    await t.core.dispose()
  })
})

describe('the HTTP door, below the record check', () => {
  it('refuses to send any vault-bound secret or issued token to another origin, whichever client asks', async () => {
    const t = await workspace()
    const ct = sim.cloutility.credentials
    const ca = sim.cloudally.credentials
    const logger = createLogger({ sinks: [], secrets: t.core.secrets })
    const secretsRegistry = t.core.secrets
    // Provider code that forgot the record check, building clients for the listener with the
    // vault's own secrets: the vault bound them to their origins, so the door still says no.
    const cloutility = createCloutilityClient({
      baseUrl: listener.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password, logger, secrets: secretsRegistry
    })
    const partner = createCloudAllyClient(
      { baseUrl: listener.url, mode: 'partner', clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword },
      { logger, secrets: secretsRegistry }
    )
    const cloudback = createCloudbackClient({ baseUrl: listener.url, apiKey: sim.cloudback.credentials.apiKey }, { logger, secrets: secretsRegistry })
    const attempts: Array<[string, string, () => Promise<unknown>]> = [
      ['Cloutility login (form body)', sim.cloutility.url, () => cloutility.me()],
      ['CloudAlly partner login (client-secret header, password body)', sim.cloudally.url, () => partner.partner()],
      ['Cloudback x-api-key', sim.cloudback.url, () => cloudback.getDefinition({ ...SUBJECT })]
    ]
    // A token the simulator issued, bound to the origin that issued it.
    const issued = createCloudAllyClient(
      { baseUrl: sim.cloudally.url, mode: 'user', clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.portalEmail, password: ca.portalPassword },
      { logger, secrets: secretsRegistry }
    )
    const token = (await issued.auth.validToken()).access
    expect([...secretsRegistry.originsOf(token)]).toEqual([originOf(sim.cloudally.url)])
    const stranger = createHttpClient({ baseUrl: listener.url, secrets: secretsRegistry, retry: { retries: 0 } })
    attempts.push(['an issued bearer token', sim.cloudally.url, () => stranger.request({ method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${token}` } })])
    attempts.push(['a secret in a query string', sim.cloudback.url, () => stranger.request({ method: 'GET', path: '/x', query: { key: sim.cloudback.credentials.apiKey } })])
    for (const [what, own, attempt] of attempts) {
      const error = await attempt().then(() => undefined, (err: unknown) => err as { code?: string; message?: string })
      expect(error, what).toMatchObject({ code: 'FORBIDDEN' })
      expect(error?.message, what).toContain(`Refusing to send a secret to ${listener.origin}: it is only ever sent to ${originOf(own)}`)
    }
    for (const client of [cloutility, partner, cloudback, issued]) await client.close()
    await stranger.close()
    expectNothingArrived(t.core)
    await t.core.dispose()
  })
})

describe('a login answered with a redirect to another origin', () => {
  it.each(['cloutility', 'cloudally', 'cloudback'] as const)('%s: the redirect is not followed, and Test connection names the login as the failed step', async (provider) => {
    const redirector = await startRedirector(listener.url)
    const t = await makeCore(tmpDir())
    await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    const ct = sim.cloutility.credentials
    const ca = sim.cloudally.credentials
    const input =
      provider === 'cloutility'
        ? { provider, name: 'Redirected', baseUrl: redirector.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password }
        : provider === 'cloudally'
          ? { provider, name: 'Redirected', baseUrl: redirector.url, mode: 'partner', clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword }
          : { provider, name: 'Redirected', baseUrl: redirector.url, apiKey: sim.cloudback.credentials.apiKey }
    const { id } = await t.ok('connections.create', input)
    const result = await t.ok('connections.test', { id })
    expect(result).toMatchObject({ ok: false, stage: 'redirect' })
    expect(result.message).toContain(`redirected the login to ${listener.origin}`)
    expect(result.message).toContain('Backdesk does not follow it')
    const failed = result.steps.filter((s: { ok: boolean }) => !s.ok)
    expect(failed).toHaveLength(1)
    expect(failed[0].name).toMatch(/^Login/)
    // The login went to the origin the secrets were entered for, and no further.
    expect(redirector.requests.length).toBeGreaterThan(0)
    expect(redirector.requests.every((r) => r.method === 'POST')).toBe(true)
    expectNothingArrived(t.core)
    await t.core.dispose()
    await redirector.close()
  })
})
