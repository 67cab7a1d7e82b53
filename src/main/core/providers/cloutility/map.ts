// Wire → domain. Every field is read through a guard: a missing or odd field becomes undefined,
// never a crash or a wrong type. Sizes become bytes, dates ISO strings, durations seconds.

import type {
  AuditLogEntry,
  AuditLogType,
  BackupNode,
  BackupServer,
  BackupStatus,
  BillingData,
  BusinessUnit,
  BusinessUnitNode,
  ClientOptionSet,
  Contract,
  ConsumptionUnit,
  CurrentUser,
  Domain,
  Filespace,
  IdName,
  Invoice,
  InvoiceFile,
  InvoiceLine,
  Job,
  NodeDeletionRule,
  NodeEvent,
  NodeNamingRule,
  NodeReport,
  NodeSchedule,
  NodeType,
  NodeWarning,
  NodeWarningType,
  OperatingSystem,
  Page,
  ProxyNode,
  StatusReport,
  TimeZone,
  User
} from '../../../../shared/providers/cloutility/model'
import type {
  WireAuditLog,
  WireBillingData,
  WireBusinessUnit,
  WireCollection,
  WireConsumer,
  WireContract,
  WireDomain,
  WireFilespace,
  WireInvoice,
  WireInvoiceFile,
  WireInvoiceLine,
  WireJob,
  WireNode,
  WireNodeReport,
  WireNodeWarning,
  WireObject,
  WireOperatingSystem,
  WireRef,
  WireSimpleBusinessUnit,
  WireStatusReport,
  WireTimeZone,
  WireUser
} from './dto'
import { arr, bool, defined, int, isObject, isoDate, mapEach, num, str } from '../wire'

// --- Cloutility's own readers ------------------------------------------------------------------

function ref(v: unknown): WireRef | undefined {
  return isObject(v) ? (v as WireRef) : undefined
}

const MB = 1024 * 1024

export function mbToBytes(v: unknown): number | undefined {
  const n = num(v)
  return n === undefined ? undefined : Math.round(n * MB)
}

/** .NET TimeSpan ("hh:mm:ss", "d.hh:mm:ss", with optional fraction) → seconds. */
export function timeSpanSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return v >= 0 ? v : undefined
  if (typeof v !== 'string') return undefined
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(v.trim())
  if (!m) return undefined
  const [, d, h, min, s, frac] = m
  const seconds = Number(d ?? 0) * 86_400 + Number(h) * 3600 + Number(min) * 60 + Number(s)
  return frac ? seconds + Number(`0.${frac}`) : seconds
}

export function toIdName(v: unknown): IdName | undefined {
  return idName(v)
}

function idName(v: unknown): IdName | undefined {
  const r = ref(v)
  const id = int(r?.id)
  const name = str(r?.name)
  return r && id !== undefined && name !== undefined ? { id, name } : undefined
}

function refName(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v)
  return str(ref(v)?.name)
}

function tags(v: unknown): string[] {
  return arr(v)
    .map((t) => (typeof t === 'string' ? t : str((t as WireObject).text) ?? str((t as WireObject).name)))
    .filter((t): t is string => !!t)
}

export function page<W, T>(body: unknown, mapItem: (w: W) => T | undefined): Page<T> {
  const c = (isObject(body) ? body : {}) as WireCollection<W>
  const items = (Array.isArray(body) ? (body as W[]) : arr<W>(c.items)).map(mapItem).filter((x): x is T => x !== undefined)
  return { items, total: int(c.total) ?? items.length, offset: int(c.offset) ?? 0 }
}

export function items<W, T>(body: unknown, mapItem: (w: W) => T | undefined): T[] {
  return page(body, mapItem).items
}

// --- status ----------------------------------------------------------------------------------

const STATUS_BY_NAME: Record<string, BackupStatus> = {
  ok: 'ok',
  okwithwarnings: 'warning',
  warning: 'warning',
  error: 'error',
  ignored: 'ignored',
  pending: 'pending'
}
const STATUS_BY_ID: Record<number, BackupStatus> = { 1: 'ok', 2: 'warning', 3: 'warning', 4: 'error', 5: 'ignored', 6: 'pending' }

/** Status names as the wire spells them → status: a handful of spellings, seen thousands of times a report. */
const statusBySpelling = new Map<string, BackupStatus>()

function statusFromName(name: string): BackupStatus {
  let status = statusBySpelling.get(name)
  if (status === undefined) {
    status = STATUS_BY_NAME[name.replace(/[\s_-]/g, '').toLowerCase()] ?? 'unknown'
    if (statusBySpelling.size < 64) statusBySpelling.set(name, status)
  }
  return status
}

export function backupStatus(v: unknown): BackupStatus | undefined {
  if (v === undefined || v === null) return undefined
  const name = typeof v === 'string' ? v : str(ref(v)?.name)
  if (name) return statusFromName(name)
  const id = typeof v === 'number' ? v : int(ref(v)?.id)
  if (id !== undefined) return STATUS_BY_ID[id] ?? 'unknown'
  return undefined
}

// --- identity and business units ------------------------------------------------------------------

export function toCurrentUser(w: unknown): CurrentUser {
  const u = (isObject(w) ? w : {}) as WireUser
  const bu = ref(u.businessUnit)
  return defined({
    id: int(u.id) ?? 0,
    username: str(u.name) ?? '',
    displayName: str(u.displayName),
    email: str(u.email),
    role: refName(u.role),
    businessUnit: { id: int(bu?.id) ?? int(u.businessUnitId) ?? 0, name: str(bu?.name) ?? '' },
    lastLoginDate: isoDate(u.lastLoginDate)
  })
}

export function toUser(w: WireUser): User | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return defined({
    id,
    username: str(w.name) ?? '',
    displayName: str(w.displayName),
    email: str(w.email),
    phone: str(w.phone),
    businessUnitId: int(w.businessUnitId) ?? int(ref(w.businessUnit)?.id),
    role: refName(w.role),
    locked: bool(w.locked),
    usesTotp: bool(w.usesTotp),
    lastLoginDate: isoDate(w.lastLoginDate),
    createdDate: isoDate(w.createdDate)
  })
}

export function toBusinessUnitNode(w: WireSimpleBusinessUnit, parentId: number | null = null): BusinessUnitNode | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return defined({
    id,
    parentId: w.parentId === null ? null : (int(w.parentId) ?? parentId),
    name: str(w.name) ?? `#${id}`,
    groupName: str(w.groupName),
    systemId: str(w.systemId),
    hasContract: bool(w.hasContract),
    invoiceDay: int(w.invoiceDay),
    tags: tags(w.tags),
    children: arr<WireSimpleBusinessUnit>(w.businessUnits)
      .map((c) => toBusinessUnitNode(c, id))
      .filter((c): c is BusinessUnitNode => !!c)
  })
}

/**
 * Units of a tree whose name contains `term` (case- and accent-insensitive) or whose id equals it,
 * in tree order, each without its children (a hit is a row, not a subtree), at most `limit`.
 * For servers without the search endpoint.
 */
export function searchTree(tree: BusinessUnitNode, term: string, limit = 200): BusinessUnitNode[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  const needle = fold(term.trim())
  if (!needle) return []
  const id = /^\d+$/.test(needle) ? Number(needle) : undefined
  const out: BusinessUnitNode[] = []
  const stack = [tree]
  while (stack.length && out.length < limit) {
    const n = stack.pop() as BusinessUnitNode
    if (n.id === id || fold(n.name).includes(needle)) out.push({ ...n, children: [] })
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as BusinessUnitNode)
  }
  return out
}

export function toTimeZone(w: unknown): TimeZone | undefined {
  const t = ref(w) as WireTimeZone | undefined
  const id = int(t?.id)
  if (!t || id === undefined) return undefined
  return defined({ id, name: str(t.name) ?? `#${id}`, windowsId: str(t.windowsId), offsetMinutes: num(t.offset) })
}

function idFromHref(href: unknown, segment: string): number | undefined {
  if (typeof href !== 'string') return undefined
  const m = new RegExp(`/${segment}/(\\d+)(?:[/?#]|$)`).exec(href)
  return m ? Number(m[1]) : undefined
}

export function toBusinessUnit(w: unknown): BusinessUnit | undefined {
  const b = (isObject(w) ? w : {}) as WireBusinessUnit
  const id = int(b.id) ?? idFromHref(b.href, 'bunits')
  if (id === undefined) return undefined
  const parent = ref(b.parentBusinessUnit)
  return defined({
    id,
    name: str(b.name) ?? `#${id}`,
    parentId: int(parent?.id) ?? int((b as WireObject).parentId),
    parentName: str(parent?.name),
    registrationNumber: str(b.registrationNumber),
    note: str(b.note),
    invoiceDay: int(b.invoiceDay),
    timeZone: toTimeZone(b.timeZone),
    supportResponsible: bool(b.supportResponsible),
    storageLimit: num(b.storageLimit),
    transferLimit: num(b.transferLimit),
    nodeLimit: num(b.nodeLimit),
    passwordExpirationDays: int(b.passwordExpirationDays),
    requiredApproversOfDeleteRequest: int(b.requiredApproversOfDeleteRequest),
    finalDeleteRequestApprover: bool(b.finalDeleteRequestApprover),
    usersCanApproveOwnRequests: bool(b.usersCanApproveOwnRequests),
    tags: tags(b.tags),
    createdDate: isoDate(b.createdDate)
  })
}

// --- consumption units, nodes, filespaces ----------------------------------------------------------

export function toConsumptionUnit(w: WireConsumer, businessUnitId: number): ConsumptionUnit | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id) ?? idFromHref(w.href, 'consumers')
  if (id === undefined) return undefined
  const bu = ref(w.businessUnit)
  const node = isObject(w.node) ? (w.node as WireNode) : undefined
  return defined({
    id,
    name: str(w.name) ?? `#${id}`,
    businessUnitId: int(bu?.id) ?? idFromHref(w.href, 'bunits') ?? businessUnitId,
    businessUnitName: str(bu?.name),
    dataSourceType: refName(w.dataSourceType),
    state: refName(w.dataSourceState),
    nodeName: str(node?.tsmName),
    os: refName(node?.operatingSystem),
    nodeType: refName(node?.type),
    billingStartDate: isoDate(w.billingStartDate),
    latestRestorePoint: isoDate(w.latestRestorePoint),
    externalReference: str(w.externalReference),
    note: str(w.note),
    limitHighStorage: num(w.limitHighStorage),
    allowNoActivity: bool(w.allowNoActivity),
    tags: tags(w.tags),
    createdDate: isoDate(w.createdDate)
  })
}

/** Adds what the business unit's status report knows (node name, status, storage, last backup). */
export function withReport(cu: ConsumptionUnit, report: NodeReport | undefined): ConsumptionUnit {
  if (!report) return cu
  return defined({
    ...cu,
    nodeName: cu.nodeName ?? report.nodeName,
    status: report.status ?? cu.status,
    storageBytes: report.storageBytes ?? cu.storageBytes,
    lastBackup: report.lastBackupDate ?? cu.lastBackup,
    lastBackupStatus: report.lastBackupStatus ?? cu.lastBackupStatus,
    lastSuccessfulBackup: report.lastSuccessfulBackupDate ?? cu.lastSuccessfulBackup
  })
}

/** Adds what the node knows (SP name, OS, node type) to a consumption unit. */
export function withNode(cu: ConsumptionUnit, node: BackupNode | null | undefined): ConsumptionUnit {
  if (!node) return cu
  return defined({
    ...cu,
    nodeName: cu.nodeName ?? node.nodeName,
    os: node.operatingSystem?.name ?? cu.os,
    nodeType: node.type?.name ?? cu.nodeType
  })
}

export function toDomain(w: unknown): Domain | undefined {
  const d = ref(w) as WireDomain | undefined
  const id = int(d?.id)
  if (!d || id === undefined) return undefined
  return defined({
    id,
    name: str(d.name) ?? `#${id}`,
    description: str(d.description),
    backupRetention: num(d.backupRetention),
    archiveRetention: num(d.archiveRetention)
  })
}

export function toClientOptionSet(w: unknown): ClientOptionSet | undefined {
  const c = ref(w)
  const id = int(c?.id)
  if (!c || id === undefined) return undefined
  return defined({ id, name: str(c.name) ?? `#${id}`, description: str((c as WireObject).description) })
}

export function toNodeType(w: unknown): NodeType | undefined {
  const t = ref(w)
  const id = int(t?.id)
  if (!t || id === undefined) return undefined
  return defined({ id, name: str(t.name) ?? `#${id}`, shortName: str((t as WireObject).shortName) })
}

export function toOperatingSystem(w: unknown): OperatingSystem | undefined {
  const o = ref(w) as WireOperatingSystem | undefined
  const id = int(o?.id)
  if (!o || id === undefined) return undefined
  return defined({
    id,
    name: str(o.name) ?? `#${id}`,
    shortName: str(o.shortName),
    supportedNodeTypes: arr(o.supportedNodeTypes).map(toNodeType).filter((t): t is NodeType => !!t)
  })
}

export function toBackupServer(w: unknown): BackupServer | undefined {
  return idName(w)
}

function toSchedule(w: WireObject): NodeSchedule | undefined {
  if (!isObject(w)) return undefined
  const name = str(w.name)
  if (!name) return undefined
  return defined({
    name,
    description: str(w.description),
    startTime: str(w.startTime),
    periodUnit: str(w.periodUnit),
    duration: num(w.duration),
    durationUnit: str(w.durationUnit),
    dayOfWeek: str(w.dayOfWeek)
  })
}

export function toProxyNode(w: WireNode): ProxyNode | undefined {
  if (!isObject(w)) return undefined
  const consumer = ref(w.consumer)
  const name = str(w.name) ?? str(consumer?.name) ?? str(w.tsmName)
  if (!name) return undefined
  return defined({
    nodeId: int(w.id),
    consumerId: int(w.consumerId) ?? int(consumer?.id) ?? idFromHref(w.href, 'consumers'),
    businessUnitId: int(w.businessUnitId) ?? idFromHref(w.href, 'bunits'),
    name,
    nodeName: str(w.tsmName)
  })
}

export function toBackupNode(w: unknown, consumerId?: number): BackupNode | undefined {
  const n = (isObject(w) ? w : {}) as WireNode
  const id = int(n.id)
  if (id === undefined) return undefined
  const nodeName = str(n.tsmName)
  const activatedDate = isoDate(n.activatedDate)
  const os = ref(n.operatingSystem)
  const osId = int(os?.id)
  return defined({
    id,
    consumerId: int(ref(n.consumer)?.id) ?? idFromHref(n.href, 'consumers') ?? consumerId,
    name: str(n.name) ?? str(ref(n.consumer)?.name) ?? `#${id}`,
    activated: !!(nodeName || activatedDate),
    activatedDate,
    nodeName,
    spNodeId: int(n.tsmNodeId),
    hasPassword: typeof n.tsmPassword === 'string' && n.tsmPassword.length > 0,
    locked: bool(n.locked),
    decommissioned: bool(n.decommissioned),
    cpuCount: int(n.cpuCount),
    contact: str(n.contact),
    operatingSystem: os && osId !== undefined ? defined({ id: osId, name: str(os.name) ?? `#${osId}`, shortName: str((os as WireObject).shortName) }) : undefined,
    type: idName(n.type),
    domain: toDomain(n.domain),
    clientOptionSet: toClientOptionSet(n.clientOptionSet),
    server: toBackupServer(n.server),
    syncState: refName(n.syncState),
    sessionSecurity: refName(n.sessionSecurity),
    platform: refName(n.platform),
    clientVersion: refName(n.tsmClientVersion),
    osLevel: refName(n.osLevel),
    tcpName: str(n.tcpName),
    tcpAddress: str(n.tcpAddress),
    macAddress: str(n.macAddress),
    lastAccessTime: isoDate(n.lastAccessTime),
    registeredTime: isoDate(n.registeredTime),
    state: refName(n.dataSourceState),
    schedules: arr(n.schedules).map(toSchedule).filter((s): s is NodeSchedule => !!s),
    proxy: {
      agents: arr<WireNode>(n.proxyAgents).map(toProxyNode).filter((p): p is ProxyNode => !!p),
      targets: arr<WireNode>(n.proxyTargets).map(toProxyNode).filter((p): p is ProxyNode => !!p)
    },
    createdDate: isoDate(n.createdDate)
  })
}

export function toFilespace(w: WireFilespace): Filespace | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  const occupancies = arr(w.occupancies)
  const logical = occupancies.map((o) => num(o.logicalMegaBytes)).filter((n): n is number => n !== undefined)
  return defined({
    id,
    name: str(w.name) ?? `#${id}`,
    spFilespaceId: int(w.tsmFilespaceId),
    type: str(w.type),
    capacityBytes: mbToBytes(w.capacityMegaBytes),
    frontEndCapacityBytes: mbToBytes(w.frontEndCapacityMegaBytes),
    utilization: num(w.percentageUtilized),
    storedBytes: logical.length ? mbToBytes(logical.reduce((a, b) => a + b, 0)) : undefined,
    lastBackupStart: isoDate(w.lastBackupStart),
    lastBackupEnd: isoDate(w.lastBackupEnd),
    state: refName(w.dataSourceState),
    createdDate: isoDate(w.createdDate)
  })
}

// --- jobs, reports, audit ---------------------------------------------------------------------------

export function toJob(w: WireJob): Job | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  const start = isoDate(w.actualStart)
  const end = isoDate(w.completed)
  const transferred = mbToBytes(w.transferredMegaBytes) ?? (num(w.transferredGigaBytes) !== undefined ? Math.round((num(w.transferredGigaBytes) as number) * 1024 * MB) : undefined)
  let durationSeconds = timeSpanSeconds(w.duration)
  if ((durationSeconds === undefined || durationSeconds === 0) && start && end) durationSeconds = Math.max(0, (Date.parse(end) - Date.parse(start)) / 1000)
  const mbps = num(w.transferredMegaBytesPerSecond)
  return defined({
    id,
    name: str(w.name) ?? refName(w.jobName) ?? '',
    type: refName(w.type),
    status: refName(w.status),
    severity: refName(w.severity),
    scheduled: bool(w.scheduled),
    scheduledStart: isoDate(w.scheduledStart),
    start,
    end,
    filesExamined: int(w.examinedFiles),
    filesAffected: int(w.affectedFiles),
    filesFailed: int(w.failedFiles),
    transferredBytes: transferred,
    durationSeconds,
    bytesPerSecond: mbps === undefined ? undefined : Math.round(mbps * MB),
    result: int(w.result),
    consumerId: int(w.consumerId),
    businessUnitId: int(w.businessUnitId)
  })
}

/** From `jobs/first` only its `completed` is real (seed 001): everything else is a placeholder. */
export function firstJobCompleted(w: unknown): string | null {
  if (!isObject(w)) return null
  return isoDate((w as WireJob).completed) ?? null
}

export function toNodeWarningType(w: WireRef & { usesLimit?: unknown }): NodeWarningType | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return { id, name: str(w.name) ?? `#${id}`, usesLimit: bool(w.usesLimit) ?? false }
}

function toNodeWarning(w: WireNodeWarning): NodeWarning | undefined {
  if (!isObject(w)) return undefined
  const type = ref(w.type)
  return defined({
    id: int(w.id),
    typeId: int(type?.id),
    typeName: str(type?.name),
    status: backupStatus(w.status),
    days: num(w.days),
    limit: num(w.limit)
  })
}

// Node reports come 10,000 at a time (a business unit's status report), so each is built once,
// field by field, and by a constructor: V8 gives an object made with `new` room for every
// `this.field =` in its constructor (slack tracking), where fields added one by one to an object
// literal go to a side store that is reallocated as it grows. That cut what mapping a report
// allocates from 7.2 to 4.0 MB, and the garbage collector's share with it. Fields the wire lacks
// stay absent, as elsewhere. The interface gives `this` its fields; the constructor sets those the
// wire has. (IPC and the web shell send JSON, so the class never leaves main.)
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface NodeReportObject extends NodeReport {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class NodeReportObject {
  constructor(w: WireNodeReport) {
    this.id = int(w.id) ?? 0
    this.consumerName = str(w.name) ?? ''
    this.warnings = mapEach(w.warnings, toNodeWarning)
    const consumerId = int(w.consumerId)
    if (consumerId !== undefined) this.consumerId = consumerId
    const nodeId = int(w.nodeId)
    if (nodeId !== undefined) this.nodeId = nodeId
    const nodeName = str(w.tsmName) ?? str(w.dataSource)
    if (nodeName !== undefined) this.nodeName = nodeName
    const businessUnitId = int(w.businessUnitId)
    if (businessUnitId !== undefined) this.businessUnitId = businessUnitId
    const businessUnitName = str(w.businessUnitName)
    if (businessUnitName !== undefined) this.businessUnitName = businessUnitName
    const reportDate = isoDate(w.reportDate)
    if (reportDate !== undefined) this.reportDate = reportDate
    const status = backupStatus(w.status)
    if (status !== undefined) this.status = status
    const pending = bool(w.pending)
    if (pending !== undefined) this.pending = pending
    const storageBytes = mbToBytes(w.megaBytes)
    if (storageBytes !== undefined) this.storageBytes = storageBytes
    const backupBytes = mbToBytes(w.backupMegaBytes)
    if (backupBytes !== undefined) this.backupBytes = backupBytes
    const archiveBytes = mbToBytes(w.archiveMegaBytes)
    if (archiveBytes !== undefined) this.archiveBytes = archiveBytes
    const storageDeltaBytes = mbToBytes(w.megaBytesDelta)
    if (storageDeltaBytes !== undefined) this.storageDeltaBytes = storageDeltaBytes
    const storageDeltaPercent = num(w.megaBytesDeltaPercentage)
    if (storageDeltaPercent !== undefined) this.storageDeltaPercent = storageDeltaPercent
    const transferredBytes = mbToBytes(w.transferredMegaBytes)
    if (transferredBytes !== undefined) this.transferredBytes = transferredBytes
    const transferredBackupBytes = mbToBytes(w.transferredBackupMegaBytes)
    if (transferredBackupBytes !== undefined) this.transferredBackupBytes = transferredBackupBytes
    const transferredRestoreBytes = mbToBytes(w.transferredRestoreMegaBytes)
    if (transferredRestoreBytes !== undefined) this.transferredRestoreBytes = transferredRestoreBytes
    const lastBackupStatus = str(w.lastBackupStatus)
    if (lastBackupStatus !== undefined) this.lastBackupStatus = lastBackupStatus
    const lastBackupDate = isoDate(w.lastBackupDate)
    if (lastBackupDate !== undefined) this.lastBackupDate = lastBackupDate
    const lastSuccessfulBackupDate = isoDate(w.lastSuccessfulBackupDate)
    if (lastSuccessfulBackupDate !== undefined) this.lastSuccessfulBackupDate = lastSuccessfulBackupDate
    const days = num(w.daysSinceLastSuccessfulBackup)
    if (days !== undefined) this.daysSinceLastSuccessfulBackup = days
  }
}

export function toNodeReport(w: WireNodeReport): NodeReport | undefined {
  if (!isObject(w)) return undefined
  return new NodeReportObject(w)
}

export function toStatusReport(w: unknown): StatusReport {
  const r = (isObject(w) ? w : {}) as WireStatusReport
  const bu = ref(r.businessUnit)
  return defined({
    businessUnitId: int(bu?.id) ?? int(r.businessUnitId),
    businessUnitName: str(bu?.name) ?? str(r.businessUnitName),
    status: backupStatus(r.status),
    reportDate: isoDate(r.reportDate),
    updateTime: isoDate(r.updateTime),
    nodeReports: mapEach(r.nodeReports, toNodeReport),
    childReports: arr<WireStatusReport>(r.childReports).map(toStatusReport)
  })
}

/**
 * Maps the node reports of a wire status report (and of its children) one at a time, handing
 * each to `visit`. For a caller that keeps only what it derives (the fleet scan keeps a row), each
 * NodeReport dies young instead of 10,000 of them surviving until the last is mapped: the
 * garbage collector then copies far less.
 */
export function eachNodeReport(w: unknown, visit: (r: NodeReport) => void): void {
  if (!isObject(w)) return
  const report = w as WireStatusReport
  if (Array.isArray(report.nodeReports)) {
    for (const n of report.nodeReports) {
      const r = toNodeReport(n)
      if (r) visit(r)
    }
  }
  if (Array.isArray(report.childReports)) for (const child of report.childReports) eachNodeReport(child, visit)
}

/** Every node report of a status report and its children, flattened. */
export function allNodeReports(report: StatusReport): NodeReport[] {
  const out: NodeReport[] = []
  const walk = (r: StatusReport) => {
    for (const n of r.nodeReports) out.push(n) // not push(...): 10,000 arguments
    for (const c of r.childReports) walk(c)
  }
  walk(report)
  return out
}

const AUDIT_TYPE_BY_CODE: Record<number, AuditLogType> = { 0: 'info', 100: 'create', 200: 'modify', 300: 'delete', 400: 'error' }

export function toAuditLogEntry(w: WireAuditLog): AuditLogEntry | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  const code = typeof w.type === 'number' ? w.type : int(ref(w.type)?.id)
  const byName = (str(w.typeName) ?? refName(w.type))?.toLowerCase()
  const type: AuditLogEntry['type'] =
    (code !== undefined ? AUDIT_TYPE_BY_CODE[code] : undefined) ??
    (['info', 'create', 'modify', 'delete', 'error'] as const).find((t) => t === byName) ??
    'unknown'
  return defined({
    id,
    type,
    typeCode: code,
    message: str(w.message) ?? '',
    userName: str(w.userName) ?? str(ref(w.user)?.name),
    businessUnitId: int(w.businessUnitId),
    businessUnitName: str(w.businessUnitName),
    consumerId: int(w.consumerId),
    consumerName: str(w.consumerName),
    date: isoDate(w.createdDate)
  })
}

// --- billing ------------------------------------------------------------------------------------------

function currency(w: unknown): Contract['currency'] {
  if (typeof w === 'string') return w ? { code: w } : undefined
  if (!isObject(w)) return undefined
  const code = str(w.code) ?? str(w.name)
  return code ? defined({ code, name: str(w.name), symbol: str(w.symbol) }) : undefined
}

export function toContract(w: unknown): Contract | null {
  if (!isObject(w)) return null
  const c = w as WireContract
  const cycle = ref(c.billingCycle)
  const terms = isObject(c.paymentTerms) ? c.paymentTerms : undefined
  return defined({
    id: int(c.id),
    billingStartDate: isoDate(c.billingStartDate),
    billingEndDate: isoDate(c.billingEndDate),
    erpReference: str(c.erpReference),
    optionalErpReference: str(c.optionalErpReference),
    discountPercent: num(c.discount),
    billingCycle: cycle && str(cycle.name) ? defined({ name: str(cycle.name) as string, months: int((cycle as WireObject).months) }) : undefined,
    paymentTerms: terms && str(terms.name) ? defined({ name: str(terms.name) as string, code: str(terms.code) }) : undefined,
    currency: currency(c.currency),
    prepayConsumption: bool(c.prepayConsumption),
    agreedLegalTerms: bool(c.agreedLegalTerms),
    subscriptions: arr(c.subscriptions).map((s) =>
      defined({
        name: str(s.name) ?? '',
        billingStartDate: isoDate(s.billingStartDate),
        currency: currency(s.currency),
        components: arr(s.components).map((x) => defined({ name: str(x.name) ?? '', unitPrice: num(x.unitPrice), method: str(x.method) }))
      })
    )
  })
}

function toInvoiceLine(w: WireInvoiceLine): InvoiceLine | undefined {
  if (!isObject(w)) return undefined
  const product = isObject(w.product) ? w.product : {}
  const unitPrice = num(w.unitPrice)
  const quantity = num(w.quantity)
  return defined({
    id: int(w.id),
    subscription: str(isObject(w.subscription) ? w.subscription.name : undefined),
    product: str(product.name) ?? '',
    productCode: str(product.inheritedProductCode),
    method: str(product.method),
    startDate: isoDate(w.startDate),
    endDate: isoDate(w.endDate),
    unitPrice,
    quantity,
    amount: unitPrice !== undefined && quantity !== undefined ? Math.round(unitPrice * quantity * 100) / 100 : undefined,
    note: str(w.note)
  })
}

/** YYYY-MM-DD of an invoice: from its href (documented), else its date. */
function invoiceDateKey(href: unknown, date: unknown): string {
  if (typeof href === 'string') {
    const m = /\/(\d{4}-\d{2}-\d{2})(?:[/?#]|$)/.exec(href)
    if (m?.[1]) return m[1]
  }
  return isoDate(date)?.slice(0, 10) ?? ''
}

export function toInvoice(w: WireInvoice): Invoice | undefined {
  if (!isObject(w)) return undefined
  const payer = idName(w.payingBusinessUnit)
  return defined({
    id: int(w.id),
    date: invoiceDateKey(w.href, w.invoiceDate),
    payingBusinessUnit: payer,
    currency: currency(w.currency)?.code,
    total: num(w.total),
    discountPercent: num(w.discount),
    simulated: bool(w.simulated),
    lines: arr<WireInvoiceLine>(w.lines).map(toInvoiceLine).filter((l): l is InvoiceLine => !!l)
  })
}

export function toInvoiceFile(w: WireInvoiceFile): InvoiceFile | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return defined({
    id,
    fileName: str(w.fileName) ?? str(w.name),
    erpReference: str(w.erpReference),
    sendToBillingAddress: bool(w.sendToBillingAddress),
    sizeBytes: int(w.sizeBytes),
    createdDate: isoDate(w.createdDate)
  })
}

export function toBillingData(w: WireBillingData): BillingData | undefined {
  if (!isObject(w)) return undefined
  return defined({
    id: int(w.id),
    date: str(w.invoiceDateStr)?.slice(0, 10) ?? invoiceDateKey(w.href, w.invoiceDate),
    billingBusinessUnit: idName(w.billingBusinessUnit),
    summary: arr(w.summary)
      .map((s) => ({ currency: str(s.currency) ?? '', total: num(s.total) ?? 0 }))
      .filter((s) => s.currency !== '' || s.total !== 0),
    simulated: bool(w.simulated),
    invoices: arr<WireInvoice>(w.invoices).map(toInvoice).filter((i): i is Invoice => !!i)
  })
}

// --- rules and events ---------------------------------------------------------------------------------

export function toNodeNamingRule(w: unknown): NodeNamingRule | null {
  if (!isObject(w)) return null
  return defined({
    setNamesManually: bool(w.setNamesManually),
    rule: str(w.rule),
    counter: int(w.counter),
    numberOfDigits: int(w.numberOfDigits),
    replacementCharacter: str(w.replacementCharacter)
  })
}

export function toNodeDeletionRule(w: unknown): NodeDeletionRule | null {
  if (!isObject(w)) return null
  return defined({
    retentionDays: num(w.retentionDays),
    deleteNodesAutomatically: bool(w.deleteNodesAutomatically),
    useDecommission: bool(w.useDecommission),
    deleteFilespacesAutomatically: bool(w.deleteFilespacesAutomatically)
  })
}

export function toNodeEvent(w: WireObject): NodeEvent | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return defined({
    id,
    status: refName(w.status),
    result: int(w.result),
    reason: str(w.reason),
    schedule: refName(w.schedule),
    domain: refName(w.domain),
    scheduledStart: isoDate(w.scheduledStart),
    actualStart: isoDate(w.actualStart),
    completed: isoDate(w.completed)
  })
}
