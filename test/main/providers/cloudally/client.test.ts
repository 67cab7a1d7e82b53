import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCloudAllyClient, type CloudAllyClient, type CloudAllyConfig } from '../../../../src/main/core/providers/cloudally/client'
import { SecretRegistry } from '../../../../src/main/core/log/redact'
import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'
import { startProxy } from './proxy'

// Over real HTTP against the simulator; faults come from the simulator's own fault injection.
// The retry backoff is shortened so tests do not wait seconds, but nothing asserts on time.

const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 20, retries: 3 } }

describe('CloudAlly client against the simulator', () => {
  let sim: Simulator
  const clients: CloudAllyClient[] = []
  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', seed: 7 })
  })
  afterAll(() => sim.stop())
  afterEach(async () => {
    sim.faults.clear()
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  const partnerConfig = (over: Partial<CloudAllyConfig> = {}): CloudAllyConfig => {
    const c = sim.cloudally.credentials
    return { baseUrl: sim.cloudally.url, mode: 'partner', clientId: c.clientId, clientSecret: c.clientSecret, email: c.partnerEmail, password: c.partnerPassword, ...over }
  }
  const make = (config: CloudAllyConfig, pageSize?: number) => {
    const client = createCloudAllyClient(config, { http: FAST, ...(pageSize ? { pageSize } : {}) })
    clients.push(client)
    return client
  }

  it.each([404, 405])('words a server without the backup-task list (%i) as that, not as a deleted object', async (status) => {
    const proxy = await startProxy(sim.cloudally.url, (req) => (req.path === '/v1/backup-tasks' ? { status, body: { message: 'Not Found' } } : undefined))
    try {
      const refusal = make(partnerConfig({ baseUrl: proxy.url })).backupTasks()
      await expect(refusal).rejects.toMatchObject({ message: `This CloudAlly server does not offer the backup-task list to this login (HTTP ${status}).` })
    } finally {
      await proxy.stop()
    }
  })

  it('logs in as a partner with client-id/client-secret headers and reads the profile', async () => {
    const client = make(partnerConfig())
    const partner = await client.partner()
    expect(partner.partnerId).toBe(sim.cloudally.data.partner.partnerId)
    expect(partner.email).toBe(sim.cloudally.data.partner.email)
    expect(client.auth.tokenStats).toMatchObject({ logins: 1, partnerForm: 'headers' })
  })

  it.each([
    [404, 'a seed-only server without the real form'],
    [422, 'a server validating the body against the seed profile']
  ])('falls back to the seed body form when the header form is answered %i (%s), and remembers it', async (status) => {
    const proxy = await startProxy(sim.cloudally.url, (req) =>
      req.path === '/auth/partner' && req.headers['client-id'] ? { status, body: { message: status === 422 ? 'clientId: must not be null' : 'Not Found' } } : undefined
    )
    try {
      const client = make(partnerConfig({ baseUrl: proxy.url }))
      expect((await client.partner()).partnerId).toBe(sim.cloudally.data.partner.partnerId)
      expect(client.auth.tokenStats.partnerForm).toBe('seed-body')
      const logins = proxy.seen.filter((r) => r.path === '/auth/partner')
      expect(logins).toHaveLength(2)
      expect(JSON.parse(logins[1]!.body)).toEqual({ clientId: sim.cloudally.credentials.clientId, clientSecret: sim.cloudally.credentials.clientSecret })
      // Next login goes straight to the form that worked.
      client.auth.reset()
      await client.partner()
      expect(proxy.seen.filter((r) => r.path === '/auth/partner')).toHaveLength(3)
    } finally {
      await proxy.stop()
    }
  })

  it('does not fall back on a 401: wrong secret or password are reported as such', async () => {
    await expect(make(partnerConfig({ clientSecret: 'wrong' })).partner()).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'client' } })
    await expect(make(partnerConfig({ password: 'wrong' })).partner()).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'credentials' } })
    expect(sim.stats.count({ provider: 'cloudally', path: '/v1/partners' })).toBeGreaterThanOrEqual(0)
  })

  it('logs in as a portal user at /auth with the client-id/client-secret headers and sees only that user\'s backup tasks', async () => {
    const c = sim.cloudally.credentials
    const proxy = await startProxy(sim.cloudally.url)
    clients.push({ close: () => proxy.stop() } as CloudAllyClient)
    const client = make({ baseUrl: proxy.url, mode: 'user', clientId: c.clientId, clientSecret: c.clientSecret, email: c.portalEmail, password: c.portalPassword })
    const tasks = await client.backupTasks()
    const user = sim.cloudally.data.users.find((u) => u.email === c.portalEmail)!
    expect(tasks.length).toBe(sim.cloudally.data.tasks.filter((t) => t.userId === user.id).length)
    expect(tasks.every((t) => t.userId === user.id)).toBe(true)
    await expect(client.partner()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const login = proxy.seen.find((r) => r.path === '/auth')!
    expect(login.headers).toMatchObject({ 'client-id': c.clientId, 'client-secret': c.clientSecret })
    expect(JSON.parse(login.body)).toEqual({ email: c.portalEmail, password: c.portalPassword })
  })

  it('refuses a portal-user login without the client id and secret before sending anything, as the real clients do', async () => {
    const c = sim.cloudally.credentials
    sim.stats.reset()
    const client = make({ baseUrl: sim.cloudally.url, mode: 'user', email: c.portalEmail, password: c.portalPassword })
    await expect(client.backupTasks()).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'client' }, message: expect.stringMatching(/client id and client secret/) })
    expect(sim.stats.count({ provider: 'cloudally' })).toBe(0)
  })

  it('follows every page transparently (page, and the token from the second on), with the page size it asked for', async () => {
    sim.stats.reset()
    const client = make(partnerConfig(), 4)
    const tasks = await client.tasks()
    const total = sim.cloudally.data.tasks.length
    expect(total).toBeGreaterThan(8)
    expect(tasks.map((t) => t.id)).toEqual(sim.cloudally.data.tasks.map((t) => t.id))
    expect(sim.stats.count({ provider: 'cloudally', method: 'GET', path: '/v1/partners/tasks' })).toBe(Math.ceil(total / 4))
    const urls = sim.stats.requests.filter((r) => r.path === '/v1/partners/tasks').map((r) => r.url)
    expect(urls.every((u) => u.includes('pageSize=4'))).toBe(true)
    expect(urls.map((u) => new URLSearchParams(u.split('?')[1]).get('page'))).toEqual(urls.map((_, i) => String(i + 1)))
    expect(urls.slice(1).every((u) => u.includes('nextPageToken='))).toBe(true)
  })

  it('against a server that pages by page alone, 25 rows with a page size of 10 are 25 unique rows', async () => {
    const small = await startSimulator({ nodes: 500, seed: 2 }) // strict: pages by `page` alone; 25 customer accounts
    try {
      expect(small.cloudally.data.users).toHaveLength(25)
      const c = small.cloudally.credentials
      const client = make({ baseUrl: small.cloudally.url, mode: 'partner', clientId: c.clientId, clientSecret: c.clientSecret, email: c.partnerEmail, password: c.partnerPassword }, 10)
      const users = await client.users()
      expect(users.map((u) => u.id)).toEqual(small.cloudally.data.users.map((u) => u.id))
      expect(new Set(users.map((u) => u.id)).size).toBe(25)
      expect(small.stats.count({ provider: 'cloudally', path: '/v1/partners/users' })).toBe(3)
    } finally {
      await small.stop()
    }
  })

  it('never returns a row twice: a server that ignores page and token alike ends the list at its repeated page', async () => {
    const proxy = await startProxy(sim.cloudally.url, undefined, undefined, (path) => path.replace(/([?&])(page|nextPageToken)=[^&]*/g, '$1'))
    try {
      const resellers = await make(partnerConfig({ baseUrl: proxy.url }), 1).resellers()
      expect(resellers.map((r) => r.id)).toEqual([sim.cloudally.data.resellers[0]!.id])
      expect(proxy.seen.filter((r) => r.path === '/v1/partners/resellers')).toHaveLength(2)
    } finally {
      await proxy.stop()
    }
  })

  it('a list answered with an empty body or without its data is an error, never an empty list', async () => {
    for (const answer of [{ status: 200 }, { status: 200, body: { message: 'ok' } }, { status: 200, text: 'OK', contentType: 'text/plain' }]) {
      const proxy = await startProxy(sim.cloudally.url, (req) => (req.path === '/v1/partners/resellers' ? answer : undefined))
      try {
        const err = await make(partnerConfig({ baseUrl: proxy.url })).resellers().then(
          () => undefined,
          (e: unknown) => e
        )
        expect(err, JSON.stringify(answer)).toMatchObject({ code: 'UNREADABLE' })
      } finally {
        await proxy.stop()
      }
    }
  })

  it('uses large pages by default: one request for a small partner', async () => {
    sim.stats.reset()
    const users = await make(partnerConfig()).users()
    expect(users.length).toBe(sim.cloudally.data.users.length)
    expect(sim.stats.count({ provider: 'cloudally', path: '/v1/partners/users' })).toBe(1)
    expect(sim.stats.requests.find((r) => r.path === '/v1/partners/users')!.url).toContain('pageSize=500')
  })

  it('follows page/totalPages when the server gives no token, and stops at a repeated token', async () => {
    const proxy = await startProxy(sim.cloudally.url, undefined, (req, status, body) => {
      if (req.path !== '/v1/partners/resellers' || status !== 200) return undefined
      const env = JSON.parse(body)
      return JSON.stringify({ ...env, nextPageToken: null })
    })
    try {
      const resellers = await make(partnerConfig({ baseUrl: proxy.url }), 1).resellers()
      expect(resellers.map((r) => r.id)).toEqual(sim.cloudally.data.resellers.map((r) => r.id))
      const pages = proxy.seen.filter((r) => r.path === '/v1/partners/resellers')
      expect(pages.length).toBe(sim.cloudally.data.resellers.length)
    } finally {
      await proxy.stop()
    }
  })

  it('retries a GET on 429 (Retry-After) and 5xx, and reads through an HTML error page', async () => {
    sim.faults.add({ provider: 'cloudally', method: 'GET', path: '/v1/partners/status', kind: '429', retryAfter: 0, times: 2 })
    sim.stats.reset()
    const status = await make(partnerConfig()).status()
    expect(status.length).toBe(sim.cloudally.data.tasks.length)
    expect(sim.stats.count({ provider: 'cloudally', path: '/v1/partners/status' })).toBe(3)
    sim.faults.add({ provider: 'cloudally', method: 'GET', path: '/v1/partners/resellers', kind: '503', times: 1 })
    sim.faults.add({ provider: 'cloudally', method: 'GET', path: '/v1/partners/users', kind: 'html', times: 1 })
    const client = make(partnerConfig())
    expect((await client.resellers()).length).toBe(sim.cloudally.data.resellers.length)
    expect((await client.users()).length).toBe(sim.cloudally.data.users.length)
  })

  it('refreshes an expired token once for many concurrent calls (single-flight)', async () => {
    const client = make(partnerConfig())
    await client.partner()
    sim.expireTokens('cloudally')
    sim.stats.reset()
    const results = await Promise.all(Array.from({ length: 20 }, () => client.partner()))
    expect(results.every((p) => p.partnerId === sim.cloudally.data.partner.partnerId)).toBe(true)
    expect(sim.stats.count({ provider: 'cloudally', path: '/auth/refresh' })).toBe(1)
    expect(sim.stats.count({ provider: 'cloudally', path: '/auth/partner' })).toBe(0)
    expect(client.auth.tokenStats).toMatchObject({ logins: 1, refreshes: 1 })
  })

  it('logs in afresh when the refresh token is refused', async () => {
    let refuse = true
    const proxy = await startProxy(sim.cloudally.url, (req) =>
      req.path === '/auth/refresh' && refuse ? { status: 401, body: { message: 'Invalid refresh token' } } : undefined
    )
    try {
      const client = make(partnerConfig({ baseUrl: proxy.url }))
      await client.partner()
      sim.expireTokens('cloudally')
      await Promise.all([client.partner(), client.partner(), client.partner()])
      expect(proxy.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(1)
      expect(proxy.seen.filter((r) => r.path === '/auth/partner')).toHaveLength(2)
      refuse = false
    } finally {
      await proxy.stop()
    }
  })

  it('reads resellers and one reseller, users of a reseller, and bills with their lines', async () => {
    const client = make(partnerConfig())
    const resellers = await client.resellers()
    const first = resellers[0]!
    const one = await client.reseller(first.id)
    expect(one).toMatchObject({ id: first.id, name: first.name })
    await expect(client.reseller('R-NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const users = await client.users({ resellerId: first.id })
    expect(users.every((u) => u.resellerId === first.id)).toBe(true)
    const bills = await client.bills()
    expect(bills.length).toBeGreaterThan(0)
    expect(bills[0]!.lines.length).toBeGreaterThan(0)
    expect(bills[0]!.period).toMatch(/^\d{4}-\d{2}$/)
  })

  it('uses /v1/partners/billing when /bills is 404, and remembers', async () => {
    const proxy = await startProxy(sim.cloudally.url, (req) => (req.path === '/v1/partners/bills' ? { status: 404, body: { message: 'No route' } } : undefined))
    try {
      const client = make(partnerConfig({ baseUrl: proxy.url }))
      expect((await client.bills()).length).toBeGreaterThan(0)
      expect((await client.bills()).length).toBeGreaterThan(0)
      expect(proxy.seen.filter((r) => r.path === '/v1/partners/bills')).toHaveLength(1)
      expect(proxy.seen.filter((r) => r.path === '/v1/partners/billing')).toHaveLength(2)
    } finally {
      await proxy.stop()
    }
  })

  it('maps partner tasks: compact dates to ISO, next backup, size', async () => {
    const tasks = await make(partnerConfig()).tasks()
    const withBackup = tasks.find((t) => Object.keys(t.lastBackupDates).length > 0)!
    expect(withBackup.lastBackup).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/)
    expect(typeof withBackup.size).toBe('number')
    expect(tasks.some((t) => t.nextBackup?.startsWith('In '))).toBe(true)
  })

  it('reads an archived entity as archived even when its last run left an error text; a failed one as failed', async () => {
    const proxy = await startProxy(sim.cloudally.url, undefined, (req, status, body) => {
      if (req.path !== '/v1/partners/status' || status !== 200) return undefined
      const env = JSON.parse(body)
      env.data[0].backupStatus = [{ subSource: env.data[0].source, status: 'ARCHIVED', error: 'Mailbox not found', errFAQLink: null }]
      env.data[1].backupStatus = [{ subSource: env.data[1].source, status: 'FAILED', error: 'Mailbox not found', errFAQLink: null }]
      return JSON.stringify(env)
    })
    try {
      const entries = await make(partnerConfig({ baseUrl: proxy.url })).status()
      const archived = entries.find((e) => e.backupStatus.some((b) => b.status === 'ARCHIVED' && b.error))
      const failed = entries.find((e) => e.backupStatus.some((b) => b.status === 'FAILED' && b.error === 'Mailbox not found'))
      expect(archived?.overall).toBe('ARCHIVED')
      expect(failed?.overall).toBe('FAILED')
    } finally {
      await proxy.stop()
    }
  })

  it('checks backup tasks against the seed schema: simulator tasks pass; odd values are kept and flagged', async () => {
    const client = make(partnerConfig())
    const tasks = await client.backupTasks()
    expect(tasks.length).toBe(sim.cloudally.data.tasks.length)
    expect(tasks.filter((t) => t.schemaIssues.length > 0)).toEqual([])
    const one = await client.backupTask(tasks[0]!.id)
    expect(one.id).toBe(tasks[0]!.id)

    // A server that speaks the real vocabulary and drops fields.
    const proxy = await startProxy(sim.cloudally.url, undefined, (req, status, body) => {
      if (req.path !== '/v1/backup-tasks' || status !== 200) return undefined
      const env = JSON.parse(body)
      env.data[0] = { ...env.data[0], type: 'GMAIL', status: 'ACTIVE', size: '12', schedule: { frequency: 'hourly' } }
      delete env.data[1].name
      env.data[2] = { ...env.data[2], id: 42, lastBackup: 'yesterday' }
      return JSON.stringify(env)
    })
    try {
      const odd = await make(partnerConfig({ baseUrl: proxy.url })).backupTasks()
      expect(odd.length).toBe(tasks.length)
      expect(odd[0]).toMatchObject({ type: 'GMAIL', status: 'ACTIVE', size: 12, schedule: { frequency: 'hourly' } })
      expect(odd[0]!.schemaIssues.join('\n')).toMatch(/"type" is "GMAIL"/)
      expect(odd[0]!.schemaIssues.join('\n')).toMatch(/"status" is "ACTIVE"/)
      expect(odd[0]!.schemaIssues.join('\n')).toMatch(/frequency/)
      expect(odd[1]!.schemaIssues).toContain('Missing required field "name"')
      expect(odd[2]).toMatchObject({ id: '42', lastBackup: 'yesterday' })
      expect(odd[2]!.schemaIssues.length).toBe(2)
    } finally {
      await proxy.stop()
    }
  })

  it('registers every secret it handles so logs and IPC answers can be scrubbed', async () => {
    const secrets = new SecretRegistry()
    const client = createCloudAllyClient(partnerConfig(), { secrets, http: FAST })
    clients.push(client)
    await client.partner()
    const c = sim.cloudally.credentials
    expect(secrets.redactText(`${c.partnerPassword} ${c.clientSecret}`)).not.toContain(c.clientSecret)
    expect(secrets.size).toBeGreaterThanOrEqual(4) // password, client secret, access and refresh tokens
  })
})
