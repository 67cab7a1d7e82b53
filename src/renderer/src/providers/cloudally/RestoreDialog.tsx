import { useState, type ReactNode } from 'react'
import type { RestoreKind } from '../../../../shared/model/restore'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { selectRestores, useStore } from '../../store'
import { formatDateTime } from '../../../../shared/format'
import { newRequestKey } from './request-key'
import { RestoreProgress } from './RestoreProgress'

export interface RestoreTarget {
  taskId: string
  name: string
  source?: string
  lastBackup?: string | null
  createdAt?: string
}

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

/**
 * Restore into the source, or a download: choose the snapshot and what to restore, read the
 * summary, then send. The request key is made once when the dialog opens, so a double click or a
 * "Try again" can never start a second job (main answers the first result for the same key).
 */
export function RestoreDialog({ connectionId, target, onClose }: { connectionId: string; target: RestoreTarget; onClose: () => void }): ReactNode {
  const [requestKey] = useState(newRequestKey)
  const [kind, setKind] = useState<RestoreKind>('download')
  const [latest, setLatest] = useState(true)
  const [when, setWhen] = useState('')
  const [entities, setEntities] = useState('')
  const [items, setItems] = useState('')
  const [step, setStep] = useState<'choose' | 'review' | 'sent'>('choose')
  const [problem, setProblem] = useState<string | null>(null)
  const [recordId, setRecordId] = useState<string | null>(null)
  const record = useStore((s) => (recordId ? selectRestores(s)[recordId] : undefined))
  const upsert = useStore((s) => s.upsertRestore)

  const snapshotIso = latest || !when ? undefined : new Date(when).toISOString()
  const start = useAction(async () => {
    const r = await call('cloudally.restore.start', {
      connectionId,
      requestKey,
      taskId: target.taskId,
      taskName: target.name,
      ...(target.source ? { source: target.source } : {}),
      kind,
      ...(snapshotIso ? { snapshotDate: snapshotIso } : {}),
      entities: lines(entities),
      items: lines(items)
    })
    upsert(r)
    setRecordId(r.id)
    setStep('sent')
  })

  const review = () => {
    if (!latest) {
      const ms = Date.parse(when)
      if (!when || Number.isNaN(ms)) return setProblem('Choose the snapshot date and time, or use the latest snapshot.')
      if (ms > Date.now()) return setProblem('The snapshot date is in the future.')
      if (target.createdAt && ms < Date.parse(target.createdAt)) return setProblem('The snapshot date is before this task existed.')
    }
    setProblem(null)
    setStep('review')
  }
  const kindWord = kind === 'download' ? 'download' : 'restore'

  return (
    <Dialog title={`Restore or download: ${target.name}`} onClose={onClose}>
      {step === 'choose' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            review()
          }}
          noValidate
        >
          <fieldset>
            <legend>What to do</legend>
            <label>
              <input type="radio" name="kind" checked={kind === 'download'} onChange={() => setKind('download')} /> Download (a zip file to fetch from a link)
            </label>
            <label>
              <input type="radio" name="kind" checked={kind === 'restore'} onChange={() => setKind('restore')} /> Restore into the source ({target.source ?? 'the original service'}, non-destructive)
            </label>
          </fieldset>
          <fieldset>
            <legend>Snapshot</legend>
            <label>
              <input
                type="radio"
                name="snap"
                checked={latest}
                onChange={() => {
                  setLatest(true)
                  setProblem(null)
                }}
              /> Latest{target.lastBackup ? ` (${formatDateTime(target.lastBackup)})` : ''}
            </label>
            <label>
              <input type="radio" name="snap" checked={!latest} onChange={() => setLatest(false)} /> As of a date
            </label>
            {!latest && (
              <>
                <label htmlFor="restore-when">Snapshot date and time</label>
                <input
                  id="restore-when"
                  type="datetime-local"
                  value={when}
                  onChange={(e) => {
                    setWhen(e.target.value)
                    setProblem(null)
                  }}
                  {...fieldAria('restore-when', problem ?? undefined, true)}
                />
                <FieldProblem fieldId="restore-when" problem={problem ?? undefined} />
                <p className="field-hint" id="restore-when-hint">CloudAlly uses the last snapshot taken at or before this moment.</p>
              </>
            )}
          </fieldset>
          <label htmlFor="restore-entities">Entities (one per line; empty = all)</label>
          <textarea id="restore-entities" rows={3} value={entities} onChange={(e) => setEntities(e.target.value)} placeholder="user@example.com" />
          <label htmlFor="restore-items">Items, folders or paths (one per line; empty = everything)</label>
          <textarea id="restore-items" rows={3} value={items} onChange={(e) => setItems(e.target.value)} placeholder="Inbox/Invoices" />
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary">
              Review…
            </button>
          </div>
        </form>
      )}
      {step === 'review' && (
        <div data-testid="restore-summary">
          <p>Please check before sending. A {kindWord} request is sent once and cannot be taken back.</p>
          <dl className="facts">
            <div className="fact">
              <dt>Action</dt>
              <dd>{kind === 'download' ? 'Download as a zip file' : `Restore into ${target.source ?? 'the source'}`}</dd>
            </div>
            <div className="fact">
              <dt>Task</dt>
              <dd>
                {target.name} ({target.taskId})
              </dd>
            </div>
            <div className="fact">
              <dt>Snapshot</dt>
              <dd>{snapshotIso ? formatDateTime(snapshotIso) : `Latest${target.lastBackup ? ` (${formatDateTime(target.lastBackup)})` : ''}`}</dd>
            </div>
            <div className="fact">
              <dt>Entities</dt>
              <dd>{lines(entities).join(', ') || 'All'}</dd>
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
            <button type="button" className="btn btn-primary" onClick={() => void start.run()} disabled={start.busy}>
              {start.busy ? 'Sending…' : start.error ? `Try again` : `Start ${kindWord}`}
            </button>
          </div>
        </div>
      )}
      {step === 'sent' && (
        <div>
          {record ? <RestoreProgress record={record} /> : <p>Requested.</p>}
          <p className="muted small">Backdesk follows this request in the background: you can close this window or leave the screen. You will be told when it finishes.</p>
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}
