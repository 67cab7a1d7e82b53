// Fixed lookup tables of the Cloutility simulator. Ids and names follow what Safespring publishes
// (provider-apis.md §1.7): Windows = 2, Linux = 3, File server = 1, Workstation = 2, STANDARD = 1,
// DEDUP_AND_COMPRESS = 2. Everything else here is our choice and is listed in the README.

export const FULL_VERSION = '1.0.4480.0'
/** All catalogue objects carry a createdDate; a fixed one keeps responses deterministic. */
export const CATALOG_CREATED = '2022-06-10T06:33:19.337Z'

export const OPERATING_SYSTEMS = [
  { id: 2, name: 'Windows', shortName: 'WIN', nodeTypeIds: [1, 2, 3] },
  { id: 3, name: 'Linux', shortName: 'LNX', nodeTypeIds: [1, 2, 3] },
  { id: 4, name: 'macOS', shortName: 'MAC', nodeTypeIds: [2] }
] as const

export const NODE_TYPES = [
  { id: 1, name: 'File server', shortName: 'FS' },
  { id: 2, name: 'Workstation', shortName: 'WS' },
  { id: 3, name: 'Application server', shortName: 'APP' }
] as const

/** Policy domains: the retention of inactive file versions (days). */
export const DOMAINS = [
  { id: 1, name: 'STANDARD', description: 'Standard retention, 180 days', backupRetention: 180, archiveRetention: 365 },
  { id: 2, name: '30DAYS', description: 'Retention 30 days', backupRetention: 30, archiveRetention: 30 },
  { id: 3, name: '60DAYS', description: 'Retention 60 days', backupRetention: 60, archiveRetention: 60 },
  { id: 4, name: '90DAYS', description: 'Retention 90 days', backupRetention: 90, archiveRetention: 90 },
  { id: 5, name: '180DAYS', description: 'Retention 180 days', backupRetention: 180, archiveRetention: 180 },
  { id: 6, name: '1YEAR', description: 'Retention 1 year', backupRetention: 365, archiveRetention: 365 },
  { id: 7, name: '2YEAR', description: 'Retention 2 years', backupRetention: 730, archiveRetention: 730 }
] as const

export const CLIENT_OPTION_SETS = [
  { id: 1, name: 'None', description: 'No client option set' },
  { id: 2, name: 'DEDUP_AND_COMPRESS', description: 'Client-side deduplication and compression' },
  { id: 3, name: 'FORCE_ENCRYPT', description: 'Client-side encryption enforced' }
] as const

export const BACKUP_SERVER = { id: 1, name: 'DCO1-BACKUP-SERVER-2', aliases: ['tsm12.backup.sto2.safedc.net'] }

export const TIME_ZONES = [
  { id: 1, name: '(GMT) Coordinated Universal Time', windowsId: 'UTC', offset: 0 },
  { id: 2, name: '(GMT+00:00) Dublin, Edinburgh, Lisbon, London', windowsId: 'GMT Standard Time', offset: 0 },
  { id: 4, name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', windowsId: 'W. Europe Standard Time', offset: 60 },
  { id: 5, name: '(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius', windowsId: 'FLE Standard Time', offset: 120 },
  { id: 7, name: '(GMT-05:00) Eastern Time (US & Canada)', windowsId: 'Eastern Standard Time', offset: -300 },
  { id: 8, name: '(GMT-08:00) Pacific Time (US & Canada)', windowsId: 'Pacific Standard Time', offset: -480 },
  { id: 9, name: '(GMT+10:00) Canberra, Melbourne, Sydney', windowsId: 'AUS Eastern Standard Time', offset: 600 }
] as const

/** Node warning types (NodeWarningType); `usesLimit` = the warning has a threshold (`limit`). */
export const NODE_WARNING_TYPES = [
  { id: 1, name: 'No backup activity', usesLimit: true, defaultLimit: 2 },
  { id: 2, name: 'Failed files', usesLimit: false, defaultLimit: 0 },
  { id: 3, name: 'High storage', usesLimit: true, defaultLimit: 100 },
  { id: 4, name: 'Missed schedule', usesLimit: false, defaultLimit: 0 },
  { id: 5, name: 'Backup failed', usesLimit: false, defaultLimit: 0 },
  { id: 6, name: 'Node locked', usesLimit: false, defaultLimit: 0 }
] as const

/** ErrorStatus (not published; names from the status-delivery flags, provider-apis.md §1.6). */
export const ERROR_STATUS = {
  Ok: { id: 1, name: 'Ok' },
  OkWithWarnings: { id: 2, name: 'OkWithWarnings' },
  Warning: { id: 3, name: 'Warning' },
  Error: { id: 4, name: 'Error' },
  Ignored: { id: 5, name: 'Ignored' },
  Pending: { id: 6, name: 'Pending' }
} as const
export type ErrorStatusName = keyof typeof ERROR_STATUS
/** Higher = worse; used to roll node statuses up into a business-unit status. */
export const ERROR_STATUS_RANK: Record<ErrorStatusName, number> = { Ignored: 0, Pending: 1, Ok: 2, OkWithWarnings: 3, Warning: 4, Error: 5 }

/** Job statuses use the IBM Storage Protect schedule-event vocabulary. */
export const JOB_STATUS = {
  Completed: { id: 1, name: 'Completed' },
  Failed: { id: 2, name: 'Failed' },
  FailedNoRestart: { id: 3, name: 'Failed - no restart' },
  Missed: { id: 4, name: 'Missed' },
  Severed: { id: 5, name: 'Severed' },
  InProgress: { id: 6, name: 'In Progress' },
  Started: { id: 7, name: 'Started' },
  Future: { id: 8, name: 'Future' }
} as const
export type JobStatusName = keyof typeof JOB_STATUS

export const JOB_TYPE = {
  Backup: { id: 1, name: 'Backup' },
  Restore: { id: 2, name: 'Restore' },
  Archive: { id: 3, name: 'Archive' },
  Retrieve: { id: 4, name: 'Retrieve' }
} as const

export const JOB_SEVERITY = {
  Information: { id: 1, name: 'Information' },
  Warning: { id: 2, name: 'Warning' },
  Error: { id: 3, name: 'Error' }
} as const

export const SUPPORT_STATUS = { id: 1, name: 'None' }
export const SERVER_TYPE = { id: 1, name: 'IBM Storage Protect' }
export const DATA_SOURCE_TYPE = { id: 1, name: 'SP Backup node' }
export const DATA_SOURCE_STATE_ACTIVE = { id: 3, name: 'Active' }
export const DATA_SOURCE_STATE_NEW = { id: 1, name: 'New' }

/** Audit log entry types, as the `types=` query parameter numbers them (seed 001). */
export const AUDIT_TYPES: Record<number, string> = { 0: 'Info', 100: 'Create', 200: 'Modify', 300: 'Delete', 400: 'Error' }

export const ACTIONS = [
  { id: 1, name: 'Create business unit' },
  { id: 2, name: 'Create consumption unit' },
  { id: 3, name: 'Activate node' },
  { id: 4, name: 'Delete consumption unit' },
  { id: 5, name: 'View reports' }
] as const
