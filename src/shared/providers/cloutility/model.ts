// Cloutility domain model: what the renderer sees. Pure types, JSON-safe.
// Units: sizes in BYTES, durations in SECONDS, dates as ISO-8601 UTC strings (the renderer shows
// them in the user's time zone). Optional fields are ones the provider does not always send.
// Never carries a secret: node passwords stay in main (see the client's NodeCredentials).

export type IsoDateTime = string

export interface IdName {
  id: number
  name: string
}

export interface Page<T> {
  items: T[]
  total: number
  offset: number
}

// --- identity, business units ---------------------------------------------------------------

export interface CurrentUser {
  id: number
  username: string
  displayName?: string
  email?: string
  role?: string
  /** The user's business unit: the default root of the tree. */
  businessUnit: { id: number; name: string }
  lastLoginDate?: IsoDateTime
}

/** One node of the SimpleBusinessUnit tree (`GET /v1/bunits`). */
export interface BusinessUnitNode {
  id: number
  parentId: number | null
  name: string
  groupName?: string
  systemId?: string
  hasContract?: boolean
  invoiceDay?: number
  tags: string[]
  children: BusinessUnitNode[]
}

export interface TimeZone {
  id: number
  name: string
  windowsId?: string
  /** Offset from UTC in minutes, as the provider reports it. */
  offsetMinutes?: number
}

export interface BusinessUnit {
  id: number
  name: string
  parentId?: number
  parentName?: string
  registrationNumber?: string
  note?: string
  /** 0 = last day of the month. */
  invoiceDay?: number
  timeZone?: TimeZone
  supportResponsible?: boolean
  storageLimit?: number
  transferLimit?: number
  nodeLimit?: number
  passwordExpirationDays?: number
  requiredApproversOfDeleteRequest?: number
  finalDeleteRequestApprover?: boolean
  usersCanApproveOwnRequests?: boolean
  tags: string[]
  createdDate?: IsoDateTime
}

export interface BusinessUnitInput {
  name: string
  registrationNumber?: string
  note?: string
  timeZoneId?: number
  invoiceDay?: number
}

// --- consumption units and nodes ------------------------------------------------------------

/** Health of a consumption unit's backups, from the provider's error status. */
export type BackupStatus = 'ok' | 'warning' | 'error' | 'pending' | 'ignored' | 'unknown'

export interface ConsumptionUnit {
  id: number
  name: string
  businessUnitId: number
  businessUnitName?: string
  dataSourceType?: string
  /** "Active", "New"…: the data source state. */
  state?: string
  /** IBM Storage Protect node name (after activation). */
  nodeName?: string
  os?: string
  nodeType?: string
  lastBackup?: IsoDateTime
  lastBackupStatus?: string
  lastSuccessfulBackup?: IsoDateTime
  status?: BackupStatus
  storageBytes?: number
  billingStartDate?: IsoDateTime
  latestRestorePoint?: IsoDateTime
  externalReference?: string
  note?: string
  limitHighStorage?: number
  allowNoActivity?: boolean
  tags: string[]
  createdDate?: IsoDateTime
}

export interface ConsumptionUnitInput {
  name: string
  note?: string
  externalReference?: string
  billingStartDate?: IsoDateTime
  allowNoActivity?: boolean
  limitHighStorage?: number
}

export interface Domain {
  id: number
  name: string
  description?: string
  backupRetention?: number
  archiveRetention?: number
}

export interface ClientOptionSet {
  id: number
  name: string
  description?: string
}

export interface NodeType {
  id: number
  name: string
  shortName?: string
}

export interface OperatingSystem {
  id: number
  name: string
  shortName?: string
  supportedNodeTypes: NodeType[]
}

export interface BackupServer {
  id: number
  name: string
}

export interface NodeSchedule {
  name: string
  description?: string
  startTime?: string
  periodUnit?: string
  duration?: number
  durationUnit?: string
  dayOfWeek?: string
}

/** A node on the other side of a proxy relation. */
export interface ProxyNode {
  nodeId?: number
  consumerId?: number
  businessUnitId?: number
  name: string
  nodeName?: string
}

export interface ProxyRelations {
  /** Nodes allowed to act for this node. */
  agents: ProxyNode[]
  /** Nodes this node may act for. */
  targets: ProxyNode[]
}

export interface BackupNode {
  id: number
  consumerId?: number
  name: string
  /** True once activated on the backup server (it then has an SP node name). */
  activated: boolean
  activatedDate?: IsoDateTime
  nodeName?: string
  /** The SP server's own node id ("SP ID"); never changes even if the node is renamed. */
  spNodeId?: number
  /** True when the provider holds an SP password for it (the password itself stays in main). */
  hasPassword: boolean
  locked?: boolean
  decommissioned?: boolean
  cpuCount?: number
  contact?: string
  operatingSystem?: IdName & { shortName?: string }
  type?: IdName
  domain?: Domain
  clientOptionSet?: ClientOptionSet
  server?: BackupServer
  syncState?: string
  sessionSecurity?: string
  platform?: string
  clientVersion?: string
  osLevel?: string
  tcpName?: string
  tcpAddress?: string
  macAddress?: string
  lastAccessTime?: IsoDateTime
  registeredTime?: IsoDateTime
  state?: string
  schedules: NodeSchedule[]
  proxy: ProxyRelations
  createdDate?: IsoDateTime
}

export interface BackupNodeInput {
  operatingSystemId: number
  typeId: number
  domainId: number
  clientOptionSetId: number
  serverId?: number
  contact?: string
  cpuCount?: number
}

export interface Filespace {
  id: number
  name: string
  spFilespaceId?: number
  /** File system type: NTFS, EXT4, VSS... */
  type?: string
  capacityBytes?: number
  frontEndCapacityBytes?: number
  /** Percentage 0..100. */
  utilization?: number
  /** Logical bytes stored on the server (sum of occupancies). */
  storedBytes?: number
  lastBackupStart?: IsoDateTime
  lastBackupEnd?: IsoDateTime
  state?: string
  createdDate?: IsoDateTime
}

// --- jobs, reports, audit ----------------------------------------------------------------------

export interface Job {
  id: number
  name: string
  type?: string
  status?: string
  severity?: string
  scheduled?: boolean
  scheduledStart?: IsoDateTime
  start?: IsoDateTime
  end?: IsoDateTime
  filesExamined?: number
  filesAffected?: number
  filesFailed?: number
  transferredBytes?: number
  durationSeconds?: number
  bytesPerSecond?: number
  /** SP return code. */
  result?: number
  consumerId?: number
  businessUnitId?: number
}

export interface JobRange {
  /** Start actually used (clamped to the first job's time). */
  start: IsoDateTime
  end: IsoDateTime
  /** The earliest start the provider allows (from jobs/first), or null when there are no jobs. */
  earliest: IsoDateTime | null
  /** True when the asked start was earlier than allowed and was moved. */
  clamped: boolean
}

export interface JobList {
  jobs: Job[]
  range: JobRange
}

export interface NodeWarningType {
  id: number
  name: string
  usesLimit: boolean
}

export interface NodeWarning {
  id?: number
  typeId?: number
  typeName?: string
  status?: BackupStatus
  days?: number
  limit?: number
}

export interface NodeReport {
  id: number
  consumerId?: number
  consumerName: string
  nodeId?: number
  nodeName?: string
  businessUnitId?: number
  businessUnitName?: string
  reportDate?: IsoDateTime
  status?: BackupStatus
  pending?: boolean
  storageBytes?: number
  backupBytes?: number
  archiveBytes?: number
  storageDeltaBytes?: number
  storageDeltaPercent?: number
  transferredBytes?: number
  transferredBackupBytes?: number
  transferredRestoreBytes?: number
  lastBackupStatus?: string
  lastBackupDate?: IsoDateTime
  lastSuccessfulBackupDate?: IsoDateTime
  daysSinceLastSuccessfulBackup?: number
  warnings: NodeWarning[]
}

/** Business-unit level report: one call covers a whole subtree. */
export interface StatusReport {
  businessUnitId?: number
  businessUnitName?: string
  status?: BackupStatus
  reportDate?: IsoDateTime
  updateTime?: IsoDateTime
  nodeReports: NodeReport[]
  childReports: StatusReport[]
}

export type AuditLogType = 'info' | 'create' | 'modify' | 'delete' | 'error'

export const AUDIT_LOG_TYPE_CODES: Record<AuditLogType, number> = { info: 0, create: 100, modify: 200, delete: 300, error: 400 }

export interface AuditLogEntry {
  id: number
  type: AuditLogType | 'unknown'
  typeCode?: number
  message: string
  userName?: string
  businessUnitId?: number
  businessUnitName?: string
  consumerId?: number
  consumerName?: string
  date?: IsoDateTime
}

// --- billing -------------------------------------------------------------------------------

export interface Currency {
  code: string
  name?: string
  symbol?: string
}

export interface ContractSubscription {
  name: string
  billingStartDate?: IsoDateTime
  currency?: Currency
  components: Array<{ name: string; unitPrice?: number; method?: string }>
}

export interface Contract {
  id?: number
  billingStartDate?: IsoDateTime
  billingEndDate?: IsoDateTime
  erpReference?: string
  optionalErpReference?: string
  discountPercent?: number
  billingCycle?: { name: string; months?: number }
  paymentTerms?: { name: string; code?: string }
  currency?: Currency
  prepayConsumption?: boolean
  agreedLegalTerms?: boolean
  subscriptions: ContractSubscription[]
}

export interface InvoiceLine {
  id?: number
  subscription?: string
  product: string
  productCode?: string
  method?: string
  startDate?: IsoDateTime
  endDate?: IsoDateTime
  unitPrice?: number
  quantity?: number
  amount?: number
  note?: string
}

export interface Invoice {
  id?: number
  /** YYYY-MM-DD: the key for invoiceByDate. */
  date: string
  payingBusinessUnit?: { id: number; name: string }
  currency?: string
  total?: number
  discountPercent?: number
  /** A future invoice computed by the provider, not issued yet. */
  simulated?: boolean
  /** Absent when the answer did not carry them (Cloutility's invoice list): not the same as none. */
  lines?: InvoiceLine[]
}

export interface InvoiceFile {
  id: number
  fileName?: string
  erpReference?: string
  sendToBillingAddress?: boolean
  sizeBytes?: number
  createdDate?: IsoDateTime
}

export interface BillingData {
  id?: number
  /** YYYY-MM-DD. */
  date: string
  billingBusinessUnit?: { id: number; name: string }
  summary: Array<{ currency: string; total: number }>
  simulated?: boolean
  invoices: Invoice[]
}
