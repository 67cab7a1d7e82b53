// CloudAlly's part of a customer report: one object per task (partner: tasks + status side by
// side; portal user: backup tasks), with the provider's seat count (billed entities) and size.
// CloudAlly keeps no backup history we can read, so success rates come from the kept scans; its
// restores are the ones Backdesk started (the restore tracker).

import type { RestoreRecord } from '../../../../shared/model/restore'
import { formatBytes } from '../../../../shared/format'
import { cloudAllyBackupTaskRows, cloudAllyTaskRows } from './health'
import type { CloudAllyClient } from './client'
import type { SourceContext, SourceObject, SourceResult } from '../../reports/report-source'

export function cloudAllySource(clientFor: (connectionId: string) => Promise<CloudAllyClient>, restores: (connectionId: string) => RestoreRecord[]) {
  return async (ctx: SourceContext): Promise<SourceResult> => {
    const client = await clientFor(ctx.connection.id)
    const signal = ctx.signal
    let objects: SourceObject[]
    if (ctx.connection.mode === 'user') {
      const tasks = await client.backupTasks(signal ? { signal } : {})
      objects = cloudAllyBackupTaskRows(ctx.connection, tasks, ctx.now).map((row) => ({ row }))
    } else {
      const [tasks, status] = await Promise.all([client.tasks(signal ? { signal } : {}), client.status(signal ? { signal } : {})])
      const seats = new Map(tasks.map((t) => [t.id, t.numOfBilledEntities ?? t.numOfEntities]))
      objects = cloudAllyTaskRows(ctx.connection, tasks, status, ctx.now).map((row) => {
        const n = row.ids.taskId ? seats.get(row.ids.taskId) : undefined
        return n === undefined ? { row } : { row, seats: n }
      })
    }
    const seatTotal = objects.reduce((s, o) => s + (o.seats ?? 0), 0)
    const size = objects.reduce((s, o) => s + (o.row.storageBytes ?? 0), 0)
    const done = restores(ctx.connection.id).filter((r) => {
      const t = Date.parse(r.completedAt ?? r.createdAt)
      return t >= ctx.fromMs && t < ctx.toMs
    })
    return {
      objects,
      restores: done.map((r) => ({
        provider: 'cloudally',
        connectionName: ctx.connection.name,
        object: r.taskName ?? r.taskId,
        at: r.completedAt ?? r.createdAt,
        kind: r.kind === 'download' ? 'download' : 'restore',
        outcome: r.status
      })),
      figures: [
        { provider: 'cloudally', connectionName: ctx.connection.name, label: 'Backup tasks', value: String(objects.length) },
        ...(ctx.connection.mode === 'user' ? [] : [{ provider: 'cloudally' as const, connectionName: ctx.connection.name, label: 'Billed seats', value: String(seatTotal) }]),
        { provider: 'cloudally', connectionName: ctx.connection.name, label: 'Backed-up size', value: formatBytes(size) }
      ]
    }
  }
}
