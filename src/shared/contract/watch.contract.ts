import { z } from 'zod'
import {
  SCHEDULE_MAX_MINUTES,
  SCHEDULE_MIN_MINUTES,
  SCHEDULE_MODES,
  type ChangeSet,
  type KeptScanInfo,
  type WatchAlert,
  type WatchSettings,
  type WatchStatus
} from '../model/watch'
import { defineChannel, defineTopic, NoInput } from './define'

// Watch: the scan schedule, the kept scans, what changed between scans, and new-failure alerts.

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)')

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
        quietHours: z.object({ enabled: z.boolean(), start: Clock, end: Clock }).strict()
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
            quietHours: z.object({ enabled: z.boolean(), start: Clock, end: Clock }).strict().partial().optional()
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
  /** The latest kept scan compared with the one before it, or with the last one 24 hours earlier. */
  'watch.changes': defineChannel<ChangeSet | null>()(z.object({ base: z.enum(['last-scan', 'yesterday']) }).strict()),
  /** Kept scans, newest first. */
  'watch.history': defineChannel<KeptScanInfo[]>()(NoInput)
} as const

export const watchTopics = {
  'watch.status': defineTopic<WatchStatus>(),
  /** New failures of a scan (one per scan). */
  'watch.alert': defineTopic<WatchAlert>(),
  /** The user clicked a desktop notification: show that scan's new failures. */
  'watch.open': defineTopic<{ scanId: string; keys: string[] }>()
} as const
