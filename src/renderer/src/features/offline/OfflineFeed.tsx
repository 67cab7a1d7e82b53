import { useEffect, type ReactNode } from 'react'
import { subscribe } from '../../api'
import { useStore } from '../../store'

/** Keeps the offline and demo state current from main's events (mounted once in the workspace). */
export function OfflineFeed(): ReactNode {
  const loadOffline = useStore((s) => s.loadOffline)
  const applyOffline = useStore((s) => s.applyOffline)
  const loadDemo = useStore((s) => s.loadDemo)
  const setDemo = useStore((s) => s.setDemo)
  const loadConnections = useStore((s) => s.loadConnections)
  useEffect(() => {
    void loadOffline()
    void loadDemo()
    const offs = [
      subscribe('offline.status', applyOffline),
      subscribe('demo.status', (status) => {
        setDemo(status)
        void loadConnections()
      }),
      subscribe('vault.state', (s) => {
        if (s.state === 'unlocked') {
          void loadOffline()
          void loadDemo()
        }
      })
    ]
    return () => offs.forEach((off) => off())
  }, [loadOffline, applyOffline, loadDemo, setDemo, loadConnections])
  return null
}
