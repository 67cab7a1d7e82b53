// Cloutility wire types. Tolerant on purpose: the API returns objects of varying completeness
// (provider-apis.md §1.2), so every field is optional and unknown fields are kept (index
// signature). Nothing here is trusted: map.ts reads each field through a type guard.

import type { WireObject } from '../wire'

export type { WireObject }

export interface WireRef extends WireObject {
  id?: number
  name?: string
  href?: string
  createdDate?: string
}

export interface WireCollection<T = WireObject> extends WireObject {
  href?: string
  total?: number
  offset?: number
  first?: string
  items?: T[]
}

export interface WireToken extends WireObject {
  access_token?: string
  token_type?: string
  expires_in?: number | string
  refresh_token?: string
}

export interface WireOAuthError extends WireObject {
  error?: string
  error_description?: string
}

export interface WireTimeZone extends WireRef {
  windowsId?: string
  offset?: number
}

export interface WireTag extends WireObject {
  id?: number
  text?: string
}

export interface WireBusinessUnit extends WireRef {
  parentBusinessUnit?: WireBusinessUnit
  timeZone?: WireTimeZone
  note?: string
  registrationNumber?: string
  invoiceDay?: number
  supportResponsible?: boolean
  storageLimit?: number
  transferLimit?: number
  nodeLimit?: number
  passwordExpirationDays?: number
  requiredApproversOfDeleteRequest?: number
  finalDeleteRequestApprover?: boolean
  usersCanApproveOwnRequests?: boolean
  tags?: WireTag[]
}

export interface WireSimpleBusinessUnit extends WireObject {
  id?: number
  parentId?: number | null
  name?: string
  groupName?: string
  systemId?: string
  hasContract?: boolean
  invoiceDay?: number
  tags?: WireTag[]
  businessUnits?: WireSimpleBusinessUnit[]
}

export interface WireUser extends WireRef {
  displayName?: string
  email?: string
  phone?: string
  businessUnit?: WireBusinessUnit
  businessUnitId?: number
  role?: WireRef
  locked?: boolean
  usesTotp?: boolean
  lastLoginDate?: string
}

export interface WireConsumer extends WireRef {
  dataSourceType?: WireRef
  dataSourceState?: WireRef
  latestRestorePoint?: string
  billingStartDate?: string
  externalReference?: string
  businessUnit?: WireBusinessUnit
  note?: string
  limitHighStorage?: number
  allowNoActivity?: boolean
  tags?: WireTag[]
  node?: WireNode
}

export interface WireDomain extends WireRef {
  description?: string
  backupRetention?: number
  archiveRetention?: number
}

export interface WireOperatingSystem extends WireRef {
  shortName?: string
  supportedNodeTypes?: WireRef[]
}

export interface WireSchedule extends WireObject {
  name?: string
  description?: string
  startTime?: string
  periodUnit?: string
  duration?: number
  durationUnit?: string
  dayOfWeek?: string
}

export interface WireNode extends WireRef {
  consumerId?: number
  businessUnitId?: number
  cpuCount?: number
  activatedDate?: string
  locked?: boolean
  operatingSystem?: WireOperatingSystem | null
  type?: WireRef | null
  syncState?: WireRef
  domain?: WireDomain | null
  clientOptionSet?: WireRef | null
  server?: WireRef
  schedules?: WireSchedule[]
  proxyAgents?: WireNode[]
  proxyTargets?: WireNode[]
  tsmName?: string
  tsmNodeId?: number
  /** Secret: read only by the credentials path, never mapped into the domain model. */
  tsmPassword?: string
  contact?: string
  platform?: WireRef | null
  tsmClientVersion?: WireRef
  osLevel?: WireRef
  tcpName?: string
  tcpAddress?: string
  macAddress?: string
  sessionSecurity?: WireRef
  lastAccessTime?: string
  registeredTime?: string
  decommissioned?: boolean
  dataSourceState?: WireRef
  consumer?: WireRef
}

export interface WireFilespaceOccupancy extends WireObject {
  logicalMegaBytes?: number
  storageMegaBytes?: number
}

export interface WireFilespace extends WireRef {
  tsmFilespaceId?: number
  type?: string
  capacityMegaBytes?: number
  frontEndCapacityMegaBytes?: number
  percentageUtilized?: number
  lastBackupStart?: string
  lastBackupEnd?: string
  occupancies?: WireFilespaceOccupancy[]
  dataSourceState?: WireRef
}

export interface WireJob extends WireRef {
  businessUnitId?: number
  consumerId?: number
  type?: WireRef
  status?: WireRef
  severity?: WireRef
  scheduled?: boolean
  scheduledStart?: string
  actualStart?: string | null
  completed?: string | null
  examinedFiles?: number
  affectedFiles?: number
  failedFiles?: number
  result?: number
  transferredMegaBytes?: number
  transferredGigaBytes?: number
  jobName?: WireRef
  /** Timespan "hh:mm:ss" or "d.hh:mm:ss(.fff)". */
  duration?: string
  transferredMegaBytesPerSecond?: number
}

export interface WireNodeWarning extends WireObject {
  id?: number
  type?: WireRef & { usesLimit?: boolean }
  status?: WireRef | string | number
  days?: number
  limit?: number
}

export interface WireNodeReport extends WireRef {
  consumerId?: number
  nodeId?: number | null
  businessUnitId?: number
  businessUnitName?: string
  tsmName?: string
  dataSource?: string
  status?: WireRef | string | number
  pending?: boolean
  megaBytes?: number
  backupMegaBytes?: number
  archiveMegaBytes?: number
  megaBytesDelta?: number
  megaBytesDeltaPercentage?: number
  transferredMegaBytes?: number
  transferredBackupMegaBytes?: number
  transferredRestoreMegaBytes?: number
  reportDate?: string
  warnings?: WireNodeWarning[]
  lastBackupStatus?: string | null
  lastBackupDate?: string | null
  lastSuccessfulBackupDate?: string | null
  daysSinceLastSuccessfulBackup?: number | null
}

export interface WireStatusReport extends WireObject {
  businessUnit?: WireRef
  businessUnitId?: number
  businessUnitName?: string
  status?: WireRef | string | number
  reportDate?: string
  updateTime?: string
  nodeReports?: WireNodeReport[]
  childReports?: WireStatusReport[]
}

export interface WireAuditLog extends WireObject {
  id?: number
  type?: number | WireRef
  typeName?: string
  message?: string
  userName?: string
  user?: WireRef
  businessUnitId?: number
  businessUnitName?: string
  consumerId?: number | null
  consumerName?: string
  createdDate?: string
}

export interface WireCurrency extends WireObject {
  name?: string
  code?: string
  symbol?: string
}

export interface WireContract extends WireObject {
  id?: number
  billingStartDate?: string | null
  billingEndDate?: string | null
  agreedLegalTerms?: boolean
  erpReference?: string
  optionalErpReference?: string
  discount?: number
  prepayConsumption?: boolean
  billingCycle?: WireRef & { months?: number }
  paymentTerms?: { name?: string; code?: string }
  currency?: WireCurrency
  subscriptions?: Array<WireObject & { name?: string; billingStartDate?: string; currency?: WireCurrency; components?: WireObject[] }>
}

export interface WireInvoiceLine extends WireObject {
  id?: number
  subscription?: { name?: string }
  product?: { name?: string; method?: string; inheritedProductCode?: string }
  startDate?: string
  endDate?: string
  unitPrice?: number
  quantity?: number
  note?: string
}

export interface WireInvoice extends WireRef {
  invoiceDate?: string
  payingBusinessUnit?: WireRef
  currency?: string | WireCurrency
  total?: number
  discount?: number
  simulated?: boolean
  lines?: WireInvoiceLine[]
}

export interface WireInvoiceFile extends WireRef {
  fileName?: string
  erpReference?: string
  sendToBillingAddress?: boolean
  sizeBytes?: number
}

export interface WireBillingData extends WireRef {
  invoiceDateStr?: string
  invoiceDate?: string
  billingBusinessUnit?: WireRef
  summary?: Array<{ currency?: string; total?: number }>
  simulated?: boolean
  invoices?: WireInvoice[]
}
