// The partner's own account and what it sees: status, tasks, resellers, users, bills.

import type { CloudAllyBill, CloudAllyPartner, CloudAllyReseller, CloudAllyStatusEntry, CloudAllyTask, CloudAllyUser } from '../../../../../shared/providers/cloudally/model'
import { isHttpError } from '../../../http/errors'
import { mapBill, mapPartner, mapReseller, mapStatusEntry, mapTask, mapUser } from '../map'
import type { CallOptions, Door, ListOptions } from './common'

const list = (o: ListOptions) => ({ signal: o.signal, paging: { limit: o.limit } })

export function partnersApi({ request }: Door) {
  let billsPath: string | undefined

  async function partner(o: CallOptions = {}): Promise<CloudAllyPartner> {
    return mapPartner(await request({ ...o, path: '/v1/partners' }))
  }

  async function status(o: ListOptions = {}): Promise<CloudAllyStatusEntry[]> {
    return (await request({ path: '/v1/partners/status', ...list(o) })).map(mapStatusEntry)
  }

  async function tasks(o: ListOptions = {}): Promise<CloudAllyTask[]> {
    return (await request({ path: '/v1/partners/tasks', ...list(o) })).map(mapTask)
  }

  async function resellers(o: ListOptions = {}): Promise<CloudAllyReseller[]> {
    return (await request({ path: '/v1/partners/resellers', ...list(o) })).map(mapReseller)
  }

  async function reseller(id: string, o: CallOptions = {}): Promise<CloudAllyReseller> {
    return mapReseller(await request({ ...o, path: `/v1/partners/resellers/${encodeURIComponent(id)}` }))
  }

  async function users(o: ListOptions & { resellerId?: string } = {}): Promise<CloudAllyUser[]> {
    return (await request({ path: '/v1/partners/users', query: o.resellerId ? { resellerId: o.resellerId } : {}, ...list(o) })).map(mapUser)
  }

  /** `/v1/partners/bills` (real clients); the seed's `/v1/partners/billing` when that is 404. */
  async function bills(o: ListOptions = {}): Promise<CloudAllyBill[]> {
    const paths = billsPath ? [billsPath] : ['/v1/partners/bills', '/v1/partners/billing']
    for (const [i, path] of paths.entries()) {
      try {
        const rows = await request({ path, ...list(o) })
        billsPath = path
        return rows.map(mapBill)
      } catch (err) {
        const last = i === paths.length - 1
        if (last || !isHttpError(err) || err.status !== 404) throw err
      }
    }
    return []
  }

  return { partner, status, tasks, resellers, reseller, users, bills }
}
