// CloudAlly domain models (what the renderer sees). Built by
// src/main/core/providers/cloudally/map.ts from tolerant wire types: every field the API may omit
// is optional, and values outside the documented vocabulary are kept as they are.

/** GET /v1/partners — the partner profile. */
export interface CloudAllyPartner {
  partnerId?: string
  email?: string
  contactName?: string
  discount?: number
  phone?: string
  currency?: string
  address?: string
  region?: string
}

/** One sub-source's state inside a status entry (e.g. a mailbox's MAIL and CALENDAR parts). */
export interface CloudAllySubStatus {
  subSource?: string
  status?: string
  error?: string
  errFAQLink?: string
}

/** GET /v1/partners/status — one backed-up entity and how its last backup went. */
export interface CloudAllyStatusEntry {
  userId?: string
  taskId?: string
  source?: string
  entityName?: string
  lastBackupDate?: string
  lastBackupAttemptDate?: string
  backupDurationSeconds?: number
  size?: number
  backupStatus: CloudAllySubStatus[]
  /** FAILED when any sub-source failed, else the worst status seen; for sorting failures first. */
  overall: 'FAILED' | 'IN_PROGRESS' | 'OK' | 'ARCHIVED' | 'UNKNOWN'
}

/** GET /v1/partners/tasks — a partner-level task (one per account and source). */
export interface CloudAllyTask {
  id: string
  account?: string
  type?: string
  source?: string
  userId?: string
  userEmail?: string
  domain?: string
  status?: string
  region?: string
  alias?: string
  backupTaskId?: string
  snapshotDate?: string
  /** Latest backup per source, ISO (from yyyymmddhhmmss numbers). */
  lastBackupDates: Record<string, string>
  /** The most recent of `lastBackupDates`. */
  lastBackup?: string
  /** As the API words it, e.g. "In 7 hours". */
  nextBackup?: string
  progress?: { current?: number; state?: string; service?: string; cancelled?: boolean }
  size?: number
  createDate?: string
  numOfBilledEntities?: number
  numOfEntities?: number
  multiEntitiesTask?: boolean
}

export interface CloudAllyReseller {
  id: string
  name?: string
  email?: string
  status?: string
  region?: string
  discount?: number
  currency?: string
  createDate?: string
  numOfUsers?: number
  partnerId?: string
  /** Fields the API sent that we do not model, for the detail view (scalars only). */
  extra: Record<string, string | number | boolean | null>
}

export interface CloudAllyUser {
  id: string
  name?: string
  email?: string
  status?: string
  /** ISO date (from a yyyymmdd number). */
  date?: string
  dailyReport?: boolean
  region?: string
  discount?: number
  reportEmails: string[]
  partnerId?: string
  resellerId?: string
  currency?: string
  customStorageType?: string
  ms365EnterprisePlan?: boolean
  gsuiteEnterprisePlan?: boolean
}

export interface CloudAllyBillLine {
  serviceType?: string
  service?: string
  quantity?: number
  price?: string
  total?: string
  seat?: number
  storage?: number
  source?: string
}

export interface CloudAllyBill {
  name?: string
  period?: string
  discount?: string
  total?: string
  lines: CloudAllyBillLine[]
  paymentType?: string
  trialDaysLeft?: number
  subscribed?: boolean
}

/** The seed 003 enums, for the screens' filters and the schema check. */
export const BACKUP_TASK_TYPES = ['MS365', 'GOOGLE_WORKSPACE', 'SALESFORCE', 'BOX', 'DROPBOX', 'SHAREPOINT', 'ONEDRIVE'] as const
export const BACKUP_TASK_STATUSES = ['success', 'failed', 'in_progress', 'paused', 'pending'] as const
export const BACKUP_FREQUENCIES = ['daily', 'every_3_hours', 'manual'] as const

/**
 * GET /v1/backup-tasks — checked against the seed 003 JSON Schema. Values outside it are kept as
 * they came (a string stays a string, an odd type is shown as text) and described in
 * `schemaIssues`; a task is never dropped for not matching.
 */
export interface CloudAllyBackupTask {
  /** Always a string here; a missing id becomes "" and is flagged. */
  id: string
  name?: string
  type?: string
  status?: string
  lastBackup?: string | null
  createdAt?: string
  size?: number | null
  schedule?: { frequency?: string; timezone?: string }
  /** Not in the schema but sent by CloudAlly-like servers (additionalProperties: true). */
  source?: string
  userId?: string
  schemaIssues: string[]
  /** Other scalar fields the API sent. */
  extra: Record<string, string | number | boolean | null>
}


/** One entity a backup task backs up (a mailbox, a site, a group, the account). */
export interface CloudAllyRestoreEntity {
  id: string
  name: string
  /** USER, SITE, GROUP, ACCOUNT… as the API sends it. */
  type?: string
}

/** What a restore of one backup task can be asked for: its snapshots (newest first) and entities. */
export interface CloudAllyRestoreChoices {
  taskId: string
  /** ISO date-times, newest first. */
  snapshots: string[]
  entities: CloudAllyRestoreEntity[]
}
