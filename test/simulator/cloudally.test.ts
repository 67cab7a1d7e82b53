import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { call, fakeClock, withSim, type Reply } from './helpers'

// Seed 003 (CloudAlly backup-task JSON schema), copied verbatim into fixtures/.
const schema = JSON.parse(readFileSync(new URL('./fixtures/cloudally-backup-task.schema.json', import.meta.url), 'utf8'))

/** The subset of JSON Schema 2020-12 that seed 003 uses: type (incl. unions), required, enum, properties, date-time. */
function validate(value: unknown, s: any, path = '$'): string[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const errors: string[] = []
  const types: string[] = s.type ? (Array.isArray(s.type) ? s.type : [s.type]) : []
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v)
  if (types.length && !types.some((t) => t === typeOf(value) || (t === 'number' && typeof value === 'number'))) errors.push(`${path}: ${typeOf(value)} not in ${types}`)
  if (s.enum && !s.enum.includes(value)) errors.push(`${path}: ${String(value)} not in enum`)
  if (s.format === 'date-time' && typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) errors.push(`${path}: not date-time`)
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>
    for (const r of s.required ?? []) if (!(r in o)) errors.push(`${path}.${r}: required`)
    for (const [k, sub] of Object.entries(s.properties ?? {})) if (k in o) errors.push(...validate(o[k], sub, `${path}.${k}`))
  }
  return errors
}

describe('CloudAlly API', () => {
  const clock = fakeClock('2026-11-22T12:00:00.000Z')
  let sim: Simulator
  beforeAll(async () => {
    sim = await withSim({ scale: 'demo', now: clock.now })
  })
  afterAll(() => sim.stop())

  const url = (p: string) => `${sim.cloudally.url}${p}`
  const partnerHeaders = () => ({ 'client-id': sim.cloudally.credentials.clientId, 'client-secret': sim.cloudally.credentials.clientSecret })
  const partnerLogin = async () => {
    const c = sim.cloudally.credentials
    const res = await call(url('/auth/partner'), { method: 'POST', headers: partnerHeaders(), json: { email: c.partnerEmail, password: c.partnerPassword } })
    expect(res.status).toBe(200)
    return res.json as { accessToken: string; refreshToken: string; tokenType: string; expiresIn: number }
  }
  const get = (p: string, token: string, extra: Record<string, string> = {}): Promise<Reply> => call(url(p), { headers: { authorization: `Bearer ${token}`, ...extra } })

  it('partner login with client-id/client-secret headers (real form) and with the seed body form', async () => {
    const t = await partnerLogin()
    expect(t).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, accessToken: expect.any(String), refreshToken: expect.any(String) })
    const c = sim.cloudally.credentials
    const seedForm = await call(url('/auth/partner'), { method: 'POST', json: { clientId: c.clientId, clientSecret: c.clientSecret } })
    expect(seedForm.status).toBe(200)
    const wrongSecret = await call(url('/auth/partner'), { method: 'POST', headers: { ...partnerHeaders(), 'client-secret': 'x' }, json: { email: c.partnerEmail, password: c.partnerPassword } })
    expect(wrongSecret.status).toBe(401)
    expect(wrongSecret.json).toMatchObject({ status: 401, error: 'Unauthorized', message: expect.any(String), path: '/auth/partner' })
    expect((await call(url('/auth/partner'), { method: 'POST', headers: partnerHeaders(), json: { email: c.partnerEmail, password: 'bad' } })).status).toBe(401)
    expect((await call(url('/auth/partner'), { method: 'POST', headers: partnerHeaders(), json: {} })).status).toBe(400)
    expect((await call(url('/auth/partner'), { method: 'POST', json: { clientId: c.clientId, clientSecret: 'nope' } })).status).toBe(401)
  })

  it('portal login at /auth, refresh at /auth/refresh, bare or Bearer tokens, expiry', async () => {
    const c = sim.cloudally.credentials
    const login = await call(url('/auth'), { method: 'POST', headers: partnerHeaders(), json: { email: c.portalEmail, password: c.portalPassword } })
    expect(login.status).toBe(200)
    expect((await call(url('/auth'), { method: 'POST', headers: partnerHeaders(), json: { email: c.portalEmail, password: 'x' } })).status).toBe(401)
    expect((await call(url('/auth'), { method: 'POST', headers: partnerHeaders(), json: { email: c.portalEmail } })).status).toBe(400)
    const token = login.json.accessToken
    expect((await call(url('/v1/backup-tasks'), { headers: { authorization: token } })).status).toBe(200) // bare token (n8n node)
    expect((await get('/v1/backup-tasks', token)).status).toBe(200)
    expect((await get('/v1/backup-tasks', token, partnerHeaders())).status).toBe(200)
    expect((await get('/v1/backup-tasks', token, { 'client-id': 'x', 'client-secret': 'y' })).status).toBe(401)
    expect((await call(url('/v1/backup-tasks'))).status).toBe(401)
    expect((await get('/v1/partners', token)).status).toBe(403) // portal users are not partners
    clock.advance(3_600_000)
    const expired = await get('/v1/backup-tasks', token)
    expect(expired.status).toBe(401)
    expect(expired.json.message).toMatch(/expired/i)
    const refreshed = await call(url('/auth/refresh'), { method: 'POST', json: { refreshToken: login.json.refreshToken } })
    expect(refreshed.status).toBe(200)
    expect(refreshed.json.refreshToken).toBe(login.json.refreshToken)
    expect((await get('/v1/backup-tasks', refreshed.json.accessToken)).status).toBe(200)
    expect((await call(url('/auth/refresh'), { method: 'POST', json: { refreshToken: 'nope' } })).status).toBe(401)
    expect((await call(url('/auth/refresh'), { method: 'POST', json: {} })).status).toBe(400)
    sim.expireTokens('cloudally')
    expect((await get('/v1/backup-tasks', refreshed.json.accessToken)).status).toBe(401)
  })

  it('says when the next backup is due with the unit in the singular for one hour', async () => {
    // Seed 7 has active tasks due in one hour.
    const seven = await withSim({ seed: 7, now: clock.now })
    try {
      const c = seven.cloudally.credentials
      const headers = { 'client-id': c.clientId, 'client-secret': c.clientSecret }
      const login = await call(`${seven.cloudally.url}/auth/partner`, { method: 'POST', headers, json: { email: c.partnerEmail, password: c.partnerPassword } })
      const tasks = await call(`${seven.cloudally.url}/v1/partners/tasks`, { headers: { authorization: `Bearer ${login.json.accessToken}` } })
      const due = (tasks.json.data as Array<{ nextBackup: string | null }>).map((x) => x.nextBackup)
      expect(due).toContain('In 1 hour')
      expect(due.filter((d) => d !== null && !/^In (1 hour|([2-9]|1\d|2[0-3]) hours)$/.test(d))).toEqual([])
    } finally {
      await seven.stop()
    }
  })

  it('partner profile, bills (and the seed billing path), status, tasks, resellers, users', async () => {
    const { accessToken: t } = await partnerLogin()
    const partner = (await get('/v1/partners', t, partnerHeaders())).json
    expect(partner).toMatchObject({ partnerId: expect.any(String), email: sim.cloudally.credentials.partnerEmail, currency: 'USD', region: 'US_EST' })
    expect(partner.password).toBeUndefined()
    const bills = (await get('/v1/partners/bills', t)).json
    expect(bills).toMatchObject({ page: 1, totalPages: 1, total: 12, nextPageToken: null })
    expect(bills.data[0]).toMatchObject({ name: expect.any(String), period: expect.stringMatching(/^\d{4}-\d{2}$/), total: expect.any(String), lines: expect.any(Array) })
    expect((await get('/v1/partners/billing', t)).json).toEqual(bills)
    const tasks = (await get('/v1/partners/tasks?pageSize=1000', t)).json
    const sources = new Set(tasks.data.map((x: { source: string }) => x.source))
    for (const s of ['GMAIL', 'SHAREPOINT_MULTI', 'MS365', 'ONEDRIVE', 'SALESFORCE', 'BOX', 'DROPBOX']) expect(sources).toContain(s)
    expect(tasks.data[0]).toMatchObject({ id: expect.any(String), type: 'BACKUP', status: expect.stringMatching(/^[A-Z_]+$/), region: expect.any(String), size: expect.any(Number), createDate: expect.any(String) })
    const status = (await get('/v1/partners/status', t)).json
    expect(status.data[0]).toMatchObject({ userId: expect.any(String), taskId: expect.any(String), source: expect.any(String), backupStatus: [{ status: expect.stringMatching(/^(ACTIVE|ARCHIVED|FAILED|IN_PROGRESS)$/) }] })
    // Paused and archived tasks run nothing: no next backup, nothing under way, no attempt in the last days.
    const taskById = new Map(tasks.data.map((x: { id: string; status: string }) => [x.id, x]))
    const allStatus = (await get('/v1/partners/status?pageSize=1000', t)).json.data as Array<{ taskId: string; lastBackupAttemptDate: string | null; backupStatus: Array<{ status: string }> }>
    const stopped = allStatus.filter((e) => (taskById.get(e.taskId) as { status: string }).status !== 'ACTIVE')
    expect(stopped.length).toBeGreaterThan(0)
    for (const e of stopped) {
      expect(e.backupStatus[0]!.status).not.toBe('IN_PROGRESS')
      if (e.lastBackupAttemptDate) expect(Date.parse(e.lastBackupAttemptDate)).toBeLessThan(clock.now() - 2 * 86_400_000)
    }
    for (const task of tasks.data as Array<{ status: string; nextBackup: string | null }>) {
      if (task.status !== 'ACTIVE') expect(task.nextBackup).toBeNull()
      else expect(task.nextBackup).toMatch(/^In (1 hour|([2-9]|1\d|2[0-3]) hours)$/)
    }
    const resellers = (await get('/v1/partners/resellers', t)).json
    expect(resellers.total).toBeGreaterThanOrEqual(2)
    const r = resellers.data[0]
    expect((await get(`/v1/partners/resellers/${r.id}`, t)).json).toEqual(r)
    const missing = await get('/v1/partners/resellers/R9999', t)
    expect(missing.status).toBe(404)
    expect(missing.json.error).toBe('Not Found')
    const users = (await get('/v1/partners/users', t)).json
    expect(users.data[0]).toMatchObject({ id: expect.any(String), email: expect.any(String), status: expect.any(String), date: expect.any(Number), partnerID: partner.partnerId })
    const ofReseller = (await get(`/v1/partners/users?resellerId=${r.id}`, t)).json
    expect(ofReseller.total).toBe(r.numOfUsers)
  })

  it('pages with page/pageSize, by page alone: a token without its page is page 1 again; pageSize capped at 1000', async () => {
    const { accessToken: t } = await partnerLogin()
    const all = (await get('/v1/partners/tasks?pageSize=1000', t)).json
    expect(all.total).toBeGreaterThan(7)
    const first = (await get('/v1/partners/tasks?pageSize=3', t)).json
    expect(first).toMatchObject({ page: 1, totalPages: Math.ceil(all.total / 3), total: all.total, nextPageToken: expect.any(String) })
    expect(first.data).toHaveLength(3)
    const second = (await get(`/v1/partners/tasks?page=2&pageSize=3&nextPageToken=${first.nextPageToken}`, t)).json
    expect(second.page).toBe(2)
    expect(second.data.map((x: { id: string }) => x.id)).toEqual(all.data.slice(3, 6).map((x: { id: string }) => x.id))
    // What a client that sends only the token gets from a server paging by `page`.
    expect((await get(`/v1/partners/tasks?pageSize=3&nextPageToken=${first.nextPageToken}`, t)).json).toEqual(first)
    const collected: string[] = []
    for (let page = 1; page <= first.totalPages; page++) collected.push(...(await get(`/v1/partners/tasks?pageSize=4&page=${page}`, t)).json.data.map((x: { id: string }) => x.id))
    expect(collected.slice(0, all.total)).toEqual(all.data.map((x: { id: string }) => x.id))
    expect((await get('/v1/partners/tasks?pageSize=5000', t)).json.data.length).toBe(Math.min(1000, all.total))
    expect((await get('/v1/partners/tasks?pageSize=0', t)).status).toBe(400)
    expect((await get('/v1/partners/tasks?page=0', t)).status).toBe(400)
  })

  it('every backup task is valid against seed 003 schema; portal users see only their own', async () => {
    const { accessToken: t } = await partnerLogin()
    const list = (await get('/v1/backup-tasks?pageSize=1000', t)).json
    expect(list.total).toBe(sim.cloudally.data.tasks.length)
    for (const task of list.data) expect(validate(task, schema), JSON.stringify(task)).toEqual([])
    const statuses = new Set(list.data.map((x: { status: string }) => x.status))
    expect(statuses).toContain('success')
    expect(statuses).toContain('failed')
    const one = (await get(`/v1/backup-tasks/${list.data[0].id}`, t)).json
    expect(one).toEqual(list.data[0])
    expect((await get('/v1/backup-tasks/T999999', t)).status).toBe(404)
    const c = sim.cloudally.credentials
    const portal = (await call(url('/auth'), { method: 'POST', headers: partnerHeaders(), json: { email: c.portalEmail, password: c.portalPassword } })).json.accessToken
    const own = (await get('/v1/backup-tasks', portal)).json
    const portalUser = sim.cloudally.data.users.find((u) => u.email === c.portalEmail)!
    expect(own.total).toBeGreaterThan(0)
    expect(own.data.every((x: { userId: string }) => x.userId === portalUser.id)).toBe(true)
    // The portal user's account is named for its address, and its tasks for the account.
    expect(portalUser.name).toBe('Northwind Inc.')
    expect(own.data.every((x: { name?: string }) => x.name?.startsWith('Northwind '))).toBe(true)
    const foreign = list.data.find((x: { userId: string }) => x.userId !== portalUser.id)
    expect((await get(`/v1/backup-tasks/${foreign.id}`, portal)).status).toBe(404)
  })

  it('restores and downloads progress with the clock; downloads end with a working zip link', async () => {
    const { accessToken: t } = await partnerLogin()
    const task = sim.cloudally.data.tasks.find((x) => x.lastBackupMs !== null)!
    const restore = (body: unknown) => call(url('/v1/restore'), { method: 'POST', headers: { authorization: `Bearer ${t}` }, json: body })
    expect((await restore({ type: 'RESTORE' })).status).toBe(400)
    expect((await restore({ taskId: task.id, type: 'COPY' })).status).toBe(400)
    expect((await restore({ taskId: task.id, entities: 'all' })).status).toBe(400)
    expect((await restore({ taskId: task.id, snapshotDate: 'yesterday' })).status).toBe(400)
    expect((await restore({ taskId: task.id, snapshotDate: '2099-01-01T00:00:00Z' })).status).toBe(400)
    expect((await restore({ taskId: 'T999999' })).status).toBe(404)

    const created = await restore({ taskId: task.id, type: 'RESTORE', entities: ['alice@northwind.example'] })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ jobId: expect.any(String), status: 'PENDING', progress: 0, type: 'RESTORE', taskId: task.id, downloadUrl: null })
    expect(created.headers.get('location')).toContain(`/v1/restore/${created.json.jobId}`)
    const poll = async (id: string) => (await get(`/v1/restore/${id}`, t)).json
    clock.advance(10_000)
    const mid = await poll(created.json.jobId)
    expect(mid.status).toBe('IN_PROGRESS')
    expect(mid.progress).toBeGreaterThan(0)
    expect(mid.progress).toBeLessThan(100)
    clock.advance(30_000)
    expect(await poll(created.json.jobId)).toMatchObject({ status: 'COMPLETED', progress: 100, downloadUrl: null, completedAt: expect.any(String) })

    const dl = await restore({ taskId: task.id, type: 'download', items: ['Inbox/Invoices'] })
    expect(dl.status).toBe(201)
    clock.advance(60_000)
    const done = await poll(dl.json.jobId)
    expect(done).toMatchObject({ status: 'COMPLETED', type: 'DOWNLOAD', downloadUrl: expect.stringContaining('/download?token=') })
    const zip = await fetch(done.downloadUrl)
    expect(zip.status).toBe(200)
    expect(zip.headers.get('content-type')).toBe('application/zip')
    const bytes = Buffer.from(await zip.arrayBuffer())
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50)
    const nameLen = bytes.readUInt16LE(26)
    expect(bytes.subarray(30, 30 + nameLen).toString()).toBe('manifest.json')
    const size = bytes.readUInt32LE(18)
    const manifest = JSON.parse(bytes.subarray(30 + nameLen, 30 + nameLen + size).toString())
    expect(manifest).toMatchObject({ jobId: dl.json.jobId, taskId: task.id, items: ['Inbox/Invoices'] })
    expect((await fetch(done.downloadUrl.replace(/token=[^&]+/, 'token=forged'))).status).toBe(403)

    const failing = await restore({ taskId: task.id, type: 'RESTORE', entities: ['corrupt-mailbox@x'] })
    clock.advance(120_000)
    expect((await poll(failing.json.jobId)).status).toBe('FAILED')
    expect((await get('/v1/restore/RJ-NOPE', t)).status).toBe(404)
    // a portal user cannot see the partner's restore jobs
    const c = sim.cloudally.credentials
    const portal = (await call(url('/auth'), { method: 'POST', headers: partnerHeaders(), json: { email: c.portalEmail, password: c.portalPassword } })).json.accessToken
    expect((await get(`/v1/restore/${dl.json.jobId}`, portal)).status).toBe(404)
  })
})

describe('CloudAlly strict mode against the lax mode', () => {
  let strict: Simulator
  let lax: Simulator
  beforeAll(async () => {
    ;[strict, lax] = await Promise.all([withSim({ seed: 4 }), withSim({ seed: 4, strict: false })])
  })
  afterAll(() => Promise.all([strict.stop(), lax.stop()]))

  const headers = (sim: Simulator) => ({ 'client-id': sim.cloudally.credentials.clientId, 'client-secret': sim.cloudally.credentials.clientSecret })
  const portalLogin = (sim: Simulator, withHeaders: boolean) =>
    call(`${sim.cloudally.url}/auth`, {
      method: 'POST',
      ...(withHeaders ? { headers: headers(sim) } : {}),
      json: { email: sim.cloudally.credentials.portalEmail, password: sim.cloudally.credentials.portalPassword }
    })
  const partnerToken = async (sim: Simulator) => {
    const c = sim.cloudally.credentials
    return (await call(`${sim.cloudally.url}/auth/partner`, { method: 'POST', headers: headers(sim), json: { email: c.partnerEmail, password: c.partnerPassword } })).json.accessToken as string
  }

  it('/auth without the client headers is 401 in strict mode (the real clients send them), accepted in lax mode', async () => {
    const refused = await portalLogin(strict, false)
    expect(refused.status).toBe(401)
    expect(refused.json.message).toMatch(/client-id and client-secret/)
    expect((await portalLogin(strict, true)).status).toBe(200)
    expect((await portalLogin(lax, false)).status).toBe(200)
  })

  it('strict pages by `page` alone; lax follows the token (and its alias nextPage)', async () => {
    const page = async (sim: Simulator, query: string) =>
      (await call(`${sim.cloudally.url}/v1/partners/tasks?${query}`, { headers: { authorization: `Bearer ${await partnerToken(sim)}` } })).json
    for (const sim of [strict, lax]) {
      const first = await page(sim, 'pageSize=2')
      const byToken = await page(sim, `pageSize=2&nextPageToken=${first.nextPageToken}`)
      const byPage = await page(sim, 'pageSize=2&page=2')
      expect(byPage.page).toBe(2)
      if (sim === strict) expect(byToken).toEqual(first)
      else {
        expect(byToken).toEqual(byPage)
        expect(await page(sim, `nextPage=${first.nextPageToken}`)).toEqual(byPage)
        expect((await call(`${sim.cloudally.url}/v1/partners/tasks?nextPageToken=garbage!`, { headers: { authorization: `Bearer ${await partnerToken(sim)}` } })).status).toBe(400)
      }
    }
  })

  it('ids are GUIDs in strict mode, with every reference following; readable in lax mode', async () => {
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    const d = strict.cloudally.data
    for (const id of [...d.resellers.map((r) => r.id), ...d.users.map((u) => u.id), ...d.tasks.map((t) => t.id)]) expect(id).toMatch(guid)
    const userIds = new Set(d.users.map((u) => u.id))
    const resellerIds = new Set(d.resellers.map((r) => r.id))
    expect(d.tasks.every((t) => userIds.has(t.userId))).toBe(true)
    expect(d.users.every((u) => u.resellerId === null || resellerIds.has(u.resellerId))).toBe(true)
    expect(lax.cloudally.data.tasks[0]!.id).toBe('T000001')
    // The same data otherwise: only the ids differ.
    expect(d.tasks.map((t) => t.alias)).toEqual(lax.cloudally.data.tasks.map((t) => t.alias))
    const t = await partnerToken(strict)
    const task = d.tasks.find((x) => x.lastBackupMs !== null)!
    const job = await call(`${strict.cloudally.url}/v1/restore`, { method: 'POST', headers: { authorization: `Bearer ${t}` }, json: { taskId: task.id } })
    expect(job.status).toBe(201)
    expect(job.json.jobId).toMatch(guid)
  })
})
