import { useEffect, type ReactNode } from 'react'
import { selectVaultState, useStore } from '../../store'

const BASE_TITLE = 'Backdesk'

/**
 * Keeps the page title current with the schedule: it carries the count of items that need
 * attention. (Alerts and notifications arrive through app/ipc-events.ts.) Renders nothing.
 */
export function WatchFeed(): ReactNode {
  const attention = useStore((s) => s.watchStatus.value?.attention ?? 0)
  const vaultState = useStore(selectVaultState)
  useEffect(() => {
    document.title = attention > 0 ? `(${attention}) ${BASE_TITLE}` : BASE_TITLE
  }, [attention])

  useEffect(() => {
    if (vaultState === 'unlocked') void useStore.getState().loadWatchStatus()
  }, [vaultState])

  return null
}
