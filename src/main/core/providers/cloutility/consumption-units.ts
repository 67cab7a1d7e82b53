// A business unit's consumption units with what the table shows (node name, status, storage, last
// backup): the list and the unit's latest status report, two calls however many rows there are.
// One unit read by id gets the same fields from its own latest node report, so every way into a
// unit (its business unit's table, Fleet health, search, a link) shows the same header.

import type { ConsumptionUnitList } from '../../../../shared/providers/cloutility/contract'
import type { ConsumptionUnit, NodeReport } from '../../../../shared/providers/cloutility/model'
import type { Logger } from '../../log/logger'
import type { CloutilityClient } from './client'
import { allNodeReports, withReport } from './map'

export async function listConsumptionUnits(client: CloutilityClient, businessUnitId: number, logger: Logger): Promise<ConsumptionUnitList> {
  const [list, report] = await Promise.all([
    client.consumers(businessUnitId),
    client.businessUnitStatusReport(businessUnitId).catch((err: unknown) => {
      logger.warn('status report unavailable; consumption units listed without status', {
        businessUnitId,
        code: (err as { code?: string }).code
      })
      return undefined
    })
  ])
  if (!report) return { businessUnitId, items: list, statusUnavailable: true }
  const byConsumer = new Map<number, NodeReport>()
  for (const r of allNodeReports(report)) if (r.consumerId !== undefined) byConsumer.set(r.consumerId, r)
  const items: ConsumptionUnit[] = new Array(list.length)
  for (let i = 0; i < list.length; i++) {
    const cu = list[i] as ConsumptionUnit
    items[i] = withReport(cu, byConsumer.get(cu.id))
  }
  return { businessUnitId, items, ...(report.reportDate ? { reportDate: report.reportDate } : {}) }
}

/** One consumption unit with what its business unit's table shows for it (see listConsumptionUnits). */
export async function getConsumptionUnit(client: CloutilityClient, businessUnitId: number, consumptionUnitId: number, logger: Logger): Promise<ConsumptionUnit> {
  const [unit, report] = await Promise.all([
    client.consumer(businessUnitId, consumptionUnitId),
    client.latestNodeReport(businessUnitId, consumptionUnitId).catch((err: unknown) => {
      logger.warn('node report unavailable; consumption unit read without status', {
        businessUnitId,
        consumptionUnitId,
        code: (err as { code?: string }).code
      })
      return undefined
    })
  ])
  return withReport(unit, report)
}
