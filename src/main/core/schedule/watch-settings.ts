// The watch settings (non-secret): the scan schedule and the notification preferences. A small
// JSON file in the data folder, checked on read (a damaged file falls back to the defaults).

import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_WATCH_SETTINGS, type WatchSettings } from '../../../shared/model/watch'
import { EMPTY_QUIET_HOURS, isEmptyQuietWindow, WatchSettingsSchema } from '../../../shared/contract/watch.contract'
import type { Logger } from '../log/logger'
import { JsonFile } from '../storage/json-file'
import { AppError } from '../../../shared/errors'
import { checkCronSchedule } from './scan-scheduler'

const FileSchema = z.object({ version: z.literal(1), settings: WatchSettingsSchema })
type FileShape = z.infer<typeof FileSchema>

function copy(s: WatchSettings): WatchSettings {
  return structuredClone(s)
}

export class WatchSettingsFile {
  private current: WatchSettings = copy(DEFAULT_WATCH_SETTINGS)
  private readonly file: JsonFile<FileShape>
  private loaded: Promise<void> | undefined

  constructor(dataDir: string, logger?: Logger) {
    this.file = new JsonFile<FileShape>(join(dataDir, 'watch-settings.json'), logger)
  }

  ready(): Promise<void> {
    this.loaded ??= this.file
      .read(
        () => ({ version: 1, settings: copy(DEFAULT_WATCH_SETTINGS) }),
        (v) => {
          const parsed = FileSchema.safeParse(v)
          return parsed.success ? parsed.data : undefined
        }
      )
      .then((f) => {
        this.current = f.settings
      })
      .catch(() => undefined)
    return this.loaded
  }

  get(): WatchSettings {
    return copy(this.current)
  }

  /**
   * Merges a partial change; a cron expression (parses, runs, not too often) and the quiet hours
   * (not an empty window) are checked before anything is saved.
   */
  async set(patch: { schedule?: Partial<WatchSettings['schedule']>; notifications?: Partial<WatchSettings['notifications']> }): Promise<WatchSettings> {
    await this.ready()
    const next: WatchSettings = {
      schedule: { ...this.current.schedule, ...patch.schedule },
      notifications: {
        ...this.current.notifications,
        ...patch.notifications,
        quietHours: { ...this.current.notifications.quietHours, ...patch.notifications?.quietHours }
      }
    }
    next.schedule.cron = next.schedule.cron.trim().replace(/\s+/g, ' ')
    if (next.schedule.mode === 'cron') checkCronSchedule(next.schedule.cron, new Date())
    if (isEmptyQuietWindow(next.notifications.quietHours)) {
      throw new AppError('VALIDATION', EMPTY_QUIET_HOURS, { details: { issues: [{ path: 'notifications.quietHours.end', message: EMPTY_QUIET_HOURS }] } })
    }
    this.current = WatchSettingsSchema.parse(next)
    await this.file.write({ version: 1, settings: this.current })
    return this.get()
  }
}
