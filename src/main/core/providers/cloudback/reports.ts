// Cloudback's part of a customer report: every tracked definition (Cloudback has no list call)
// looked up fresh, and repository counts per account. Cloudback's API has no backup history or
// restore list, so success rates come from the kept scans.

import { AppError } from '../../../../shared/errors'
import type { TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { cloudbackRow } from './health'
import type { CloudbackClient } from './client'
import { eachLimited, type SourceContext, type SourceObject, type SourceResult } from '../../reports/report-source'

export function cloudbackSource(clientFor: (connectionId: string) => Promise<CloudbackClient>, tracked: (connectionId: string) => Promise<TrackedDefinition[]>) {
  return async (ctx: SourceContext): Promise<SourceResult> => {
    const defs = await tracked(ctx.connection.id)
    const objects: SourceObject[] = []
    if (defs.length) {
      const client = await clientFor(ctx.connection.id)
      await eachLimited(
        defs,
        6,
        async (t) => {
          try {
            objects.push({ row: cloudbackRow(ctx.connection, t, await client.getDefinition(t, { signal: ctx.signal })) })
          } catch (err) {
            if (ctx.signal?.aborted) throw err
            objects.push({ row: cloudbackRow(ctx.connection, t, { error: err instanceof AppError ? err.message : 'lookup failed' }) })
          }
        },
        ctx.signal
      )
    }
    const byAccount = new Map<string, { all: number; enabled: number }>()
    for (const o of objects) {
      const account = o.row.context ?? ''
      const a = byAccount.get(account) ?? { all: 0, enabled: 0 }
      a.all++
      if (o.row.status !== 'disabled' && o.row.status !== 'error') a.enabled++
      byAccount.set(account, a)
    }
    return {
      objects,
      restores: [],
      figures: [...byAccount].map(([account, a]) => ({
        provider: 'cloudback' as const,
        connectionName: ctx.connection.name,
        label: `Repositories · ${account}`,
        value: `${a.enabled} of ${a.all} backed up`
      }))
    }
  }
}
