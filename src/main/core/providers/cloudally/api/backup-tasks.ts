// Backup tasks and restores: the seed's word only (SEED_ONLY_ROUTES), checked against the seed's
// schema (schema.ts) rather than trusted.

import { AppError } from '../../../../../shared/errors'
import type { CloudAllyBackupTask, CloudAllyRestoreChoices } from '../../../../../shared/providers/cloudally/model'
import type { WireRestoreRequest } from '../dto'
import { mapRestoreEntities, mapRestoreJob, mapSnapshotDates, type RestoreJobState } from '../map'
import { checkBackupTask } from '../schema'
import { explainBackupTaskListRefusal, explainRestoreRefusal } from '../errors'
import { text } from '../../wire'
import type { CallOptions, Door, ListOptions } from './common'

/**
 * Routes known only from the seed (API Evangelist's third-party OpenAPI profile of CloudAlly): no
 * public client calls them, so their paths and shapes are the seed's word, not the live service's.
 * Backup-task and restore features use them; "Test connection" never depends on them.
 */
export const SEED_ONLY_ROUTES = {
  backupTasks: '/v1/backup-tasks',
  restore: '/v1/restore'
} as const

/**
 * A task's snapshots and entities under its backup-task route: not even the seed's word but our
 * extrapolation of it (the simulator serves them the same way). Where a server refuses them, the
 * restore form says so and still offers the latest snapshot and typed entities.
 */
export const EXTRAPOLATED_ROUTES = {
  snapshots: (taskId: string) => `${SEED_ONLY_ROUTES.backupTasks}/${encodeURIComponent(taskId)}/snapshots`,
  entities: (taskId: string) => `${SEED_ONLY_ROUTES.backupTasks}/${encodeURIComponent(taskId)}/entities`
} as const

/** A picker shows at most this many snapshots or entities. */
const MAX_CHOICES = 500

export interface RestoreRequest {
  taskId: string
  kind: 'restore' | 'download'
  /** ISO date-time; absent = the latest snapshot. */
  snapshotDate?: string
  /** Entities (mailboxes, sites, users…) to restore; empty = all. */
  entities?: string[]
  /** Items (folders, files, messages…) to restore; empty = all. */
  items?: string[]
}

export function backupTasksApi({ request }: Door) {
  async function backupTasks(o: ListOptions = {}): Promise<CloudAllyBackupTask[]> {
    const rows = await request({ path: SEED_ONLY_ROUTES.backupTasks, signal: o.signal, paging: { limit: o.limit } }).catch((err: unknown) => {
      throw explainBackupTaskListRefusal(err)
    })
    return rows.map(checkBackupTask)
  }

  async function backupTask(id: string, o: CallOptions = {}): Promise<CloudAllyBackupTask> {
    return checkBackupTask(await request({ ...o, path: `${SEED_ONLY_ROUTES.backupTasks}/${encodeURIComponent(id)}` }))
  }

  /**
   * POST /v1/restore. NOT idempotent: every accepted call starts a job, so it is sent exactly
   * once — no automatic retry of any kind (the HTTP layer's retries are switched off). A 401 is
   * still renewed and re-sent once: the server refused it before doing anything. Callers go
   * through the restore tracker's idempotency guard so a double click cannot send it twice.
   */
  async function createRestore(restore: RestoreRequest, o: CallOptions = {}): Promise<RestoreJobState> {
    const body: WireRestoreRequest = { taskId: restore.taskId, type: restore.kind === 'download' ? 'DOWNLOAD' : 'RESTORE' }
    if (restore.snapshotDate) body.snapshotDate = restore.snapshotDate
    if (restore.entities?.length) body.entities = restore.entities
    if (restore.items?.length) body.items = restore.items
    // An accepted job may be named by its Location header alone (read below).
    const res = await request({ ...o, method: 'POST', path: SEED_ONLY_ROUTES.restore, json: body, retry: false, allowEmpty: true, answer: 'response' }).catch(
      (err: unknown) => {
        throw explainRestoreRefusal(err, restore)
      }
    )
    const job = mapRestoreJob(res.body)
    if (!job.jobId) {
      // Accepted (2xx) but no id to follow: the job exists; say so rather than pretend it failed.
      const location = text(res.headers.location)
      const fromLocation = location ? /\/v1\/restore\/([^/?#]+)/.exec(location)?.[1] : undefined
      if (fromLocation) return { ...job, jobId: decodeURIComponent(fromLocation) }
      throw new AppError('UPSTREAM', 'CloudAlly accepted the restore request but did not say which job it started. Check the restore list in CloudAlly before asking again.', {
        retryable: false,
        details: { requestId: res.requestId, uncertain: true }
      })
    }
    return job
  }

  /** The task's snapshots (newest first) and entities, for a restore's choices. */
  async function restoreChoices(taskId: string, o: CallOptions = {}): Promise<CloudAllyRestoreChoices> {
    const [snapshots, entities] = await Promise.all([
      request({ path: EXTRAPOLATED_ROUTES.snapshots(taskId), signal: o.signal, paging: { limit: MAX_CHOICES } }),
      request({ path: EXTRAPOLATED_ROUTES.entities(taskId), signal: o.signal, paging: { limit: MAX_CHOICES } })
    ])
    return { taskId, snapshots: mapSnapshotDates(snapshots), entities: mapRestoreEntities(entities) }
  }

  async function restoreStatus(jobId: string, o: CallOptions = {}): Promise<RestoreJobState> {
    return mapRestoreJob(await request({ ...o, path: `${SEED_ONLY_ROUTES.restore}/${encodeURIComponent(jobId)}` }))
  }

  return { backupTasks, backupTask, createRestore, restoreChoices, restoreStatus }
}
