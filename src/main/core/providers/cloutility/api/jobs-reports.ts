// A node's jobs and reports, and a business unit's status report (every node of its subtree).

import { AppError } from '../../../../../shared/errors'
import type { JobList, NodeReport, NodeWarningType, StatusReport } from '../../../../../shared/providers/cloutility/model'
import { isObject } from '../../wire'
import { items } from '../map/common'
import { firstJobCompleted, toJob, toNodeWarningType, toStatusReport } from '../map/jobs-reports'
import { toNodeReport } from '../map/node-report'
import { statusReportStream } from '../map/status-report-stream'
import { buPath, cuPath, toDate, type CallOptions, type DateRange, type Door, type RequestOptions } from './common'

export interface ReportQuery extends DateRange {
  status?: boolean
  warnings?: boolean
}

const DAY_MS = 86_400_000

export function jobsReportsApi({ request, logger, now, units }: Door) {
  const firstJobCache = new Map<string, string>()
  /** Which path this server answers job lists at, once known (see jobList). */
  let jobListForm: 'jobs' | 'seed' | undefined

  /**
   * When the first job completed: the earliest startTime the jobs list accepts. Only `completed`
   * of jobs/first is read; its other fields are placeholders. null = no jobs yet. Cached per unit.
   */
  async function firstJobTime(buId: number, cid: number, refresh: boolean, o: CallOptions): Promise<string | null> {
    const key = `${buId}/${cid}`
    const cached = firstJobCache.get(key)
    if (!refresh && cached !== undefined) return cached
    let value: string | null
    try {
      value = firstJobCompleted(await request({ ...o, path: `${cuPath(buId, cid)}/jobs/first`, about: `first job of ${units.cu(buId, cid)}` }))
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err
      // A missing unit is an error (NOT_FOUND again); a unit without jobs is not.
      await request({ ...o, path: cuPath(buId, cid), about: units.cu(buId, cid) })
      value = null
    }
    // "No jobs yet" changes with the next backup: only a real time is kept.
    if (value !== null) firstJobCache.set(key, value)
    return value
  }

  /**
   * One window of jobs. The help pages name the list `jobs?startTime=&endTime=`; the seed guide
   * documents it as `jobs/first?startTime=&endTime=`. `/jobs` is asked first, and a server without
   * that route (404 or 405) is asked the seed's way; the form that answered is kept for this client.
   */
  async function jobList(buId: number, cid: number, start: Date, end: Date, o: CallOptions): Promise<unknown> {
    const c: Omit<RequestOptions, 'path'> = { ...o, query: { startTime: start, endTime: end }, about: `jobs of ${units.cu(buId, cid)}` }
    if (jobListForm !== 'seed') {
      try {
        const body = await request({ ...c, path: `${cuPath(buId, cid)}/jobs` })
        jobListForm = 'jobs'
        return body
      } catch (err) {
        const status = err instanceof AppError ? err.details?.status : undefined
        if (jobListForm === 'jobs' || (status !== 404 && status !== 405)) throw err
        logger.info(`GET …/jobs answered ${String(status)}; asking for the job list at jobs/first?startTime=&endTime= (the seed's form)`)
      }
    }
    const body = await request<unknown>({ ...c, path: `${cuPath(buId, cid)}/jobs/first` })
    // Without the time window the same path answers the first job alone: that is no job list.
    if (!Array.isArray(body) && !(isObject(body) && Array.isArray(body.items))) {
      throw new AppError('UNREADABLE', `Cloutility answered the job list of ${units.cu(buId, cid)} with something other than a list of jobs.`)
    }
    jobListForm = 'seed'
    return body
  }

  /**
   * Jobs in a time range (default: the last 24 hours), with the start moved up to the first
   * job's time when it is earlier than Cloutility allows.
   */
  async function jobs(buId: number, cid: number, range: DateRange = {}, o: CallOptions = {}): Promise<JobList> {
    const end = toDate(range.end) ?? new Date(now())
    const wanted = toDate(range.start) ?? new Date(end.getTime() - DAY_MS)
    if (wanted.getTime() > end.getTime()) throw new AppError('VALIDATION', 'The start of the range is after its end.')

    for (let attempt = 0; ; attempt++) {
      const earliest = await firstJobTime(buId, cid, attempt > 0, o)
      const earliestMs = earliest === null ? undefined : Date.parse(earliest)
      const clamped = earliestMs !== undefined && wanted.getTime() < earliestMs
      const start = clamped ? new Date(earliestMs) : wanted
      const rangeOut = { start: start.toISOString(), end: end.toISOString(), earliest, clamped }
      if (earliest === null || start.getTime() > end.getTime()) return { jobs: [], range: rangeOut }
      try {
        return { jobs: items(await jobList(buId, cid, start, end, o), toJob), range: rangeOut }
      } catch (err) {
        // The first job may have moved (old jobs expired): learn it again once.
        if (attempt === 0 && err instanceof AppError && err.code === 'VALIDATION' && /start/i.test(String(err.details?.providerMessage ?? err.message))) continue
        throw err
      }
    }
  }

  async function reports(buId: number, cid: number, query: ReportQuery = {}, o: CallOptions = {}): Promise<NodeReport[]> {
    const body = await request({
      ...o,
      path: `${cuPath(buId, cid)}/reports`,
      query: { startDate: toDate(query.start), endDate: toDate(query.end), status: query.status, warnings: query.warnings },
      about: `reports of ${units.cu(buId, cid)}`
    })
    return items(body, toNodeReport)
  }

  /** One unit's latest node report (status, node name, storage, last backup); undefined when unreadable. */
  async function latestNodeReport(buId: number, cid: number, o: CallOptions = {}): Promise<NodeReport | undefined> {
    const body = await request({ ...o, path: `${cuPath(buId, cid)}/reports/latest`, about: `latest report of ${units.cu(buId, cid)}` })
    return isObject(body) ? toNodeReport(body) : undefined
  }

  async function nodeWarningTypes(o: CallOptions = {}): Promise<NodeWarningType[]> {
    return items(await request({ ...o, path: '/v1/nodewarningtypes' }), toNodeWarningType)
  }

  /** The latest status report of a business unit: every node of its subtree in one call. */
  async function businessUnitStatusReport(buId: number, o: CallOptions = {}): Promise<StatusReport> {
    return toStatusReport(await request({ ...o, path: `${buPath(buId)}/reports/latest`, about: `status report of ${units.bu(buId)}` }))
  }

  /**
   * The same report's node reports, mapped and handed to `visit` one at a time as the report
   * arrives (map/status-report-stream.ts: what eachNodeReport would visit, in its order). A bad
   * report fails the call after some node reports may have been visited: a caller keeps nothing
   * from a failed call. `restart`: the call may be tried again after a broken transfer, and
   * `restart` is called first so the caller forgets what it was handed; without it, a transfer
   * that broke after the first node report is not repeated.
   */
  async function eachBusinessUnitNodeReport(buId: number, visit: (r: NodeReport) => void, o: CallOptions & { restart?: () => void } = {}): Promise<void> {
    const { restart, ...call } = o
    await request({ ...call, path: `${buPath(buId)}/reports/latest`, about: `status report of ${units.bu(buId)}`, stream: statusReportStream(visit, restart) })
  }

  return { jobs, reports, latestNodeReport, nodeWarningTypes, businessUnitStatusReport, eachBusinessUnitNodeReport }
}
