// The per-customer backup report: every protected object across providers with its status, last
// good backup and success rate over a period, storage / seats / repositories, restores done in the
// period, open issues with their review notes, and the daily success of the period. Built in main
// (reports/), written as PDF and CSV of the same rows. Days are UTC calendar days.

import { formatBytes } from '../format'
import type { ProviderKind } from './connection'
import type { FleetObjectKind, FleetStatus, ReviewState } from './fleet'
import type { TicketRef } from './tickets'

export interface ReportPeriod {
  /** First day, YYYY-MM-DD (UTC). */
  from: string
  /** Last day, inclusive, YYYY-MM-DD (UTC). */
  to: string
  /** "March 2026", or "2026-03-03 – 2026-03-17". */
  label: string
}

/** Where a success rate comes from: the provider's job history, or Backdesk's kept scans. */
export type RateSource = 'jobs' | 'scans' | 'none'

export interface ReportObject {
  key: string
  provider: ProviderKind
  connectionName: string
  kind: FleetObjectKind
  object: string
  context?: string
  status: FleetStatus
  statusText: string
  detail: string
  lastSuccess?: string
  /** Successful backups (jobs) or days judged OK (scans) in the period. */
  successes: number
  /** Backups attempted (jobs) or days judged (scans) in the period. */
  attempts: number
  rateSource: RateSource
  storageBytes?: number
  /** CloudAlly: billed entities (seats) of the task. */
  seats?: number
}

export interface ReportRestore {
  provider: ProviderKind
  connectionName: string
  object: string
  /** ISO: when it completed (or started, when still running). */
  at: string
  kind: 'restore' | 'download'
  outcome: string
  bytes?: number
}

export interface ReportIssue {
  key: string
  provider: ProviderKind
  object: string
  status: FleetStatus
  statusText: string
  detail: string
  since?: string
  review?: { state: ReviewState; note?: string; ticket?: TicketRef }
}

export interface ReportDay {
  date: string
  successes: number
  attempts: number
}

/** A figure the provider itself reports (storage in its status report, billed seats…). */
export interface ProviderFigure {
  provider: ProviderKind
  connectionName: string
  label: string
  value: string
}

export interface CustomerReport {
  customer: string
  period: ReportPeriod
  generatedAt: string
  companyName: string
  objects: ReportObject[]
  days: ReportDay[]
  restores: ReportRestore[]
  issues: ReportIssue[]
  figures: ProviderFigure[]
  totals: {
    objects: number
    /** Backed up (OK or with warnings) and not an open issue: never counted in `attention` too. */
    ok: number
    attention: number
    successes: number
    attempts: number
    storageBytes: number
    seats: number
    repositories: number
  }
  /** What could not be read and what was used instead, in plain words. */
  notes: string[]
}

export interface ReportBranding {
  companyName: string
  /** A logo is stored (PNG or JPEG, shown at the top of the PDF). */
  hasLogo: boolean
}

/** The largest logo a report takes (1 MiB). */
export const MAX_LOGO_BYTES = 1024 * 1024

/** Why a logo of `bytes` is refused, naming the limit and the file's size; undefined when it fits. */
export function logoSizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_LOGO_BYTES) return undefined
  return `The logo must be at most 1 MiB; this file is ${formatBytes(bytes)}. Choose a smaller PNG or JPEG.`
}

export interface SavedFiles {
  /** Electron: the folder (or file) written. */
  path?: string
  /** Web shell: a one-time download for the renderer to start. */
  download?: { url: string; fileName: string }
  files: string[]
}

export interface ReportBatchProgress {
  batchId: string
  state: 'running' | 'done' | 'cancelled' | 'failed'
  done: number
  total: number
  current?: string
  /** Customers whose report could not be made, with why. */
  failures: Array<{ customer: string; message: string }>
  saved?: SavedFiles
  message?: string
}

/**
 * The month `now` falls in ("2026-03"), counted in UTC as monthPeriod and main's refusal of a
 * month to come count it: the latest month a month picker offers.
 */
export function currentMonth(now: Date): string {
  return now.toISOString().slice(0, 7)
}

/** "2026-03" → the calendar month; no month → the last full calendar month before `now`. */
export function monthPeriod(month: string | undefined, now: number): ReportPeriod {
  let year: number
  let m: number
  if (month) {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
    if (!match) throw new RangeError(`"${month}" is not a month (YYYY-MM)`)
    year = Number(match[1])
    m = Number(match[2]) - 1
  } else {
    const d = new Date(now)
    year = d.getUTCFullYear()
    m = d.getUTCMonth() - 1
    if (m < 0) {
      m = 11
      year--
    }
  }
  const first = new Date(Date.UTC(year, m, 1))
  const last = new Date(Date.UTC(year, m + 1, 0))
  const label = first.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10), label }
}

/** Success rate as a fraction, or undefined when nothing was attempted. */
export function rateOf(successes: number, attempts: number): number | undefined {
  return attempts > 0 ? successes / attempts : undefined
}

/**
 * The success rate in percent, rounded to the nearest tenth (half up), or undefined when nothing
 * was attempted. Integer arithmetic, so 29 of 30 is 96.7 and never a float's 96.66…5 rounded down.
 * Only a clean record reads 100.0 and only no success reads 0.0: 9,999 of 10,000 is 99.9, not 100.
 */
export function percentValue(successes: number, attempts: number): number | undefined {
  if (attempts <= 0) return undefined
  const tenths = Math.floor((2000 * successes + attempts) / (2 * attempts))
  const clamped = successes < attempts ? Math.min(tenths, 999) : tenths
  return (successes > 0 ? Math.max(clamped, 1) : clamped) / 10
}

/** "96.7 %" (see percentValue), or "—". */
export function percentText(successes: number, attempts: number): string {
  const p = percentValue(successes, attempts)
  return p === undefined ? '—' : `${p.toFixed(1)} %`
}
