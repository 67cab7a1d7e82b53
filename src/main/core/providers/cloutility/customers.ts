// Cloutility on a customer page: the home subtree's business units with their nodes' worst
// status, from one status report (whose node names also feed search).

import type { ConnectionSummary } from '../../../../shared/model/connection'
import { customerHealthOfStatuses, type CustomerItem } from '../../../../shared/model/customers'
import type { FleetStatus } from '../../../../shared/model/fleet'
import { FAILING_HEALTH_STATUSES } from '../../../../shared/model/overview'
import type { StatusReport } from '../../../../shared/providers/cloutility/model'
import type { CustomerSource } from '../../customers/customers.service'
import { consumptionUnitRow } from './health'
import { CUSTOMERS_NODES_CHANNEL, type IndexedNodeRef } from './search'
import type { CloutilityClient } from './client'

/**
 * Business units of a status report subtree, each with the worst status of its nodes as Fleet
 * health judges them (the same row builder), so the page and Fleet health count the same.
 */
export function cloutilityItems(c: ConnectionSummary, report: StatusReport, now: number): { items: CustomerItem[]; nodes: IndexedNodeRef[] } {
  const items: CustomerItem[] = []
  const nodes: IndexedNodeRef[] = []
  const walk = (r: StatusReport) => {
    const statuses: FleetStatus[] = []
    for (const n of r.nodeReports) {
      const row = consumptionUnitRow(c, n, now)
      if (row) statuses.push(row.status)
      if (n.consumerId !== undefined) {
        const buId = n.businessUnitId ?? r.businessUnitId
        if (buId !== undefined) {
          nodes.push({
            consumerId: n.consumerId,
            consumerName: n.consumerName,
            businessUnitId: buId,
            ...(n.nodeName ? { nodeName: n.nodeName } : {}),
            ...((n.businessUnitName ?? r.businessUnitName) ? { businessUnitName: (n.businessUnitName ?? r.businessUnitName) as string } : {})
          })
        }
      }
    }
    if (r.businessUnitId !== undefined && r.nodeReports.length > 0) {
      const failing = statuses.filter((s) => FAILING_HEALTH_STATUSES.has(s)).length
      const stale = statuses.filter((s) => s === 'stale').length
      const warn = statuses.filter((s) => s === 'warning').length
      // A level's report may carry the nodes of the units below it too; the link opens this unit,
      // whose table lists only its own, so the count says what it includes.
      const own = r.nodeReports.filter((n) => n.businessUnitId === undefined || n.businessUnitId === r.businessUnitId).length
      const total = r.nodeReports.length
      const scope = own < total ? ` incl. sub-units (${own} in this unit)` : ''
      items.push({
        id: String(r.businessUnitId),
        label: r.businessUnitName ?? `Business unit #${r.businessUnitId}`,
        detail: `${total} node${total === 1 ? '' : 's'}${scope}${failing ? ` · ${failing} failing` : ''}${stale ? ` · ${stale} stale` : ''}${warn ? ` · ${warn} with warnings` : ''}`,
        status: customerHealthOfStatuses(statuses),
        businessUnitId: r.businessUnitId
      })
    }
    for (const child of r.childReports) walk(child)
  }
  walk(report)
  return { items, nodes }
}

export function cloutilityCustomers(clientFor: (connectionId: string) => Promise<CloutilityClient>): CustomerSource {
  return {
    itemKind: () => 'Business units',
    async read(c: ConnectionSummary, keep, now) {
      const client = await clientFor(c.id)
      const me = await client.me()
      const report = await client.businessUnitStatusReport(me.businessUnit.id)
      const { items, nodes } = cloutilityItems(c, report, now)
      await keep(CUSTOMERS_NODES_CHANNEL, nodes)
      return items
    }
  }
}
