import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { BusinessUnitNode } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import type { RestorableFound, RestoreCenterPart } from '../provider-ui'
import { RestoreCenterOptions } from './RestoreCenterOptions'

/** Units listed per search and connection: a customer name matching many units reads only these. */
const MAX_UNITS_READ = 5

function flatten(nodes: BusinessUnitNode[]): BusinessUnitNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)])
}

// Cloutility is searched by customer (business unit name), where the provider's own search is: its
// activated backup nodes are the objects (a node without a Storage Protect name has nothing to restore).
// What it does not read (every node, without a name; customers past the first few) it says, so a
// node missing from the results is not taken for one without a backup.
async function findOn(connection: ConnectionSummary, text: string): Promise<RestorableFound> {
  const term = text.trim()
  if (!term) return { objects: [], unread: "its backup nodes are found by customer: type a customer's name to search them." }
  const matching = flatten(await call('cloutility.searchBusinessUnits', { connectionId: connection.id, term }))
  const units = matching.slice(0, MAX_UNITS_READ)
  const lists = await Promise.all(units.map((bu) => call('cloutility.consumptionUnits.list', { connectionId: connection.id, businessUnitId: bu.id }).then((list) => ({ bu, list }))))
  const objects = lists.flatMap(({ bu, list }) =>
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
  if (matching.length <= units.length) return { objects }
  return {
    objects,
    unread: `“${term}” matches ${matching.length} customers; only the nodes of the first ${units.length} (${units.map((bu) => bu.name).join(', ')}) were read. Type more of the customer's name.`
  }
}

export const cloutilityRestoreCenter: RestoreCenterPart = {
  objects: 'Cloutility backup nodes (search by customer)',
  find: findOn,
  Options: RestoreCenterOptions
}
