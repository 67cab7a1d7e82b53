// Cloutility's fleet rows: GET /v1/me (home business unit; remembered per live client) and ONE
// GET /v1/bunits/{home}/reports/latest, which carries a node report for every consumption unit of
// the subtree. Never one call per node. Each node report becomes a row as it is mapped.

import { AppError } from '../../../../shared/errors'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { FleetRowOrder } from '../../../../shared/model/fleet'
import type { NodeReport } from '../../../../shared/providers/cloutility/model'
import { consumptionUnitRow } from './health'
import type { CloutilityClient } from './client'

export function cloutilityFleetRows(clientFor: (connectionId: string) => Promise<CloutilityClient>) {
  /** Home business unit per live client (a rebuilt client asks again). */
  const homes = new WeakMap<CloutilityClient, number>()
  return async (c: ConnectionSummary, signal: AbortSignal, now: number): Promise<FleetRowOrder> => {
    const client = await clientFor(c.id)
    const o = { signal }
    const known = homes.get(client)
    let home = known ?? (await client.me(o)).businessUnit.id
    homes.set(client, home)
    let seen = new Set<number>()
    // Each node report becomes a row as it is mapped (while the report is still arriving); only
    // the rows are kept, sorted as they come (FleetRowOrder: the sort is done while the report
    // streams, not after its last byte). A transfer that broke is read again from the start, rows and all.
    let rows = new FleetRowOrder()
    const visit = (r: NodeReport) => {
      if (r.consumerId === undefined || seen.has(r.consumerId)) return
      seen.add(r.consumerId)
      const row = consumptionUnitRow(c, r, now)
      if (row) rows.add(row)
    }
    const restart = () => {
      seen = new Set()
      rows = new FleetRowOrder()
    }
    try {
      await client.eachBusinessUnitNodeReport(home, visit, { ...o, restart })
    } catch (err) {
      // A remembered home that moved or vanished: learn it again once (the call failed before
      // any node report was visited).
      if (known === undefined || !(err instanceof AppError) || (err.code !== 'NOT_FOUND' && err.code !== 'FORBIDDEN')) throw err
      home = (await client.me(o)).businessUnit.id
      homes.set(client, home)
      restart()
      await client.eachBusinessUnitNodeReport(home, visit, { ...o, restart })
    }
    return rows
  }
}
