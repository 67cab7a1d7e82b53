import { createHmac } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FleetRow, FleetScanResult } from '../../../src/shared/model/fleet'
import type { TicketPayload } from '../../../src/shared/model/tickets'
import type { Simulator } from '../../../src/simulator'
import { startSimulator } from '../../simulator/helpers'
import { sendJson, startTestServer, type TestServer } from '../http/test-server'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'

// "Create ticket" through the real core and router, over real HTTP to a local receiving server
// that records every request. The fleet scan that finds the failing item reads the simulator.

const SECRET = 'whsec-canary-7f3a9c1e'

let sim: Simulator
const servers: TestServer[] = []
beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 21 })
  // Two failing tasks, whatever the seed drew.
  for (const task of sim.cloudally.data.tasks.filter((x) => x.status === 'ACTIVE').slice(0, 2)) {
    task.outcome = 'FAILED'
    task.error = 'Mailbox not reachable'
  }
})
afterAll(() => sim.stop())
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
  cleanupDirs()
})

async function receiver(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(handler)
  servers.push(s)
  return s
}

async function setup() {
  const opened: string[] = []
  const t = await makeCore(tmpDir('backdesk-tickets-'), { openExternal: async (url) => void opened.push(url) })
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  const a = sim.cloudally.credentials
  await t.ok('connections.create', { provider: 'cloudally', name: 'CloudAlly partner', customer: 'Contoso', baseUrl: sim.cloudally.url, mode: 'partner', clientId: a.clientId, clientSecret: a.clientSecret, email: a.partnerEmail, password: a.partnerPassword })
  await t.ok('fleet.scan.start', {})
  await t.core.watch.settle()
  let scan: FleetScanResult | null = null
  // The scan answers at once; wait for its end (each round trip is real HTTP).
  for (;;) {
    scan = (await t.ok('fleet.scan.status')) as FleetScanResult
    if (scan.state !== 'running') break
    await new Promise((r) => setTimeout(r, 20))
  }
  const failing = scan.rows.find((r) => r.status === 'failed') as FleetRow
  expect(failing).toBeDefined()
  return { t, failing, scan, opened }
}

describe('tickets', () => {
  it('posts the documented payload once, signed, to the customer webhook and keeps the reference', async () => {
    const server = await receiver((_req, res) => sendJson(res, 201, { reference: 'INC-42' }))
    const { t, failing, scan } = await setup()
    await t.ok('fleet.review.set', { key: failing.key, state: 'open', note: 'Customer informed by phone' })
    await t.ok('tickets.targets.set', { customer: 'Contoso', url: `${server.url}/hooks/backdesk?team=ops`, secret: SECRET })
    const result = await t.ok('tickets.create', { key: failing.key })
    expect(result).toMatchObject({ via: 'webhook', state: 'sent', reference: 'INC-42', scanId: scan.scanId })

    expect(server.seen).toHaveLength(1)
    const req = server.seen[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/hooks/backdesk?team=ops')
    expect(req.headers['content-type']).toMatch(/^application\/json/)
    expect(req.headers.authorization).toBe(`Bearer ${SECRET}`)
    expect(req.headers['x-backdesk-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`)
    const payload = JSON.parse(req.body.toString('utf8')) as TicketPayload
    expect(req.headers['idempotency-key']).toBe(payload.idempotencyKey)
    expect(payload).toMatchObject({
      schema: 'backdesk.ticket/v1',
      customer: 'Contoso',
      provider: 'cloudally',
      object: { key: failing.key, name: failing.object, kind: 'cloudally-task', connection: 'CloudAlly partner' },
      status: 'failed',
      statusText: 'Failed',
      detail: failing.detail,
      note: 'Customer informed by phone',
      scanId: scan.scanId,
      linkText: `Backdesk › Fleet health › Contoso › CloudAlly partner › ${failing.object}`
    })
    expect(payload.since).toBe(scan.finishedAt)

    // Kept with the review item (the note is kept too).
    const reviews = (await t.ok('fleet.review.list')) as Array<{ key: string; note?: string; ticket?: { reference?: string } }>
    expect(reviews.find((r) => r.key === failing.key)).toMatchObject({ note: 'Customer informed by phone', ticket: { reference: 'INC-42', state: 'sent' } })

    // Not twice for the same item and scan…
    const again = await t.call('tickets.create', { key: failing.key })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('INC-42') } })
    expect(server.seen).toHaveLength(1)
    // …unless the user asks (the same idempotency key goes with it).
    await t.ok('tickets.create', { key: failing.key, resend: true })
    expect(server.seen).toHaveLength(2)
    expect(server.seen[1]?.headers['idempotency-key']).toBe(payload.idempotencyKey)

    // The secret never reached an answer or a log line.
    expect(t.answers.join('\n')).not.toContain(SECRET)
    expect(JSON.stringify(t.sink.records)).not.toContain(SECRET)
    const targets = await t.ok('tickets.targets.list')
    expect(targets).toEqual([{ customer: 'Contoso', url: `${server.url}/hooks/backdesk?team=ops`, hasSecret: true }])
    await t.core.dispose()
  })

  it('a 500 or a timeout is "outcome unknown" and is never sent again by itself', async () => {
    const failingServer = await receiver((_req, res) => sendJson(res, 500, { error: 'database down' }))
    const { t, failing } = await setup()
    await t.ok('tickets.targets.set', { customer: null, url: `${failingServer.url}/hook` })
    const first = await t.ok('tickets.create', { key: failing.key })
    expect(first).toMatchObject({ via: 'webhook', state: 'unknown', message: expect.stringMatching(/may or may not exist/) })
    expect(failingServer.seen).toHaveLength(1)
    const second = await t.call('tickets.create', { key: failing.key })
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { state: 'unknown' } } })
    expect(failingServer.seen).toHaveLength(1)

    // A receiver that takes the request and never answers.
    const hanging = await receiver(() => undefined)
    await t.ok('tickets.targets.set', { customer: null, url: `${hanging.url}/hook` })
    const other = (await t.ok('fleet.scan.status')).rows.filter((r: FleetRow) => r.status === 'failed')[1] as FleetRow
    const slow = await t.call('tickets.create', { key: other.key })
    expect(slow).toMatchObject({ ok: true, value: { state: 'unknown', message: expect.stringMatching(/TIMEOUT/) } })
    expect(hanging.seen.length + failingServer.seen.length).toBe(2)
    await t.core.dispose()
  }, 60_000)

  it('tells a ticket system that could not be reached from one that refused, and either may be tried again', async () => {
    const { t, failing } = await setup()
    // Nothing listens there any more: the connection is refused before a byte is sent.
    const gone = await startTestServer(() => undefined)
    await gone.stop()
    await t.ok('tickets.targets.set', { customer: null, url: `${gone.url}/hook` })
    const unreachable = await t.ok('tickets.create', { key: failing.key, note: 'Disk replaced' })
    expect(unreachable).toMatchObject({ via: 'webhook', state: 'failed', message: expect.stringMatching(/^The ticket system could not be reached, so nothing was sent: /) })
    expect(unreachable.message).not.toMatch(/refused it/)

    const refusing = await receiver((_req, res) => sendJson(res, 422, { error: 'unknown queue' }))
    await t.ok('tickets.targets.set', { customer: null, url: `${refusing.url}/hook` })
    const refused = await t.ok('tickets.create', { key: failing.key, note: 'Disk replaced' })
    expect(refused).toMatchObject({ state: 'failed', message: expect.stringMatching(/^The ticket system refused it: /) })
    expect(refusing.seen).toHaveLength(1)

    const working = await receiver((_req, res) => sendJson(res, 201, { id: 'INC-7' }))
    await t.ok('tickets.targets.set', { customer: null, url: `${working.url}/hook` })
    expect(await t.ok('tickets.create', { key: failing.key, note: 'Disk replaced' })).toMatchObject({ state: 'sent', reference: 'INC-7' })
    await t.core.dispose()
  })

  it('sends the secret only to the webhook origin: no redirect is followed, a new origin drops it', async () => {
    const elsewhere = await receiver((_req, res) => sendJson(res, 200, { reference: 'STOLEN' }))
    const redirecting = await receiver((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/steal` })
      res.end()
    })
    const { t, failing } = await setup()
    await t.ok('tickets.targets.set', { customer: 'Contoso', url: `${redirecting.url}/hook`, secret: SECRET })
    const result = await t.ok('tickets.create', { key: failing.key })
    expect(result.state).not.toBe('sent')
    expect(redirecting.seen).toHaveLength(1)
    expect(elsewhere.seen).toHaveLength(0)
    // Pointing the target at another origin forgets the secret.
    const moved = await t.ok('tickets.targets.set', { customer: 'Contoso', url: `${elsewhere.url}/hook` })
    expect(moved.hasSecret).toBe(false)
    // Addresses that could leak it are refused.
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- the address under test is refused, never requested
    expect(await t.call('tickets.targets.set', { customer: null, url: 'http://tickets.example.com/hook' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await t.call('tickets.targets.set', { customer: null, url: `https://user:pw@tickets.example.com/hook` })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    await t.core.dispose()
  })

  it('a customer target cleared of its webhook and address is gone: the target for all customers takes its tickets again', async () => {
    const server = await receiver((_req, res) => sendJson(res, 201, { reference: 'INC-9' }))
    const { t, failing } = await setup()
    await t.ok('tickets.targets.set', { customer: null, url: `${server.url}/hook` })
    await t.ok('tickets.targets.set', { customer: 'Contoso', url: '', email: 'contoso-desk@msp.example' })
    // The form sends both fields; emptied, the customer has no target of its own any more.
    expect(await t.ok('tickets.targets.set', { customer: 'Contoso', url: '', email: '' })).toEqual({ customer: 'Contoso', hasSecret: false })
    expect(await t.ok('tickets.targets.list')).toEqual([{ customer: null, url: `${server.url}/hook`, hasSecret: false }])
    expect(await t.ok('tickets.create', { key: failing.key })).toMatchObject({ via: 'webhook', state: 'sent', reference: 'INC-9' })
    expect(server.seen).toHaveLength(1)
    await t.core.dispose()
  })

  it('opens a pre-filled e-mail when no webhook is set', async () => {
    const { t, failing, opened } = await setup()
    await t.ok('tickets.targets.set', { customer: null, email: 'servicedesk@msp.example' })
    const result = await t.ok('tickets.create', { key: failing.key, note: 'Please call the customer' })
    expect(result).toMatchObject({ via: 'email', state: 'email', opened: true })
    expect(opened).toEqual([result.mailto])
    const url = new URL(result.mailto as string)
    expect(url.protocol).toBe('mailto:')
    expect(url.pathname).toBe('servicedesk@msp.example')
    expect(url.searchParams.get('subject')).toBe(`[Backdesk] Failed: ${failing.object} (Contoso)`)
    expect(url.searchParams.get('body')).toContain('Note: Please call the customer')
    expect(await t.call('tickets.create', { key: failing.key })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await t.core.dispose()
  })
})
