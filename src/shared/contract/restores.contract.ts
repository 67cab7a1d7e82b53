import { z } from 'zod'
import type { RestoreRecord } from '../model/restore'
import { defineChannel, defineTopic, Id } from './define'

// The restore tracker: every restore/download started from Backdesk, followed in main.

export const restoresChannels = {
  /** Newest first; optionally one connection's. */
  'restores.list': defineChannel<RestoreRecord[]>()(z.object({ connectionId: Id.optional() }).strict().optional()),
  'restores.get': defineChannel<RestoreRecord>()(z.object({ id: Id }).strict()),
  /** Asks CloudAlly for the job's status now instead of at the next poll. */
  'restores.refresh': defineChannel<RestoreRecord>()(z.object({ id: Id }).strict()),
  /**
   * Settles a request whose outcome is unknown, as the technician found it in CloudAlly (which
   * lists no restore jobs Backdesk could look up): `not-started` lets a new request be made.
   */
  'restores.settle': defineChannel<RestoreRecord>()(z.object({ id: Id, outcome: z.enum(['started', 'not-started']) }).strict(), { mutates: true }),
  /**
   * Opens a finished download's pre-signed link in the browser; the link itself never leaves main.
   * The web shell answers `open` instead: its own one-time address (session-bound, one use, 60 s)
   * that redirects there, for the page to open in a new tab.
   */
  'restores.openDownload': defineChannel<{ opened: true } | { open: string }>()(z.object({ id: Id }).strict())
} as const

export const restoresTopics = {
  /** A record changed (status, progress, link…). */
  'restores.progress': defineTopic<RestoreRecord>()
} as const
