// Cloutility on a customer page: the home subtree's business units with their nodes' worst
// status, from one status report (whose node names also feed search).

import type { ConnectionSummary } from '../../../../shared/model/connection'
import { worstHealth, type CustomerItem, type Health } from '../../../../shared/model/customers'
import type { BackupStatus, StatusReport } from '../../../../shared/providers/cloutility/model'
import type { CustomerSource } from '../../customers/customers.service'
import { CUSTOMERS_NODES_CHANNEL, type IndexedNodeRef } from './search'
import type { CloutilityClient } from './client'

export function healthOfBackupStatus(status: BackupStatus | undefined): Health | undefined {
  switch (status) {
    case 'ok':
      return 'ok'
    case 'warning':
      return 'warning'
    case 'error':
      return 'error'
    case 'unknown':
      return 'unknown'
    default:
      // pending (new, never ran) and ignored do not count against a customer.
      return undefined
  }
}

/** Business units of a status report subtree, each with its own nodes' worst status. */
export function cloutilityItems(report: StatusReport): { items: CustomerItem[]; nodes: IndexedNodeRef[] } {
  const items: CustomerItem[] = []
  const nodes: IndexedNodeRef[] = []
  const walk = (r: StatusReport) => {
    const healths: Health[] = []
    for (const n of r.nodeReports) {
      const h = healthOfBackupStatus(n.status)
      if (h) healths.push(h)
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
      const failing = r.nodeReports.filter((n) => n.status === 'error').length
      const warn = r.nodeReports.filter((n) => n.status === 'warning').length
      // A level's report may carry the nodes of the units below it too; the link opens this unit,
      // whose table lists only its own, so the count says what it includes.
      const own = r.nodeReports.filter((n) => n.businessUnitId === undefined || n.businessUnitId === r.businessUnitId).length
      const total = r.nodeReports.length
      const scope = own < total ? ` incl. sub-units (${own} in this unit)` : ''
      items.push({
        id: String(r.businessUnitId),
        label: r.businessUnitName ?? `Business unit #${r.businessUnitId}`,
        detail: `${total} node${total === 1 ? '' : 's'}${scope}${failing ? ` · ${failing} failing` : ''}${warn ? ` · ${warn} with warnings` : ''}`,
        status: healths.length ? worstHealth(healths) : 'ok',
        businessUnitId: r.businessUnitId
      })
    }
    for (const c of r.childReports) walk(c)
  }
  walk(report)
  return { items, nodes }
}

export function cloutilityCustomers(clientFor: (connectionId: string) => Promise<CloutilityClient>): CustomerSource {
  return {
    itemKind: () => 'Business units',
    async read(c: ConnectionSummary, keep) {
      const client = await clientFor(c.id)
      const me = await client.me()
      const report = await client.businessUnitStatusReport(me.businessUnit.id)
      const { items, nodes } = cloutilityItems(report)
      await keep(CUSTOMERS_NODES_CHANNEL, nodes)
      return items
    }
  }
}
