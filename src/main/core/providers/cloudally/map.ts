// Wire → domain for CloudAlly. Every field goes through a guard: odd or missing values become
// undefined, never a crash. Compact dates (20230330202812, 20210311) become ISO strings.

import type {
  CloudAllyBill,
  CloudAllyBillLine,
  CloudAllyPartner,
  CloudAllyReseller,
  CloudAllyStatusEntry,
  CloudAllySubStatus,
  CloudAllyTask,
  CloudAllyUser
} from '../../../../shared/providers/cloudally/model'
import type { RestoreStatus } from '../../../../shared/model/restore'
import type { WireObject, WireRestoreJob } from './dto'
import { defined } from '../defined'

export function rec(v: unknown): WireObject {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as WireObject) : {}
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (v === 'true') return true
  if (v === 'false') return false
  return undefined
}

/** yyyymmddhhmmss or yyyymmdd (number or string), or an ISO string, → ISO; else undefined. */
export function isoDate(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined
  const text = typeof v === 'number' ? String(Math.trunc(v)) : typeof v === 'string' ? v.trim() : ''
  if (!text) return undefined
  const compact = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text)
  if (compact) {
    const [, y, mo, d, h = '00', mi = '00', s = '00'] = compact
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
  }
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** Scalar fields not in `known`, for detail views. */
export function extraScalars(o: WireObject, known: ReadonlySet<string>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [k, v] of Object.entries(o)) {
    if (known.has(k)) continue
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v
  }
  return out
}

export function mapPartner(raw: unknown): CloudAllyPartner {
  const o = rec(raw)
  return defined({
    partnerId: str(o.partnerId ?? o.partnerID ?? o.id),
    email: str(o.email),
    contactName: str(o.contactName ?? o.name),
    discount: num(o.discount),
    phone: str(o.phone),
    currency: str(o.currency),
    address: str(o.address),
    region: str(o.region)
  })
}

function mapSubStatus(raw: unknown): CloudAllySubStatus {
  const o = rec(raw)
  return defined({ subSource: str(o.subSource), status: str(o.status), error: str(o.error), errFAQLink: str(o.errFAQLink) })
}

const OVERALL_RANK: Record<CloudAllyStatusEntry['overall'], number> = { FAILED: 0, IN_PROGRESS: 1, UNKNOWN: 2, OK: 3, ARCHIVED: 4 }

export function overallStatus(subs: CloudAllySubStatus[]): CloudAllyStatusEntry['overall'] {
  let best: CloudAllyStatusEntry['overall'] | undefined
  for (const s of subs) {
    const word = (s.status ?? '').toUpperCase()
    const v: CloudAllyStatusEntry['overall'] =
      word === 'FAILED' || word === 'ERROR' || s.error
        ? 'FAILED'
        : word === 'IN_PROGRESS' || word === 'RUNNING'
          ? 'IN_PROGRESS'
          : word === 'ARCHIVED'
            ? 'ARCHIVED'
            : word === 'ACTIVE' || word === 'SUCCESS' || word === 'OK' || word === 'COMPLETED'
              ? 'OK'
              : 'UNKNOWN'
    if (best === undefined || OVERALL_RANK[v] < OVERALL_RANK[best]) best = v
  }
  return best ?? 'UNKNOWN'
}

export function mapStatusEntry(raw: unknown): CloudAllyStatusEntry {
  const o = rec(raw)
  const subs = Array.isArray(o.backupStatus) ? o.backupStatus.map(mapSubStatus) : []
  return defined({
    userId: str(o.userId),
    taskId: str(o.taskId),
    source: str(o.source),
    entityName: str(o.entityName),
    lastBackupDate: isoDate(o.lastBackupDate),
    lastBackupAttemptDate: isoDate(o.lastBackupAttemptDate),
    backupDurationSeconds: num(o.backupDuration),
    size: num(o.size),
    backupStatus: subs,
    overall: overallStatus(subs)
  })
}

/** Failures first, then running, unknown, healthy, archived; then by entity name. */
export function sortStatusFailuresFirst(entries: CloudAllyStatusEntry[]): CloudAllyStatusEntry[] {
  return [...entries].sort(
    (a, b) => OVERALL_RANK[a.overall] - OVERALL_RANK[b.overall] || (a.entityName ?? '').localeCompare(b.entityName ?? '')
  )
}

export function mapTask(raw: unknown): CloudAllyTask {
  const o = rec(raw)
  const lastBackupDates: Record<string, string> = {}
  for (const [k, v] of Object.entries(rec(o.lastBackupDates))) {
    const d = isoDate(v)
    if (d) lastBackupDates[k] = d
  }
  const latest = Object.values(lastBackupDates).sort().at(-1)
  const p = o.progress && typeof o.progress === 'object' ? rec(o.progress) : undefined
  return defined({
    id: str(o.id) ?? '',
    account: str(o.account),
    type: str(o.type),
    source: str(o.source),
    userId: str(o.userId),
    userEmail: str(o.userEmail),
    domain: str(o.domain),
    status: str(o.status),
    region: str(o.region),
    alias: str(o.alias),
    backupTaskId: str(o.backupTaskId),
    snapshotDate: isoDate(o.snapshotDate),
    lastBackupDates,
    lastBackup: latest ?? isoDate(o.snapshotDate),
    nextBackup: str(o.nextBackup),
    progress: p ? defined({ current: num(p.current), state: str(p.state), service: str(p.service), cancelled: bool(p.cancelled) }) : undefined,
    size: num(o.size),
    createDate: isoDate(o.createDate),
    numOfBilledEntities: num(o.numOfBilledEntities),
    numOfEntities: num(o.numOfEntities),
    multiEntitiesTask: bool(o.multiEntitiesTask)
  })
}

const RESELLER_FIELDS = new Set(['id', 'resellerId', 'name', 'email', 'status', 'region', 'discount', 'currency', 'createDate', 'numOfUsers', 'partnerID', 'partnerId'])

export function mapReseller(raw: unknown): CloudAllyReseller {
  const o = rec(raw)
  return defined({
    id: str(o.id ?? o.resellerId) ?? '',
    name: str(o.name),
    email: str(o.email),
    status: str(o.status),
    region: str(o.region),
    discount: num(o.discount),
    currency: str(o.currency),
    createDate: isoDate(o.createDate),
    numOfUsers: num(o.numOfUsers),
    partnerId: str(o.partnerID ?? o.partnerId),
    extra: extraScalars(o, RESELLER_FIELDS)
  })
}

export function mapUser(raw: unknown): CloudAllyUser {
  const o = rec(raw)
  const cs = o.customStorage && typeof o.customStorage === 'object' ? rec(o.customStorage) : undefined
  return defined({
    id: str(o.id) ?? '',
    name: str(o.name),
    email: str(o.email),
    status: str(o.status),
    date: isoDate(o.date),
    dailyReport: bool(o.dailyReport),
    region: str(o.region),
    discount: num(o.discount),
    reportEmails: Array.isArray(o.reportEmails) ? o.reportEmails.filter((e): e is string => typeof e === 'string') : [],
    partnerId: str(o.partnerID ?? o.partnerId),
    resellerId: str(o.resellerId),
    currency: str(o.currency),
    customStorageType: cs ? str(cs.type) : undefined,
    ms365EnterprisePlan: bool(o.ms365EnterprisePlan),
    gsuiteEnterprisePlan: bool(o.gsuiteEnterprisePlan)
  })
}

function mapBillLine(raw: unknown): CloudAllyBillLine {
  const o = rec(raw)
  return defined({
    serviceType: str(o.serviceType),
    service: str(o.service),
    quantity: num(o.quantity),
    price: str(o.price),
    total: str(o.total),
    seat: num(o.seat),
    storage: num(o.storage),
    source: str(o.source)
  })
}

export function mapBill(raw: unknown): CloudAllyBill {
  const o = rec(raw)
  return defined({
    name: str(o.name),
    period: str(o.period),
    discount: str(o.discount),
    total: str(o.total),
    lines: Array.isArray(o.lines) ? o.lines.map(mapBillLine) : [],
    paymentType: str(o.paymentType),
    trialDaysLeft: num(o.trialDaysLeft),
    subscribed: bool(o.subscribed)
  })
}

/** The restore job as the tracker needs it. */
export interface RestoreJobState {
  jobId?: string
  status: RestoreStatus
  providerStatus?: string
  progress: number
  snapshotDate?: string
  message?: string
  downloadUrl?: string
  downloadExpiresAt?: string
  completedAt?: string
}

export function mapRestoreStatusWord(word: string | undefined): RestoreStatus {
  const w = (word ?? '').toUpperCase().replace(/[\s-]/g, '_')
  if (['COMPLETED', 'COMPLETE', 'DONE', 'SUCCESS', 'SUCCEEDED', 'FINISHED', 'READY'].includes(w)) return 'completed'
  if (['FAILED', 'FAILURE', 'ERROR', 'CANCELLED', 'CANCELED', 'ABORTED', 'EXPIRED'].includes(w)) return 'failed'
  if (['IN_PROGRESS', 'RUNNING', 'PROCESSING', 'STARTED', 'ACTIVE'].includes(w)) return 'running'
  return 'pending'
}

export function mapRestoreJob(raw: unknown): RestoreJobState {
  const o = rec(raw) as WireRestoreJob
  const providerStatus = str(o.status ?? o.state)
  const status = mapRestoreStatusWord(providerStatus)
  let progress = num(o.progress) ?? (status === 'completed' ? 100 : 0)
  if (progress > 0 && progress <= 1 && !Number.isInteger(progress)) progress *= 100 // a fraction
  progress = Math.max(0, Math.min(100, Math.round(progress)))
  if (status === 'completed') progress = 100
  const link = str(o.downloadUrl ?? o.downloadLink ?? o.link)
  return defined({
    jobId: str(o.jobId ?? o.id ?? o.restoreId),
    status,
    providerStatus,
    progress,
    snapshotDate: isoDate(o.snapshotDate),
    message: str(o.error ?? o.message),
    downloadUrl: link && /^https?:\/\//i.test(link) ? link : undefined,
    downloadExpiresAt: isoDate(o.downloadExpiresAt),
    completedAt: isoDate(o.completedAt)
  })
}
