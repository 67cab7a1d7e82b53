// Cloutility's part of a customer report: every consumption unit of the connection's home subtree
// from ONE business-unit status report (status, storage), then each unit's jobs in the period —
// backups for the success rate, restores for the restore list. Two calls per unit (jobs/first and
// jobs), as many at once as the connection's HTTP limit allows.

import type { Job } from '../../../../shared/providers/cloutility/model'
import type { NodeReport } from '../../../../shared/providers/cloutility/model'
import type { FleetRow } from '../../../../shared/model/fleet'
import type { ReportRestore } from '../../../../shared/model/reports'
import { formatBytes } from '../../../../shared/format'
import { consumptionUnitRow } from './health'
import type { CloutilityClient } from './client'
import { dayOf, eachLimited, type SourceContext, type SourceObject, type SourceResult } from '../../reports/report-source'

const SUCCESS = /complet/i
const FAILURE = /fail|miss|sever/i

export function cloutilitySource(clientFor: (connectionId: string) => Promise<CloutilityClient>) {
  return async (ctx: SourceContext): Promise<SourceResult> => {
    const client = await clientFor(ctx.connection.id)
    const o = ctx.signal ? { signal: ctx.signal } : {}
    const home = (await client.me(o)).businessUnit.id
    const objects: SourceObject[] = []
    let storage = 0
    let reportDate: string | undefined
    await client.eachBusinessUnitNodeReport(
      home,
      (r: NodeReport) => {
        const row = consumptionUnitRow(ctx.connection, r, ctx.now)
        if (!row) return
        storage += r.storageBytes ?? 0
        if (r.reportDate && (!reportDate || r.reportDate > reportDate)) reportDate = r.reportDate
        objects.push({ row })
      },
      {
        ...o,
        // A broken transfer is read again from its start: forget what it handed over.
        restart: () => {
          objects.length = 0
          storage = 0
          reportDate = undefined
        }
      }
    )
    const restores: ReportRestore[] = []
    const withNode = objects.filter((x) => x.row.status !== 'pending' && x.row.ids.businessUnitId !== undefined && x.row.ids.consumerId !== undefined)
    await eachLimited(
      withNode,
      6,
      async (x) => {
        const { businessUnitId, consumerId } = x.row.ids as Required<Pick<FleetRow['ids'], 'businessUnitId' | 'consumerId'>>
        const end = Math.min(ctx.toMs - 1, ctx.now)
        if (end < ctx.fromMs) return
        const list = await client.jobs(businessUnitId, consumerId, { start: new Date(ctx.fromMs), end: new Date(end) }, o)
        x.jobs = new Map()
        for (const job of list.jobs) tally(x, job, restores, ctx)
      },
      ctx.signal
    )
    return {
      objects,
      restores,
      figures: [
        { provider: 'cloutility', connectionName: ctx.connection.name, label: 'Consumption units', value: String(objects.length) },
        { provider: 'cloutility', connectionName: ctx.connection.name, label: 'Stored (status report)', value: formatBytes(storage) },
        ...(reportDate ? [{ provider: 'cloutility' as const, connectionName: ctx.connection.name, label: 'Status report of', value: reportDate.slice(0, 10) }] : [])
      ]
    }
  }
}

function tally(x: SourceObject, job: Job, restores: ReportRestore[], ctx: SourceContext): void {
  const at = job.end ?? job.start ?? job.scheduledStart
  if (!at) return
  const t = Date.parse(at)
  if (t < ctx.fromMs || t >= ctx.toMs) return
  if (/restore|retrieve/i.test(job.type ?? '')) {
    restores.push({
      provider: 'cloutility',
      connectionName: ctx.connection.name,
      object: x.row.object,
      at,
      kind: 'restore',
      outcome: job.status ?? 'unknown',
      ...(job.transferredBytes !== undefined ? { bytes: job.transferredBytes } : {})
    })
    return
  }
  const status = job.status ?? ''
  const success = SUCCESS.test(status)
  if (!success && !FAILURE.test(status)) return // running, started, future: not judged yet
  const day = dayOf(t)
  const d = x.jobs?.get(day) ?? { successes: 0, attempts: 0 }
  d.attempts++
  if (success) d.successes++
  x.jobs?.set(day, d)
}
