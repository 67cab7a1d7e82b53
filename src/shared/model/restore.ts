// Restore and download requests started from Backdesk, as a provider's restore tracker in main
// records them (persisted sealed; the pre-signed download URL stays in main, the renderer sees it without
// its token). The Restore center shows them for every provider; today CloudAlly is the one that starts
// restores.

import type { ProviderKind } from './connection'

export type RestoreKind = 'restore' | 'download'

/**
 * sending: the request is on its way. pending/running: CloudAlly accepted it (job id known).
 * completed/failed: a job that ran and ended. not-started: no job was created (CloudAlly refused
 * the request, it never left this machine, or the technician checked CloudAlly and found none).
 * uncertain: the request may or may not have reached CloudAlly (a reset or server error after
 * sending); it is never re-sent automatically, and stays so until the technician checks CloudAlly
 * and says how it went. started-unfollowed: the technician found the job in CloudAlly; Backdesk
 * does not know its id, so it is followed there.
 */
export type RestoreStatus = 'sending' | 'pending' | 'running' | 'completed' | 'failed' | 'not-started' | 'uncertain' | 'started-unfollowed'

export const FINAL_RESTORE_STATUSES: readonly RestoreStatus[] = ['completed', 'failed', 'not-started', 'uncertain', 'started-unfollowed']

/** What the technician found in CloudAlly about a request whose outcome was unknown. */
export type RestoreOutcomeCheck = 'started' | 'not-started'

export interface RestoreRecord {
  /** Backdesk's own id for the record. */
  id: string
  /** The key the renderer generated for this request: the same key never sends twice. */
  requestKey: string
  connectionId: string
  provider: ProviderKind
  taskId: string
  taskName?: string
  source?: string
  kind: RestoreKind
  /** ISO date-time of the snapshot asked for; absent = the latest. */
  snapshotDate?: string
  /** The snapshot CloudAlly says it uses (from the job). */
  jobSnapshotDate?: string
  entities: string[]
  items: string[]
  jobId?: string
  status: RestoreStatus
  /** CloudAlly's own status word (PENDING, IN_PROGRESS…), as sent. */
  providerStatus?: string
  /** 0..100 */
  progress: number
  message?: string
  /**
   * Where the download is, for showing: the link without its query (the pre-signed token stays in
   * main). `restores.openDownload` opens the real link.
   */
  downloadLink?: string
  downloadExpiresAt?: string
  createdAt: string
  updatedAt: string
  /** When it ended; for `not-started`, when it was refused (or marked not started). */
  completedAt?: string
  /** When the technician settled an unknown outcome after checking CloudAlly. */
  checkedAt?: string
  lastPolledAt?: string
  /** The last polling problem, if the latest poll failed (polling goes on). */
  pollError?: string
  /** Polling is paused until the connection is usable again (vault locked, connection gone). */
  waiting?: string
}

export function isFinalRestore(status: RestoreStatus): boolean {
  return FINAL_RESTORE_STATUSES.includes(status)
}
