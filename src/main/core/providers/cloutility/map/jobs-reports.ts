// Jobs, warning types and status reports, wire → domain. A node report itself is built in
// node-report.ts (the tuned constructor).

import type { Job, JobList, NodeReport, NodeWarningType, StatusReport } from '../../../../../shared/providers/cloutility/model'
import type { WireJob, WireRef, WireStatusReport } from '../dto'
import { arr, bool, defined, int, isObject, isoDate, mapEach, num, str } from '../../wire'
import { backupStatus, MB, mbToBytes, ref, refName, timeSpanSeconds } from './common'
import { toNodeReport } from './node-report'

export function toJob(w: WireJob): Job | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  const start = isoDate(w.actualStart)
  const end = isoDate(w.completed)
  const transferred = mbToBytes(w.transferredMegaBytes) ?? (num(w.transferredGigaBytes) !== undefined ? Math.round((num(w.transferredGigaBytes) as number) * 1024 * MB) : undefined)
  let durationSeconds = timeSpanSeconds(w.duration)
  if ((durationSeconds === undefined || durationSeconds === 0) && start && end) durationSeconds = Math.max(0, (Date.parse(end) - Date.parse(start)) / 1000)
  const mbps = num(w.transferredMegaBytesPerSecond)
  return defined({
    id,
    name: str(w.name) ?? refName(w.jobName) ?? '',
    type: refName(w.type),
    status: refName(w.status),
    severity: refName(w.severity),
    scheduled: bool(w.scheduled),
    scheduledStart: isoDate(w.scheduledStart),
    start,
    end,
    filesExamined: int(w.examinedFiles),
    filesAffected: int(w.affectedFiles),
    filesFailed: int(w.failedFiles),
    transferredBytes: transferred,
    durationSeconds,
    bytesPerSecond: mbps === undefined ? undefined : Math.round(mbps * MB),
    result: int(w.result),
    consumerId: int(w.consumerId),
    businessUnitId: int(w.businessUnitId)
  })
}

/** From `jobs/first` only its `completed` is real (seed 001): everything else is a placeholder. */
export function firstJobCompleted(w: unknown): string | null {
  if (!isObject(w)) return null
  return isoDate((w as WireJob).completed) ?? null
}

export function toNodeWarningType(w: WireRef & { usesLimit?: unknown }): NodeWarningType | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return { id, name: str(w.name) ?? `#${id}`, usesLimit: bool(w.usesLimit) ?? false }
}

export function toStatusReport(w: unknown): StatusReport {
  const r = (isObject(w) ? w : {}) as WireStatusReport
  const bu = ref(r.businessUnit)
  return defined({
    businessUnitId: int(bu?.id) ?? int(r.businessUnitId),
    businessUnitName: str(bu?.name) ?? str(r.businessUnitName),
    status: backupStatus(r.status),
    reportDate: isoDate(r.reportDate),
    updateTime: isoDate(r.updateTime),
    nodeReports: mapEach(r.nodeReports, toNodeReport),
    childReports: arr<WireStatusReport>(r.childReports).map(toStatusReport)
  })
}

/**
 * Maps the node reports of a wire status report (and of its children) one at a time, handing
 * each to `visit`. For a caller that keeps only what it derives (the fleet scan keeps a row), each
 * NodeReport dies young instead of 10,000 of them surviving until the last is mapped: the
 * garbage collector then copies far less.
 */
export function eachNodeReport(w: unknown, visit: (r: NodeReport) => void): void {
  if (!isObject(w)) return
  const report = w as WireStatusReport
  if (Array.isArray(report.nodeReports)) {
    for (const n of report.nodeReports) {
      const r = toNodeReport(n)
      if (r) visit(r)
    }
  }
  if (Array.isArray(report.childReports)) for (const child of report.childReports) eachNodeReport(child, visit)
}

/** Every node report of a status report and its children, flattened. */
export function allNodeReports(report: StatusReport): NodeReport[] {
  const out: NodeReport[] = []
  const walk = (r: StatusReport) => {
    for (const n of r.nodeReports) out.push(n) // not push(...): 10,000 arguments
    for (const c of r.childReports) walk(c)
  }
  walk(report)
  return out
}

/** A job list as a technician reads it: newest first (by start, else scheduled start; undated last). */
export function newestJobsFirst(list: JobList): JobList {
  const at = (j: Job) => Date.parse(j.start ?? j.scheduledStart ?? '') || -Infinity
  return { ...list, jobs: [...list.jobs].sort((a, b) => at(b) - at(a)) }
}
