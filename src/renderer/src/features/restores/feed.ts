import { subscribe } from '../../api'
import { useStore } from '../../store'

let subscribed = false

/**
 * Keeps the restores slice current from main's `restores.progress` events. Subscribed once for
 * the life of the page, so leaving a screen never loses a job's progress.
 */
export function ensureRestoreFeed(): void {
  if (subscribed || typeof window === 'undefined' || !window.backdesk) return
  subscribed = true
  subscribe('restores.progress', (record) => useStore.getState().upsertRestore(record))
}
