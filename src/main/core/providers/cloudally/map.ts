// Wire → domain for CloudAlly. Every field goes through a guard: odd or missing values become
// undefined, never a crash. Compact dates (20230330202812, 20210311) become ISO strings.

import type {
  CloudAllyBill,
  CloudAllyBillLine,
  CloudAllyPartner,
  CloudAllyReseller,
  CloudAllyRestoreEntity,
  CloudAllyStatusEntry,
  CloudAllySubStatus,
  CloudAllyTask,
  CloudAllyUser
} from '../../../../shared/providers/cloudally/model'
import type { RestoreStatus } from '../../../../shared/model/restore'
import type { WireRestoreJob } from './dto'
import { bool, defined, extraScalars, isObject, isoDate, mapEach, num, rec, text, type WireObject } from '../wire'

export function mapPartner(raw: unknown): CloudAllyPartner {
  const o = rec(raw)
  return defined({
    partnerId: text(o.partnerId ?? o.partnerID ?? o.id),
    email: text(o.email),
    contactName: text(o.contactName ?? o.name),
    discount: num(o.discount),
    phone: text(o.phone),
    currency: text(o.currency),
    address: text(o.address),
    region: text(o.region)
  })
}

function mapSubStatus(raw: unknown): CloudAllySubStatus {
  const o = rec(raw)
  return defined({ subSource: text(o.subSource), status: text(o.status), error: text(o.error), errFAQLink: text(o.errFAQLink) })
}

const OVERALL_RANK: Record<CloudAllyStatusEntry['overall'], number> = { FAILED: 0, IN_PROGRESS: 1, UNKNOWN: 2, OK: 3, ARCHIVED: 4 }

export function overallStatus(subs: CloudAllySubStatus[]): CloudAllyStatusEntry['overall'] {
  let best: CloudAllyStatusEntry['overall'] | undefined
  for (const s of subs) {
    const word = (s.status ?? '').toUpperCase()
    // An archived entity is no longer backed up: the error of its last run is history, not a failure.
    const v: CloudAllyStatusEntry['overall'] =
      word === 'ARCHIVED'
        ? 'ARCHIVED'
        : word === 'FAILED' || word === 'ERROR' || s.error
          ? 'FAILED'
          : word === 'IN_PROGRESS' || word === 'RUNNING'
            ? 'IN_PROGRESS'
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
    userId: text(o.userId),
    taskId: text(o.taskId),
    source: text(o.source),
    entityName: text(o.entityName),
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
    id: text(o.id) ?? '',
    account: text(o.account),
    type: text(o.type),
    source: text(o.source),
    userId: text(o.userId),
    userEmail: text(o.userEmail),
    domain: text(o.domain),
    status: text(o.status),
    region: text(o.region),
    alias: text(o.alias),
    backupTaskId: text(o.backupTaskId),
    snapshotDate: isoDate(o.snapshotDate),
    lastBackupDates,
    lastBackup: latest ?? isoDate(o.snapshotDate),
    nextBackup: text(o.nextBackup),
    progress: p ? defined({ current: num(p.current), state: text(p.state), service: text(p.service), cancelled: bool(p.cancelled) }) : undefined,
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
    id: text(o.id ?? o.resellerId) ?? '',
    name: text(o.name),
    email: text(o.email),
    status: text(o.status),
    region: text(o.region),
    discount: num(o.discount),
    currency: text(o.currency),
    createDate: isoDate(o.createDate),
    numOfUsers: num(o.numOfUsers),
    partnerId: text(o.partnerID ?? o.partnerId),
    extra: extraScalars(o, RESELLER_FIELDS)
  })
}

export function mapUser(raw: unknown): CloudAllyUser {
  const o = rec(raw)
  const cs = o.customStorage && typeof o.customStorage === 'object' ? rec(o.customStorage) : undefined
  return defined({
    id: text(o.id) ?? '',
    name: text(o.name),
    email: text(o.email),
    status: text(o.status),
    date: isoDate(o.date),
    dailyReport: bool(o.dailyReport),
    region: text(o.region),
    discount: num(o.discount),
    reportEmails: Array.isArray(o.reportEmails) ? o.reportEmails.filter((e): e is string => typeof e === 'string') : [],
    partnerId: text(o.partnerID ?? o.partnerId),
    resellerId: text(o.resellerId),
    currency: text(o.currency),
    customStorageType: cs ? text(cs.type) : undefined,
    ms365EnterprisePlan: bool(o.ms365EnterprisePlan),
    gsuiteEnterprisePlan: bool(o.gsuiteEnterprisePlan)
  })
}

function mapBillLine(raw: unknown): CloudAllyBillLine {
  const o = rec(raw)
  return defined({
    serviceType: text(o.serviceType),
    service: text(o.service),
    quantity: num(o.quantity),
    price: text(o.price),
    total: text(o.total),
    seat: num(o.seat),
    storage: num(o.storage),
    source: text(o.source)
  })
}

export function mapBill(raw: unknown): CloudAllyBill {
  const o = rec(raw)
  return defined({
    name: text(o.name),
    period: text(o.period),
    discount: text(o.discount),
    total: text(o.total),
    lines: Array.isArray(o.lines) ? o.lines.map(mapBillLine) : [],
    paymentType: text(o.paymentType),
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
  const providerStatus = text(o.status ?? o.state)
  const status = mapRestoreStatusWord(providerStatus)
  let progress = num(o.progress) ?? (status === 'completed' ? 100 : 0)
  if (progress > 0 && progress <= 1 && !Number.isInteger(progress)) progress *= 100 // a fraction
  progress = Math.max(0, Math.min(100, Math.round(progress)))
  if (status === 'completed') progress = 100
  const link = text(o.downloadUrl ?? o.downloadLink ?? o.link)
  return defined({
    jobId: text(o.jobId ?? o.id ?? o.restoreId),
    status,
    providerStatus,
    progress,
    snapshotDate: isoDate(o.snapshotDate),
    message: text(o.error ?? o.message),
    downloadUrl: link && /^https?:\/\//i.test(link) ? link : undefined,
    downloadExpiresAt: isoDate(o.downloadExpiresAt),
    completedAt: isoDate(o.completedAt)
  })
}

/** A task's snapshot list: the dates, newest first, each once; rows without a readable date are left out. */
export function mapSnapshotDates(rows: unknown[]): string[] {
  const dates = rows.map((row) => isoDate(isObject(row) ? (row.snapshotDate ?? row.date) : row)).filter((d): d is string => d !== undefined)
  return [...new Set(dates)].sort((a, b) => Date.parse(b) - Date.parse(a))
}

/** A task's entities; a row without a name is left out (nothing to choose it by). */
export function mapRestoreEntities(rows: unknown[]): CloudAllyRestoreEntity[] {
  return mapEach<WireObject, CloudAllyRestoreEntity>(rows, (o) => {
    const name = text(o.name ?? o.email ?? o.entityName)
    if (!name) return undefined
    return defined({ id: text(o.id ?? o.entityId) ?? name, name, type: text(o.type) })
  })
}
