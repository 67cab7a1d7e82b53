import { formatCode } from '../../format'

// CloudAlly's codes in words, for formatCode/codeTitle: the raw code stays in the tooltip so a
// technician can still match it with CloudAlly's portal. The partner API speaks upper case
// (MS365_GROUPS, US_EST, PAUSED); the backup-task API lower case (paused, in_progress): both
// spellings of one state read the same.

/** Backup sources (what a task backs up). */
export const CLOUDALLY_SOURCE_WORDS: Readonly<Record<string, string>> = {
  MS365: 'Microsoft 365 Exchange',
  ONEDRIVE: 'OneDrive',
  SHAREPOINT_MULTI: 'SharePoint',
  MS365_GROUPS: 'Microsoft 365 Groups',
  MS_TEAMS: 'Microsoft Teams',
  GMAIL: 'Gmail',
  GDRIVE: 'Google Drive',
  GACCOUNT: 'Google Workspace account',
  SALESFORCE: 'Salesforce',
  BOX: 'Box',
  DROPBOX: 'Dropbox'
}

/**
 * A backup source in words, the one name every screen shows ("Microsoft 365 Exchange" for MS365);
 * a code CloudAlly adds later is made readable. Searches match this name and the code alike.
 */
export const cloudAllySourceName = (code: string | null | undefined): string => formatCode(code, CLOUDALLY_SOURCE_WORDS)

/**
 * The sources whose restore into the service CloudAlly documents as non-destructive (restored
 * items are added beside what is there, in its user guides and common tasks). For the
 * others (Salesforce records, Box, Dropbox) what a restore does to current data is not documented,
 * so Backdesk does not claim it.
 */
export const CLOUDALLY_NON_DESTRUCTIVE_SOURCES: ReadonlySet<string> = new Set(['MS365', 'ONEDRIVE', 'SHAREPOINT_MULTI', 'MS365_GROUPS', 'MS_TEAMS', 'GMAIL', 'GDRIVE', 'GACCOUNT'])

/** Backup-task workload types, and the service types on a bill. */
export const CLOUDALLY_TYPE_WORDS: Readonly<Record<string, string>> = {
  MS365: 'Microsoft 365',
  GOOGLE_WORKSPACE: 'Google Workspace',
  SALESFORCE: 'Salesforce',
  BOX: 'Box',
  DROPBOX: 'Dropbox',
  SHAREPOINT: 'SharePoint',
  ONEDRIVE: 'OneDrive'
}

/** Data-centre regions. */
export const CLOUDALLY_REGION_WORDS: Readonly<Record<string, string>> = {
  US_EST: 'United States (East)',
  EU_FRANKFURT: 'Europe (Frankfurt)',
  UK_LONDON: 'United Kingdom (London)',
  AU_SYDNEY: 'Australia (Sydney)',
  CA_CENTRAL: 'Canada (Central)'
}

/** Task, account and backup states, in both of CloudAlly's spellings. */
export const CLOUDALLY_STATUS_WORDS: Readonly<Record<string, string>> = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  paused: 'Paused',
  ARCHIVED: 'Archived',
  SUSPENDED: 'Suspended',
  TRIAL: 'Trial',
  OK: 'OK',
  SUCCESS: 'Succeeded',
  success: 'Succeeded',
  FAILED: 'Failed',
  failed: 'Failed',
  IN_PROGRESS: 'In progress',
  in_progress: 'In progress',
  PENDING: 'Pending',
  pending: 'Pending',
  UNKNOWN: 'Unknown'
}

/** How often a backup task runs. */
export const CLOUDALLY_FREQUENCY_WORDS: Readonly<Record<string, string>> = {
  daily: 'Daily',
  every_3_hours: 'Every 3 hours',
  manual: 'Manual only'
}

/** The activity journal's actions for a CloudAlly connection (written by main's journal describer). */
export const CLOUDALLY_JOURNAL_ACTION_WORDS: Readonly<Record<string, string>> = {
  restore: 'Requested a restore',
  download: 'Requested a download',
  settle: 'Settled an unknown outcome'
}

/** The kinds of object the activity journal names for a CloudAlly connection. */
export const CLOUDALLY_JOURNAL_OBJECT_WORDS: Readonly<Record<string, string>> = {
  backupTask: 'Backup task',
  restoreRequest: 'Restore request'
}

/** How a bill is paid. */
export const CLOUDALLY_PAYMENT_WORDS: Readonly<Record<string, string>> = {
  INVOICE: 'Invoice',
  CREDIT_CARD: 'Credit card',
  PAYPAL: 'PayPal'
}
