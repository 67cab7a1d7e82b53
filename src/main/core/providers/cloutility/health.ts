// Judging Cloutility health: its answers → fleet rows (pure; the rules shared by every provider are in
// fleet/health.ts).

import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { NodeReport } from '../../../../shared/providers/cloutility/model'
import { STALE_AFTER_HOURS, type FleetRow, type FleetRowIds, type FleetStatus } from '../../../../shared/model/fleet'
import { GIB, isStale, rowKey } from '../../fleet/health'

const FAILED_JOB = /fail|sever|error/i
const MISSED_JOB = /missed/i

/** What a node report's warnings say, in one pass (type names: provider-apis.md §1, simulator README). */
function readWarnings(warnings: NodeReport['warnings']) {
  const out = { locked: false, failed: false, missed: false, storageLimit: undefined as number | undefined, storage: false, names: [] as string[] }
  for (const w of warnings) {
    const name = w.typeName ?? ''
    if (name) out.names.push(name)
    const n = name.toLowerCase()
    if (n.includes('lock')) out.locked = true
    else if (n.includes('backup failed')) out.failed = true
    else if (n.includes('missed') || n.includes('no backup activity')) out.missed = true
    else if (n.includes('storage')) {
      out.storage = true
      if (w.limit) out.storageLimit = w.limit
    }
  }
  return out
}

/** One row per consumption unit from its node report (taken from the business-unit status report). */
export function consumptionUnitRow(c: ConnectionSummary, r: NodeReport, now: number): FleetRow | undefined {
  if (r.consumerId === undefined) return undefined
  const w = r.warnings.length ? readWarnings(r.warnings) : undefined
  const lastSuccess = r.lastSuccessfulBackupDate
  const lastBackup = r.lastBackupDate ?? lastSuccess
  const lastStatus = r.lastBackupStatus ?? ''
  let status: FleetStatus
  let detail: string
  if (r.pending || r.status === 'pending') {
    status = 'pending'
    detail = 'Not activated yet, or no backup has run'
  } else if (w?.locked) {
    status = 'failed'
    detail = 'Node is locked on the backup server'
  } else if (FAILED_JOB.test(lastStatus) || w?.failed) {
    status = 'failed'
    detail = `Last backup: ${lastStatus || 'failed'}${lastSuccess ? '' : '; no successful backup known'}`
  } else if (MISSED_JOB.test(lastStatus) || w?.missed) {
    status = 'missed'
    detail = `Schedule missed${lastSuccess ? '' : '; no successful backup known'}`
  } else if (!lastSuccess && r.status !== 'ok') {
    status = r.status === 'error' ? 'failed' : 'unknown'
    detail = r.status === 'error' ? 'Reported as error; no successful backup known' : 'No successful backup known'
  } else if (isStale(lastSuccess, now)) {
    status = 'stale'
    detail = `No successful backup for more than ${STALE_AFTER_HOURS} h`
  } else if (r.status === 'warning' || r.status === 'error' || w) {
    status = 'warning'
    detail = w?.storage ? 'Storage above its limit' : w?.names.length ? w.names.join(', ') : 'Backed up with warnings'
  } else if (r.status === 'ok' || r.status === 'ignored' || lastSuccess) {
    status = 'ok'
    detail = 'Backed up'
  } else {
    status = 'unknown'
    detail = 'No status reported'
  }
  return new ConsumptionUnitRow(c, r, r.consumerId, status, detail, lastBackup, lastSuccess, w?.storageLimit)
}

// Constructors, not object literals, for the reason node reports are built by one
// (providers/cloutility/map.ts): optional fields added to a literal go to a side store that is
// reallocated as it grows, and a scan makes 10,000 of these rows.
// The interfaces give `this` its fields; the constructors set those that apply.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface ConsumptionUnitIds extends FleetRowIds {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class ConsumptionUnitIds {
  constructor(r: NodeReport, consumerId: number) {
    this.consumerId = consumerId
    if (r.businessUnitId !== undefined) this.businessUnitId = r.businessUnitId
    if (r.nodeId !== undefined) this.nodeId = r.nodeId
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface ConsumptionUnitRow extends FleetRow {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class ConsumptionUnitRow {
  constructor(
    c: ConnectionSummary,
    r: NodeReport,
    consumerId: number,
    status: FleetStatus,
    detail: string,
    lastBackup: string | undefined,
    lastSuccess: string | undefined,
    storageLimitGiB: number | undefined
  ) {
    this.key = rowKey(c, `cu:${consumerId}`)
    this.connectionId = c.id
    this.connectionName = c.name
    this.provider = c.provider
    this.customer = c.customer
    this.kind = 'consumption-unit'
    this.object = r.consumerName || `#${consumerId}`
    if (r.nodeName) this.nodeName = r.nodeName
    this.status = status
    this.detail = detail
    this.ids = new ConsumptionUnitIds(r, consumerId)
    if (r.businessUnitName) this.context = r.businessUnitName
    if (lastBackup) this.lastBackup = lastBackup
    if (lastSuccess) this.lastSuccess = lastSuccess
    if (r.storageBytes !== undefined) this.storageBytes = r.storageBytes
    if (storageLimitGiB) this.storageLimitBytes = storageLimitGiB * GIB
  }
}

