import { useMemo, useState, type ReactNode } from 'react'
import { formatDate } from '../../../../shared/format'
import type { WorkspaceMember, WorkspaceStatus } from '../../../../shared/model/workspace'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { AddMemberDialog } from './AddMemberDialog'
import { RemoveMemberDialog } from './RemoveMemberDialog'

const memberKey = (m: WorkspaceMember): string => m.id

/** Who is in the workspace, who added them, and adding or removing a member. */
export function MembersPanel({ status }: { status: WorkspaceStatus }): ReactNode {
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<WorkspaceMember | null>(null)
  const removed = !!status.removedAt
  const columns = useMemo<Array<TableColumn<WorkspaceMember>>>(
    () => [
      {
        id: 'name',
        header: 'Name',
        text: (m) => (m.me ? `${m.name} (you)` : m.name),
        cell: (m) => (
          <>
            {m.name}
            {m.me ? <span className="muted small"> (you)</span> : null}
          </>
        ),
        sortValue: (m) => m.name,
        width: 180
      },
      { id: 'fingerprint', header: 'Fingerprint', text: (m) => m.fingerprint, cell: (m) => <code>{m.fingerprint}</code>, width: 260, grow: true },
      { id: 'added', header: 'Added by', text: (m) => `${m.addedBy}, ${formatDate(m.addedAt)}`, sortValue: (m) => m.addedAt, width: 200 },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (m) =>
          m.me ? null : (
            <button type="button" className="btn btn-small btn-danger" onClick={() => setRemoving(m)} disabled={removed} aria-label={`Remove ${m.name}…`}>
              Remove…
            </button>
          ),
        csv: [],
        width: 110,
        sticky: true
      }
    ],
    [removed]
  )
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
      <DataTable tableId="workspace.members" rows={status.members} columns={columns} rowKey={memberKey} label="Members" initialSort={{ columnId: 'name', direction: 'asc' }} />
      {adding && <AddMemberDialog onClose={() => setAdding(false)} />}
      {removing && <RemoveMemberDialog member={removing} sharedCount={status.sharedCount} onClose={() => setRemoving(null)} />}
    </section>
  )
}
