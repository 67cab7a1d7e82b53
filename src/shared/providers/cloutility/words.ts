import type { AuditLogType, BackupStatus } from './model'

// Cloutility's codes and status names in words, for formatCode/codeTitle (shared/format.ts): the
// screens show the words and keep the raw value in the tooltip and the CSV. A value missing here
// still reads (formatCode spaces an UPPER_SNAKE code); add it here when it reads badly.

/** A consumption unit's backup health (the status report's error status, mapped in main). */
export const BACKUP_STATUS_WORDS: Readonly<Record<BackupStatus, string>> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  pending: 'Pending',
  ignored: 'Ignored',
  unknown: 'Unknown'
}

/**
 * A node's last backup status and a node warning's status as the status report spells them
 * (IBM Storage Protect's error-status names).
 */
export const ERROR_STATUS_WORDS: Readonly<Record<string, string>> = {
  Ok: 'OK',
  OkWithWarnings: 'OK with warnings',
  Warning: 'Warning',
  Error: 'Error',
  Ignored: 'Ignored',
  Pending: 'Pending'
}

/**
 * Job statuses: IBM Storage Protect's schedule-event vocabulary, under its code names and under
 * the display names Cloutility sends.
 */
export const JOB_STATUS_WORDS: Readonly<Record<string, string>> = {
  Completed: 'Completed',
  Failed: 'Failed',
  FailedNoRestart: 'Failed, not restarted',
  'Failed - no restart': 'Failed, not restarted',
  Missed: 'Missed',
  Severed: 'Connection lost',
  InProgress: 'In progress',
  'In Progress': 'In progress',
  Started: 'Started',
  Future: 'Scheduled'
}

export const JOB_TYPE_WORDS: Readonly<Record<string, string>> = {
  Backup: 'Backup',
  Restore: 'Restore',
  Archive: 'Archive',
  Retrieve: 'Retrieve'
}

/** A node's platform as the backup server reports it (the client's own name for it). */
export const PLATFORM_WORDS: Readonly<Record<string, string>> = {
  WinNT: 'Windows',
  'Linux x86-64': 'Linux (x86-64)',
  Mac: 'macOS',
  // Upper-case platform names are names, not codes to space out.
  AIX: 'AIX',
  HPUX: 'HP-UX',
  'SUN SOLARIS': 'Solaris'
}

export const AUDIT_TYPE_WORDS: Readonly<Record<AuditLogType | 'unknown', string>> = {
  info: 'Info',
  create: 'Create',
  modify: 'Modify',
  delete: 'Delete',
  error: 'Error',
  unknown: 'Other'
}

/** The activity journal's actions for a Cloutility connection (written by main's journal describer). */
export const JOURNAL_ACTION_WORDS: Readonly<Record<string, string>> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  activate: 'Activated the node',
  changePassword: 'Changed the node password',
  grantProxy: 'Granted a proxy relation',
  revokeProxy: 'Revoked a proxy relation',
  upload: 'Uploaded'
}

/** The kinds of object the activity journal names for a Cloutility connection. */
export const JOURNAL_OBJECT_WORDS: Readonly<Record<string, string>> = {
  businessUnit: 'Business unit',
  consumptionUnit: 'Consumption unit',
  node: 'Node',
  proxy: 'Proxy relation',
  invoiceFile: 'Invoice file'
}
