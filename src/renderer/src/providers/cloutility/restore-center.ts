import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { BusinessUnitNode } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import type { RestorableObject, RestoreCenterPart } from '../provider-ui'
import { RestoreCenterOptions } from './RestoreCenterOptions'

/** Units listed per search and connection: a customer name matching many units reads only these. */
const MAX_UNITS_READ = 5

function flatten(nodes: BusinessUnitNode[]): BusinessUnitNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)])
}

// Cloutility is searched by customer (business unit name), where the provider's own search is: its
// activated backup nodes are the objects (a node without a Storage Protect name has nothing to restore).
async function findOn(connection: ConnectionSummary, text: string): Promise<RestorableObject[]> {
  const term = text.trim()
  if (!term) return []
  const units = flatten(await call('cloutility.searchBusinessUnits', { connectionId: connection.id, term })).slice(0, MAX_UNITS_READ)
  const lists = await Promise.all(units.map((bu) => call('cloutility.consumptionUnits.list', { connectionId: connection.id, businessUnitId: bu.id }).then((list) => ({ bu, list }))))
  return lists.flatMap(({ bu, list }) =>
    list.items
      .filter((cu) => cu.nodeName)
      .map((cu) => ({
        key: `cloutility:${connection.id}:${cu.id}`,
        connectionId: connection.id,
        connectionName: connection.name,
        what: 'Backup node',
        name: cu.name,
        customer: bu.name,
        detail: cu.nodeName,
        ...(cu.lastBackup ? { lastBackup: cu.lastBackup } : {}),
        ref: { businessUnitId: bu.id, consumptionUnitId: cu.id }
      }))
  )
}

export const cloutilityRestoreCenter: RestoreCenterPart = {
  objects: 'Cloutility backup nodes (search by customer)',
  find: findOn,
  Options: RestoreCenterOptions
}
