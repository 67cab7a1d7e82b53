import type { Router } from '../http/router'
import { boolQuery, dateQuery, hasQuery, intQuery, queryAll, queryParam } from '../http/request'
import { json, type SimRequest } from '../http/types'
import { DAY_MS, dayNumber, iso } from '../random'
import { AUDIT_TYPES, ERROR_STATUS, ERROR_STATUS_RANK, type ErrorStatusName } from './catalog'
import type { CloutilityContext } from './context'
import type { AuditEntry, BusinessUnitRecord, ConsumerRecord } from './data'
import { apiError } from './errors'
import { backupJob, firstJob, jobsBetween, nodeHealth } from './jobs'
import * as shape from './shapes'

// Jobs, node and business-unit reports, and audit logs.

const MAX_REPORT_DAYS = 400
const MAX_STATUS_REPORT_DAYS = 31
const LATEST_REPORT_MAX_AGE_MS = 60_000
const MAX_STORED_REPORTS = 32
export const AUDIT_DEFAULT_LIMIT = 100
export const AUDIT_MAX_LIMIT = 1000

export function registerActivityRoutes(router: Router, ctx: CloutilityContext): void {
  const { data } = ctx

  // --- jobs -----------------------------------------------------------------------------------
  const jobList = (req: SimRequest, c: ConsumerRecord) => {
    const now = ctx.now()
    const start = dateQuery(req, 'startTime')
    const end = dateQuery(req, 'endTime')
    const endMs = end ?? now
    const startMs = start ?? endMs - DAY_MS // no startTime: only the last 24 hours (seed 001)
    if (endMs < startMs) throw apiError(400, 'endTime must be later than startTime.')
    const first = firstJob(data, c, now)
    if (start !== undefined && first && start < (first.completedMs as number)) {
      throw apiError(
        400,
        'Invalid startTime.',
        `startTime must be greater than or equal to the completed time of the first job (${iso(first.completedMs as number)}); see jobs/first.`
      )
    }
    const items = jobsBetween(data, c, startMs, endMs, now).map((j) => shape.job(req.baseUrl, c, j))
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${c.buId}/consumers/${c.id}/jobs`, items))
  }

  router.get('/v1/bunits/:bu/consumers/:cid/jobs', (req) => {
    const s = ctx.session(req)
    return jobList(req, ctx.consumer(req, s).consumer)
  })

  router.get('/v1/bunits/:bu/consumers/:cid/jobs/first', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    // The seed documents the list at jobs/first?startTime=…; with a time parameter it is the list.
    if (hasQuery(req, 'startTime') || hasQuery(req, 'endTime')) return jobList(req, consumer)
    const first = firstJob(data, consumer, ctx.now())
    if (!first) throw apiError(404, 'No jobs found.', `Consumption unit ${consumer.id} has no jobs yet.`)
    return json(200, shape.firstJobPlaceholder(req.baseUrl, consumer, first))
  })

  // --- SP schedule events (help page GET .../consumers/{id}/events) -------------------------------
  // One event per scheduled backup of the last 7 days, as its job ended, plus the next one
  // ("Future"). Statuses are SP's event statuses (the Event help page).
  router.get('/v1/bunits/:bu/consumers/:cid/events', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    const node = consumer.node
    if (!node) throw apiError(404, 'Backup node not found.', `Consumption unit ${consumer.id} has no backup node.`)
    const now = ctx.now()
    const today = dayNumber(now)
    const items = []
    for (let day = today - 6; day <= today; day++) {
      const j = backupJob(data, consumer, day, now)
      if (j) items.push(shape.scheduleEvent(req.baseUrl, consumer, j.id, j.status, j.result, j.scheduledStartMs, j.actualStartMs, j.completedMs))
    }
    if (node.activatedMs) {
      const nextStart = (now - (now % DAY_MS)) + node.scheduleMinute * 60_000
      const start = nextStart > now ? nextStart : nextStart + DAY_MS
      items.push(shape.scheduleEvent(req.baseUrl, consumer, node.id * 10_000 + (dayNumber(start) % 5000) * 2, 'Future', 0, start, null, null))
    }
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${consumer.buId}/consumers/${consumer.id}/events`, items))
  })

  // --- node reports ---------------------------------------------------------------------------
  router.get('/v1/bunits/:bu/consumers/:cid/reports', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    const now = ctx.now()
    const endMs = Math.min(dateQuery(req, 'endDate') ?? now, now)
    const startMs = dateQuery(req, 'startDate') ?? endMs - 29 * DAY_MS
    if (endMs < startMs) throw apiError(400, 'endDate must be later than startDate.')
    const fromDay = Math.max(dayNumber(startMs), dayNumber(consumer.createdMs))
    const toDay = dayNumber(endMs)
    if (toDay - fromDay > MAX_REPORT_DAYS) throw apiError(400, `At most ${MAX_REPORT_DAYS} days of reports per request.`)
    const opts = { includeStatus: boolQuery(req, 'status', false), includeWarnings: boolQuery(req, 'warnings', false) }
    const items = []
    for (let d = toDay; d >= fromDay; d--) items.push(shape.nodeReport(req.baseUrl, data, consumer, d, now, opts))
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${consumer.buId}/consumers/${consumer.id}/reports`, items))
  })

  router.get('/v1/bunits/:bu/consumers/:cid/reports/latest', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    intQuery(req, 'userId', 0)
    const now = ctx.now()
    return json(200, shape.nodeReport(req.baseUrl, data, consumer, dayNumber(now), now, { includeStatus: true, includeWarnings: true }))
  })

  // --- business-unit status reports -----------------------------------------------------------
  const statusReport = (req: SimRequest, bu: BusinessUnitRecord, day: number) => {
    const now = ctx.now()
    const asOf = Math.min((day + 1) * DAY_MS - 1, now)
    const ids = ctx.subtreeIds(bu)
    const perBu = new Map<number, { status: ErrorStatusName; count: number; megaBytes: number }>()
    const nodeReports = []
    const counts = new Map<ErrorStatusName, { count: number; megaBytes: number }>()
    let worst: ErrorStatusName = 'Ok'
    let customers = 0
    let contracts = 0
    for (const id of ids) {
      const b = data.businessUnits.get(id)
      if (!b) continue
      if (b.level === 'customer') customers++
      if (b.hasContract) contracts++
      for (const cid of b.consumerIds) {
        const c = data.consumers.get(cid)
        if (!c || c.createdMs > asOf) continue
        const health = nodeHealth(data, c, asOf, now)
        nodeReports.push(shape.nodeReportInStatusReport(data, c, day, health))
        const entry = counts.get(health.status) ?? { count: 0, megaBytes: 0 }
        entry.count++
        entry.megaBytes += health.storageMegaBytes
        counts.set(health.status, entry)
        if (ERROR_STATUS_RANK[health.status] > ERROR_STATUS_RANK[worst]) worst = health.status
        const child = childOf(bu, b)
        const agg = perBu.get(child) ?? { status: 'Ok' as ErrorStatusName, count: 0, megaBytes: 0 }
        agg.count++
        agg.megaBytes += health.storageMegaBytes
        if (ERROR_STATUS_RANK[health.status] > ERROR_STATUS_RANK[agg.status]) agg.status = health.status
        perBu.set(child, agg)
      }
    }
    return {
      href: `${req.baseUrl}/v1/bunits/${bu.id}/reports/${day}`,
      businessUnit: { href: `${req.baseUrl}/v1/bunits/${bu.id}`, id: bu.id, name: bu.name },
      businessUnitName: bu.name,
      descendants: ids.length - 1,
      customers,
      contracts,
      hasContract: bu.hasContract,
      status: ERROR_STATUS[worst],
      summaries: [...counts.entries()].map(([status, v]) => ({ status: ERROR_STATUS[status], count: v.count, megaBytes: Math.round(v.megaBytes * 100) / 100 })),
      parentReport: null,
      childReports: bu.childIds.map((id) => {
        const b = data.businessUnits.get(id)
        const agg = perBu.get(id)
        return { businessUnitId: id, businessUnitName: b?.name ?? '', status: ERROR_STATUS[agg?.status ?? 'Ok'], nodeCount: agg?.count ?? 0, megaBytes: Math.round((agg?.megaBytes ?? 0) * 100) / 100 }
      }),
      warnings: [],
      reportDate: iso(day * DAY_MS),
      updateTime: iso(asOf),
      nodeReports,
      id: bu.id * 100_000 + (day % 100_000),
      createdDate: iso(day * DAY_MS)
    }
  }

  /** The direct child of `root` that `b` lies under (root itself for root's own consumers). */
  const childOf = (root: BusinessUnitRecord, b: BusinessUnitRecord): number => {
    let cur: BusinessUnitRecord | undefined = b
    while (cur && cur.parentId !== root.id && cur.id !== root.id) cur = cur.parentId === null ? undefined : data.businessUnits.get(cur.parentId)
    return cur?.id ?? root.id
  }

  // The latest report is a stored document, as in the service (a report has an id, a reportDate
  // and an updateTime; it is not computed per call): built once, then served as it is until the
  // data changes through the API, the day turns or it is a minute old. At 10,000 nodes building and
  // serialising it takes ~60 ms, serving the stored bytes ~1 ms.
  const storedLatest = new Map<number, { day: number; builtAt: number; revision: number; bytes: Buffer }>()
  router.get('/v1/bunits/:bu/reports/latest', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    intQuery(req, 'userId', 0)
    const now = ctx.now()
    const day = dayNumber(now)
    let stored = storedLatest.get(bu.id)
    const current = stored && stored.day === day && stored.revision === data.revision && now >= stored.builtAt && now - stored.builtAt < LATEST_REPORT_MAX_AGE_MS
    if (!stored || !current) {
      stored = { day, builtAt: now, revision: data.revision, bytes: Buffer.from(JSON.stringify(statusReport(req, bu, day))) }
      storedLatest.delete(bu.id)
      storedLatest.set(bu.id, stored)
      // A bounded store: the oldest-built reports go first.
      for (const id of storedLatest.keys()) {
        if (storedLatest.size <= MAX_STORED_REPORTS) break
        storedLatest.delete(id)
      }
    }
    return { status: 200, body: stored.bytes, contentType: 'application/json; charset=utf-8' }
  })

  router.get('/v1/bunits/:bu/reports', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const type = queryParam(req, 'type')
    if (type && !/^(combined|resale|internal)$/i.test(type)) throw apiError(400, `The value '${type}' is not valid for type.`)
    const now = ctx.now()
    const endMs = Math.min(dateQuery(req, 'endDate') ?? now, now)
    const startMs = dateQuery(req, 'startDate') ?? endMs
    if (endMs < startMs) throw apiError(400, 'endDate must be later than startDate.')
    const fromDay = dayNumber(startMs)
    const toDay = dayNumber(endMs)
    if (toDay - fromDay >= MAX_STATUS_REPORT_DAYS) throw apiError(400, `At most ${MAX_STATUS_REPORT_DAYS} days of status reports per request.`)
    const items = []
    for (let d = toDay; d >= fromDay; d--) items.push(statusReport(req, bu, d))
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${bu.id}/reports`, items))
  })

  // --- audit logs -----------------------------------------------------------------------------
  /** Entries implied by the seeded data (creation, activation) plus everything done through the API. */
  const derivedAudit = (buIds: Set<number>, consumerId: number | null): AuditEntry[] => {
    const out: AuditEntry[] = []
    for (const id of buIds) {
      const b = data.businessUnits.get(id)
      if (!b) continue
      if (consumerId === null && b.createdMs < data.anchorMs) {
        out.push({ id: 900_000_000 + b.id, typeCode: 100, message: `Business unit '${b.name}' created`, buId: b.id, consumerId: null, userName: 'system', createdMs: b.createdMs })
      }
      for (const cid of consumerId === null ? b.consumerIds : b.consumerIds.filter((x) => x === consumerId)) {
        const c = data.consumers.get(cid)
        if (!c || c.createdMs >= data.anchorMs) continue
        out.push({ id: 800_000_000 + c.id * 4, typeCode: 100, message: `Consumption unit '${c.name}' created`, buId: b.id, consumerId: c.id, userName: 'system', createdMs: c.createdMs })
        out.push({ id: 800_000_000 + c.id * 4 + 1, typeCode: 0, message: `Billing started for '${c.name}'`, buId: b.id, consumerId: c.id, userName: 'system', createdMs: c.billingStartMs })
        if (c.node?.activatedMs && c.node.activatedMs < data.anchorMs) {
          out.push({ id: 800_000_000 + c.id * 4 + 2, typeCode: 200, message: `Node activated as '${c.node.tsmName}'`, buId: b.id, consumerId: c.id, userName: 'system', createdMs: c.node.activatedMs })
        }
        if (c.profile === 'failing') {
          out.push({ id: 800_000_000 + c.id * 4 + 3, typeCode: 400, message: `Scheduled backup of '${c.node?.tsmName ?? c.name}' failed`, buId: b.id, consumerId: c.id, userName: 'system', createdMs: c.troubleSinceDay * DAY_MS + (c.node?.scheduleMinute ?? 0) * 60_000 + 3_600_000 })
        }
      }
    }
    for (const e of data.audit) if (buIds.has(e.buId) && (consumerId === null || e.consumerId === consumerId)) out.push(e)
    return out
  }

  const auditResponse = (req: SimRequest, path: string, buIds: Set<number>, consumerId: number | null) => {
    const limit = intQuery(req, 'limit', AUDIT_DEFAULT_LIMIT, 0, AUDIT_MAX_LIMIT)
    const offset = intQuery(req, 'offset', 0)
    const orderDesc = boolQuery(req, 'orderDesc', true)
    const start = dateQuery(req, 'startTime') ?? dateQuery(req, 'startDate')
    const end = dateQuery(req, 'endTime') ?? dateQuery(req, 'endDate')
    const types = queryAll(req, 'types').flatMap((t) => t.split(',')).filter(Boolean)
    const typeCodes = new Set<number>()
    for (const t of types) {
      const n = Number(t)
      if (!(n in AUDIT_TYPES)) throw apiError(400, `The value '${t}' is not valid for types (0, 100, 200, 300, 400).`)
      typeCodes.add(n)
    }
    let entries = derivedAudit(buIds, consumerId).filter(
      (e) => (start === undefined || e.createdMs >= start) && (end === undefined || e.createdMs <= end) && (typeCodes.size === 0 || typeCodes.has(e.typeCode))
    )
    entries = entries.sort((a, b) => (orderDesc ? b.createdMs - a.createdMs || b.id - a.id : a.createdMs - b.createdMs || a.id - b.id))
    const items = entries.slice(offset, offset + limit).map((e) => {
      const b = data.businessUnits.get(e.buId)
      const c = e.consumerId === null ? undefined : data.consumers.get(e.consumerId)
      return {
        href: `${req.baseUrl}${path}/${e.id}`,
        type: e.typeCode,
        typeName: AUDIT_TYPES[e.typeCode],
        message: e.message,
        businessUnitId: e.buId,
        businessUnitName: b?.name ?? '',
        consumerId: e.consumerId,
        ...(c ? { consumerName: c.name } : {}),
        userName: e.userName,
        id: e.id,
        createdDate: iso(e.createdMs)
      }
    })
    return json(200, { href: `${req.baseUrl}${path}`, total: entries.length, offset, first: `${req.baseUrl}${path}`, items })
  }

  router.get('/v1/bunits/:bu/consumers/:cid/auditlogs', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    boolQuery(req, 'includeDescendants', false)
    return auditResponse(req, `/v1/bunits/${bu.id}/consumers/${consumer.id}/auditlogs`, new Set([bu.id]), consumer.id)
  })

  router.get('/v1/bunits/:bu/auditlogs', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const ids = boolQuery(req, 'includeDescendants', false) ? ctx.subtreeIds(bu) : [bu.id]
    return auditResponse(req, `/v1/bunits/${bu.id}/auditlogs`, new Set(ids), null)
  })
}
