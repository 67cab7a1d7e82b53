// CloudAlly's fleet rows: partner login → /v1/partners/tasks and /v1/partners/status side by side
// (paged, large pages); portal login → /v1/backup-tasks.

import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { FleetRow } from '../../../../shared/model/fleet'
import { cloudAllyBackupTaskRows, cloudAllyTaskRows } from './health'
import type { CloudAllyClient } from './client'

export function cloudAllyFleetRows(clientFor: (connectionId: string) => Promise<CloudAllyClient>) {
  return async (c: ConnectionSummary, signal: AbortSignal, now: number): Promise<FleetRow[]> => {
    const client = await clientFor(c.id)
    if (c.mode === 'user') return cloudAllyBackupTaskRows(c, await client.backupTasks({ signal }), now)
    const [tasks, status] = await Promise.all([client.tasks({ signal }), client.status({ signal })])
    return cloudAllyTaskRows(c, tasks, status, now)
  }
}
