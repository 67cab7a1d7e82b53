// What search indexes from Cloutility answers: business units, consumption units and nodes.

import type { BusinessUnit, BusinessUnitNode, BackupNode, ConsumptionUnit } from '../../../../shared/providers/cloutility/model'
import { FLEET_STATUS_LABEL, type FleetRow } from '../../../../shared/model/fleet'
import { FLEET_ROWS_SOURCE, type IndexedItem } from '../../search/search-index'

/** The node list the customer page keeps for a Cloutility connection (from one status report). */
export interface IndexedNodeRef {
  consumerId: number
  consumerName: string
  nodeName?: string
  businessUnitId: number
  businessUnitName?: string
}

/** The snapshot channel of that node list. */
export const CUSTOMERS_NODES_CHANNEL = 'customers.nodes'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function buItem(id: number, name: string, parentName: string | undefined, expand: number[]): IndexedItem {
  const params: Record<string, string | number> = { bu: id }
  if (expand.length) params['expand'] = expand.join(',')
  return { key: `bu:${id}`, kind: 'businessUnit', label: name, ...(parentName ? { detail: `in ${parentName}` } : {}), params }
}

function cuItems(cu: Pick<ConsumptionUnit, 'id' | 'name' | 'businessUnitId' | 'businessUnitName' | 'nodeName' | 'os'>, status?: string): IndexedItem[] {
  const params = { bu: cu.businessUnitId, cu: cu.id }
  const where = `${status ? `${status} · ` : ''}${cu.businessUnitName ?? `business unit #${cu.businessUnitId}`}`
  const out: IndexedItem[] = [{ key: `cu:${cu.id}`, kind: 'consumptionUnit', label: cu.name, detail: where, params }]
  if (cu.nodeName) {
    out.push({ key: `node:${cu.id}`, kind: 'node', label: cu.nodeName, detail: `${cu.name} · ${where}${cu.os ? ` · ${cu.os}` : ''}`, params })
  }
  return out
}

function treeItems(root: BusinessUnitNode): IndexedItem[] {
  const out: IndexedItem[] = []
  const walk = (n: BusinessUnitNode, ancestors: BusinessUnitNode[]) => {
    const parent = ancestors[ancestors.length - 1]
    out.push(buItem(n.id, n.name, parent?.name, ancestors.map((a) => a.id)))
    for (const c of n.children ?? []) walk(c, [...ancestors, n])
  }
  walk(root, [])
  return out
}

/** Search items of a cloutility answer (none for channels it does not index). */
export function cloutilitySearchItems(channel: string, input: unknown, value: unknown): IndexedItem[] {
  const inp = isObject(input) ? input : {}
  switch (channel) {
    case 'cloutility.tree': {
      const root = isObject(value) ? (value['root'] as BusinessUnitNode | undefined) : undefined
      return root ? treeItems(root) : []
    }
    case 'cloutility.searchBusinessUnits':
      return Array.isArray(value) ? (value as BusinessUnitNode[]).map((n) => buItem(n.id, n.name, undefined, [])) : []
    case 'cloutility.businessUnit.get': {
      const b = value as BusinessUnit | null
      return b && typeof b.id === 'number' ? [buItem(b.id, b.name, b.parentName, [])] : []
    }
    case 'cloutility.consumptionUnits.list': {
      const items = isObject(value) && Array.isArray(value['items']) ? (value['items'] as ConsumptionUnit[]) : []
      return items.flatMap((cu) => cuItems(cu))
    }
    case 'cloutility.consumptionUnit.get': {
      const cu = value as ConsumptionUnit | null
      return cu && typeof cu.id === 'number' ? cuItems(cu) : []
    }
    case 'cloutility.node.get': {
      const node = value as BackupNode | null
      const bu = inp['businessUnitId']
      const cu = inp['consumptionUnitId']
      if (!node || typeof bu !== 'number' || typeof cu !== 'number') return []
      const label = node.nodeName ?? node.name
      return label ? [{ key: `node:${cu}`, kind: 'node', label, detail: node.name, params: { bu, cu } }] : []
    }
    case CUSTOMERS_NODES_CHANNEL: {
      const nodes = Array.isArray(value) ? (value as IndexedNodeRef[]) : []
      return nodes.flatMap((n) =>
        cuItems({ id: n.consumerId, name: n.consumerName, businessUnitId: n.businessUnitId, ...(n.businessUnitName ? { businessUnitName: n.businessUnitName } : {}), ...(n.nodeName ? { nodeName: n.nodeName } : {}) })
      )
    }
    case FLEET_ROWS_SOURCE: {
      // The scan's rows open what Fleet health opens: the unit (and its node) in its business unit.
      const rows = Array.isArray(value) ? (value as FleetRow[]) : []
      return rows.flatMap((r) =>
        r.kind === 'consumption-unit' && typeof r.ids.consumerId === 'number' && typeof r.ids.businessUnitId === 'number'
          ? cuItems(
              { id: r.ids.consumerId, name: r.object, businessUnitId: r.ids.businessUnitId, ...(r.context ? { businessUnitName: r.context } : {}), ...(r.nodeName ? { nodeName: r.nodeName } : {}) },
              FLEET_STATUS_LABEL[r.status]
            )
          : []
      )
    }
    default:
      return []
  }
}
