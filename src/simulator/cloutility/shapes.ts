import { dayNumber, DAY_MS, iso } from '../random'
import {
  BACKUP_SERVER,
  CATALOG_CREATED,
  CLIENT_OPTION_SETS,
  DATA_SOURCE_STATE_ACTIVE,
  DATA_SOURCE_STATE_NEW,
  DATA_SOURCE_TYPE,
  DOMAINS,
  ERROR_STATUS,
  JOB_SEVERITY,
  JOB_STATUS,
  JOB_TYPE,
  NODE_TYPES,
  NODE_WARNING_TYPES,
  OPERATING_SYSTEMS,
  SERVER_TYPE,
  SUPPORT_STATUS,
  TIME_ZONES,
  type JobStatusName
} from './catalog'
import type { BusinessUnitRecord, CloutilityData, ConsumerRecord, NodeRecord, UserRecord } from './data'
import { nodeHealth, storageMegaBytes, type DerivedJob, type NodeHealth } from './jobs'
import { consumerHash } from './data'

// Wire shapes. Like the real API, list items are lighter than the object fetched by id, nested
// collections are `{ $type, href, total, items: [] }` stubs, and undefined fields are omitted.

const HYPER = 'CloudPortal.Web.Api.Hyper'
const hyperType = (name: string) => `${HYPER}.${name}, CloudPortal.Web.Api`
const collectionType = (name: string) => `${HYPER}.Collection\`1[[${HYPER}.${name}, CloudPortal.Web.Api]], CloudPortal.Web.Api`

export function stub(base: string, href: string, typeName: string) {
  return { $type: collectionType(typeName), href: `${base}${href}`, total: 0, items: [] as unknown[] }
}

/** `{href,total,offset,first,items}`; honours `offset`/`limit` when the caller passes them. */
export function collection<T>(base: string, path: string, items: T[], page?: { offset?: number; limit?: number }) {
  const offset = page?.offset ?? 0
  const sliced = page?.limit !== undefined ? items.slice(offset, offset + page.limit) : offset ? items.slice(offset) : items
  return { href: `${base}${path}`, total: items.length, offset, first: `${base}${path}`, items: sliced }
}

export function timeZone(base: string, id: number) {
  const tz = TIME_ZONES.find((t) => t.id === id) ?? TIME_ZONES[0]
  return {
    $type: hyperType('TimeZone'),
    href: `${base}/v1/timezones/${tz.id}`,
    actions: [{ name: 'Calculate UTC offset', method: 'GET', href: `${base}/v1/timezones/${tz.id}/offset?date` }],
    name: tz.name,
    windowsId: tz.windowsId,
    offset: tz.offset,
    id: tz.id,
    createdDate: CATALOG_CREATED
  }
}

/** Fields every BusinessUnit payload carries (the seed's "light" parentBusinessUnit). */
export function buCore(bu: BusinessUnitRecord) {
  return {
    domainFilter: [] as unknown[],
    clientOptionSetFilter: [] as unknown[],
    name: bu.name,
    ...(bu.note ? { note: bu.note } : {}),
    supportResponsible: bu.level === 'provider',
    registrationNumber: bu.registrationNumber,
    invoiceDay: bu.invoiceDay,
    billingStorageTypeId: bu.level === 'customer' ? 2 : 1,
    billingStorageType: bu.level === 'customer' ? 2 : 1,
    useScheduleBindings: false,
    consumers: [] as unknown[],
    storageLimit: 0,
    transferLimit: 0,
    nodeLimit: 0,
    passwordExpirationDays: 0,
    requiredApproversOfDeleteRequest: 0,
    finalDeleteRequestApprover: false,
    usersCanApproveOwnRequests: false,
    reportRemotely: false,
    tags: bu.tags.map((text, i) => ({ id: bu.id * 10 + i, businessUnitId: bu.id, text, inheritable: false, businessUnitCount: 1, consumerCount: 0 })),
    ...bu.extra,
    id: bu.id,
    createdDate: iso(bu.createdMs)
  }
}

/** List item of `/bunits/{id}/bunits`: core fields plus its href, no nested objects. */
export function buListItem(base: string, bu: BusinessUnitRecord) {
  return { href: `${base}/v1/bunits/${bu.id}`, ...buCore(bu) }
}

/** GET /v1/bunits/{id}: the seed's full example shape. */
export function buFull(base: string, data: CloutilityData, bu: BusinessUnitRecord, visibleRootId: number) {
  const parent = bu.parentId !== null && bu.id !== visibleRootId ? data.businessUnits.get(bu.parentId) : undefined
  return {
    href: `${base}/v1/bunits/${bu.id}`,
    ...(parent ? { parentBusinessUnit: buCore(parent) } : {}),
    timeZone: timeZone(base, bu.timeZoneId),
    users: stub(base, `/v1/bunits/${bu.id}/users`, 'User'),
    addresses: stub(base, `/v1/bunits/${bu.id}/addresses`, 'Address'),
    businessUnits: stub(base, `/v1/bunits/${bu.id}/bunits`, 'BusinessUnit'),
    ...buCore(bu)
  }
}

export interface SimpleBu {
  id: number
  parentId: number | null
  name: string
  groupName: string
  systemId: string
  remoteId: null
  reportRemotely: boolean
  synchronizeConsumerNames: boolean
  businessUnits: SimpleBu[]
  tags: unknown[]
  hasContract: boolean
  hasReferral: boolean
  invoiceConsumer: boolean
  invoiceDay: number
}

/** SimpleBusinessUnit tree (GET /v1/bunits). */
export function simpleTree(data: CloutilityData, bu: BusinessUnitRecord): SimpleBu {
  const groupName = bu.level === 'reseller' ? 'Resellers' : bu.level === 'customer' ? 'Customers' : bu.level === 'department' ? 'Departments' : ''
  return {
    id: bu.id,
    parentId: bu.parentId,
    name: bu.name,
    groupName,
    systemId: bu.systemId,
    remoteId: null,
    reportRemotely: false,
    synchronizeConsumerNames: false,
    businessUnits: bu.childIds.map((id) => data.businessUnits.get(id)).filter((b): b is BusinessUnitRecord => !!b).map((b) => simpleTree(data, b)),
    tags: buCore(bu).tags,
    hasContract: bu.hasContract,
    hasReferral: false,
    invoiceConsumer: false,
    invoiceDay: bu.invoiceDay
  }
}

export function user(base: string, data: CloutilityData, u: UserRecord, withBu: boolean) {
  const bu = data.businessUnits.get(u.buId)
  return {
    href: `${base}/v1/bunits/${u.buId}/users/${u.id}`,
    id: u.id,
    name: u.username,
    displayName: u.name,
    email: u.email,
    phone: '',
    actions: [],
    ...(withBu && bu ? { businessUnit: { href: `${base}/v1/bunits/${bu.id}`, timeZone: timeZone(base, bu.timeZoneId), requireTotp: false, systemId: bu.systemId, ...buCore(bu) } } : {}),
    businessUnitId: u.buId,
    role: { id: u.roleName === 'Administrator' ? 1 : u.roleName === 'Operator' ? 2 : 3, name: u.roleName, description: `${u.roleName} role`, inheritable: true, privileges: [] },
    language: { name: 'English', iso639Code: 'en' },
    locked: false,
    failedLoginAttempts: 0,
    usesTotp: false,
    lastLoginDate: iso(u.createdMs + 30 * DAY_MS),
    lastPasswordChange: iso(u.createdMs),
    dateTimeFormat: 'yyyy-MM-dd HH:mm',
    csvDelimiter: ';',
    decimalMark: '.',
    itemsPerPage: 25,
    userIdentities: [],
    createdDate: iso(u.createdMs)
  }
}

function ref<T extends { id: number; name: string }>(base: string, path: string, item: T | undefined, extra: Record<string, unknown> = {}) {
  if (!item) return null
  return { href: `${base}${path}/${item.id}`, id: item.id, name: item.name, ...extra, createdDate: CATALOG_CREATED }
}

export function operatingSystem(base: string, id: number) {
  const os = OPERATING_SYSTEMS.find((o) => o.id === id)
  if (!os) return null
  return {
    href: `${base}/v1/nodeoperatingsystems/${os.id}`,
    name: os.name,
    shortName: os.shortName,
    supportedNodeTypes: os.nodeTypeIds.map((t) => nodeType(base, t)),
    id: os.id,
    createdDate: CATALOG_CREATED
  }
}

export function nodeType(base: string, id: number) {
  const t = NODE_TYPES.find((n) => n.id === id)
  return t ? { href: `${base}/v1/nodetypes/${t.id}`, id: t.id, name: t.name, shortName: t.shortName, createdDate: CATALOG_CREATED } : null
}

export function server(base: string, buId: number) {
  return { href: `${base}/v1/bunits/${buId}/defaultserver`, id: BACKUP_SERVER.id, name: BACKUP_SERVER.name }
}

export function domain(base: string, buId: number, id: number) {
  const d = DOMAINS.find((x) => x.id === id)
  if (!d) return null
  return {
    href: `${base}/v1/bunits/${buId}/defaultserver/domains/${d.id}`,
    server: server(base, buId),
    name: d.name,
    description: d.description,
    backupRetention: d.backupRetention,
    archiveRetention: d.archiveRetention,
    missingInTsm: false,
    id: d.id,
    createdDate: CATALOG_CREATED
  }
}

export function clientOptionSet(base: string, buId: number, id: number) {
  return ref(base, `/v1/bunits/${buId}/defaultserver/clientoptionsets`, CLIENT_OPTION_SETS.find((x) => x.id === id), {
    description: CLIENT_OPTION_SETS.find((x) => x.id === id)?.description
  })
}

export function consumerHref(base: string, c: ConsumerRecord) {
  return `${base}/v1/bunits/${c.buId}/consumers/${c.id}`
}

function dataSourceState(c: ConsumerRecord) {
  return c.node?.activatedMs ? DATA_SOURCE_STATE_ACTIVE : DATA_SOURCE_STATE_NEW
}

/**
 * Consumer as it appears inside collections: the few fields the Go client decodes and a little
 * more, with a partial node (name, OS, type) as Consumer.node is documented to carry — enough for
 * a list screen without one node request per row.
 */
export function consumerListItem(base: string, c: ConsumerRecord) {
  const n = c.node
  const os = n ? OPERATING_SYSTEMS.find((o) => o.id === n.osId) : undefined
  const type = n ? NODE_TYPES.find((t) => t.id === n.typeId) : undefined
  return {
    href: consumerHref(base, c),
    dataSourceType: DATA_SOURCE_TYPE,
    dataSourceState: dataSourceState(c),
    name: c.name,
    billingStartDate: iso(c.billingStartMs),
    ...(n
      ? {
          node: {
            href: `${consumerHref(base, c)}/node`,
            ...(n.tsmName ? { tsmName: n.tsmName } : {}),
            ...(os ? { operatingSystem: { id: os.id, name: os.name } } : {}),
            ...(type ? { type: { id: type.id, name: type.name } } : {})
          }
        }
      : {}),
    tags: [],
    id: c.id,
    createdDate: iso(c.createdMs)
  }
}

/** GET consumer by id: the seed's full example (business unit embedded, no node). */
export function consumerFull(base: string, data: CloutilityData, c: ConsumerRecord) {
  const bu = data.businessUnits.get(c.buId)
  return {
    href: consumerHref(base, c),
    dataSourceType: DATA_SOURCE_TYPE,
    dataSourceIsPotentialParent: false,
    dataSourceState: dataSourceState(c),
    ...(c.node?.activatedMs ? { latestRestorePoint: iso(Math.max(c.node.activatedMs, (data.anchorDay - 1) * DAY_MS + c.node.scheduleMinute * 60_000)) } : {}),
    name: c.name,
    billingStartDate: iso(c.billingStartMs),
    ...(c.externalReference ? { externalReference: c.externalReference } : {}),
    ...(bu
      ? {
          businessUnit: {
            $type: hyperType('BusinessUnit'),
            href: `${base}/v1/bunits/${bu.id}`,
            ancestors: { href: `${base}/v1/bunits/${bu.id}/ancestors`, total: 0, items: [] },
            users: stub(base, `/v1/bunits/${bu.id}/users`, 'User'),
            addresses: stub(base, `/v1/bunits/${bu.id}/addresses`, 'Address'),
            businessUnits: stub(base, `/v1/bunits/${bu.id}/bunits`, 'BusinessUnit'),
            ...buCore(bu)
          }
        }
      : {}),
    comments: [],
    ...(c.note ? { note: c.note } : {}),
    limitHighStorage: c.limitHighStorage,
    allowNoActivity: c.allowNoActivity,
    tags: [],
    jobs: [],
    id: c.id,
    createdDate: iso(c.createdMs)
  }
}

/** Node as listed (proxies, possibleproxynodes): identity only. */
export function nodeListItem(base: string, c: ConsumerRecord) {
  const n = c.node as NodeRecord
  return { href: `${consumerHref(base, c)}/node`, id: n.id, name: c.name, tsmName: n.tsmName, consumerId: c.id, businessUnitId: c.buId, createdDate: iso(n.createdMs) }
}

export function nodeFull(base: string, data: CloutilityData, c: ConsumerRecord, nowMs: number) {
  const n = c.node as NodeRecord
  const proxies = (ids: number[]) =>
    ids.map((id) => data.consumers.get(id)).filter((x): x is ConsumerRecord => !!x?.node).map((x) => nodeListItem(base, x))
  const os = OPERATING_SYSTEMS.find((o) => o.id === n.osId)
  const activated = n.activatedMs !== null
  return {
    href: `${consumerHref(base, c)}/node`,
    id: n.id,
    name: c.name,
    createdDate: iso(n.createdMs),
    cpuCount: n.cpuCount,
    ...(activated ? { activatedDate: iso(n.activatedMs as number) } : {}),
    locked: n.locked,
    operatingSystem: operatingSystem(base, n.osId),
    type: nodeType(base, n.typeId),
    syncState: { id: activated ? 2 : 1, name: activated ? 'Synchronized' : 'NotSynchronized' },
    domain: domain(base, c.buId, n.domainId),
    clientOptionSet: clientOptionSet(base, c.buId, n.clientOptionSetId),
    server: server(base, c.buId),
    schedules: activated
      ? [{ name: 'DAILY_INCR', description: 'Daily incremental backup', startTime: `${String(Math.floor(n.scheduleMinute / 60)).padStart(2, '0')}:${String(n.scheduleMinute % 60).padStart(2, '0')}:00`, periodUnit: 'Days', duration: 1, durationUnit: 'Hours', priority: 5, dayOfWeek: 'Any' }]
      : [],
    nodeSchedules: [],
    filespaces: stub(base, `${consumerHref(base, c).slice(base.length)}/node/filespaces`, 'Filespace'),
    events: [],
    unscheduledActivities: [],
    retentionSets: [],
    proxyAgents: proxies(n.proxyAgentIds),
    proxyTargets: proxies(n.proxyTargetIds),
    nodeGroups: [],
    tsmName: n.tsmName,
    ...(n.tsmNodeId !== null ? { tsmNodeId: n.tsmNodeId } : {}),
    tsmPassword: n.tsmPassword,
    contact: n.contact,
    platform: os ? { id: os.id, name: os.id === 2 ? 'WinNT' : os.id === 3 ? 'Linux x86-64' : 'Mac' } : null,
    ...(activated
      ? {
          tsmClientVersion: { id: 1, name: '8.1.21.0' },
          tcpName: c.name.toUpperCase(),
          tcpAddress: `10.${(consumerHash(data, c.id, 'ip') >>> 16) & 255}.${(consumerHash(data, c.id, 'ip') >>> 8) & 255}.${(consumerHash(data, c.id, 'ip') & 253) + 1}`,
          lastAccessTime: iso(Math.min(nowMs, (dayNumber(nowMs) - (c.profile === 'missed' ? dayNumber(nowMs) - c.troubleSinceDay + 1 : 0)) * DAY_MS + n.scheduleMinute * 60_000)),
          registeredTime: iso(n.activatedMs as number)
        }
      : {}),
    sessionSecurity: activated ? { id: 2, name: 'Strict' } : { id: 1, name: 'Transitional' },
    decommissioned: false,
    containsVmFilespaces: false,
    remoteActivities: [],
    dataSourceState: dataSourceState(c),
    dataSourceType: DATA_SOURCE_TYPE,
    consumer: { href: consumerHref(base, c), id: c.id, name: c.name }
  }
}

const FILESPACE_LAYOUT: Record<number, Array<{ name: (host: string) => string; type: string; share: number }>> = {
  2: [
    { name: (h) => `\\\\${h}\\c$`, type: 'NTFS', share: 0.45 },
    { name: (h) => `\\\\${h}\\d$`, type: 'NTFS', share: 0.5 },
    { name: () => 'SYSTEM STATE', type: 'VSS', share: 0.05 }
  ],
  3: [
    { name: () => '/', type: 'EXT4', share: 0.2 },
    { name: () => '/home', type: 'EXT4', share: 0.5 },
    { name: () => '/var', type: 'XFS', share: 0.3 }
  ],
  4: [
    { name: () => '/', type: 'APFS', share: 0.3 },
    { name: () => '/Users', type: 'APFS', share: 0.7 }
  ]
}

export function filespaces(base: string, data: CloutilityData, c: ConsumerRecord, health: NodeHealth) {
  const n = c.node as NodeRecord
  if (!n.activatedMs) return []
  const layout = FILESPACE_LAYOUT[n.osId] ?? FILESPACE_LAYOUT[3] ?? []
  const count = 1 + (consumerHash(data, c.id, 'fscount') % layout.length)
  const total = health.storageMegaBytes
  return layout.slice(0, count).map((fs, i) => {
    const logical = Math.round(total * fs.share * 100) / 100
    const capacity = Math.round(Math.max(logical * 1.6, 10240) * 100) / 100
    const last = health.lastSuccessful
    return {
      href: `${consumerHref(base, c)}/node/filespaces/${n.id * 10 + i}`,
      tsmFilespaceId: i + 1,
      type: fs.type,
      capacityMegaBytes: capacity,
      frontEndCapacityMegaBytes: Math.round(logical),
      percentageUtilized: Math.round((logical / capacity) * 1000) / 10,
      ...(last?.actualStartMs ? { lastBackupStart: iso(last.actualStartMs) } : {}),
      ...(last?.completedMs ? { lastBackupEnd: iso(last.completedMs) } : {}),
      occupancies: [
        {
          storagePool: { name: 'DEDUPPOOL', type: 'DIRECTORY', totalStorageMegaBytes: 104857600, freeStorageMegaBytes: 41943040, maxProcesses: 8 },
          files: Math.round(logical * 3),
          logicalMegaBytes: logical,
          logicalMegaBytesCorrected: logical,
          dedupStatNeeded: false,
          dedupStatUpToDate: true,
          physicalMegaBytes: Math.round(logical * 0.55 * 100) / 100,
          reportingMegaBytes: logical,
          storageMegaBytes: Math.round(logical * 0.55 * 100) / 100,
          type: { id: 1, name: 'Backup' },
          id: n.id * 10 + i,
          createdDate: iso(n.activatedMs as number)
        }
      ],
      dedupStats: [],
      activities: [],
      events: [],
      retentionSets: [],
      name: fs.name(c.name.toUpperCase()),
      dataSourceState: DATA_SOURCE_STATE_ACTIVE,
      id: n.id * 10 + i,
      createdDate: iso((n.activatedMs as number) + 86_400_000)
    }
  })
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const hh = String(Math.floor(s / 3600)).padStart(2, '0')
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${hh}:${mm}:${ss}`
}

export function job(base: string, c: ConsumerRecord, j: DerivedJob) {
  const status = JOB_STATUS[j.status]
  const failed = j.status === 'Failed' || j.status === 'FailedNoRestart' || j.status === 'Severed'
  const severity = failed ? JOB_SEVERITY.Error : j.status === 'Missed' || j.failedFiles > 0 ? JOB_SEVERITY.Warning : JOB_SEVERITY.Information
  const durationMs = j.actualStartMs !== null && j.completedMs !== null ? j.completedMs - j.actualStartMs : 0
  return {
    href: `${consumerHref(base, c)}/jobs/${j.id}`,
    businessUnitId: c.buId,
    consumerId: c.id,
    dataSourceId: j.nodeId,
    serverId: BACKUP_SERVER.id,
    tags: [],
    type: JOB_TYPE[j.type],
    status,
    severity,
    supportStatus: SUPPORT_STATUS,
    dataSourceType: DATA_SOURCE_TYPE,
    dataSource: { id: j.nodeId, name: c.node?.tsmName ?? '' },
    dataSourceState: DATA_SOURCE_STATE_ACTIVE,
    scheduled: j.scheduled,
    scheduledStart: iso(j.scheduledStartMs),
    actualStart: j.actualStartMs === null ? null : iso(j.actualStartMs),
    completed: j.completedMs === null ? null : iso(j.completedMs),
    examinedFiles: j.examinedFiles,
    affectedFiles: j.affectedFiles,
    failedFiles: j.failedFiles,
    result: j.result,
    transferredMegaBytes: j.transferredMegaBytes,
    transferredGigaBytes: Math.round((j.transferredMegaBytes / 1024) * 1000) / 1000,
    serverType: SERVER_TYPE,
    jobName: { id: j.type === 'Backup' ? 1 : 2, name: j.name },
    name: j.name,
    duration: duration(durationMs),
    transferredMegaBytesPerSecond: durationMs > 0 ? Math.round((j.transferredMegaBytes / (durationMs / 1000)) * 1000) / 1000 : 0,
    id: j.id,
    createdDate: iso(j.scheduledStartMs)
  }
}

/** An IBM SP schedule event of a node (Event resource). */
export function scheduleEvent(
  base: string,
  c: ConsumerRecord,
  id: number,
  status: JobStatusName,
  result: number,
  scheduledStartMs: number,
  actualStartMs: number | null,
  completedMs: number | null
) {
  const failed = status === 'Failed' || status === 'FailedNoRestart' || status === 'Severed'
  return {
    href: `${consumerHref(base, c)}/events/${id}`,
    id,
    status: JOB_STATUS[status],
    result,
    reason: failed ? 'The scheduled backup ended with errors (ANS1512E).' : status === 'Missed' ? 'The client did not start the schedule in its window.' : '',
    scheduledStart: iso(scheduledStartMs),
    actualStart: actualStartMs === null ? null : iso(actualStartMs),
    completed: completedMs === null ? null : iso(completedMs),
    updatedToJob: completedMs !== null,
    node: { id: c.node?.id ?? 0, name: c.node?.tsmName ?? '' },
    domain: { id: c.node?.domainId ?? 1, name: DOMAINS.find((d) => d.id === c.node?.domainId)?.name ?? 'STANDARD' },
    schedule: { name: 'DAILY_INCR' },
    activities: [],
    importedFromNodeUpdate: false,
    createdDate: iso(scheduledStartMs)
  }
}

const ZERO_DATE = '0001-01-01T00:00:00Z'

/** jobs/first: only `completed` is real; everything else is a placeholder, as documented (seed 001). */
export function firstJobPlaceholder(base: string, c: ConsumerRecord, j: DerivedJob) {
  return {
    href: `${consumerHref(base, c)}/jobs/first`,
    businessUnitId: 0,
    consumerId: 0,
    dataSourceId: 0,
    serverId: 0,
    tags: [],
    type: { id: 0, name: '' },
    status: { id: 0, name: '' },
    severity: { id: 0, name: '' },
    supportStatus: { id: 0, name: '' },
    scheduled: false,
    scheduledStart: ZERO_DATE,
    actualStart: ZERO_DATE,
    completed: iso(j.completedMs as number),
    examinedFiles: 0,
    affectedFiles: 0,
    failedFiles: 0,
    result: 0,
    transferredMegaBytes: 0.0,
    transferredGigaBytes: 0.0,
    serverType: { id: 0, name: '' },
    jobName: { id: 0, name: '' },
    name: '',
    duration: '00:00:00',
    transferredMegaBytesPerSecond: 0.0,
    id: 0,
    createdDate: ZERO_DATE
  }
}

export function warningType(t: (typeof NODE_WARNING_TYPES)[number]) {
  return { name: t.name, usesLimit: t.usesLimit, id: t.id, createdDate: CATALOG_CREATED }
}

export interface NodeReportOptions {
  includeStatus: boolean
  includeWarnings: boolean
}

/** NodeReport for one consumer and one day; extension fields (lastBackup*) are documented in the README. */
export function nodeReport(base: string, data: CloutilityData, c: ConsumerRecord, day: number, nowMs: number, opts: NodeReportOptions, health?: NodeHealth) {
  const endOfDay = Math.min((day + 1) * DAY_MS - 1, nowMs)
  const h = health ?? nodeHealth(data, c, endOfDay, nowMs)
  const bu = data.businessUnits.get(c.buId)
  const id = c.id * 1000 + (((day - data.anchorDay + 500) % 1000) + 1000) % 1000
  const prev = c.node?.activatedMs ? storageMegaBytes(data, c, day - 1) : 0
  const mb = h.storageMegaBytes
  const delta = Math.round((mb - prev) * 100) / 100
  const pct = prev > 0 ? Math.round((delta / prev) * 10000) / 100 : 0
  const last = h.lastJob
  return {
    href: `${consumerHref(base, c)}/reports/${id}`,
    name: c.name,
    statusReportId: day,
    pending: h.status === 'Pending',
    dataSourceType: DATA_SOURCE_TYPE,
    nodeReportTypeId: 1,
    dataSource: c.node?.tsmName ?? '',
    dataSourceState: dataSourceState(c),
    deviceName: c.name.toUpperCase(),
    tsmName: c.node?.tsmName ?? '',
    ...(opts.includeStatus ? { status: ERROR_STATUS[h.status] } : {}),
    tsmServerName: BACKUP_SERVER.name,
    proxyNodeReports: [],
    errorsDeactivated: false,
    errorsDeactivatedNoActivity: c.allowNoActivity,
    megaBytes: mb,
    backupMegaBytes: mb,
    archiveMegaBytes: 0,
    megaBytesDelta: delta,
    megaBytesDeltaPercentage: pct,
    backupMegaBytesDelta: delta,
    backupMegaBytesDeltaPercentage: pct,
    archiveMegaBytesDelta: 0,
    archiveMegaBytesDeltaPercentage: 0,
    megaBytesForCurrentBusinessUnit: mb,
    backupMegaBytesForCurrentBusinessUnit: mb,
    archiveMegaBytesForCurrentBusinessUnit: 0,
    comments: [],
    transferredMegaBytes: last && last.day === day ? last.transferredMegaBytes : 0,
    transferredBackupMegaBytes: last && last.day === day ? last.transferredMegaBytes : 0,
    transferredRestoreMegaBytes: 0,
    percentOfTotalStorageOfBusinessUnit: 0,
    consumerId: c.id,
    nodeId: c.node?.id ?? null,
    businessUnitId: c.buId,
    businessUnitName: bu?.name ?? '',
    reportDate: iso(day * DAY_MS),
    // Extension (documented): what a fleet view needs without fetching jobs per node.
    lastBackupStatus: last ? JOB_STATUS[last.status].name : null,
    lastBackupDate: last ? iso(last.completedMs ?? last.actualStartMs ?? last.scheduledStartMs) : null,
    lastSuccessfulBackupDate: h.lastSuccessful?.completedMs ? iso(h.lastSuccessful.completedMs) : null,
    daysSinceLastSuccessfulBackup: h.daysSinceSuccess,
    ...(opts.includeWarnings
      ? {
          warnings: h.warnings.map((w, i) => {
            const t = NODE_WARNING_TYPES.find((x) => x.id === w.typeId) ?? NODE_WARNING_TYPES[0]
            return { type: warningType(t), status: ERROR_STATUS[w.status], days: w.days, limit: w.limit, nodeReportId: id, id: id * 10 + i, createdDate: iso(day * DAY_MS) }
          })
        }
      : {}),
    id,
    createdDate: iso(day * DAY_MS)
  }
}

/**
 * The NodeReport embedded in a business-unit StatusReport: a partial object (as the real API
 * returns lighter objects inside aggregates) with what a fleet view needs, so one call covers
 * 50,000 nodes in ~1/3 of the bytes of full NodeReports.
 */
export function nodeReportInStatusReport(data: CloutilityData, c: ConsumerRecord, day: number, health: NodeHealth) {
  const bu = data.businessUnits.get(c.buId)
  const last = health.lastJob
  const prev = c.node?.activatedMs ? storageMegaBytes(data, c, day - 1) : 0
  const id = c.id * 1000 + ((((day - data.anchorDay + 500) % 1000) + 1000) % 1000)
  return {
    id,
    name: c.name,
    consumerId: c.id,
    nodeId: c.node?.id ?? null,
    businessUnitId: c.buId,
    businessUnitName: bu?.name ?? '',
    tsmName: c.node?.tsmName ?? '',
    pending: health.status === 'Pending',
    status: ERROR_STATUS[health.status],
    lastBackupStatus: last ? JOB_STATUS[last.status].name : null,
    lastBackupDate: last ? iso(last.completedMs ?? last.actualStartMs ?? last.scheduledStartMs) : null,
    lastSuccessfulBackupDate: health.lastSuccessful?.completedMs ? iso(health.lastSuccessful.completedMs) : null,
    daysSinceLastSuccessfulBackup: health.daysSinceSuccess,
    megaBytes: health.storageMegaBytes,
    megaBytesDelta: Math.round((health.storageMegaBytes - prev) * 100) / 100,
    transferredMegaBytes: last && last.day === day ? last.transferredMegaBytes : 0,
    warnings: health.warnings.map((w) => {
      const t = NODE_WARNING_TYPES.find((x) => x.id === w.typeId) ?? NODE_WARNING_TYPES[0]
      return { type: { id: t.id, name: t.name }, status: ERROR_STATUS[w.status], days: w.days, limit: w.limit }
    }),
    reportDate: iso(day * DAY_MS)
  }
}
