import { useEffect, useState, type ReactNode } from 'react'
import { useStore } from '../../store'
import { ConflictsPanel } from './ConflictsPanel'
import { CreateWorkspaceForm } from './CreateWorkspaceForm'
import { IdentityCard } from './IdentityCard'
import { ImportCredentialsDialog } from './ImportCredentialsDialog'
import { JoinWorkspaceForm } from './JoinWorkspaceForm'
import { LeaveWorkspaceDialog } from './LeaveWorkspaceDialog'
import { MembersPanel } from './MembersPanel'
import { RemovalChecklists } from './RemovalChecklists'
import { SyncPanel } from './SyncPanel'
import { formatDateTime } from '../../../../shared/format'

/**
 * The team workspace: your public line, then either create/join or the workspace itself
 * (sync, members, conflicts, refused entries, removal checklists). Also the credential import.
 */
export function WorkspaceScreen(): ReactNode {
  const status = useStore((s) => s.workspace.value)
  const error = useStore((s) => s.workspace.error ?? s.workspaceIdentity.error)
  const load = useStore((s) => s.loadWorkspace)
  const [leaving, setLeaving] = useState(false)
  const [importing, setImporting] = useState(false)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section aria-labelledby="workspace-heading">
      <div className="toolbar">
        <h1 id="workspace-heading" className="inline-heading">
          Team workspace
        </h1>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setImporting(true)}>
          Import credentials…
        </button>
        {status?.joined && (
          <button type="button" className="btn btn-danger" onClick={() => setLeaving(true)}>
            Leave…
          </button>
        )}
      </div>
      <p className="muted">
        Technicians share connections and the review queue through a git repository your team already has. Every entry is encrypted to each member’s key and
        signed; the git host sees only opaque file names.
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <IdentityCard />
      {status && !status.joined && (
        <div className="panel-row">
          <CreateWorkspaceForm />
          <JoinWorkspaceForm />
        </div>
      )}
      {status?.joined && (
        <>
          {status.removedAt && (
            <div className="banner banner-error" role="status">
              A teammate removed you from this workspace (this computer found out at the sync of {formatDateTime(status.removedAt)}). Its connections were
              removed from this computer. Leave it to join another.
            </div>
          )}
          <SyncPanel status={status} />
          <ConflictsPanel status={status} />
          {status.refused.length > 0 && (
            <section className="panel" aria-labelledby="refused-heading">
              <h2 id="refused-heading">Refused entries</h2>
              <p className="muted small">These entries in the repository did not pass verification and were not used. Tell your teammates.</p>
              <ul data-testid="refused-entries">
                {status.refused.map((r) => (
                  <li key={r.entryId}>
                    <strong>{r.name || r.entryId}</strong> — {r.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <MembersPanel status={status} />
          <RemovalChecklists status={status} />
        </>
      )}
      {leaving && <LeaveWorkspaceDialog onClose={() => setLeaving(false)} />}
      {importing && <ImportCredentialsDialog onClose={() => setImporting(false)} />}
    </section>
  )
}
