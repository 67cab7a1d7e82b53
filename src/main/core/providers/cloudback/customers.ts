// Cloudback on a customer page: the tracked definitions (Backdesk's own list with their last known
// settings), and on a refresh one call that checks the key.

import { customerHealthOfStatus, type CustomerItem } from '../../../../shared/model/customers'
import type { TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import type { CustomerSource } from '../../customers/customers.service'
import type { CloudbackClient } from './client'
import { judgeCloudbackSettings } from './health'

/**
 * The tracked definitions as last looked up, each judged by the rule Fleet health judges it with
 * (judgeCloudbackSettings), so the page, the customer list and the connection's health dot agree:
 * a disabled definition counts neither way, as a disabled object of any provider.
 */
export function cloudbackItems(defs: TrackedDefinition[]): CustomerItem[] {
  return defs.map((d) => {
    const judged = d.lastError ? { status: 'error' as const, detail: d.lastError } : d.settings ? judgeCloudbackSettings(d.settings) : { status: 'unknown' as const, detail: 'Not looked up yet' }
    return { id: d.key, label: `${d.account}/${d.subjectName}`, detail: judged.detail, status: customerHealthOfStatus(judged.status) ?? 'ok' }
  })
}

export function cloudbackCustomers(
  clientFor: (connectionId: string) => Promise<CloudbackClient>,
  trackedDefinitions: (connectionId: string) => Promise<TrackedDefinition[]>
): CustomerSource {
  return {
    itemKind: () => 'Definitions',
    // The tracked settings need no call, but a refresh must still notice a refused key.
    async check(c) {
      await (await clientFor(c.id)).checkKey()
    },
    async local(c, index) {
      const defs = await trackedDefinitions(c.id)
      // The same list the console's tracked list answers: search then has every definition shown here.
      index('cloudback.tracked.list', { connectionId: c.id }, defs)
      const checked = defs.map((d) => d.lastCheckedAt).filter((v): v is string => !!v).sort()
      const asOf = checked[checked.length - 1]
      return { items: cloudbackItems(defs), ...(asOf ? { asOf } : {}) }
    }
  }
}
