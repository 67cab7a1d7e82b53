import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { CloudAllyUser } from '../../../../shared/providers/cloudally/model'
import { formatCode } from '../../../../shared/format'
import { CLOUDALLY_TYPE_WORDS, cloudAllySourceName } from '../../../../shared/providers/cloudally/words'
import { call } from '../../api'
import type { RestorableFound, RestorableObject, RestoreCenterPart } from '../provider-ui'
import { RestoreCenterOptions } from './RestoreCenterOptions'

/** A partner sees its customers' names; a portal user has no customer list (its own tasks only). */
async function customersOf(connectionId: string): Promise<Map<string, CloudAllyUser>> {
  try {
    return new Map((await call('cloudally.users.list', { connectionId })).map((u) => [u.id, u]))
  } catch {
    return new Map()
  }
}

async function findOn(connection: ConnectionSummary, text: string): Promise<RestorableFound> {
  const [tasks, customers] = await Promise.all([call('cloudally.backupTasks.list', { connectionId: connection.id }), customersOf(connection.id)])
  const q = text.trim().toLowerCase()
  const out: RestorableObject[] = []
  for (const t of tasks) {
    if (!t.id) continue
    const customer = t.userId ? customers.get(t.userId) : undefined
    const customerName = customer?.name ?? customer?.email
    const sourceName = t.source ? cloudAllySourceName(t.source) : undefined
    const typeName = t.type ? formatCode(t.type, CLOUDALLY_TYPE_WORDS) : undefined
    // The names shown match, and so do CloudAlly's codes behind them.
    const haystack = [t.name, t.id, t.source, sourceName, t.type, typeName, customerName, customer?.email].filter(Boolean).join(' ').toLowerCase()
    if (q && !haystack.includes(q)) continue
    out.push({
      key: `cloudally:${connection.id}:${t.id}`,
      connectionId: connection.id,
      connectionName: connection.name,
      what: 'Backup task',
      name: t.name ?? t.id,
      ...(customerName ? { customer: customerName } : {}),
      ...(sourceName ?? typeName ? { detail: sourceName ?? typeName } : {}),
      ...(t.lastBackup ? { lastBackup: t.lastBackup } : {}),
      ref: { taskId: t.id, ...(t.source ? { source: t.source } : {}), ...(t.createdAt ? { createdAt: t.createdAt } : {}) }
    })
  }
  return { objects: out }
}

export const cloudAllyRestoreCenter: RestoreCenterPart = {
  objects: 'CloudAlly backup tasks',
  find: findOn,
  Options: RestoreCenterOptions
}
