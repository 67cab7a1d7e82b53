import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { isFinalRestore, type RestoreKind, type RestoreRecord } from '../../../../shared/model/restore'
import type { CloudAllyRestoreChoices } from '../../../../shared/providers/cloudally/model'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { selectRestores, useStore } from '../../store'
import { formatDateTime } from '../../../../shared/format'
import { CLOUDALLY_NON_DESTRUCTIVE_SOURCES, cloudAllySourceName } from '../../../../shared/providers/cloudally/words'
import { newRequestKey } from './request-key'
import { RestoreProgress } from './RestoreProgress'

export interface RestoreTarget {
  taskId: string
  name: string
  source?: string
  lastBackup?: string | null
  createdAt?: string
}

/** The entity picker shows this many matches at a time; the filter finds the rest. */
const SHOWN_ENTITIES = 50

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

/** What happens next, as the request stands: followed in the background, or how it ended. */
function followUp(record: RestoreRecord | undefined): string {
  if (!record || !isFinalRestore(record.status)) {
    return 'Backdesk follows this request in the background: you can close this or leave the screen. You will be told when it finishes.'
  }
  if (record.status === 'completed') return record.kind === 'download' ? 'This download is ready.' : 'This restore has finished.'
  if (record.status === 'failed') return `This ${record.kind === 'download' ? 'download' : 'restore'} failed. Nothing more will happen with this request.`
  if (record.status === 'not-started') return `This ${record.kind === 'download' ? 'download' : 'restore'} was not started. Nothing more will happen with this request.`
  if (record.status === 'started-unfollowed') return 'This request started in CloudAlly: follow it there.'
  return 'Backdesk could not find out how this request ended: check it in CloudAlly.'
}

/**
 * A CloudAlly restore into the source, or a download, of one backup task: the snapshot chosen from
 * the task's backup history, the users or sites picked from the task's entities, then a summary,
 * then send. The request key is made once when the form opens, so a double click or a "Try again"
 * can never start a second job (main answers the first result for the same key). Shared by the
 * console's restore dialog and the restore center.
 */
export function RestoreRequestForm({ connectionId, target, onClose }: { connectionId: string; target: RestoreTarget; onClose: () => void }): ReactNode {
  const [requestKey] = useState(newRequestKey)
  const [kind, setKind] = useState<RestoreKind>('download')
  /** '' = the latest snapshot. */
  const [snapshot, setSnapshot] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [entityFilter, setEntityFilter] = useState('')
  const [typedEntities, setTypedEntities] = useState('')
  const [items, setItems] = useState('')
  const [step, setStep] = useState<'choose' | 'review' | 'sent'>('choose')
  const [choices, setChoices] = useState<CloudAllyRestoreChoices | null>(null)
  const [recordId, setRecordId] = useState<string | null>(null)
  const record = useStore((s) => (recordId ? selectRestores(s)[recordId] : undefined))
  const upsert = useStore((s) => s.upsertRestore)
  // Each new step replaces the buttons that moved to it: its heading takes the focus, so keyboard
  // and screen-reader users continue from there rather than from the page's start.
  const stepHeading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (step !== 'choose') stepHeading.current?.focus()
  }, [step])

  const loadChoices = useAction(async () => {
    setChoices(await call('cloudally.restore.choices', { connectionId, taskId: target.taskId }))
  })
  const runLoadChoices = loadChoices.run
  useEffect(() => {
    void runLoadChoices()
  }, [runLoadChoices])

  // Without the task's entity list (a server that does not offer it), entities are typed.
  const entities = choices && !loadChoices.error ? picked : lines(typedEntities)
  const latest = choices?.snapshots[0] ?? target.lastBackup ?? undefined
  const matches = useMemo(() => {
    const q = entityFilter.trim().toLowerCase()
    const all = choices?.entities ?? []
    return q ? all.filter((e) => e.name.toLowerCase().includes(q)) : all
  }, [choices, entityFilter])

  const start = useAction(async () => {
    const r = await call('cloudally.restore.start', {
      connectionId,
      requestKey,
      taskId: target.taskId,
      taskName: target.name,
      ...(target.source ? { source: target.source } : {}),
      kind,
      ...(snapshot ? { snapshotDate: snapshot } : {}),
      entities,
      items: lines(items)
    })
    upsert(r)
    setRecordId(r.id)
    setStep('sent')
  })
  const kindWord = kind === 'download' ? 'download' : 'restore'
  const latestWords = `Latest${latest ? ` (${formatDateTime(latest)})` : ''}`

  if (step === 'sent') {
    return (
      <div>
        <h3 ref={stepHeading} tabIndex={-1}>
          {kindWord === 'download' ? 'Download requested' : 'Restore requested'}
        </h3>
        {record ? <RestoreProgress record={record} /> : <p>Requested.</p>}
        <p className="muted small" aria-live="polite">
          {followUp(record)}
        </p>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    )
  }

  if (step === 'review') {
    return (
      <div data-testid="restore-summary">
        <h3 ref={stepHeading} tabIndex={-1}>
          Check the {kindWord} request
        </h3>
        <p>Please check before sending. A {kindWord} request is sent once and cannot be taken back.</p>
        <dl className="facts">
          <div className="fact">
            <dt>Action</dt>
            <dd>{kind === 'download' ? 'Download as a zip file' : `Restore into ${target.source ? cloudAllySourceName(target.source) : 'the source'}`}</dd>
          </div>
          <div className="fact">
            <dt>Task</dt>
            {/* The id is one piece: the line breaks before it, never inside it. */}
            <dd>
              {target.name} <span className="keep-whole">({target.taskId})</span>
            </dd>
          </div>
          <div className="fact">
            <dt>Snapshot</dt>
            <dd>{snapshot ? formatDateTime(snapshot) : latestWords}</dd>
          </div>
          <div className="fact">
            <dt>Entities</dt>
            <dd>{entities.join(', ') || 'All'}</dd>
          </div>
          <div className="fact">
            <dt>Items</dt>
            <dd>{lines(items).join(', ') || 'Everything'}</dd>
          </div>
        </dl>
        {start.error && (
          <p className="error-text" role="alert">
            {start.error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setStep('choose')} disabled={start.busy}>
            Back
          </button>
          {/* aria-disabled while sending, not disabled: a disabled button throws the keyboard focus to
              the page's body, and a refusal would leave the technician there. A second click or
              Enter reaches run(), which ignores it while the first runs. */}
          <button type="button" className="btn btn-primary" onClick={() => void start.run()} aria-disabled={start.busy || undefined}>
            {start.busy ? 'Sending…' : start.error ? `Try again` : `Start ${kindWord}`}
          </button>
        </div>
      </div>
    )
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        setStep('review')
      }}
      noValidate
      aria-label={`Restore or download ${target.name}`}
    >
      <fieldset>
        <legend>What to do</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'download'} onChange={() => setKind('download')} /> Download (a zip file to fetch from a link)
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'restore'} onChange={() => setKind('restore')} /> Restore into the source ({target.source ? cloudAllySourceName(target.source) : 'the original service'}
          {target.source && CLOUDALLY_NON_DESTRUCTIVE_SOURCES.has(target.source) ? ', non-destructive' : ''})
        </label>
      </fieldset>
      <label htmlFor="restore-snapshot">Snapshot</label>
      <select id="restore-snapshot" value={snapshot} onChange={(e) => setSnapshot(e.target.value)} aria-describedby="restore-snapshot-hint">
        <option value="">{latestWords}</option>
        {(choices?.snapshots ?? []).slice(1).map((s) => (
          <option key={s} value={s}>
            {formatDateTime(s)}
          </option>
        ))}
      </select>
      <p className="field-hint" id="restore-snapshot-hint">
        {loadChoices.busy
          ? 'Reading the task’s backup history…'
          : loadChoices.error
            ? `CloudAlly did not list this task’s backups (${loadChoices.error}): the latest snapshot is used.`
            : choices && choices.snapshots.length === 0
              ? 'CloudAlly lists no backup of this task yet.'
              : 'The backups CloudAlly keeps for this task, newest first.'}
      </p>
      {choices && !loadChoices.error ? (
        <fieldset className="entity-picker">
          <legend>Entities ({picked.length ? `${picked.length} chosen` : 'none chosen = all'})</legend>
          <label htmlFor="restore-entity-filter">Find a user, site or group</label>
          <input id="restore-entity-filter" type="search" value={entityFilter} onChange={(e) => setEntityFilter(e.target.value)} autoComplete="off" />
          <div className="entity-options" role="group" aria-label="Entities of this task">
            {matches.slice(0, SHOWN_ENTITIES).map((e) => (
              <label key={e.id}>
                <input
                  type="checkbox"
                  checked={picked.includes(e.name)}
                  onChange={(ev) => setPicked((p) => (ev.target.checked ? [...p, e.name] : p.filter((x) => x !== e.name)))}
                />{' '}
                {e.name}
              </label>
            ))}
            {matches.length === 0 && <p className="muted small">No entity of this task matches.</p>}
            {matches.length > SHOWN_ENTITIES && <p className="muted small">{matches.length - SHOWN_ENTITIES} more: narrow the search to see them.</p>}
          </div>
        </fieldset>
      ) : (
        <>
          <label htmlFor="restore-entities">Entities (one per line; empty = all)</label>
          <textarea id="restore-entities" rows={3} value={typedEntities} onChange={(e) => setTypedEntities(e.target.value)} placeholder="user@example.com" />
        </>
      )}
      <label htmlFor="restore-items">Items, folders or paths (one per line; empty = everything)</label>
      <textarea id="restore-items" rows={3} value={items} onChange={(e) => setItems(e.target.value)} placeholder="Inbox/Invoices" />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={loadChoices.busy}>
          Review…
        </button>
      </div>
    </form>
  )
}
