import { useEffect, useMemo, type ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { selectRestores, useStore } from '../../store'
import { RestoreProgress } from './RestoreProgress'

/**
 * Every restore and download started from this connection (or from any, without one), newest
 * first, live. Across connections (`connections` given), each request names its connection.
 */
export function RestoreList({ connectionId, connections }: { connectionId?: string; connections?: ConnectionSummary[] }): ReactNode {
  const all = useStore(selectRestores)
  const error = useStore((s) => s.restores.error)
  const load = useStore((s) => s.loadRestores)
  useEffect(() => {
    void load(connectionId)
  }, [connectionId, load])
  const list = useMemo(
    () => Object.values(all).filter((r) => !connectionId || r.connectionId === connectionId).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [all, connectionId]
  )
  return (
    <section aria-label="Restore and download requests">
      {error && <p className="error-text" role="alert">{error}</p>}
      {list.length === 0 && (
        <p className="muted">No restore or download has been started from Backdesk{connectionId ? ' for this connection' : ''} yet.</p>
      )}
      {list.map((r) => (
        <div key={r.id} className="panel">
          <RestoreProgress record={r} {...(connections ? { connectionName: connections.find((c) => c.id === r.connectionId)?.name ?? 'a removed connection' } : {})} />
        </div>
      ))}
    </section>
  )
}
