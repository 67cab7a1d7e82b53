// Cloudback's fleet rows: a fresh lookup of every tracked definition (Cloudback has no list call),
// as many at once as the connection's HTTP limit allows; with none tracked, a check of the key.

import { AppError } from '../../../../shared/errors'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { FleetRow } from '../../../../shared/model/fleet'
import type { TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { cloudbackRow } from './health'
import type { CloudbackClient } from './client'

function messageOf(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}

export function cloudbackFleetRows(
  clientFor: (connectionId: string) => Promise<CloudbackClient>,
  trackedDefinitions: (connectionId: string) => Promise<TrackedDefinition[]>
) {
  return async (c: ConnectionSummary, signal: AbortSignal): Promise<FleetRow[]> => {
    const tracked = await trackedDefinitions(c.id)
    const client = await clientFor(c.id)
    // Nothing tracked yet: still one call, so a wrong or revoked key is a connection error row.
    if (!tracked.length) {
      await client.checkKey({ signal })
      return []
    }
    const failures: Array<{ code: string; message: string }> = []
    const rows = await Promise.all(
      tracked.map(async (t) => {
        try {
          return cloudbackRow(c, t, await client.getDefinition(t, { signal }))
        } catch (err) {
          if (signal.aborted || (err instanceof AppError && err.code === 'CANCELLED')) throw err
          const m = messageOf(err)
          failures.push(m)
          return cloudbackRow(c, t, { error: m.message })
        }
      })
    )
    // Every lookup failing the same way is a connection problem (key, network), not N problems.
    const first = failures[0]
    if (first && failures.length === tracked.length && failures.every((f) => f.code === first.code) && first.code !== 'NOT_FOUND') {
      throw new AppError(first.code as AppError['code'], first.message)
    }
    return rows
  }
}
