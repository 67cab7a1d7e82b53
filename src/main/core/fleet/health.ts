// Judging health: provider answers → fleet rows. Pure functions (no I/O), so the rules are tested
// on their own and the scan only fetches. The statuses and the stale rule are documented in
// src/shared/model/fleet.ts. Details carry no relative times ("3 h ago" goes stale with the scan):
// the screen's Age column counts from lastSuccess.

import type { CloudAllyBackupTask, CloudAllyStatusEntry, CloudAllyTask } from '../../../shared/providers/cloudally/model'
import type { TrackedDefinition, CloudbackDefinition } from '../../../shared/providers/cloudback/model'
import type { NodeReport } from '../../../shared/providers/cloutility/model'
import type { ConnectionSummary } from '../../../shared/model/connection'
import { isoToMs } from '../../../shared/iso-time'
import { STALE_AFTER_HOURS, type FleetRow, type FleetRowIds, type FleetStatus } from '../../../shared/model/fleet'

const HOUR_MS = 3_600_000
const GIB = 1024 ** 3

type Base = Pick<FleetRow, 'connectionId' | 'connectionName' | 'provider' | 'customer'>

export function baseOf(c: ConnectionSummary): Base {
  return { connectionId: c.id, connectionName: c.name, provider: c.provider, customer: c.customer }
}

export const rowKey = {
  consumer: (connectionId: string, consumerId: number) => `cloutility:${connectionId}:cu:${consumerId}`,
  task: (connectionId: string, taskId: string) => `cloudally:${connectionId}:task:${taskId}`,
  definition: (connectionId: string, key: string) => `cloudback:${connectionId}:def:${key}`,
  connection: (c: Pick<ConnectionSummary, 'id' | 'provider'>) => `${c.provider}:${c.id}:connection`
}

function isStale(lastSuccess: string | undefined, now: number): boolean {
  if (!lastSuccess) return false
  const t = isoToMs(lastSuccess)
  return !Number.isNaN(t) && now - t > STALE_AFTER_HOURS * HOUR_MS
}

/** A connection that could not be scanned: one `error` row. */
export function connectionErrorRow(c: ConnectionSummary, message: string): FleetRow {
  return {
    ...baseOf(c),
    key: rowKey.connection(c),
    kind: 'connection',
    object: c.name,
    context: 'Connection',
    status: 'error',
    detail: message,
    ids: {}
  }
}

// --- Cloutility ------------------------------------------------------------------------------

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
    this.key = rowKey.consumer(c.id, consumerId)
    this.connectionId = c.id
    this.connectionName = c.name
    this.provider = c.provider
    this.customer = c.customer
    this.kind = 'consumption-unit'
    this.object = r.consumerName || `#${consumerId}`
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

// --- CloudAlly -------------------------------------------------------------------------------

/** Partner login: one row per task, its outcome taken from the status list's entries for it. */
export function cloudAllyTaskRows(c: ConnectionSummary, tasks: readonly CloudAllyTask[], status: readonly CloudAllyStatusEntry[], now: number): FleetRow[] {
  const byTask = new Map<string, CloudAllyStatusEntry[]>()
  for (const s of status) {
    if (!s.taskId) continue
    const list = byTask.get(s.taskId)
    if (list) list.push(s)
    else byTask.set(s.taskId, [s])
  }
  const rows: FleetRow[] = []
  for (const t of tasks) {
    if (!t.id) continue
    const entries = byTask.get(t.id) ?? []
    const failed = entries.filter((e) => e.overall === 'FAILED')
    const lastSuccess = entries.map((e) => e.lastBackupDate).filter(Boolean).sort().at(-1) ?? t.lastBackup
    const lastAttempt = entries.map((e) => e.lastBackupAttemptDate).filter(Boolean).sort().at(-1) ?? lastSuccess
    const word = (t.status ?? '').toUpperCase()
    let status: FleetStatus
    let detail: string
    if (word === 'PAUSED' || word === 'ARCHIVED' || word === 'SUSPENDED') {
      status = 'disabled'
      detail = `Task ${word.toLowerCase()}`
    } else if (failed.length) {
      status = 'failed'
      const error = failed.flatMap((e) => e.backupStatus.map((s) => s.error)).find(Boolean)
      detail = `${failed.length === 1 ? 'Last backup failed' : `${failed.length} entities failed`}${error ? `: ${error}` : ''}`
    } else if (!lastSuccess) {
      status = 'pending'
      detail = entries.some((e) => e.overall === 'IN_PROGRESS') ? 'First backup running' : 'No backup yet'
    } else if (isStale(lastSuccess, now)) {
      status = 'stale'
      detail = `No successful backup for more than ${STALE_AFTER_HOURS} h`
    } else {
      status = 'ok'
      detail = entries.some((e) => e.overall === 'IN_PROGRESS') ? 'Backup running' : 'Backed up'
    }
    const row: FleetRow = {
      ...baseOf(c),
      key: rowKey.task(c.id, t.id),
      kind: 'cloudally-task',
      object: t.alias ?? t.userEmail ?? t.account ?? t.id,
      context: [t.source ?? t.type, t.userEmail ?? t.account].filter(Boolean).join(' · '),
      status,
      detail,
      ids: { taskId: t.id }
    }
    if (lastAttempt) row.lastBackup = lastAttempt
    if (lastSuccess) row.lastSuccess = lastSuccess
    if (t.size !== undefined) row.storageBytes = t.size
    rows.push(row)
  }
  return rows
}

/** Portal-user login: the seed's backup-task list (status word, last backup, schedule). */
export function cloudAllyBackupTaskRows(c: ConnectionSummary, tasks: readonly CloudAllyBackupTask[], now: number): FleetRow[] {
  return tasks
    .filter((t) => t.id)
    .map((t) => {
      const word = (t.status ?? '').toLowerCase()
      const last = t.lastBackup ?? undefined
      const frequency = t.schedule?.frequency
      let status: FleetStatus
      let detail: string
      if (word === 'failed') {
        status = 'failed'
        detail = 'Last backup failed'
      } else if (word === 'paused' || frequency === 'manual') {
        status = 'disabled'
        detail = word === 'paused' ? 'Task paused' : 'Manual schedule only'
      } else if (word === 'pending' || !last) {
        status = 'pending'
        detail = 'No backup yet'
      } else if (isStale(last, now)) {
        status = 'stale'
        detail = `No successful backup for more than ${STALE_AFTER_HOURS} h`
      } else {
        status = 'ok'
        detail = word === 'in_progress' ? 'Backup running' : 'Backed up'
      }
      const row: FleetRow = {
        ...baseOf(c),
        key: rowKey.task(c.id, t.id),
        kind: 'cloudally-task',
        object: t.name ?? t.id,
        context: [t.type, frequency].filter(Boolean).join(' · '),
        status,
        detail,
        ids: { taskId: t.id }
      }
      if (last) {
        row.lastBackup = last
        if (word !== 'failed') row.lastSuccess = last
      }
      if (typeof t.size === 'number') row.storageBytes = t.size
      return row
    })
}

// --- Cloudback -------------------------------------------------------------------------------

/** A tracked definition with its fresh settings (or the lookup's error). */
export function cloudbackRow(c: ConnectionSummary, tracked: TrackedDefinition, fresh: CloudbackDefinition | { error: string }): FleetRow {
  const row: FleetRow = {
    ...baseOf(c),
    key: rowKey.definition(c.id, tracked.key),
    kind: 'cloudback-definition',
    object: tracked.subjectName,
    context: `${tracked.platform} · ${tracked.account}`,
    status: 'ok',
    detail: '',
    ids: { definitionKey: tracked.key }
  }
  if ('error' in fresh) {
    row.status = 'error'
    row.detail = `Lookup failed: ${fresh.error}`
    return row
  }
  const s = fresh.settings
  if (!s.enabled) {
    row.status = 'disabled'
    row.detail = 'Backup disabled'
  } else if (!s.schedule || !s.storage || !s.retention) {
    const missing = [!s.schedule && 'schedule', !s.storage && 'storage', !s.retention && 'retention'].filter(Boolean).join(', ')
    row.status = 'warning'
    row.detail = `Enabled without ${missing}`
  } else {
    row.detail = `Enabled · ${s.schedule} · ${s.storage} · ${s.retention}`
  }
  return row
}
