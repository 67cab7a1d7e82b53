// The offline snapshot settings (non-secret): how old a snapshot may be before it is neither
// served nor kept. A small JSON file in the data folder.

import { join } from 'node:path'
import { OFFLINE_MAX_AGE_DEFAULT_DAYS, OFFLINE_MAX_AGE_LIMIT_DAYS, type OfflineSettings } from '../../../shared/model/offline'
import type { Logger } from '../log/logger'
import { JsonFile } from '../storage/json-file'

const DAY_MS = 24 * 60 * 60 * 1000

function valid(value: unknown): OfflineSettings | undefined {
  const days = (value as { maxAgeDays?: unknown } | null)?.maxAgeDays
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > OFFLINE_MAX_AGE_LIMIT_DAYS) return undefined
  return { maxAgeDays: days }
}

export class OfflineSettingsFile {
  private current: OfflineSettings = { maxAgeDays: OFFLINE_MAX_AGE_DEFAULT_DAYS }
  private readonly file: JsonFile<OfflineSettings>
  private loaded: Promise<void> | undefined

  constructor(dataDir: string, logger?: Logger) {
    this.file = new JsonFile<OfflineSettings>(join(dataDir, 'offline-settings.json'), logger)
  }

  ready(): Promise<void> {
    this.loaded ??= this.file
      .read(() => ({ maxAgeDays: OFFLINE_MAX_AGE_DEFAULT_DAYS }), valid)
      .then((s) => {
        this.current = s
      })
      .catch(() => undefined)
    return this.loaded
  }

  get(): OfflineSettings {
    return { ...this.current }
  }

  get maxAgeMs(): number {
    return this.current.maxAgeDays * DAY_MS
  }

  async set(next: OfflineSettings): Promise<OfflineSettings> {
    await this.ready()
    this.current = { maxAgeDays: next.maxAgeDays }
    await this.file.write(this.current)
    return this.get()
  }
}
