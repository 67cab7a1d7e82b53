import { useEffect, type ReactNode } from 'react'
import { shellKind, subscribe } from '../../api'
import { useStore } from '../../store'

const BASE_TITLE = 'Backdesk'

/**
 * Keeps the app current with the schedule: the page title carries the count of items that need
 * attention; a new-failure alert shows as a toast and, in the web shell (where main cannot reach
 * the desktop), as the browser's notification once the user allowed them. A clicked notification
 * opens Fleet health on exactly those items. Renders nothing.
 */
export function WatchFeed(): ReactNode {
  const attention = useStore((s) => s.watchStatus?.attention ?? 0)
  const vaultState = useStore((s) => s.vault?.state)
  useEffect(() => {
    document.title = attention > 0 ? `(${attention}) ${BASE_TITLE}` : BASE_TITLE
  }, [attention])

  useEffect(() => {
    if (vaultState === 'unlocked') void useStore.getState().loadWatchStatus()
  }, [vaultState])

  useEffect(() => {
    const open = (focus: { scanId: string; keys: string[] }) => {
      const s = useStore.getState()
      s.setWatchFocus(focus)
      s.navigate({ id: 'fleet' })
    }
    const stops = [
      subscribe('watch.status', (status) => useStore.getState().applyWatchStatus(status)),
      subscribe('watch.open', open),
      subscribe('watch.alert', (alert) => {
        const s = useStore.getState()
        s.pushToast({ level: 'warning', message: `${alert.title}: ${alert.body}` })
        void s.loadWatchChanges('last-scan')
        if (shellKind() === 'web' && !alert.quiet && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          const n = new Notification(alert.title, { body: alert.body, tag: alert.scanId })
          n.onclick = () => {
            window.focus()
            open({ scanId: alert.scanId, keys: alert.keys })
          }
        }
      })
    ]
    return () => {
      for (const stop of stops) stop()
    }
  }, [])
  return null
}
