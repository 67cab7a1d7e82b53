import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FleetService } from '../../../src/main/core/fleet'
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, checkCronSchedule, heldNote, parseCron, ScanScheduler } from '../../../src/main/core/schedule/scan-scheduler'
import { DEFAULT_WATCH_SETTINGS, type ScheduleSettings } from '../../../src/shared/model/watch'
import { summary } from '../fleet/harness'
import { vaultIn, type KeyedVaultHandle } from '../storage/vault-keys'

// The schedule under fake time: nothing here waits for real minutes. Scans are a real
// FleetService; its only connection is a Cloudback one whose tracked-definition list is a gate the
// test opens, so a scan can be held "running" for as long as a test needs.

const MIN = 60_000
const T0 = Date.parse('2026-03-02T08:00:00.000Z')

let dir: string
let keyed!: KeyedVaultHandle
let gate: { open: () => void; wait: Promise<void> }
function newGate() {
  let open!: () => void
  const wait = new Promise<void>((r) => (open = r))
  gate = { open, wait }
}

function setup(settings: Partial<ScheduleSettings> = {}) {
  const schedule: ScheduleSettings = { ...DEFAULT_WATCH_SETTINGS.schedule, ...settings }
  const starts: Array<{ at: number; held: string[] }> = []
  const fleet = new FleetService({
    dataDir: dir,
    keys: keyed.keys,
    connections: { list: () => [summary('cb-1', 'cloudback', 'Cloudback', 'Acme')] },
    // A Cloudback connection with no tracked definitions, once the gate opens.
    rowsOf: async () => {
      await gate.wait
      return []
    },
    onFinished: (result) =>
      scheduler.noteScan({
        startedAt: Date.parse(result.startedAt),
        finishedAt: Date.parse(result.finishedAt ?? result.startedAt),
        connectionIds: ['cb-1'],
        notes: result.notes
      })
  })
  const scheduler = new ScanScheduler({
    settings: () => schedule,
    isScanning: () => fleet.isRunning(),
    runScan: async (held) => {
      starts.push({ at: Date.now(), held: [...held.keys()] })
      await fleet.run({}, undefined, { scheduled: true, held: new Map([...held].map(([id, b]) => [id, heldNote(b)])) })
    }
  })
  return { scheduler, fleet, starts, schedule }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backdesk-schedule-'))
  // The review queue is sealed under the vault: a real one (cheap KDF), unlocked before time is faked.
  keyed = await vaultIn(dir)
  await keyed.unlock()
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  newGate()
  gate.open()
})
afterEach(async () => {
  vi.useRealTimers()
  await rm(dir, { recursive: true, force: true })
})

describe('scan schedule', () => {
  it('scans at unlock (at launch), then every N minutes from the start of the last scan', async () => {
    const { scheduler, fleet, starts } = setup({ mode: 'interval', everyMinutes: 60, atLaunch: true })
    scheduler.resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(starts.map((s) => s.at)).toEqual([T0])
    expect(scheduler.nextRunAt).toBe(T0 + 60 * MIN)
    await vi.advanceTimersByTimeAsync(59 * MIN)
    expect(starts).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(MIN)
    expect(starts.map((s) => s.at)).toEqual([T0, T0 + 60 * MIN])
    // A manual scan resets the interval: the next scheduled one counts from it.
    await vi.advanceTimersByTimeAsync(30 * MIN)
    await fleet.run({})
    expect(scheduler.nextRunAt).toBe(T0 + 150 * MIN)
    await vi.advanceTimersByTimeAsync(59 * MIN)
    expect(starts).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(MIN)
    expect(starts).toHaveLength(3)
    scheduler.dispose()
  })

  it('does not scan at unlock when "at launch" is off, and not at all when off', async () => {
    const { scheduler, starts, schedule } = setup({ mode: 'interval', everyMinutes: 15, atLaunch: false })
    scheduler.resume()
    await vi.advanceTimersByTimeAsync(14 * MIN)
    expect(starts).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(MIN)
    expect(starts).toHaveLength(1)
    schedule.mode = 'off'
    scheduler.reconfigure()
    expect(scheduler.state).toBe('off')
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    expect(starts).toHaveLength(1)
    scheduler.dispose()
  })

  it('follows a cron expression (local time, five fields)', async () => {
    const { scheduler, starts } = setup({ mode: 'cron', cron: '30 9 * * 1-5', atLaunch: false })
    scheduler.resume()
    // Monday 2 March 2026, 08:00 UTC (the test machine's zone may differ: ask croner for the dates).
    const expected = parseCron('30 9 * * 1-5').nextRuns(3, new Date(T0)).map((d) => d.getTime())
    expect(scheduler.nextRunAt).toBe(expected[0])
    await vi.advanceTimersByTimeAsync((expected[2] as number) - T0)
    expect(starts.map((s) => s.at)).toEqual(expected)
    scheduler.dispose()
  })

  it('never runs two scans at once: a due time during a scan waits for it', async () => {
    const { scheduler, fleet, starts } = setup({ mode: 'interval', everyMinutes: 5, atLaunch: false })
    scheduler.resume()
    newGate() // the next scan stays running until the gate opens
    fleet.start({}) // a manual scan, started by the user
    expect(fleet.isRunning()).toBe(true)
    await vi.advanceTimersByTimeAsync(12 * MIN)
    expect(starts).toHaveLength(0)
    expect(scheduler.state).toBe('running')
    gate.open()
    await fleet.settle()
    await vi.advanceTimersByTimeAsync(0)
    // The manual scan started at T0 counts: the next is 5 minutes after it, i.e. now.
    expect(starts).toHaveLength(1)
    expect(starts[0]?.at).toBe(T0 + 12 * MIN)
    scheduler.dispose()
  })

  it('pauses while locked and catches up once on unlock', async () => {
    const { scheduler, starts } = setup({ mode: 'interval', everyMinutes: 60, atLaunch: true })
    scheduler.resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(starts).toHaveLength(1)
    scheduler.pause()
    expect(scheduler.state).toBe('paused')
    await vi.advanceTimersByTimeAsync(5 * 60 * MIN)
    expect(starts).toHaveLength(1)
    scheduler.resume()
    await vi.advanceTimersByTimeAsync(0)
    // One catch-up scan, not five; the next one an interval later.
    expect(starts.map((s) => s.at)).toEqual([T0, T0 + 300 * MIN])
    await vi.advanceTimersByTimeAsync(60 * MIN)
    expect(starts).toHaveLength(3)
    scheduler.dispose()
  })

  it('backs off a connection whose provider fails: 15 min doubling to 6 h, cleared by a success', () => {
    const { scheduler } = setup()
    const fail = (at: number) =>
      scheduler.noteScan({ startedAt: at, finishedAt: at, connectionIds: ['a', 'b'], notes: [{ connectionId: 'a', connectionName: 'A', provider: 'cloutility', code: 'OFFLINE', message: 'down' }] })
    fail(T0)
    expect(scheduler.backoffList()).toEqual([expect.objectContaining({ connectionId: 'a', failures: 1, nextTryAt: new Date(T0 + BACKOFF_BASE_MS).toISOString() })])
    expect([...scheduler.held().keys()]).toEqual(['a'])
    vi.setSystemTime(T0 + BACKOFF_BASE_MS + 1)
    expect(scheduler.held().size).toBe(0)
    fail(T0 + BACKOFF_BASE_MS + 1)
    expect(scheduler.backoffList()[0]?.nextTryAt).toBe(new Date(T0 + BACKOFF_BASE_MS + 1 + 2 * BACKOFF_BASE_MS).toISOString())
    for (let i = 0; i < 10; i++) fail(T0)
    expect(Date.parse(scheduler.backoffList()[0]?.nextTryAt ?? '') - T0).toBe(BACKOFF_MAX_MS)
    // A scan in which it was held says nothing about it; one that read it clears it.
    scheduler.noteScan({ startedAt: T0, finishedAt: T0, connectionIds: ['a'], notes: [{ connectionId: 'a', connectionName: 'A', provider: 'cloutility', code: 'BACKOFF', message: 'held' }] })
    expect(scheduler.backoffList()).toHaveLength(1)
    scheduler.noteScan({ startedAt: T0, finishedAt: T0, connectionIds: ['a'], notes: [] })
    expect(scheduler.backoffList()).toEqual([])
    scheduler.dispose()
  })

  it('leaves a backed-off connection out of scheduled scans as an error row', async () => {
    const { scheduler, fleet, starts } = setup({ mode: 'interval', everyMinutes: 5, atLaunch: true })
    scheduler.noteScan({ startedAt: T0 - 1, finishedAt: T0 - 1, connectionIds: ['cb-1'], notes: [{ connectionId: 'cb-1', connectionName: 'Cloudback', provider: 'cloudback', code: 'OFFLINE', message: 'refused' }] })
    scheduler.resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(starts[0]?.held).toEqual(['cb-1'])
    const status = await fleet.status()
    expect(status?.rows).toEqual([expect.objectContaining({ kind: 'connection', status: 'error', detail: expect.stringMatching(/^Not checked: refused \(next try after /) })])
    expect(status?.notes[0]?.code).toBe('BACKOFF')
    // 15 minutes later it is tried again (and, reachable now, leaves the backoff).
    await vi.advanceTimersByTimeAsync(15 * MIN)
    expect(starts.at(-1)?.held).toEqual([])
    expect(scheduler.backoffList()).toEqual([])
    scheduler.dispose()
  })

  it('says when a held connection is tried again as a time of day in the user’s zone, not in UTC', () => {
    const backoff = { message: 'Cloutility could not be reached.', nextTryAt: '2026-12-05T19:47:00.000Z' }
    expect(heldNote(backoff, { timeZone: 'Asia/Kolkata', locale: 'en-GB' })).toEqual({ code: 'BACKOFF', message: 'Not checked: Cloutility could not be reached. (next try after 01:17)' })
    expect(heldNote(backoff, { timeZone: 'America/New_York', locale: 'en-US' }).message).toBe('Not checked: Cloutility could not be reached. (next try after 02:47 PM)')
  })

  it('refuses a cron expression it cannot parse, with a clear VALIDATION error', () => {
    expect(() => parseCron('61 * * * *')).toThrow(expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(/not understood.*minute/) }))
    expect(() => parseCron('* * * * * *')).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
    expect(parseCron('*/10 * * * *').nextRun(new Date(T0))?.getTime()).toBe(T0 + 10 * MIN)
  })

  it('words an empty or short cron expression itself, for the cron field, not in the library’s words', () => {
    const refusal = (message: string | RegExp) =>
      expect.objectContaining({ code: 'VALIDATION', message, details: { issues: [{ path: 'schedule.cron', message }] } })
    expect(() => parseCron('')).toThrow(refusal('Enter a cron expression: minute hour day month weekday, like 0 7 * * 1-5.'))
    expect(() => parseCron('0 7 *')).toThrow(refusal('Use five fields (minute hour day month weekday); this has 3.'))
    for (const expression of ['', '0 7 *', '* * * * * *', 'a b c d e']) {
      expect(() => parseCron(expression)).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/six, or seven|parts are required|\.\./) }))
    }
  })

  it('refuses a cron schedule firing more often than every 5 minutes, or never, as every-N-minutes does', () => {
    const from = new Date(T0)
    // The last fires at 23:59 on Monday and again at 00:00 on Tuesday.
    for (const expression of ['*/1 * * * *', '* 9 * * *', '0,3 7 * * 1-5', '0,59 0,23 * * 1,2']) {
      expect(() => checkCronSchedule(expression, from), expression).toThrow(expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(/more often than every 5 minutes/) }))
    }
    expect(() => checkCronSchedule('0 0 31 2 *', from)).toThrow(expect.objectContaining({ code: 'VALIDATION', message: 'This schedule never runs: no date matches it.' }))
    for (const expression of ['*/5 * * * *', '0 7 * * 1-5', '0,5 7 * * *', '30 9 1 * *']) expect(() => checkCronSchedule(expression, from), expression).not.toThrow()
  })
})
