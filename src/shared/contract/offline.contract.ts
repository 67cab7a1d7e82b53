import { z } from 'zod'
import {
  OFFLINE_MAX_AGE_LIMIT_DAYS,
  type OfflineSettings,
  type OfflineStatus,
  type SnapshotSummary
} from '../model/offline'
import { defineChannel, defineTopic, Id, NoInput } from './define'

// Offline snapshots. Every successful provider read is kept encrypted (under a key derived from
// the vault's data key); when a provider cannot be reached, its reads answer the last snapshot
// and `offline.status` says so. Writes to an offline connection are refused (OFFLINE).

export const offlineChannels = {
  /** Connections currently known offline. */
  'offline.status': defineChannel<OfflineStatus[]>()(NoInput),
  /** Tries the connection again (a login and one cheap call); online again when it answers. */
  'offline.retry': defineChannel<OfflineStatus>()(z.object({ connectionId: Id }).strict()),
  'offline.snapshots': defineChannel<SnapshotSummary[]>()(NoInput),
  /** Deletes a connection's snapshots; `confirmId` repeats the id. */
  'offline.clear': defineChannel<{ cleared: number }>()(
    z
      .object({ connectionId: Id, confirmId: Id })
      .strict()
      .refine((v) => v.connectionId === v.confirmId, { path: ['confirmId'], message: 'Confirm by repeating the connection id' }),
    { mutates: true }
  ),
  'offline.settings.get': defineChannel<OfflineSettings>()(NoInput),
  'offline.settings.set': defineChannel<OfflineSettings>()(
    z.object({ maxAgeDays: z.number().int().min(1).max(OFFLINE_MAX_AGE_LIMIT_DAYS).describe('Keep snapshots for (days)') }).strict(),
    { mutates: true }
  )
} as const

export const offlineTopics = {
  'offline.status': defineTopic<OfflineStatus>()
} as const
