import type { ReactNode } from 'react'
import type { WorkspaceStatus } from '../../../../shared/model/workspace'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { formatDateTime } from '../../../../shared/format'

const PHASE: Record<WorkspaceStatus['phase'], string> = {
  idle: 'Idle',
  fetching: 'Fetching…',
  merging: 'Merging…',
  verifying: 'Verifying signatures…',
  pushing: 'Pushing…',
  reencrypting: 'Re-encrypting entries…'
}

/** Where the workspace is, when it last synced, and "Sync now". */
export function SyncPanel({ status }: { status: WorkspaceStatus }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const pushToast = useStore((s) => s.pushToast)
  const sync = useAction(async () => {
    const next = await call('workspace.sync')
    setStatus(next)
    // Only the time changes on screen when nothing new came in: say that it worked.
    if (!next.lastError) pushToast({ level: 'success', message: 'Synced with the workspace.' })
  })
  return (
    <section className="panel" aria-labelledby="sync-heading">
      <div className="toolbar">
        <h2 id="sync-heading" className="inline-heading">
          Sync
        </h2>
        <span className="badge badge-muted" data-testid="sync-phase" aria-live="polite">
          {status.syncing ? PHASE[status.phase] : 'Idle'}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => void sync.run()} disabled={sync.busy || status.syncing || !!status.removedAt}>
          {sync.busy ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      <p className="small">
        {status.remote} · {status.sharedCount} shared connection{status.sharedCount === 1 ? '' : 's'} · last sync{' '}
        <span data-testid="last-sync">{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'never'}</span>
        {status.unpushed ? ' · changes waiting to be pushed' : ''}
      </p>
      {(sync.error ?? status.lastError) && (
        <p className="error-text" role="alert">
          {sync.error ?? status.lastError}
        </p>
      )}
    </section>
  )
}
