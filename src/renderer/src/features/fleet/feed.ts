import { subscribe } from '../../api'
import { useStore } from '../../store'

let subscribed = false

/** Keeps the fleet slice current from main's `fleet.progress` events (subscribed once, for the app's life). */
export function ensureFleetFeed(): void {
  if (subscribed || typeof window === 'undefined' || !window.backdesk) return
  subscribed = true
  subscribe('fleet.progress', (p) => useStore.getState().applyFleetProgress(p))
}
