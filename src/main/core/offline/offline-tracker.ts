// Which connections are offline (their provider could not be reached), since when, and the age of
// the oldest snapshot served for them since. Emits `offline.status` on every change.

import type { OfflineStatus } from '../../../shared/model/offline'
import type { EventBus } from '../events/event-bus'

export class OfflineTracker {
  private readonly state = new Map<string, OfflineStatus>()

  constructor(private readonly options: { events?: EventBus; now?: () => number } = {}) {}

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  isOffline(connectionId: string): boolean {
    return this.state.get(connectionId)?.offline === true
  }

  status(connectionId: string): OfflineStatus {
    return this.state.get(connectionId) ?? { connectionId, offline: false }
  }

  list(): OfflineStatus[] {
    return [...this.state.values()].filter((s) => s.offline)
  }

  /** The provider did not answer; `snapshotAt` is the snapshot served instead, if any. */
  markOffline(connectionId: string, message: string, snapshotAt?: number): void {
    const before = this.state.get(connectionId)
    const next: OfflineStatus = {
      connectionId,
      offline: true,
      since: before?.since ?? new Date(this.now()).toISOString(),
      message
    }
    const prior = before?.snapshotAt ? Date.parse(before.snapshotAt) : undefined
    const oldest = prior !== undefined && snapshotAt !== undefined ? Math.min(prior, snapshotAt) : (prior ?? snapshotAt)
    if (oldest !== undefined) next.snapshotAt = new Date(oldest).toISOString()
    this.state.set(connectionId, next)
    if (!before || before.snapshotAt !== next.snapshotAt || before.message !== next.message || !before.offline) {
      this.options.events?.emit('offline.status', next)
    }
  }

  /** The provider answered again. */
  markOnline(connectionId: string): void {
    const before = this.state.get(connectionId)
    if (!before) return
    this.state.delete(connectionId)
    this.options.events?.emit('offline.status', { connectionId, offline: false })
  }

  /** Forgets everything (vault lock: statuses are re-learned on the next read). */
  reset(): void {
    for (const id of [...this.state.keys()]) this.markOnline(id)
  }
}
