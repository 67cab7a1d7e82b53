import { useState, type ReactNode } from 'react'
import type { WorkspaceMember, WorkspaceStatus } from '../../../../shared/model/workspace'
import { AddMemberDialog } from './AddMemberDialog'
import { RemoveMemberDialog } from './RemoveMemberDialog'

/** Who is in the workspace, who added them, and adding or removing a member. */
export function MembersPanel({ status }: { status: WorkspaceStatus }): ReactNode {
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<WorkspaceMember | null>(null)
  const removed = !!status.removedAt
  return (
    <section className="panel" aria-labelledby="members-heading">
      <div className="toolbar">
        <h2 id="members-heading" className="inline-heading">
          Members
        </h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setAdding(true)} disabled={removed}>
          Add member…
        </button>
      </div>
      <table className="data" aria-label="Members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Added by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {status.members.map((m) => (
            <tr key={m.id}>
              <td>
                {m.name}
                {m.me ? <span className="muted small"> (you)</span> : null}
              </td>
              <td>
                <code>{m.fingerprint}</code>
              </td>
              <td>
                {m.addedBy}, {new Date(m.addedAt).toLocaleDateString()}
              </td>
              <td>
                {!m.me && (
                  <button type="button" className="btn btn-danger" onClick={() => setRemoving(m)} disabled={removed}>
                    Remove…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && <AddMemberDialog onClose={() => setAdding(false)} />}
      {removing && <RemoveMemberDialog member={removing} sharedCount={status.sharedCount} onClose={() => setRemoving(null)} />}
    </section>
  )
}
