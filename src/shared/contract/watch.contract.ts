import { z } from 'zod'
import {
  SCHEDULE_MAX_MINUTES,
  SCHEDULE_MIN_MINUTES,
  SCHEDULE_MODES,
  type ChangeSet,
  type EarlierRows,
  type KeptScanInfo,
  type WatchAlert,
  type WatchSettings,
  type WatchStatus
} from '../model/watch'
import { defineChannel, defineTopic, NoInput } from './define'

// Watch: the scan schedule, the kept scans, what changed between scans, and new-failure alerts.

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time, like 22:00.')
const QuietHours = z.object({ enabled: z.boolean(), start: Clock.describe('Quiet hours from'), end: Clock.describe('Quiet hours to') }).strict()

// Quiet hours from 08:00 to 08:00 would be an empty window (never quiet), so they are refused
// rather than read as "all day", which the notification switch already says.
export const EMPTY_QUIET_HOURS = 'Choose a To time other than the From time: this window would be empty. To stay quiet all day, turn notifications off.'
export const isEmptyQuietWindow = (q: { enabled?: boolean | undefined; start?: string | undefined; end?: string | undefined }): boolean =>
  q.enabled === true && q.start !== undefined && q.start === q.end

export const ScheduleSettingsSchema = z
  .object({
    mode: z.enum(SCHEDULE_MODES),
    everyMinutes: z.number().int().min(SCHEDULE_MIN_MINUTES).max(SCHEDULE_MAX_MINUTES),
    cron: z.string().max(200),
    atLaunch: z.boolean()
  })
  .strict()

export const WatchSettingsSchema = z
  .object({
    schedule: ScheduleSettingsSchema,
    notifications: z
      .object({
        enabled: z.boolean(),
        quietHours: QuietHours
      })
      .strict()
  })
  .strict()

export const watchChannels = {
  'watch.settings.get': defineChannel<WatchSettings>()(NoInput),
  /** Changes part of the settings; a cron expression is checked (VALIDATION) before it is saved. */
  'watch.settings.set': defineChannel<WatchSettings>()(
    z
      .object({
        schedule: ScheduleSettingsSchema.partial().optional(),
        notifications: z
          .object({
            enabled: z.boolean().optional(),
            quietHours: QuietHours.partial()
              .refine((q) => !isEmptyQuietWindow(q), { path: ['end'], message: EMPTY_QUIET_HOURS })
              .optional()
          })
          .strict()
          .optional()
      })
      .strict(),
    { mutates: true }
  ),
  'watch.status': defineChannel<WatchStatus>()(NoInput),
  /** Starts a full scan now unless one is running (the tray's "Scan now"). */
  'watch.scanNow': defineChannel<{ started: boolean }>()(NoInput),
  /**
   * The latest kept scan compared with the one before it (`last-scan`), or with the fleet at the end
   * of the day before (`yesterday`): the newest kept scan that finished before the local midnight
   * that began the latest scan's day (else that day's earliest kept scan, with `baseFromSameDay`).
   */
  'watch.changes': defineChannel<ChangeSet | null>()(z.object({ base: z.enum(['last-scan', 'yesterday']) }).strict()),
  /** Kept scans, newest first. */
  'watch.history': defineChannel<KeptScanInfo[]>()(NoInput),
  /**
   * After a scan of part of the fleet, the other connections as the newest earlier kept scan that
   * read each found them (none after a scan of every connection); null before the first kept scan.
   */
  'watch.earlier': defineChannel<EarlierRows | null>()(NoInput)
} as const

export const watchTopics = {
  'watch.status': defineTopic<WatchStatus>(),
  /** New failures of a scan (one per scan). */
  'watch.alert': defineTopic<WatchAlert>(),
  /** The user clicked a desktop notification: show that scan's new failures. */
  'watch.open': defineTopic<{ scanId: string; keys: string[] }>()
} as const
