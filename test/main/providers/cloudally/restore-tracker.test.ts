import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TopicName } from '../../../../src/shared/contract'
import type { RestoreRecord } from '../../../../src/shared/model/restore'
import { AppError } from '../../../../src/shared/errors'
import { EventBus } from '../../../../src/main/core/events/event-bus'
import { createCloudAllyClient, type CloudAllyClient } from '../../../../src/main/core/providers/cloudally/client'
import { LEGACY_RESTORES_FILE, RESTORES_FILE, RestoreTracker } from '../../../../src/main/core/providers/cloudally/restore-tracker'
import { createRestoreHandlers } from '../../../../src/main/core/providers/cloudally/restores.handlers'
import { createCloudAllyHandlers } from '../../../../src/main/core/providers/cloudally/cloudally.handlers'
import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'
import { vaultIn, type KeyedVaultHandle } from '../../storage/vault-keys'
import { until } from '../../../support/until'
import { ManualClock } from '../../http/manual-clock'

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
  let opened: string[]
  let vault: KeyedVaultHandle
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
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-restores-'))
    // The history is sealed under the vault: a real one, unlocked.
    vault = await vaultIn(dir)
    await vault.unlock()
    events = new EventBus()
    notices = []
    desktop = []
    opened = []
    events.subscribe((topic, payload) => {
      if (topic === 'app.notice') notices.push(payload as { level: string; message: string })
    })
  })
  afterEach(async () => {
    sim.faults.clear()
    await Promise.all(trackers.splice(0).map((t) => t.dispose()))
    vault.vault.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Links handed to a shell without a browser of main's (the web shell's handOffLink). */
  const handedOff: string[] = []
  const tracker = (clientFor: (id: string) => Promise<CloudAllyClient> = async () => client, shell: 'desktop' | 'web' = 'desktop') => {
    const t = new RestoreTracker({
      dataDir: dir,
      keys: vault.keys,
      events,
      clientFor,
      platform: {
        notify: (title, body) => desktop.push(`${title}: ${body}`),
        openExternal: async (url) => {
          opened.push(url)
        },
        ...(shell === 'web'
          ? {
              handOffLink: async (url: string) => {
                handedOff.push(url)
                return { open: `/go/${handedOff.length}` }
              }
            }
          : {})
      },
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
    expect(record.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) // CloudAlly's ids are GUIDs
    clock.advance(10_000)
    expect((await progressed).progress).toBeGreaterThan(0)
    const done = waitForRecord(events, (r) => r.status === 'completed')
    clock.advance(60_000)
    const final = await done
    expect(final.progress).toBe(100)
    // The renderer's copy shows where the file is, never the link's token.
    expect(final.downloadLink).toBe(`${sim.cloudally.url}/v1/restore/${record.jobId}/download`)
    expect(JSON.stringify(final)).not.toContain('token')
    await t.openDownload(record.id)
    const link = opened.at(-1)!
    expect(link).toMatch(new RegExp(`^${sim.cloudally.url}/v1/restore/${record.jobId}/download\\?token=`))
    expect(notices.some((n) => n.level === 'success' && /Download of .* is ready/.test(n.message))).toBe(true)
    expect(desktop.some((d) => /download ready/.test(d))).toBe(true)
    await t.dispose()
    // Sealed under the vault: no secret, link, job or task name on disk…
    const onDisk = readFileSync(join(dir, RESTORES_FILE), 'utf8')
    const c = sim.cloudally.credentials
    for (const plain of [c.clientSecret, c.partnerPassword, link, record.jobId!, task().id, task().alias]) expect(onDisk).not.toContain(plain)
    // …and all of it back in a new tracker (a restart).
    const again = tracker()
    await again.init()
    expect(again.get(record.id)).toMatchObject({ status: 'completed', jobId: record.jobId, downloadLink: final.downloadLink })
    expect(await again.openDownload(record.id)).toEqual({ opened: true })
    expect(opened.at(-1)).toBe(link)
    // Where main has no browser (the web shell), the answer is the shell's own one-time address:
    // the link goes to the shell, not into the answer the page reads.
    const web = tracker(undefined, 'web')
    await web.init()
    const before = opened.length
    const handed = await web.openDownload(record.id)
    expect(handed).toEqual({ open: '/go/1' })
    expect(JSON.stringify(handed)).not.toContain('token')
    expect(handedOff).toEqual([link])
    expect(opened).toHaveLength(before)
    // The link is real: it downloads the zip.
    const res = await fetch(link)
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
    // Its own state, not "failed": no job ran. The time it ended is the refusal's.
    expect(refused).toMatchObject({ status: 'not-started', progress: 0 })
    expect(refused.completedAt).toBeDefined()
    expect(refused.message).toMatch(/^Not started/)
  })

  it('reads a refusal stored by an earlier version (failed, not created) as not started, and a real failure as failed', async () => {
    const at = new Date(clock.now()).toISOString()
    const base = { connectionId: 'c1', provider: 'cloudally' as const, taskId: 'T1', kind: 'restore' as const, entities: [], items: [], progress: 0, createdAt: at, updatedAt: at, completedAt: at }
    const refused = { ...base, id: 'r-old-refused', requestKey: 'old-refused', status: 'failed', notCreated: true, message: 'Not started: CloudAlly refused it.' }
    const failed = { ...base, id: 'r-old-failed', requestKey: 'old-failed', jobId: 'J1', status: 'failed', progress: 50, message: 'The restore failed.' }
    writeFileSync(join(dir, LEGACY_RESTORES_FILE), JSON.stringify({ version: 1, records: [refused, failed] }))
    const t = tracker()
    await t.init()
    expect(t.get('r-old-refused')).toMatchObject({ status: 'not-started', message: 'Not started: CloudAlly refused it.' })
    expect(t.get('r-old-refused')).not.toHaveProperty('notCreated')
    expect(t.get('r-old-failed')).toMatchObject({ status: 'failed', progress: 50 })
    // Its key is still free: a new request with it is sent.
    const before = restorePosts()
    expect((await t.start({ connectionId: 'c1', requestKey: 'old-refused', taskId: task().id, kind: 'restore' })).status).toBe('pending')
    expect(restorePosts() - before).toBe(1)
  })

  it('settles an unknown outcome as the technician found it in CloudAlly, sending nothing', async () => {
    const t = tracker()
    const rh = createRestoreHandlers({ tracker: t })
    const ctx = { shell: 'test' as const, requestId: 'x', allowSecret: () => undefined }
    const unknown = async () => {
      sim.faults.add({ provider: 'cloudally', method: 'POST', path: '/v1/restore', kind: '503', times: 1 })
      const r = await t.start({ connectionId: 'c1', requestKey: newKey(), taskId: task().id, kind: 'restore' })
      expect(r.status).toBe('uncertain')
      return r
    }
    const notThere = await unknown()
    const before = sim.stats.count({ provider: 'cloudally' })
    const marked = await rh['restores.settle']({ id: notThere.id, outcome: 'not-started' }, ctx)
    expect(marked.status).toBe('not-started')
    expect(marked.checkedAt).toBeDefined()
    expect(marked.completedAt).toBe(marked.checkedAt)
    expect(marked.message).toMatch(/^Not started: checked in CloudAlly/)
    // A known outcome is not marked again.
    await expect(t.settle(notThere.id, 'started')).rejects.toMatchObject({ code: 'CONFLICT' })

    const found = await unknown()
    const started = await t.settle(found.id, 'started')
    expect(started).toMatchObject({ status: 'started-unfollowed' })
    expect(started.message).toMatch(/follow it in CloudAlly/)
    expect(sim.stats.count({ provider: 'cloudally' }) - before).toBe(1) // the second request's POST only
    // Remembered across a restart.
    await t.dispose()
    const again = tracker()
    await again.init()
    expect(again.get(notThere.id).status).toBe('not-started')
    expect(again.get(found.id).status).toBe('started-unfollowed')
    expect(again.activeCount).toBe(0)
  })

  it('a refusal says why in CloudAlly\'s words: a task with nothing to restore, a task that is gone', async () => {
    const t = tracker()
    // A task that has not run yet (the seed's tasks all have: this one is made so for the test).
    const never = sim.cloudally.data.tasks.find((x) => x.status === 'ACTIVE' && x.lastBackupMs !== null)!
    const lastBackupMs = never.lastBackupMs
    never.lastBackupMs = null
    const input = { connectionId: 'c1', requestKey: newKey(), taskId: never.id, kind: 'restore' as const }
    const noSnapshot = await t.start(input).catch((err: unknown) => err)
    never.lastBackupMs = lastBackupMs
    expect(noSnapshot).toMatchObject({ code: 'CONFLICT' })
    // CloudAlly's own reason, not the generic "already exists or was changed meanwhile".
    expect((noSnapshot as AppError).message).toMatch(/^CloudAlly refused the restore request \(HTTP 409\)\. Nothing was started\./)
    expect((noSnapshot as AppError).message).toContain(`has no snapshot to restore from`)
    expect((noSnapshot as AppError).message).not.toMatch(/already exists/)
    expect(t.list().find((r) => r.requestKey === input.requestKey)?.message).toContain('has no snapshot to restore from')

    const gone = await t.start({ ...input, requestKey: newKey(), taskId: 'T-deleted', kind: 'download' }).catch((err: unknown) => err)
    expect(gone).toMatchObject({ code: 'NOT_FOUND' })
    expect((gone as AppError).message).toMatch(/^CloudAlly has no backup task T-deleted for this login/)
    expect((gone as AppError).message).not.toMatch(/The provider/)
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

    // After a restart the vault is locked: nothing is read or polled until it is unlocked.
    vault.vault.dispose()
    vault = await vaultIn(dir)
    let usable = false
    const second = tracker(async () => {
      if (!usable) throw new AppError('NOT_FOUND', 'The connection is not usable yet.')
      return client
    })
    await expect(second.init()).rejects.toMatchObject({ code: 'LOCKED' })
    expect(() => second.list()).toThrow(/locked/)
    expect(second.activeCount).toBe(0)

    // Unlocked, but the connection is not usable: the job waits, nothing is lost.
    const waiting = waitForRecord(events, (x) => x.id === r.id && !!x.waiting)
    await vault.unlock()
    expect((await waiting).waiting).toMatch(/not usable/)
    expect(second.get(r.id).status).toBe('pending')

    usable = true
    clock.advance(10 * 60_000)
    const done = waitForRecord(events, (x) => x.id === r.id && x.status === 'completed')
    second.resume()
    const final = await done
    expect(final.downloadLink).toBeTruthy()
    expect(final.waiting).toBeUndefined()
  })

  it('moves the plaintext history of an earlier version under the key, and marks a request that was being sent as uncertain', async () => {
    const at = new Date(clock.now()).toISOString()
    const stuck: RestoreRecord = { id: 'r-1', requestKey: 'stuck-key-1', connectionId: 'c1', provider: 'cloudally', taskId: 'T1', taskName: 'Northwind mail', kind: 'restore', entities: [], items: [], status: 'sending', progress: 0, createdAt: at, updatedAt: at }
    writeFileSync(join(dir, LEGACY_RESTORES_FILE), JSON.stringify({ version: 1, records: [stuck] }))
    const fresh = tracker()
    await fresh.init()
    expect(fresh.get('r-1')).toMatchObject({ status: 'uncertain', taskName: 'Northwind mail' })
    expect(existsSync(join(dir, LEGACY_RESTORES_FILE))).toBe(false)
    expect(readFileSync(join(dir, RESTORES_FILE), 'utf8')).not.toContain('Northwind')
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

    // Nothing of the history is served while the vault is locked.
    vault.vault.lock()
    await expect(rh['restores.list'](undefined, ctx)).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(rh['restores.get']({ id: started.id }, ctx)).rejects.toMatchObject({ code: 'LOCKED' })
  })

  it('keeps an answer that arrives while the vault is locked, and saves and follows it at the next unlock', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    // The real client, with its POST held back until the vault has locked.
    const gated = Object.assign(Object.create(client) as CloudAllyClient, {
      createRestore: async (input: Parameters<CloudAllyClient['createRestore']>[0]) => {
        await gate
        return client.createRestore(input)
      }
    })
    const t = tracker(async () => gated)
    await t.init()
    const k = newKey()
    const sending = waitForRecord(events, (r) => r.requestKey === k && r.status === 'sending')
    const started = t.start({ connectionId: 'c1', requestKey: k, taskId: task().id, kind: 'download' })
    await sending
    vault.vault.lock()
    release()
    const answered = await started
    expect(answered).toMatchObject({ status: 'pending', jobId: expect.any(String) })
    expect(t.activeCount).toBe(0) // nothing is polled while locked
    expect(() => t.list()).toThrow(/locked/)

    const done = waitForRecord(events, (r) => r.id === answered.id && r.status === 'completed')
    await vault.unlock()
    await t.init()
    // Saved as answered, not turned "uncertain" as a send that never came back would be.
    expect(t.get(answered.id)).toMatchObject({ status: 'pending', jobId: answered.jobId })
    clock.advance(10 * 60_000)
    await done
    expect(restorePosts()).toBeGreaterThan(0)
    await t.dispose()
    const again = tracker()
    await again.init()
    expect(again.get(answered.id)).toMatchObject({ status: 'completed', jobId: answered.jobId })
  })
})
