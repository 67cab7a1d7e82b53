import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ProbeResult } from '../../../../shared/model/connection'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { selectConnections, useStore } from '../../store'
import { ConnectionEditor } from './ConnectionEditor'
import { ShareConnectionDialog } from '../workspace/ShareConnectionDialog'
import { TeamBadge } from '../workspace/TeamBadge'
import { ScreenLink } from '../home/ScreenLink'
import { providerLabel, providerUi } from '../../providers/registry'

/**
 * One connection: its actions (test, edit, duplicate, delete) above the provider's console. The
 * screen stays mounted when the sidebar opens another connection, so its view is keyed by the
 * connection: a test's error, the console's tab, selection and open editor belong to the
 * connection they were made on and never show (or act) under another one.
 */
export function ConnectionScreen(): ReactNode {
  const id = useStore((s) => String(s.screen.params?.['id'] ?? ''))
  return <ConnectionView key={id} id={id} />
}

function ConnectionView({ id }: { id: string }): ReactNode {
  const connection = useStore((s) => selectConnections(s).find((c) => c.id === id))
  const navigate = useStore((s) => s.navigate)
  const upsert = useStore((s) => s.upsertConnection)
  const remove = useStore((s) => s.removeConnection)
  const pushToast = useStore((s) => s.pushToast)
  const [editing, setEditing] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [sharing, setSharing] = useState(false)
  const inWorkspace = useStore((s) => !!s.workspace.value?.joined && !s.workspace.value.removedAt)
  const loadWorkspace = useStore((s) => s.loadWorkspace)
  useEffect(() => {
    void loadWorkspace()
  }, [loadWorkspace])
  // A test speaks for the connection as it was tested: any saved change (here, or from the team)
  // makes it say nothing about the new settings, so it is shown only while the record is unchanged.
  const [tested, setTested] = useState<{ result: ProbeResult; id: string; updatedAt: string } | null>(null)
  const probe = tested && connection && tested.id === connection.id && tested.updatedAt === connection.updatedAt ? tested.result : null
  const editButton = useRef<HTMLButtonElement>(null)
  const focusEditOnReturn = useRef(false)
  useEffect(() => {
    // The editor replaced the screen, Edit with it: focus goes back to Edit once it is there again.
    if (editing || !focusEditOnReturn.current) return
    focusEditOnReturn.current = false
    editButton.current?.focus()
  }, [editing])

  const test = useAction(async () => {
    const updatedAt = connection?.updatedAt ?? ''
    const result = await call('connections.test', { id })
    setTested({ result, id, updatedAt })
  })
  const duplicate = useAction(async () => {
    const copy = await call('connections.duplicate', { id })
    upsert(copy)
    navigate({ id: 'connection', params: { id: copy.id } })
  })
  const del = useAction(async () => {
    const name = connection?.name ?? 'the connection'
    await call('connections.delete', { id, confirmId: id })
    remove(id)
    navigate({ id: 'home' })
    pushToast({ level: 'success', message: `Deleted ${name}.` })
  })

  if (!connection) return <p>This connection no longer exists.</p>
  if (editing)
    return (
      <ConnectionEditor
        existing={connection}
        onDone={() => {
          focusEditOnReturn.current = true
          setEditing(false)
        }}
      />
    )
  const { Console } = providerUi(connection.provider)

  return (
    <>
      <header className="panel" aria-labelledby="connection-heading">
        <div className="toolbar">
          <h1 id="connection-heading" className="inline-heading">
            {connection.name}
          </h1>
          <span className="badge badge-muted">{providerLabel(connection.provider)}</span>
          {connection.demo && <span className="badge badge-warn">Demo data</span>}
          <TeamBadge connection={connection} />
          {/* One group: on a narrow window the actions move under the name together, not one by one. */}
          <div className="toolbar toolbar-actions">
            <ScreenLink to={{ id: 'activity', params: { connection: connection.id } }} className="btn">
              Activity
            </ScreenLink>
            <button type="button" className="btn" onClick={() => void test.run()} disabled={test.busy}>
              {test.busy ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" className="btn" ref={editButton} onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="btn" onClick={() => void duplicate.run()} disabled={duplicate.busy}>
              Duplicate
            </button>
            {inWorkspace && !connection.team && (
              <button type="button" className="btn" onClick={() => setSharing(true)}>
                Share with team…
              </button>
            )}
            <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          </div>
        </div>
        <p className="muted small">
          {connection.customer ? `${connection.customer} · ` : ''}
          {connection.baseUrl}
          {connection.username ? ` · ${connection.username}` : ''}
          {connection.email ? ` · ${connection.email}` : ''}
          {/* A tag is one word to the reader: a narrow window moves it to the next line whole. */}
          {connection.tags.map((tag, i) => (
            <span key={tag}>
              {i === 0 ? ' · ' : ', '}
              <span className="keep-whole">{tag}</span>
            </span>
          ))}
        </p>
        {(test.error || duplicate.error) && (
          <p className="error-text" role="alert">
            {test.error ?? duplicate.error}
          </p>
        )}
        {probe && <ProbeReport result={probe} />}
      </header>
      {Console ? <Console connection={connection} /> : null}
      {sharing && <ShareConnectionDialog connection={connection} onClose={() => setSharing(false)} />}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete “${connection.name}”?`}
          confirmLabel="Delete connection"
          busy={del.busy}
          error={del.error}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => void del.run()}
        >
          <p>
            This removes the {providerLabel(connection.provider)} login <strong>{connection.name}</strong>
            {connection.customer ? ` (${connection.customer})` : ''} and its stored secrets from the vault. Nothing is
            changed at {connection.baseUrl}.
          </p>
          {connection.team && <p>It is shared with the team: it is removed for every member at their next sync.</p>}
        </ConfirmDialog>
      )}
    </>
  )
}

function ProbeReport({ result }: { result: ProbeResult }): ReactNode {
  return (
    <div className={result.ok ? 'banner banner-info' : 'banner banner-error'} role="status" data-testid="probe-result">
      <strong>{result.ok ? 'Connection works.' : 'Connection failed.'}</strong> {result.message}
      {result.steps && result.steps.length > 0 && (
        <ul className="probe-steps">
          {result.steps.map((step) => (
            <li key={step.name}>
              {step.ok ? '✓' : '✗'} {step.name}
              {step.durationMs !== undefined ? ` (${step.durationMs} ms)` : ''}
              {step.message ? ` — ${step.message}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
