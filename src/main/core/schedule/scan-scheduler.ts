// When the fleet scan runs by itself. While the vault is unlocked: every N minutes (from the start
// of the last scan, manual ones included) or at the times of a cron expression (croner, local
// time), plus once at launch. Never two scans at once: a due time that finds a scan running waits
// for it and counts it. Paused while locked; on unlock a run that fell due meanwhile happens at
// once. A connection whose provider failed is left out of scheduled scans for a while, doubling
// from 15 minutes up to 6 hours (a manual scan always tries it, and a success clears it).
//
// Time comes from `now` and the global timers, so tests drive it with fake timers.

import { Cron } from 'croner'
import { AppError } from '../../../shared/errors'
import { formatTime, type DateOptions } from '../../../shared/format'
import type { FleetNote } from '../../../shared/model/fleet'
import { SCHEDULE_MIN_MINUTES, type ConnectionBackoff, type ScheduleSettings } from '../../../shared/model/watch'
import { silentLogger, type Logger } from '../log/logger'

const MINUTE_MS = 60_000
export const BACKOFF_BASE_MS = 15 * MINUTE_MS
export const BACKOFF_MAX_MS = 6 * 60 * MINUTE_MS
/** A timer never waits longer than this; a far cron date is re-checked when it fires. */
const MAX_TIMER_MS = 24 * 60 * MINUTE_MS
/** Failures that say nothing about the provider (a lock, a cancel). */
const NOT_PROVIDER = new Set(['LOCKED', 'CANCELLED', 'BACKOFF'])

/** What the scheduler learns of every finished scan. */
export interface ScanOutcome {
  startedAt: number
  finishedAt: number
  /** Connections the scan covered (held ones included). */
  connectionIds: string[]
  notes: FleetNote[]
}

export interface ScanSchedulerOptions {
  settings: () => ScheduleSettings
  /** Starts a scheduled scan leaving `held` out; resolves when it has ended. */
  runScan: (held: ReadonlyMap<string, ConnectionBackoff>) => Promise<void>
  isScanning: () => boolean
  now?: () => number
  logger?: Logger
  /** The status changed (armed, running, paused, backoff). */
  onChange?: () => void
}

/**
 * What the fleet row of a connection left out of a scheduled scan says: why, and from when it is
 * tried again, as a time of day in the user's own zone like every other time the app shows (the
 * row is kept with the scan and read on the Fleet screen).
 */
export function heldNote(b: Pick<ConnectionBackoff, 'message' | 'nextTryAt'>, options: DateOptions = {}): { code: 'BACKOFF'; message: string } {
  return { code: 'BACKOFF', message: `Not checked: ${b.message} (next try after ${formatTime(b.nextTryAt, options)})` }
}

// A refusal of the cron field, with its path so the form shows it beside the field.
const cronRefusal = (message: string) => new AppError('VALIDATION', message, { details: { issues: [{ path: 'schedule.cron', message }] } })

/** Throws VALIDATION unless `expression` is a five-field cron expression croner accepts. */
export function parseCron(expression: string): Cron {
  const fields = expression.trim() === '' ? 0 : expression.trim().split(/\s+/).length
  if (fields === 0) throw cronRefusal('Enter a cron expression: minute hour day month weekday, like 0 7 * * 1-5.')
  if (fields !== 5) throw cronRefusal(`Use five fields (minute hour day month weekday); this has ${fields}.`)
  try {
    return new Cron(expression, { paused: true, mode: '5-part' })
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^CronPattern:\s*/, '').replace(/\.+$/, '') : 'not understood'
    throw cronRefusal(`This cron expression is not understood: ${why}.`)
  }
}

// Enough runs to cover a whole firing day of any schedule at least SCHEDULE_MIN_MINUTES apart
// (at most 288 a day), and the step from one firing day to the next; the minutes and hours of a
// cron expression are the same on every day it fires.
const RUNS_CHECKED = 300

/**
 * Throws VALIDATION unless `expression` parses, fires at some date after `from`, and never twice
 * within SCHEDULE_MIN_MINUTES (the least the "every N minutes" mode allows).
 */
export function checkCronSchedule(expression: string, from: Date): void {
  const cron = parseCron(expression)
  const runs = cron.nextRuns(RUNS_CHECKED, from)
  if (runs.length === 0) throw cronRefusal('This schedule never runs: no date matches it.')
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime()
    if (gap < SCHEDULE_MIN_MINUTES * MINUTE_MS) throw cronRefusal(`This schedule runs more often than every ${SCHEDULE_MIN_MINUTES} minutes; scans must be at least ${SCHEDULE_MIN_MINUTES} minutes apart.`)
  }
}

export class ScanScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined
  private dueAt: number | undefined
  private unlocked = false
  private running = false
  private ranAtLaunch = false
  private lastStartAt: number | undefined
  private readonly backoff = new Map<string, ConnectionBackoff>()
  private readonly now: () => number
  private readonly logger: Logger

  constructor(private readonly options: ScanSchedulerOptions) {
    this.now = options.now ?? Date.now
    this.logger = (options.logger ?? silentLogger).child('schedule')
  }

  get state(): 'scheduled' | 'running' | 'paused' | 'off' {
    if (this.running || (this.unlocked && this.options.isScanning())) return 'running'
    if (!this.unlocked) return 'paused'
    return this.options.settings().mode === 'off' ? 'off' : 'scheduled'
  }

  get nextRunAt(): number | undefined {
    return this.unlocked ? this.dueAt : undefined
  }

  get lastRunAt(): number | undefined {
    return this.lastStartAt
  }

  backoffList(): ConnectionBackoff[] {
    return [...this.backoff.values()]
  }

  /** The vault was unlocked: run what is due (the launch scan, a missed slot), arm the next. */
  resume(): void {
    this.unlocked = true
    const s = this.options.settings()
    if (s.mode !== 'off' && s.atLaunch && !this.ranAtLaunch) {
      this.ranAtLaunch = true
      this.fire()
      return
    }
    this.ranAtLaunch = true
    if (this.dueAt !== undefined && this.dueAt <= this.now()) this.fire()
    else this.arm()
  }

  /** The vault locked: no timer runs until `resume`. The due time is kept (catch-up on unlock). */
  pause(): void {
    this.unlocked = false
    this.clearTimer()
    this.options.onChange?.()
  }

  /** The settings changed: compute the next run again. */
  reconfigure(): void {
    this.dueAt = undefined
    this.arm()
  }

  /** Every finished scan (manual or scheduled): the interval counts from it; backoff is updated. */
  noteScan(outcome: ScanOutcome): void {
    if (this.lastStartAt === undefined || outcome.startedAt > this.lastStartAt) this.lastStartAt = outcome.startedAt
    const failed = new Map(outcome.notes.filter((n) => !NOT_PROVIDER.has(n.code)).map((n) => [n.connectionId, n]))
    const held = new Set(outcome.notes.filter((n) => n.code === 'BACKOFF').map((n) => n.connectionId))
    for (const id of outcome.connectionIds) {
      if (held.has(id)) continue
      const note = failed.get(id)
      if (!note) {
        this.backoff.delete(id)
        continue
      }
      const failures = (this.backoff.get(id)?.failures ?? 0) + 1
      const hold = Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS)
      this.backoff.set(id, {
        connectionId: id,
        connectionName: note.connectionName,
        failures,
        nextTryAt: new Date(outcome.finishedAt + hold).toISOString(),
        code: note.code,
        message: note.message
      })
    }
    if (!this.running) this.arm()
    else this.options.onChange?.()
  }

  /** Connections to leave out of a scheduled scan starting now. */
  held(): Map<string, ConnectionBackoff> {
    const now = this.now()
    return new Map([...this.backoff].filter(([, b]) => Date.parse(b.nextTryAt) > now))
  }

  /** Runs the scheduled scan now, as if it were due (not while locked or while a scan runs). */
  runNow(): boolean {
    if (!this.unlocked || this.running || this.options.isScanning()) return false
    this.fire()
    return true
  }

  forgetConnection(connectionId: string): void {
    this.backoff.delete(connectionId)
  }

  dispose(): void {
    this.unlocked = false
    this.clearTimer()
  }

  // --- internals ---------------------------------------------------------------------------------

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  private computeDue(): number | undefined {
    const s = this.options.settings()
    const now = this.now()
    if (s.mode === 'interval') return Math.max(now, (this.lastStartAt ?? now) + s.everyMinutes * MINUTE_MS)
    if (s.mode === 'cron') {
      try {
        return parseCron(s.cron).nextRun(new Date(now))?.getTime()
      } catch {
        this.logger.warn('the stored cron expression is not valid; no scheduled scan')
        return undefined
      }
    }
    return undefined
  }

  private arm(): void {
    this.clearTimer()
    if (!this.unlocked) return
    this.dueAt = this.computeDue()
    if (this.dueAt !== undefined) {
      const wait = Math.min(Math.max(0, this.dueAt - this.now()), MAX_TIMER_MS)
      this.timer = setTimeout(() => this.onTimer(), wait)
      if (typeof this.timer === 'object' && 'unref' in this.timer) this.timer.unref()
    }
    this.options.onChange?.()
  }

  private onTimer(): void {
    this.timer = undefined
    if (!this.unlocked) return
    if (this.dueAt !== undefined && this.dueAt > this.now()) {
      // A long wait cut to MAX_TIMER_MS: not due yet.
      this.arm()
      return
    }
    this.fire()
  }

  private fire(): void {
    this.clearTimer()
    if (!this.unlocked || this.running) return
    if (this.options.isScanning()) {
      // A manual scan is running: it counts as this slot; noteScan re-arms when it ends.
      this.dueAt = undefined
      this.options.onChange?.()
      return
    }
    this.running = true
    this.dueAt = undefined
    this.options.onChange?.()
    const held = this.held()
    this.options
      .runScan(held)
      .catch((err: unknown) => this.logger.warn('scheduled scan failed', { err }))
      .finally(() => {
        this.running = false
        this.arm()
      })
  }
}
