import type { Simulator } from '../../src/simulator'

/** A demo node (activated, under the technician's home unit, outside the customer login's subtree). */
export function demoNode(sim: Simulator): { nodeName: string; consumerName: string; buId: number; buName: string } {
  const data = sim.cloutility.data
  const under = (buId: number, ancestor: number): boolean => {
    for (let id: number | null = buId; id !== null; id = data.businessUnits.get(id)?.parentId ?? null) if (id === ancestor) return true
    return false
  }
  const consumer = [...data.consumers.values()].find(
    (c) =>
      c.node?.activatedMs &&
      c.node.tsmName &&
      c.buId !== data.homeBusinessUnitId &&
      under(c.buId, data.homeBusinessUnitId) &&
      !under(c.buId, data.subUnitBusinessUnitId)
  )
  if (!consumer?.node) throw new Error('the demo seed has no suitable node')
  return { nodeName: consumer.node.tsmName, consumerName: consumer.name, buId: consumer.buId, buName: data.businessUnits.get(consumer.buId)?.name ?? '' }
}
