import { DAY_MS, dayNumber, unit } from '../random'
import { ERROR_STATUS_RANK, NODE_WARNING_TYPES, type ErrorStatusName, type JobStatusName } from './catalog'
import { HISTORY_DAYS, type CloutilityData, type ConsumerRecord } from './data'

// Jobs, storage and node health are never stored: each is a pure function of
// (seed, consumer, day), so a 50,000-node fleet costs nothing until someone asks.

export interface DerivedJob {
  id: number
  consumerId: number
  nodeId: number
  day: number
  type: 'Backup' | 'Restore'
  status: JobStatusName
  scheduled: boolean
  name: string
  scheduledStartMs: number
  actualStartMs: number | null
  completedMs: number | null
  examinedFiles: number
  affectedFiles: number
  failedFiles: number
  /** IBM SP client return code: 0 ok, 4 skipped files, 8 warnings, 12 errors. */
  result: number
  transferredMegaBytes: number
}

const FAILURE_STATUSES: ReadonlySet<JobStatusName> = new Set(['Failed', 'FailedNoRestart', 'Severed'])

/** Day of the first job: the day after activation, but history is kept for 90 days only. */
export function firstJobDay(data: CloutilityData, c: ConsumerRecord): number | null {
  if (!c.node?.activatedMs) return null
  return Math.max(dayNumber(c.node.activatedMs) + 1, data.anchorDay - HISTORY_DAYS)
}

export function storageMegaBytes(data: CloutilityData, c: ConsumerRecord, day: number): number {
  const start = data.anchorDay - HISTORY_DAYS
  const grownUntil = c.profile === 'missed' ? Math.min(day, c.troubleSinceDay) : day
  const days = Math.max(0, grownUntil - start)
  return Math.round(c.baseMegaBytes * (1 + c.dailyGrowth * days) * 100) / 100
}

function outcome(c: ConsumerRecord, day: number, h: number, isFirst: boolean): { status: JobStatusName; result: number } {
  if (isFirst) return { status: 'Completed', result: 0 }
  const troubled = day >= c.troubleSinceDay
  if (c.profile === 'failing' && troubled) {
    return h < 0.5 ? { status: 'Failed', result: 12 } : h < 0.75 ? { status: 'FailedNoRestart', result: 12 } : { status: 'Severed', result: 12 }
  }
  if (c.profile === 'missed' && troubled) return { status: 'Missed', result: 0 }
  if (c.profile === 'warnings') {
    return h < 0.6 ? { status: 'Completed', result: 0 } : h < 0.93 ? { status: 'Completed', result: 4 } : { status: 'Failed', result: 12 }
  }
  return h < 0.95 ? { status: 'Completed', result: 0 } : h < 0.985 ? { status: 'Completed', result: 4 } : { status: 'Failed', result: 12 }
}

/** The scheduled backup of `day`, or null if there is none (yet). */
export function backupJob(data: CloutilityData, c: ConsumerRecord, day: number, nowMs: number): DerivedJob | null {
  const first = firstJobDay(data, c)
  const node = c.node
  if (first === null || !node || day < first) return null
  const scheduledStartMs = day * DAY_MS + node.scheduleMinute * 60_000
  if (scheduledStartMs > nowMs) return null
  const h = unit(data.seed, 'job', node.id, day)
  const h2 = unit(data.seed, 'job2', node.id, day)
  let { status, result } = outcome(c, day, h, day === first)
  const storage = storageMegaBytes(data, c, day)
  const examinedFiles = Math.round(storage * (2 + h2 * 6))
  const transferred = Math.round(storage * (0.002 + h2 * 0.03) * 100) / 100
  const actualStartMs = scheduledStartMs + Math.round(h2 * 600_000)
  const durationMs = 120_000 + Math.round(transferred * 400) + Math.round(h * 3_600_000)
  let completedMs: number | null = actualStartMs + (status === 'Completed' ? durationMs : Math.round(durationMs / 3))
  let actual: number | null = actualStartMs
  if (status === 'Missed') {
    // A missed schedule is only known once its start window (1 h) has passed.
    if (nowMs < scheduledStartMs + 3_600_000) return null
    actual = null
    completedMs = null
  } else if (completedMs > nowMs) {
    status = 'InProgress'
    completedMs = null
    result = 0
  }
  const ran = status !== 'Missed'
  const failedFiles = result === 4 ? 1 + Math.floor(h2 * 40) : result === 12 ? Math.floor(h2 * 5) : 0
  return {
    id: node.id * 10_000 + (day % 5000) * 2,
    consumerId: c.id,
    nodeId: node.id,
    day,
    type: 'Backup',
    status,
    scheduled: true,
    name: 'DAILY_INCR',
    scheduledStartMs,
    actualStartMs: actual,
    completedMs,
    examinedFiles: ran ? examinedFiles : 0,
    affectedFiles: ran && status !== 'InProgress' ? Math.round(examinedFiles * (0.005 + h * 0.02)) : 0,
    failedFiles,
    result,
    transferredMegaBytes: ran && status !== 'InProgress' ? (FAILURE_STATUSES.has(status) ? Math.round(transferred * 30) / 100 : transferred) : 0
  }
}

/** An occasional manual restore (about 2 % of days) so job lists are not all backups. */
export function restoreJob(data: CloutilityData, c: ConsumerRecord, day: number, nowMs: number): DerivedJob | null {
  const first = firstJobDay(data, c)
  const node = c.node
  if (first === null || !node || day <= first) return null
  const h = unit(data.seed, 'restore', node.id, day)
  if (h >= 0.02) return null
  const actualStartMs = day * DAY_MS + (9 * 60 + Math.round(h * 50 * 400)) * 60_000
  const completedMs = actualStartMs + 600_000 + Math.round(h * 40_000_000)
  if (completedMs > nowMs) return null
  return {
    id: node.id * 10_000 + (day % 5000) * 2 + 1,
    consumerId: c.id,
    nodeId: node.id,
    day,
    type: 'Restore',
    status: 'Completed',
    scheduled: false,
    name: 'Manual job',
    scheduledStartMs: actualStartMs,
    actualStartMs,
    completedMs,
    examinedFiles: 10 + Math.round(h * 50_000),
    affectedFiles: 10 + Math.round(h * 50_000),
    failedFiles: 0,
    result: 0,
    transferredMegaBytes: Math.round(h * 100_000) / 100
  }
}

export function firstJob(data: CloutilityData, c: ConsumerRecord, nowMs: number): DerivedJob | null {
  const day = firstJobDay(data, c)
  if (day === null) return null
  const job = backupJob(data, c, day, nowMs)
  return job && job.completedMs !== null ? job : null
}

/**
 * Jobs whose completion (else actual start, else scheduled start) lies in [startMs, endMs], oldest
 * first. Filtering on `completed` is what makes the documented rule "startTime >= completed of the
 * first job" able to return the first job at all.
 */
export function jobsBetween(data: CloutilityData, c: ConsumerRecord, startMs: number, endMs: number, nowMs: number): DerivedJob[] {
  const out: DerivedJob[] = []
  const first = firstJobDay(data, c)
  if (first === null) return out
  const fromDay = Math.max(first, dayNumber(startMs) - 1)
  const toDay = Math.min(dayNumber(Math.min(endMs, nowMs)), dayNumber(nowMs))
  for (let day = fromDay; day <= toDay; day++) {
    for (const job of [backupJob(data, c, day, nowMs), restoreJob(data, c, day, nowMs)]) {
      if (!job) continue
      const t = job.completedMs ?? job.actualStartMs ?? job.scheduledStartMs
      if (t >= startMs && t <= endMs) out.push(job)
    }
  }
  return out
}

export interface NodeHealth {
  status: ErrorStatusName
  lastJob: DerivedJob | null
  lastSuccessful: DerivedJob | null
  daysSinceSuccess: number | null
  warnings: Array<{ typeId: number; status: ErrorStatusName; days: number; limit: number }>
  storageMegaBytes: number
}

/** Health of one consumer as of `asOfMs` (end of a report day, or now). */
export function nodeHealth(data: CloutilityData, c: ConsumerRecord, asOfMs: number, nowMs: number): NodeHealth {
  const day = dayNumber(asOfMs)
  const storage = c.node?.activatedMs ? storageMegaBytes(data, c, day) : 0
  const first = firstJobDay(data, c)
  if (!c.node?.activatedMs || first === null) {
    return { status: 'Pending', lastJob: null, lastSuccessful: null, daysSinceSuccess: null, warnings: [], storageMegaBytes: storage }
  }
  const clock = Math.min(asOfMs, nowMs)
  let lastJob: DerivedJob | null = null
  let lastSuccessful: DerivedJob | null = null
  for (let d = day; d >= first && d >= day - HISTORY_DAYS; d--) {
    const job = backupJob(data, c, d, clock)
    if (!job) continue
    if (job.status === 'InProgress') continue
    if (!lastJob) lastJob = job
    if (job.status === 'Completed') {
      lastSuccessful = job
      break
    }
  }
  const daysSinceSuccess = lastSuccessful?.completedMs != null ? Math.floor((clock - lastSuccessful.completedMs) / DAY_MS) : null
  const warnings: NodeHealth['warnings'] = []
  let status: ErrorStatusName = 'Ok'
  const worsen = (s: ErrorStatusName) => {
    if (ERROR_STATUS_RANK[s] > ERROR_STATUS_RANK[status]) status = s
  }
  const noActivityLimit = NODE_WARNING_TYPES[0].defaultLimit
  if (!c.allowNoActivity && (daysSinceSuccess === null || daysSinceSuccess >= noActivityLimit)) {
    const s: ErrorStatusName = daysSinceSuccess === null || daysSinceSuccess >= 7 ? 'Error' : 'Warning'
    warnings.push({ typeId: 1, status: s, days: daysSinceSuccess ?? HISTORY_DAYS, limit: noActivityLimit })
    worsen(s)
  }
  if (lastJob) {
    if (lastJob.status === 'Completed' && lastJob.result === 4) {
      warnings.push({ typeId: 2, status: 'OkWithWarnings', days: 0, limit: 0 })
      worsen('OkWithWarnings')
    }
    if (lastJob.status === 'Missed') {
      warnings.push({ typeId: 4, status: 'Warning', days: 0, limit: 0 })
      worsen('Warning')
    }
    if (FAILURE_STATUSES.has(lastJob.status) || (lastJob.status === 'Completed' && lastJob.result >= 8)) {
      warnings.push({ typeId: 5, status: 'Error', days: 0, limit: 0 })
      worsen('Error')
    }
  }
  if (c.limitHighStorage > 0 && storage / 1024 > c.limitHighStorage) {
    warnings.push({ typeId: 3, status: 'Warning', days: 0, limit: c.limitHighStorage })
    worsen('Warning')
  }
  if (c.node.locked) {
    warnings.push({ typeId: 6, status: 'Error', days: 0, limit: 0 })
    worsen('Error')
  }
  return { status, lastJob, lastSuccessful, daysSinceSuccess, warnings, storageMegaBytes: storage }
}
