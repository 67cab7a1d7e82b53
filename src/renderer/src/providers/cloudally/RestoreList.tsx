import { useEffect, useMemo, type ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { selectRestores, useStore } from '../../store'
import { RestoreProgress } from './RestoreProgress'

/**
 * Every restore and download started from this connection (or from any, without one), newest
 * first, live. Across connections (`connections` given), each request names its connection. In a
 * connection's console (`onShowTasks` given), an empty list says where a restore starts and goes
 * there: the Tasks tab, or the Restore center.
 */
export function RestoreList({ connectionId, connections, onShowTasks }: { connectionId?: string; connections?: ConnectionSummary[]; onShowTasks?: () => void }): ReactNode {
  const all = useStore(selectRestores)
  const navigate = useStore((s) => s.navigate)
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
      {list.length === 0 && onShowTasks && (
        <>
          <p>
            A restore or download starts from a backup task: choose <strong>Restore…</strong> on the task’s row in the Tasks tab, or find the task in the
            Restore center, which searches every connection.
          </p>
          <div className="toolbar">
            <button type="button" className="btn btn-primary" onClick={onShowTasks}>
              Go to Tasks
            </button>
            <button type="button" className="btn" onClick={() => navigate({ id: 'restores' })}>
              Open the Restore center
            </button>
          </div>
        </>
      )}
      {list.map((r) => (
        <div key={r.id} className="panel">
          <RestoreProgress record={r} {...(connections ? { connectionName: connections.find((c) => c.id === r.connectionId)?.name ?? 'a removed connection' } : {})} />
        </div>
      ))}
    </section>
  )
}
