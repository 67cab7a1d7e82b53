import { useEffect } from 'react'
import { useStore } from '../../store'
import type { CloudAllyResource, CloudAllyView } from './cloudally.slice'

/** One CloudAlly resource of a connection: loads it once, returns its state and a reload. */
export function useCloudAlly<R extends CloudAllyResource>(connectionId: string, resource: R): NonNullable<CloudAllyView[R]> & { reload(): void } {
  const state = useStore((s) => s.cloudally[connectionId]?.[resource])
  const load = useStore((s) => s.loadCloudAlly)
  useEffect(() => {
    void load(connectionId, resource)
  }, [connectionId, resource, load])
  return { ...(state ?? { loading: true }), reload: () => void load(connectionId, resource, true) } as NonNullable<CloudAllyView[R]> & { reload(): void }
}
