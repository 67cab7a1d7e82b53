// Audit logs of a business unit or a consumption unit, a page at a time.

import type { AuditLogEntry, AuditLogType, Page } from '../../../../../shared/providers/cloutility/model'
import { AUDIT_LOG_TYPE_CODES } from '../../../../../shared/providers/cloutility/model'
import type { QueryParams } from '../../../http/body'
import { page } from '../map/common'
import { toAuditLogEntry } from '../map/audit'
import { buPath, cuPath, toDate, type CallOptions, type DateRange, type Door } from './common'

export interface AuditLogQuery extends DateRange {
  types?: AuditLogType[]
  includeDescendants?: boolean
  limit?: number
  offset?: number
  orderDesc?: boolean
}

function auditQuery(q: AuditLogQuery): QueryParams {
  return {
    includeDescendants: q.includeDescendants,
    limit: q.limit,
    offset: q.offset,
    orderDesc: q.orderDesc,
    startTime: toDate(q.start),
    endTime: toDate(q.end),
    types: q.types?.map((t) => AUDIT_LOG_TYPE_CODES[t])
  }
}

// Cloutility reads a missing `types=` as every type, so an empty list would ask for all of them:
// a query for no type has no entries, and goes unasked.
const asksForNoType = (q: AuditLogQuery): boolean => q.types !== undefined && q.types.length === 0
const noEntries = (q: AuditLogQuery): Page<AuditLogEntry> => ({ items: [], total: 0, offset: q.offset ?? 0 })

export function auditApi({ request, units }: Door) {
  async function consumerAuditLogs(buId: number, cid: number, query: AuditLogQuery = {}, o: CallOptions = {}): Promise<Page<AuditLogEntry>> {
    if (asksForNoType(query)) return noEntries(query)
    return page(await request({ ...o, path: `${cuPath(buId, cid)}/auditlogs`, query: auditQuery(query), about: `audit log of ${units.cu(buId, cid)}` }), toAuditLogEntry)
  }

  async function businessUnitAuditLogs(buId: number, query: AuditLogQuery = {}, o: CallOptions = {}): Promise<Page<AuditLogEntry>> {
    if (asksForNoType(query)) return noEntries(query)
    return page(await request({ ...o, path: `${buPath(buId)}/auditlogs`, query: auditQuery(query), about: `audit log of ${units.bu(buId)}` }), toAuditLogEntry)
  }

  return { consumerAuditLogs, businessUnitAuditLogs }
}
