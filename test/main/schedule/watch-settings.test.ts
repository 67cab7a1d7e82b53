import { afterAll, describe, expect, it } from 'vitest'
import { WatchSettingsFile } from '../../../src/main/core/schedule/watch-settings'
import { cleanupDirs, tmpDir } from '../vault/helpers'

afterAll(cleanupDirs)

describe('watch settings: what is refused before it is saved', () => {
  it('refuses a too-frequent or never-running cron schedule and empty quiet hours, each for its field, and keeps the old settings', async () => {
    const dir = tmpDir('backdesk-watch-settings-')
    const file = new WatchSettingsFile(dir)
    const before = await file.set({ schedule: { mode: 'cron', cron: '0 7 * * 1-5' } })
    const refusedAt = (path: string, message: RegExp) => expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(message), details: { issues: [{ path, message: expect.stringMatching(message) }] } })
    await expect(file.set({ schedule: { cron: '*/1 * * * *' } })).rejects.toEqual(refusedAt('schedule.cron', /more often than every 5 minutes/))
    await expect(file.set({ schedule: { cron: '0 0 31 2 *' } })).rejects.toEqual(refusedAt('schedule.cron', /never runs/))
    await expect(file.set({ notifications: { quietHours: { enabled: true, start: '08:00', end: '08:00' } } })).rejects.toEqual(refusedAt('notifications.quietHours.end', /would be empty/))
    expect(file.get()).toEqual(before)
    expect(await new WatchSettingsFile(dir).set({})).toEqual(before)
  })
})
