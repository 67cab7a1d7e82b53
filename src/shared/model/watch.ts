// Watch: scheduled fleet scans, the kept history of their results, what changed between two scans,
// and the notifications that follow. Pure types and pure helpers, shared by main and the renderer.

import type { ProviderKind } from './connection'
import type { FleetObjectKind, FleetRow, FleetRowIds, FleetStatus } from './fleet'

export const SCHEDULE_MODES = ['off', 'interval', 'cron'] as const
export type ScheduleMode = (typeof SCHEDULE_MODES)[number]

export const SCHEDULE_MIN_MINUTES = 5
export const SCHEDULE_MAX_MINUTES = 7 * 24 * 60

export interface ScheduleSettings {
  mode: ScheduleMode
  /** `interval`: minutes between the starts of two scheduled scans. */
  everyMinutes: number
  /** `cron`: five fields (minute hour day month weekday), local time; parsed with croner. */
  cron: string
  /** Also scan once as soon as the vault is unlocked after Backdesk starts. */
  atLaunch: boolean
}

/** Quiet hours, local time ("22:00"–"07:00" spans midnight). No desktop notification inside them. */
export interface QuietHours {
  enabled: boolean
  start: string
  end: string
}

export interface NotificationSettings {
  /** Desktop (Electron) or browser (web shell) notifications for new failures. */
  enabled: boolean
  quietHours: QuietHours
}

export interface WatchSettings {
  schedule: ScheduleSettings
  notifications: NotificationSettings
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  schedule: { mode: 'interval', everyMinutes: 60, cron: '0 7 * * 1-5', atLaunch: true },
  notifications: { enabled: true, quietHours: { enabled: false, start: '22:00', end: '07:00' } }
}

/** A connection the scheduler leaves out for a while because its provider failed (backoff). */
export interface ConnectionBackoff {
  connectionId: string
  connectionName: string
  failures: number
  /** Scheduled scans skip the connection until then (ISO); a manual scan always tries it. */
  nextTryAt: string
  code: string
  message: string
}

export interface WatchStatus {
  /** `paused` while the vault is locked; `off` when the schedule is off. */
  state: 'scheduled' | 'running' | 'paused' | 'off'
  /** Next scheduled scan (ISO), when one is armed. */
  nextRunAt?: string
  lastScanAt?: string
  /** Unreviewed items that need attention (failed, missed, stale, cannot check) over the fleet as last seen (after a scan of one customer, the others as their last scan found them). */
  attention: number
  /** New failures in the latest scan, not acknowledged or snoozed. */
  newFailures: number
  backoff: ConnectionBackoff[]
}

// --- changes -------------------------------------------------------------------------------------

export const CHANGE_KINDS = ['new-failure', 'new-stale', 'recovered', 'new-object', 'disappeared'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** Statuses that count as failing: a move into one of them from anything else is a new failure. */
export const FAILING_STATUSES: ReadonlySet<FleetStatus> = new Set(['error', 'failed', 'missed'])
/** What the tray count and the page title count (with stale). */
export const ATTENTION_STATUSES: ReadonlySet<FleetStatus> = new Set(['error', 'failed', 'missed', 'stale'])

export interface FleetChange {
  kind: ChangeKind
  key: string
  connectionId: string
  connectionName: string
  provider: ProviderKind
  customer: string
  objectKind: FleetObjectKind
  object: string
  context?: string
  /** The status now (for `disappeared`: the last one seen). */
  status: FleetStatus
  /** The status in the earlier scan (absent for `new-object`). */
  previous?: FleetStatus
  detail: string
  ids: FleetRowIds
}

export type ChangeBase = 'last-scan' | 'yesterday'

export interface ChangeSet {
  base: ChangeBase
  /** The later scan (the latest kept one). */
  scanId: string
  scanAt: string
  /** The earlier scan compared with; absent when there is none yet. */
  baseScanId?: string
  baseScanAt?: string
  /**
   * `yesterday` only: no kept scan finished before the day of `scanAt` began, so the base is the
   * earliest kept scan of that same day.
   */
  baseFromSameDay?: boolean
  /** Connections present in both scans: only their objects are compared. */
  comparedConnections: number
  changes: FleetChange[]
  counts: Record<ChangeKind, number>
}

/** A kept scan as listed (no rows). */
export interface KeptScanInfo {
  scanId: string
  startedAt: string
  finishedAt: string
  rowCount: number
  scheduled: boolean
}

/**
 * The connections a scan of part of the fleet (one customer's) left out, as the newest earlier kept
 * scan that read each found them: Fleet health lists them beside that scan's rows, so its list is
 * the fleet the Overview and the attention count read.
 */
export interface EarlierRows {
  /** The latest kept scan these stand beside. */
  scanId: string
  rows: FleetRow[]
  /** Connection id → when the kept scan its rows come from finished (ISO). */
  scannedAt: Record<string, string>
}

/** `watch.alert`: new failures of one scan, grouped by customer (one notification per scan). */
export interface WatchAlert {
  scanId: string
  title: string
  body: string
  groups: Array<{ customer: string; count: number }>
  keys: string[]
  /** Inside quiet hours or with notifications off: the renderer shows it in the app only. */
  quiet: boolean
}

/** "3 new failures at Contoso, 1 at Northwind" (customers with most first; then by name). */
export function groupedFailureText(groups: ReadonlyArray<{ customer: string; count: number }>): string {
  const parts = [...groups]
    .sort((a, b) => b.count - a.count || a.customer.localeCompare(b.customer))
    .map((g, i) => {
      const where = g.customer ? `at ${g.customer}` : 'without a customer'
      return i === 0 ? `${g.count} new failure${g.count === 1 ? '' : 's'} ${where}` : `${g.count} ${where}`
    })
  if (parts.length > 4) return `${parts.slice(0, 4).join(', ')} and ${parts.length - 4} more customers`
  return parts.join(', ')
}

/** Is `minutes` (since local midnight) inside the quiet hours? A window may span midnight. */
export function inQuietHours(q: QuietHours, minutes: number): boolean {
  if (!q.enabled) return false
  const start = clockMinutes(q.start)
  const end = clockMinutes(q.end)
  if (start === undefined || end === undefined || start === end) return false
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end
}

/** "07:30" → 450; undefined when not HH:MM. */
export function clockMinutes(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined
}
