import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { formatDateTime } from '../../../../shared/format'
import type { WorkspaceStatus } from '../../../../shared/model/workspace'
import { call } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

type WorkspaceConflict = WorkspaceStatus['conflicts'][number]

const conflictKey = (c: WorkspaceConflict): string => c.entryId

/** Entries changed here and by a teammate at once: both versions are kept until you choose. */
export function ConflictsPanel({ status }: { status: WorkspaceStatus }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const pushToast = useStore((s) => s.pushToast)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [resolvedCount, setResolvedCount] = useState(0)
  const resolve = useAction(async (conflict: WorkspaceConflict, keep: 'mine' | 'theirs') => {
    setStatus(await call('workspace.conflicts.resolve', { entryId: conflict.entryId, keep }))
    // The row just disappears: say which version won.
    const renamed = keep === 'mine' && conflict.mineName ? `, now named ${conflict.mineName}` : ''
    pushToast({ level: 'success', message: keep === 'mine' ? `Kept your version of ${conflict.name}${renamed}.` : `Kept the workspace’s version of ${conflict.name}.` })
    setResolvedCount((n) => n + 1)
  })
  // The row whose button had focus is gone, so focus fell to the page's body: the panel's heading
  // takes it while conflicts remain, the main area (the dialogs' fallback) once the panel goes.
  // Focus the user put elsewhere meanwhile stays there.
  useEffect(() => {
    if (resolvedCount === 0) return
    const active = document.activeElement
    if (active && active !== document.body) return
    if (headingRef.current) headingRef.current.focus()
    else document.getElementById('main')?.focus()
  }, [resolvedCount])
  const { run, busy } = resolve
  const columns = useMemo<Array<TableColumn<WorkspaceConflict>>>(
    () => [
      {
        id: 'connection',
        header: 'Connection',
        // The name the app shows now (the workspace's version is in use); yours beside it when it differs.
        text: (c) => (c.customer ? `${c.name} · ${c.customer}` : c.name) + (c.mineName ? ` (your version: “${c.mineName}”)` : ''),
        cell: (c) => (
          <>
            {c.name}
            {c.customer ? <span className="muted small"> · {c.customer}</span> : null}
            {c.mineName ? <div className="small">Your version names it “{c.mineName}”</div> : null}
          </>
        ),
        sortValue: (c) => c.name,
        width: 200,
        grow: true
      },
      { id: 'theirs', header: 'Workspace’s version', text: (c) => `${c.theirsBy}, ${formatDateTime(c.theirsAt)}`, sortValue: (c) => c.theirsAt, width: 220 },
      { id: 'mine', header: 'Yours', text: (c) => formatDateTime(c.mineAt), sortValue: (c) => c.mineAt, width: 150 },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (c) => (
          <>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(c, 'mine')} aria-label={`Keep mine for ${c.name}`}>
              Keep mine
            </button>{' '}
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(c, 'theirs')} aria-label={`Keep theirs for ${c.name}`}>
              Keep theirs
            </button>
          </>
        ),
        csv: [],
        width: 200,
        sticky: true
      }
    ],
    [run, busy]
  )
  if (status.conflicts.length === 0) return null
  return (
    <section className="panel" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading" ref={headingRef} tabIndex={-1}>
        Conflicts to resolve
      </h2>
      <p className="muted small">The workspace’s version is in use until you choose. Keeping yours makes it the version for everyone.</p>
      <DataTable tableId="workspace.conflicts" rows={status.conflicts} columns={columns} rowKey={conflictKey} label="Conflicts" />
      {resolve.error && (
        <p className="error-text" role="alert">
          {resolve.error}
        </p>
      )}
    </section>
  )
}
