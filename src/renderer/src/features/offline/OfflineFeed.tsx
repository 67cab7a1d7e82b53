import { useEffect, type ReactNode } from 'react'
import { useStore } from '../../store'

/** Loads the offline and demo state when the workspace shows (main's events keep it current). */
export function OfflineFeed(): ReactNode {
  const loadOffline = useStore((s) => s.loadOffline)
  const loadDemo = useStore((s) => s.loadDemo)
  useEffect(() => {
    void loadOffline()
    void loadDemo()
  }, [loadOffline, loadDemo])
  return null
}
