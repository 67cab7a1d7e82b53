import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TopicName } from '../../../src/shared/contract'
import type { RestoreRecord } from '../../../src/shared/model/restore'
import { AppError } from '../../../src/shared/errors'
import { EventBus } from '../../../src/main/core/events/event-bus'
import { createCloudAllyClient, type CloudAllyClient } from '../../../src/main/core/providers/cloudally/client'
import { RestoreTracker } from '../../../src/main/core/restores/restore-tracker'
import { createRestoreHandlers } from '../../../src/main/core/restores/restores.handlers'
import { createCloudAllyHandlers } from '../../../src/main/core/providers/cloudally/cloudally.handlers'
import { startSimulator, type Simulator } from '../../../src/simulator'
import { until } from '../../support/until'
import { ManualClock } from '../http/manual-clock'

// The simulator runs on a controllable clock, so a restore job's progress is moved forward by
// the test instead of waited for; the tracker's own polling is real (short delays), and every
// assertion waits for an event, never for a duration.

function fakeClock(start = Date.parse('2026-11-22T12:00:00Z')) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

function waitForRecord(events: EventBus, predicate: (r: RestoreRecord) => boolean): Promise<RestoreRecord> {
  return new Promise((resolve) => {
    const stop = events.subscribe((topic: TopicName, payload: unknown) => {
      if (topic !== 'restores.progress') return
      const r = payload as RestoreRecord
      if (predicate(r)) {
        stop()
        resolve(r)
      }
    })
  })
}

let keyCounter = 0
const newKey = () => `test-key-${Date.now().toString(36)}-${++keyCounter}`

describe('restore tracker against the simulator', () => {
  const clock = fakeClock()
  let sim: Simulator
  let client: CloudAllyClient
  let dir: string
  let events: EventBus
  let notices: Array<{ level: string; message: string }>
  let desktop: string[]
  const trackers: RestoreTracker[] = []

  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', seed: 21, now: clock.now })
    const c = sim.cloudally.credentials
    client = createCloudAllyClient(
      { baseUrl: sim.cloudally.url, mode: 'partner', clientId: c.clientId, clientSecret: c.clientSecret, email: c.partnerEmail, password: c.partnerPassword },
      { http: { retry: { baseDelayMs: 5, maxDelayMs: 20 } } }
    )
  })
  afterAll(async () => {
    await client.close()
    await sim.stop()
  })
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-restores-'))
    events = new EventBus()
    notices = []
    desktop = []
    events.subscribe((topic, payload) => {
      if (topic === 'app.notice') notices.push(payload as { level: string; message: string })
    })
  })
  afterEach(async () => {
    sim.faults.clear()
    await Promise.all(trackers.splice(0).map((t) => t.dispose()))
    rmSync(dir, { recursive: true, force: true })
  })

  const tracker = (clientFor: (id: string) => Promise<CloudAllyClient> = async () => client) => {
    const t = new RestoreTracker({
      dataDir: dir,
      events,
      clientFor,
      platform: { notify: (title, body) => desktop.push(`${title}: ${body}`) },
      pollFirstMs: 5,
      pollMaxMs: 40,
      waitRetryMs: 60_000
    })
    trackers.push(t)
    return t
  }
  const task = () => sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')!
  const restorePosts = () => sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' })

  it('starts a download, follows it with polling to completion, shows the link, notifies and persists', async () => {
    const t = tracker()
    const k = newKey()
    const progressed = waitForRecord(events, (r) => r.status === 'running')
    const record = await t.start({ connectionId: 'c1', requestKey: k, taskId: task().id, taskName: task().alias, kind: 'download', entities: [], items: ['Inbox'] })
    expect(record).toMatchObject({ status: 'pending', kind: 'download', taskId: task().id })
    expect(record.jobId).toMatch(/^RJ-/)
    clock.advance(10_000)
    expect((await progressed).progress).toBeGreaterThan(0)
    const done = waitForRecord(events, (r) => r.status === 'completed')
    clock.advance(60_000)
    const final = await done
    expect(final.progress).toBe(100)
    expect(final.downloadUrl).toMatch(new RegExp(`^${sim.cloudally.url}/v1/restore/${record.jobId}/download\\?token=`))
    expect(notices.some((n) => n.level === 'success' && /Download of .* is ready/.test(n.message))).toBe(true)
    expect(desktop.some((d) => /download ready/.test(d))).toBe(true)
    await t.dispose()
    const onDisk = JSON.parse(readFileSync(join(dir, 'restores.json'), 'utf8'))
    expect(onDisk.records[0]).toMatchObject({ id: record.id, status: 'completed', jobId: record.jobId, downloadUrl: final.downloadUrl })
    const c = sim.cloudally.credentials
    for (const secret of [c.clientSecret, c.partnerPassword]) expect(JSON.stringify(onDisk)).not.toContain(secret)
    // The link is real: it downloads the zip.
    const res = await fetch(final.downloadUrl!)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
  })

  it('a double click (same key, concurrent) and a later retry send POST /v1/restore once', async () => {
    const t = tracker()
    const k = newKey()
    const before = restorePosts()
    const input = { connectionId: 'c1', requestKey: k, taskId: task().id, kind: 'restore' as const }
    const [a, b] = await Promise.all([t.start(input), t.start(input)])
    expect(a.id).toBe(b.id)
    const again = await t.start(input)
    expect(again.id).toBe(a.id)
    expect(restorePosts() - before).toBe(1)
    // The same key for another task is refused, not sent.
    await expect(t.start({ ...input, taskId: 'T999999' })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(restorePosts() - before).toBe(1)
  })

  for (const kind of ['500', '502', '503', 'reset', 'truncated', 'html'] as const) {
    it(`never sends the restore twice under a ${kind} fault; the outcome is "uncertain" and the key stays bound`, async () => {
      const t = tracker()
      sim.faults.add({ provider: 'cloudally', method: 'POST', path: '/v1/restore', kind, times: 1 })
      const before = restorePosts()
      const jobsBefore = sim.cloudally.data.restores.size
      const input = { connectionId: 'c1', requestKey: newKey(), taskId: task().id, kind: 'download' as const }
      const r = await t.start(input)
      expect(r.status).toBe('uncertain')
      expect(r.message).toMatch(/not sent again/)
      expect(restorePosts() - before).toBe(1)
      // Retrying with the same key answers the first result and sends nothing.
      expect((await t.start(input)).id).toBe(r.id)
      expect(restorePosts() - before).toBe(1)
      // A truncated answer is the dangerous one: the job was created although the answer was lost.
      expect(sim.cloudally.data.restores.size - jobsBefore).toBe(kind === 'truncated' ? 1 : 0)
      expect(notices.some((n) => n.level === 'warning')).toBe(true)
    })
  }

  it('never sends the restore twice when the answer never comes (hang → timeout)', async () => {
    const deadlines = new ManualClock()
    const slow = createCloudAllyClient({ ...client.config }, { http: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, deadlineMs: 1_500, deadlineClock: deadlines } })
    try {
      const t = tracker(async () => slow)
      sim.faults.add({ provider: 'cloudally', method: 'POST', path: '/v1/restore', kind: 'hang', times: 1 })
      const before = restorePosts()
      const started = t.start({ connectionId: 'c1', requestKey: newKey(), taskId: task().id, kind: 'restore' })
      // The POST is at the server, which never answers; then its deadline comes.
      await until(() => sim.faults.list().length === 0)
      deadlines.advance(1_500)
      const r = await started
      expect(r.status).toBe('uncertain')
      expect(restorePosts() - before).toBe(1)
    } finally {
      await slow.http.destroy()
    }
  })

  it('a definite refusal (429, 404) creates nothing and releases the key for a retry', async () => {
    const t = tracker()
    const input = { connectionId: 'c1', requestKey: newKey(), taskId: task().id, kind: 'restore' as const }
    sim.faults.add({ provider: 'cloudally', method: 'POST', path: '/v1/restore', kind: '429', retryAfter: 0, times: 1 })
    const before = restorePosts()
    await expect(t.start(input)).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(restorePosts() - before).toBe(1) // a POST is not retried automatically, even on 429
    const ok = await t.start(input)
    expect(ok.status).toBe('pending')
    expect(restorePosts() - before).toBe(2)
    await expect(t.start({ ...input, requestKey: newKey(), taskId: 'T999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const refused = t.list().find((r) => r.taskId === 'T999999')!
    expect(refused).toMatchObject({ status: 'failed' })
    expect(refused.message).toMatch(/^Not started/)
  })

  it('reports a failed restore with an error notice', async () => {
    const t = tracker()
    const failed = waitForRecord(events, (r) => r.status === 'failed')
    await t.start({ connectionId: 'c1', requestKey: newKey(), taskId: task().id, kind: 'restore', entities: ['corrupt-mailbox@example.com'] })
    clock.advance(10 * 60_000)
    const r = await failed
    expect(r.message).toMatch(/failed/)
    expect(notices.some((n) => n.level === 'error' && /Restore of .* failed/.test(n.message))).toBe(true)
  })

  it('resumes polling unfinished jobs after a restart, and waits while the connection is not usable', async () => {
    const first = tracker()
    const r = await first.start({ connectionId: 'c1', requestKey: newKey(), taskId: task().id, kind: 'download' })
    await first.dispose()

    // After restart the vault is still locked: the job waits, nothing is lost.
    let locked = true
    const second = tracker(async () => {
      if (locked) throw new AppError('LOCKED', 'The vault is locked.')
      return client
    })
    const waiting = waitForRecord(events, (x) => x.id === r.id && !!x.waiting)
    await second.init()
    expect((await waiting).waiting).toMatch(/locked/)
    expect(second.get(r.id).status).toBe('pending')

    locked = false
    clock.advance(10 * 60_000)
    const done = waitForRecord(events, (x) => x.id === r.id && x.status === 'completed')
    second.resume()
    const final = await done
    expect(final.downloadUrl).toBeTruthy()
    expect(final.waiting).toBeUndefined()
  })

  it('marks a request that was being sent when Backdesk stopped as uncertain', async () => {
    const t = tracker(() => new Promise<CloudAllyClient>(() => undefined)) // never resolves: nothing is sent
    void t
    const { writeFileSync } = await import('node:fs')
    const at = new Date(clock.now()).toISOString()
    const stuck: RestoreRecord = { id: 'r-1', requestKey: 'stuck-key-1', connectionId: 'c1', provider: 'cloudally', taskId: 'T1', kind: 'restore', entities: [], items: [], status: 'sending', progress: 0, createdAt: at, updatedAt: at }
    writeFileSync(join(dir, 'restores.json'), JSON.stringify({ version: 1, records: [stuck] }))
    const fresh = tracker()
    await fresh.init()
    expect(fresh.get('r-1')).toMatchObject({ status: 'uncertain' })
    // And its key stays bound: no second send.
    const before = restorePosts()
    expect((await fresh.start({ connectionId: 'c1', requestKey: 'stuck-key-1', taskId: 'T1', kind: 'restore' })).id).toBe('r-1')
    expect(restorePosts()).toBe(before)
  })

  it('serves the channels: cloudally.restore.start, restores.list/get/refresh', async () => {
    const t = tracker()
    const ca = createCloudAllyHandlers({ clientFor: async () => client, tracker: t })
    const rh = createRestoreHandlers({ tracker: t })
    const ctx = { shell: 'test' as const, requestId: 'x', allowSecret: () => undefined }
    const k = newKey()
    const started = await ca['cloudally.restore.start']({ connectionId: 'c9', requestKey: k, taskId: task().id, kind: 'download', entities: [], items: [] }, ctx)
    expect((await rh['restores.list']({ connectionId: 'c9' }, ctx)).map((r) => r.id)).toEqual([started.id])
    expect((await rh['restores.get']({ id: started.id }, ctx)).requestKey).toBe(k)
    clock.advance(10 * 60_000)
    const refreshed = await rh['restores.refresh']({ id: started.id }, ctx)
    expect(refreshed.status).toBe('completed')
    const status = await ca['cloudally.status.list']({ connectionId: 'c9' }, ctx)
    const firstOk = status.findIndex((s) => s.overall !== 'FAILED')
    expect(status.slice(firstOk).some((s) => s.overall === 'FAILED')).toBe(false)
    expect(status.filter((s) => s.overall === 'FAILED').length).toBe(sim.cloudally.data.tasks.filter((x) => x.error).length)
  })
})
