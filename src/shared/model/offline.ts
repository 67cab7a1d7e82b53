// Offline snapshots: what the renderer may know about a connection that cannot be reached and the
// encrypted snapshot cache behind it. No snapshot content crosses here: the provider channels
// themselves answer the last snapshot while a connection is offline.

export interface OfflineStatus {
  connectionId: string
  offline: boolean
  /** Oldest snapshot served since the connection went offline (ISO), when one was served. */
  snapshotAt?: string
  /** When the connection was first seen unreachable (ISO). */
  since?: string
  /** The last error, in plain words. */
  message?: string
}

export interface OfflineSettings {
  /** Snapshots older than this are neither served nor kept. */
  maxAgeDays: number
}

export const OFFLINE_MAX_AGE_DEFAULT_DAYS = 7
export const OFFLINE_MAX_AGE_LIMIT_DAYS = 90

export interface SnapshotSummary {
  connectionId: string
  entries: number
  bytes: number
  newestAt?: string
  oldestAt?: string
}
