import { randomBytes, randomUUID } from 'node:crypto'
import { Router } from '../http/router'
import { isRecord, parseJsonBody, queryParam } from '../http/request'
import { json, type SimRequest } from '../http/types'
import { hash32, iso } from '../random'
import { CloudAllyAuth, type Principal } from './auth'
import {
  generateCloudAlly,
  PARTNER_PASSWORD,
  PORTAL_PASSWORD,
  SEED_TYPE,
  type AccountUser,
  type BackupTask,
  type CloudAllyData,
  type CloudAllyDemoCredentials,
  type RestoreJob,
  useGuidIds
} from './data'
import { caError, formatCloudAllyError } from './errors'
import { paged as pagedBy } from './paging'
import { buildZip } from './zip'

export type { CloudAllyData, CloudAllyDemoCredentials } from './data'

// CloudAlly v1: partner endpoints as real clients use them, plus the seed-only backup-tasks and
// restore endpoints (our extrapolation, documented in the README).

const RESTORE_PENDING_MS = 2_000
const RESTORE_BASE_MS = 30_000
const RESTORE_PER_SELECTION_MS = 5_000
const RESTORE_MAX_MS = 300_000
export const DOWNLOAD_LINK_TTL_MS = 24 * 3_600_000

/** 20230330202812-style number (yyyymmddhhmmss), as real partner/tasks responses carry. */
function compactDateTime(ms: number): number {
  return Number(iso(ms).replace(/[-:T]/g, '').slice(0, 14))
}
function compactDate(ms: number): number {
  return Number(iso(ms).slice(0, 10).replace(/-/g, ''))
}

/** The partner API's "In 7 hours", with the unit in the singular for one. */
function nextBackupText(hours: number): string {
  return `In ${hours} ${hours === 1 ? 'hour' : 'hours'}`
}

const SNAPSHOT_STEP_MS: Record<BackupTask['frequency'], number> = { daily: 24 * 3_600_000, every_3_hours: 3 * 3_600_000, manual: 7 * 24 * 3_600_000 }
/** At most this many snapshots are listed per task (the newest). */
export const MAX_SNAPSHOTS = 60
const ENTITY_NAMES = ['alex', 'blake', 'casey', 'devon', 'emery', 'finley', 'harper', 'jordan', 'kai', 'logan', 'morgan', 'parker', 'quinn', 'riley', 'sage', 'taylor']

/** The task's snapshots, newest first: one per backup interval from its last backup back to its creation. */
export function taskSnapshots(t: BackupTask): number[] {
  if (t.lastBackupMs === null) return []
  const out: number[] = []
  for (let ms = t.lastBackupMs; ms >= t.createdMs && out.length < MAX_SNAPSHOTS; ms -= SNAPSHOT_STEP_MS[t.frequency]) out.push(ms)
  return out
}

/** What the task backs up: mailboxes or drives of a domain, sites, or the one account of a single-entity source. */
export function taskEntities(t: BackupTask, domain: string): Array<{ id: string; name: string; type: string }> {
  if (t.numOfEntities <= 1) return [{ id: `${t.id}-E1`, name: t.account, type: 'ACCOUNT' }]
  const out = []
  for (let i = 1; i <= Math.min(t.numOfEntities, 200); i++) {
    const who = `${ENTITY_NAMES[hash32(t.id, 'e', i) % ENTITY_NAMES.length] ?? 'user'}.${i}`
    out.push(
      t.source === 'SHAREPOINT_MULTI'
        ? { id: `${t.id}-E${i}`, name: `${t.account}/sites/${who}`, type: 'SITE' }
        : t.source === 'MS365_GROUPS' || t.source === 'MS_TEAMS'
          ? { id: `${t.id}-E${i}`, name: `team-${who}@${domain}`, type: 'GROUP' }
          : { id: `${t.id}-E${i}`, name: `${who}@${domain}`, type: 'USER' }
    )
  }
  return out
}

export interface CloudAllyProvider {
  data: CloudAllyData
  auth: CloudAllyAuth
  router: Router
  credentials: CloudAllyDemoCredentials
  formatError: typeof formatCloudAllyError
}

export function createCloudAlly(seed: number, nodes: number, now: () => number, options: { strict?: boolean } = {}): CloudAllyProvider {
  const strict = options.strict ?? false
  const data = generateCloudAlly(seed, nodes, now())
  if (strict) useGuidIds(data, seed)
  const auth = new CloudAllyAuth(data, now, strict)
  const paged = <T>(req: SimRequest, items: T[]) => pagedBy(req, items, strict)
  const router = new Router(false)
  const userById = new Map(data.users.map((u) => [u.id, u]))

  const partnerOnly = (req: SimRequest): void => {
    const p = auth.authenticate(req)
    if (p.kind !== 'partner') throw caError(403, 'Partner access required', req.path)
  }
  const visibleTasks = (p: Principal) => (p.kind === 'partner' ? data.tasks : data.tasks.filter((t) => t.userId === p.user.id))

  // --- auth -----------------------------------------------------------------------------------
  router.post('/auth', (req) => auth.login(req))
  router.post('/auth/partner', (req) => auth.partnerLogin(req))
  router.post('/auth/refresh', (req) => auth.refresh(req))

  // --- partner --------------------------------------------------------------------------------
  router.get('/v1/partners', (req) => {
    partnerOnly(req)
    const { password: _pw, ...partner } = data.partner
    void _pw
    return json(200, partner)
  })

  const bills = () => {
    const out = []
    const anchor = new Date(data.anchorMs)
    for (let i = 1; i <= 12; i++) {
      const start = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - i, 1)
      const period = iso(start).slice(0, 7)
      const lines = (['MS365', 'GOOGLE_WORKSPACE', 'SALESFORCE', 'BOX', 'DROPBOX'] as const).map((serviceType, k) => {
        const seats = data.tasks.filter((t) => SEED_TYPE[t.source] === serviceType && t.createdMs < start).reduce((n, t) => n + t.numOfEntities, 0)
        const price = [2.5, 2, 4, 1.5, 1.5][k] ?? 2
        return { serviceType, service: serviceType.replace('_', ' '), quantity: seats, price: price.toFixed(2), total: (seats * price).toFixed(2), seat: seats, storage: 0, source: serviceType }
      })
      const gross = lines.reduce((s, l) => s + Number(l.total), 0)
      out.push({
        name: `Invoice ${period}`,
        period,
        discount: String(data.partner.discount),
        total: (gross * (1 - data.partner.discount / 100)).toFixed(2),
        lines,
        paymentType: 'INVOICE',
        trialDaysLeft: 0,
        subscribed: true
      })
    }
    return out
  }
  for (const path of ['/v1/partners/bills', '/v1/partners/billing']) {
    router.get(path, (req) => {
      partnerOnly(req)
      return json(200, paged(req, bills()))
    })
  }

  const partnerTask = (t: BackupTask) => {
    const u = userById.get(t.userId) as AccountUser
    const running = t.outcome === 'IN_PROGRESS'
    return {
      id: t.id,
      account: t.account,
      type: 'BACKUP',
      source: t.source,
      userId: t.userId,
      domain: u.domain,
      status: t.status,
      region: t.region,
      alias: t.alias,
      backupTaskId: t.id,
      index: t.source === 'MS365' || t.source === 'GMAIL',
      snapshotDate: t.lastBackupMs === null ? null : iso(t.lastBackupMs),
      lastBackupDates: t.lastBackupMs === null ? {} : { [t.source]: compactDateTime(t.lastBackupMs) },
      nextBackup: t.status === 'ACTIVE' ? nextBackupText(1 + (hash32(t.id) % 23)) : null,
      progress: running ? { current: 1 + (hash32(t.id, 'p') % 90), state: 'BACKUP', service: t.source, cancelled: false } : null,
      size: t.sizeBytes,
      createDate: iso(t.createdMs),
      numOfBilledEntities: t.status === 'ARCHIVED' ? 0 : t.numOfEntities,
      numOfEntities: t.numOfEntities,
      userEmail: u.email,
      multiEntitiesTask: t.numOfEntities > 1
    }
  }

  router.get('/v1/partners/tasks', (req) => {
    partnerOnly(req)
    return json(200, paged(req, data.tasks.map(partnerTask)))
  })

  router.get('/v1/partners/status', (req) => {
    partnerOnly(req)
    const items = data.tasks.map((t) => ({
      userId: t.userId,
      taskId: t.id,
      source: t.source,
      entityName: t.alias,
      lastBackupDate: t.lastBackupMs === null ? null : iso(t.lastBackupMs),
      lastBackupAttemptDate: t.lastAttemptMs === null ? null : iso(t.lastAttemptMs),
      backupDuration: 60 + (hash32(t.id, 'd') % 7200),
      size: t.sizeBytes,
      backupStatus: [
        {
          subSource: t.source,
          status: t.status === 'ARCHIVED' ? 'ARCHIVED' : t.outcome === 'FAILED' ? 'FAILED' : t.outcome === 'IN_PROGRESS' ? 'IN_PROGRESS' : 'ACTIVE',
          error: t.error,
          errFAQLink: t.error ? 'https://support.cloudally.com/hc/en-us' : null
        }
      ]
    }))
    return json(200, paged(req, items))
  })

  const reseller = (r: (typeof data.resellers)[number]) => ({ ...r, numOfUsers: data.users.filter((u) => u.resellerId === r.id).length, partnerID: data.partner.partnerId })
  router.get('/v1/partners/resellers', (req) => {
    partnerOnly(req)
    return json(200, paged(req, data.resellers.map(reseller)))
  })
  router.get('/v1/partners/resellers/:id', (req) => {
    partnerOnly(req)
    const r = data.resellers.find((x) => x.id === req.params.id)
    if (!r) throw caError(404, `Reseller ${req.params.id ?? ''} not found`, req.path)
    return json(200, reseller(r))
  })

  router.get('/v1/partners/users', (req) => {
    partnerOnly(req)
    const resellerId = queryParam(req, 'resellerId')
    const users = resellerId ? data.users.filter((u) => u.resellerId === resellerId) : data.users
    return json(
      200,
      paged(
        req,
        users.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          status: u.status,
          date: compactDate(u.createdMs),
          dailyReport: u.dailyReport,
          region: u.region,
          discount: u.discount,
          reportEmails: u.dailyReport ? [u.email] : [],
          partnerID: data.partner.partnerId,
          resellerId: u.resellerId,
          currency: u.currency,
          customStorage: u.customStorage,
          ms365EnterprisePlan: data.tasks.some((t) => t.userId === u.id && SEED_TYPE[t.source] === 'MS365'),
          gsuiteEnterprisePlan: data.tasks.some((t) => t.userId === u.id && SEED_TYPE[t.source] === 'GOOGLE_WORKSPACE')
        }))
      )
    )
  })

  // --- backup tasks (seed 003 schema) ---------------------------------------------------------
  const seedTask = (t: BackupTask) => ({
    id: t.id,
    name: t.alias,
    type: SEED_TYPE[t.source],
    status: t.status === 'PAUSED' || t.status === 'ARCHIVED' ? 'paused' : t.outcome === 'SUCCESS' ? 'success' : t.outcome === 'FAILED' ? 'failed' : t.outcome === 'IN_PROGRESS' ? 'in_progress' : 'pending',
    lastBackup: t.lastBackupMs === null ? null : iso(t.lastBackupMs),
    createdAt: iso(t.createdMs),
    size: t.outcome === 'NEVER' ? null : t.sizeBytes,
    schedule: { frequency: t.frequency, timezone: t.timezone },
    source: t.source,
    userId: t.userId
  })
  router.get('/v1/backup-tasks', (req) => {
    const p = auth.authenticate(req)
    return json(200, paged(req, visibleTasks(p).map(seedTask)))
  })
  router.get('/v1/backup-tasks/:id', (req) => {
    const p = auth.authenticate(req)
    const t = visibleTasks(p).find((x) => x.id === req.params.id)
    if (!t) throw caError(404, `Backup task ${req.params.id ?? ''} not found`, req.path)
    return json(200, seedTask(t))
  })

  // A task's backup history and what it backs up, for choosing a restore's snapshot and entities.
  // Not in the seed: our extrapolation (see the README), shaped like the other seed lists.
  const visibleTask = (req: SimRequest): BackupTask => {
    const t = visibleTasks(auth.authenticate(req)).find((x) => x.id === req.params.id)
    if (!t) throw caError(404, `Backup task ${req.params.id ?? ''} not found`, req.path)
    return t
  }
  router.get('/v1/backup-tasks/:id/snapshots', (req) => {
    const t = visibleTask(req)
    return json(200, paged(req, taskSnapshots(t).map((ms) => ({ snapshotDate: iso(ms), status: 'success' }))))
  })
  router.get('/v1/backup-tasks/:id/entities', (req) => {
    const t = visibleTask(req)
    return json(200, paged(req, taskEntities(t, userById.get(t.userId)?.domain ?? t.account)))
  })

  // --- restore / download ---------------------------------------------------------------------
  const restoreState = (req: SimRequest, j: RestoreJob) => {
    const elapsed = now() - j.createdMs
    let status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'
    let progress: number
    if (elapsed < RESTORE_PENDING_MS) {
      status = 'PENDING'
      progress = 0
    } else if (j.fails && elapsed >= j.durationMs / 2) {
      status = 'FAILED'
      progress = 50
    } else if (elapsed < j.durationMs) {
      status = 'IN_PROGRESS'
      progress = Math.min(99, Math.max(1, Math.floor(((elapsed - RESTORE_PENDING_MS) / (j.durationMs - RESTORE_PENDING_MS)) * 100)))
    } else {
      status = 'COMPLETED'
      progress = 100
    }
    const completedMs = status === 'COMPLETED' ? j.createdMs + j.durationMs : status === 'FAILED' ? j.createdMs + j.durationMs / 2 : null
    const link = j.type === 'DOWNLOAD' && status === 'COMPLETED'
    return {
      jobId: j.jobId,
      taskId: j.taskId,
      type: j.type,
      status,
      progress,
      snapshotDate: j.snapshotDate,
      entities: j.entities,
      items: j.items,
      createdAt: iso(j.createdMs),
      updatedAt: iso(Math.min(now(), completedMs ?? now())),
      completedAt: completedMs === null ? null : iso(completedMs),
      error: status === 'FAILED' ? 'The restore failed: source service refused the write (simulated).' : null,
      downloadUrl: link ? `${req.baseUrl}/v1/restore/${j.jobId}/download?token=${j.downloadToken}` : null,
      downloadExpiresAt: link ? iso(j.createdMs + j.durationMs + DOWNLOAD_LINK_TTL_MS) : null
    }
  }

  router.post('/v1/restore', (req) => {
    const p = auth.authenticate(req)
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw caError(400, 'Request body must be a JSON object', req.path)
    const taskId = typeof body.taskId === 'number' ? String(body.taskId) : body.taskId
    if (typeof taskId !== 'string' || !taskId) throw caError(400, 'taskId is required', req.path)
    const type = typeof body.type === 'string' ? body.type.toUpperCase() : body.type === undefined ? 'RESTORE' : null
    if (type !== 'RESTORE' && type !== 'DOWNLOAD') throw caError(400, "type must be 'RESTORE' or 'DOWNLOAD'", req.path)
    const strings = (v: unknown, name: string): string[] => {
      if (v === undefined || v === null) return []
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0)) throw caError(400, `${name} must be an array of non-empty strings`, req.path)
      return v as string[]
    }
    const entities = strings(body.entities, 'entities')
    const items = strings(body.items, 'items')
    const task = visibleTasks(p).find((t) => t.id === taskId)
    if (!task) throw caError(404, `Backup task ${taskId} not found`, req.path)
    if (task.lastBackupMs === null) throw caError(409, `Backup task ${taskId} has no snapshot to restore from`, req.path)
    let snapshotMs = task.lastBackupMs
    if (body.snapshotDate !== undefined && body.snapshotDate !== null) {
      if (typeof body.snapshotDate !== 'string' || Number.isNaN(Date.parse(body.snapshotDate))) throw caError(400, 'snapshotDate must be an ISO-8601 date-time', req.path)
      snapshotMs = Date.parse(body.snapshotDate)
      if (snapshotMs > now()) throw caError(400, 'snapshotDate is in the future', req.path)
      if (snapshotMs < task.createdMs) throw caError(400, 'snapshotDate is before the first backup of this task', req.path)
    }
    const jobId = strict ? randomUUID() : `RJ-${randomBytes(6).toString('hex').toUpperCase()}`
    const job: RestoreJob = {
      jobId,
      taskId,
      ownerUserId: p.kind === 'user' ? p.user.id : null,
      type,
      snapshotDate: iso(Math.min(snapshotMs, task.lastBackupMs)),
      entities,
      items,
      createdMs: now(),
      durationMs: Math.min(RESTORE_MAX_MS, RESTORE_BASE_MS + RESTORE_PER_SELECTION_MS * (entities.length + items.length)),
      fails: [...entities, ...items].some((s) => /corrupt/i.test(s)),
      downloadToken: randomBytes(16).toString('base64url')
    }
    data.restores.set(jobId, job)
    return json(201, restoreState(req, job), { location: `${req.baseUrl}/v1/restore/${jobId}` })
  })

  const findJob = (req: SimRequest, p: Principal) => {
    const j = data.restores.get(req.params.jobId ?? '')
    if (!j || (p.kind === 'user' && j.ownerUserId !== p.user.id)) throw caError(404, `Restore job ${req.params.jobId ?? ''} not found`, req.path)
    return j
  }
  router.get('/v1/restore/:jobId', (req) => {
    const p = auth.authenticate(req)
    return json(200, restoreState(req, findJob(req, p)))
  })

  // The download link is pre-signed (token in the query), so it works without Authorization.
  router.get('/v1/restore/:jobId/download', (req) => {
    const j = data.restores.get(req.params.jobId ?? '')
    if (!j || j.type !== 'DOWNLOAD' || queryParam(req, 'token') !== j.downloadToken) throw caError(403, 'Invalid or expired download link', req.path)
    const state = restoreState(req, j)
    if (state.status !== 'COMPLETED') throw caError(409, 'The download is not ready yet', req.path)
    if (now() > j.createdMs + j.durationMs + DOWNLOAD_LINK_TTL_MS) throw caError(403, 'Invalid or expired download link', req.path)
    const task = data.tasks.find((t) => t.id === j.taskId)
    const manifest = JSON.stringify({ jobId: j.jobId, taskId: j.taskId, source: task?.source, snapshotDate: j.snapshotDate, entities: j.entities, items: j.items }, null, 2)
    const zip = buildZip(
      [
        { name: 'manifest.json', content: manifest },
        { name: 'README.txt', content: `CloudAlly export of task ${j.taskId} (${task?.alias ?? ''}), snapshot ${j.snapshotDate}. Simulated data.\n` }
      ],
      new Date(j.createdMs + j.durationMs)
    )
    return { status: 200, body: zip, contentType: 'application/zip', headers: { 'content-disposition': `attachment; filename="${j.jobId}.zip"` } }
  })

  const portalUser = data.users[0] as AccountUser
  return {
    data,
    auth,
    router,
    credentials: {
      clientId: data.clientId,
      clientSecret: data.clientSecret,
      partnerEmail: data.partner.email,
      partnerPassword: PARTNER_PASSWORD,
      portalEmail: portalUser.email,
      portalPassword: PORTAL_PASSWORD
    },
    formatError: formatCloudAllyError
  }
}
