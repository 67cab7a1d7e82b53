import type { ReactNode } from 'react'
import type { WorkspaceStatus } from '../../../../shared/model/workspace'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** Entries changed here and by a teammate at once: both versions are kept until you choose. */
export function ConflictsPanel({ status }: { status: WorkspaceStatus }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const resolve = useAction(async (entryId: string, keep: 'mine' | 'theirs') => setStatus(await call('workspace.conflicts.resolve', { entryId, keep })))
  if (status.conflicts.length === 0) return null
  return (
    <section className="panel" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">Conflicts to resolve</h2>
      <p className="muted small">The workspace’s version is in use until you choose. Keeping yours makes it the version for everyone.</p>
      <table className="data" aria-label="Conflicts">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Workspace’s version</th>
            <th scope="col">Yours</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {status.conflicts.map((c) => (
            <tr key={c.entryId}>
              <td>
                {c.name}
                {c.customer ? <span className="muted small"> · {c.customer}</span> : null}
              </td>
              <td>
                {c.theirsBy}, {new Date(c.theirsAt).toLocaleString()}
              </td>
              <td>{new Date(c.mineAt).toLocaleString()}</td>
              <td>
                <button type="button" className="btn" disabled={resolve.busy} onClick={() => void resolve.run(c.entryId, 'mine')}>
                  Keep mine
                </button>{' '}
                <button type="button" className="btn" disabled={resolve.busy} onClick={() => void resolve.run(c.entryId, 'theirs')}>
                  Keep theirs
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resolve.error && (
        <p className="error-text" role="alert">
          {resolve.error}
        </p>
      )}
    </section>
  )
}
