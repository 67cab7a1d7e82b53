import { useState, type ReactNode } from 'react'
import type { CloudbackApplyResult, CloudbackChange, CloudbackPreview } from '../../../../shared/providers/cloudback/model'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { subjectLabel } from './DefinitionEditor'

export type BulkPreset = { enabled: boolean } | null

/** Bulk change: choose → preview (current → new for every item) → apply → a result per item. */
export function BulkDialog({ connectionId, keys, preset, onClose }: { connectionId: string; keys: string[]; preset: BulkPreset; onClose: () => void }): ReactNode {
  const reload = useStore((s) => s.loadCloudbackTracked)
  const [enabled, setEnabled] = useState<'' | 'on' | 'off'>(preset ? (preset.enabled ? 'on' : 'off') : '')
  const [schedule, setSchedule] = useState('')
  const [storage, setStorage] = useState('')
  const [retention, setRetention] = useState('')
  const [preview, setPreview] = useState<CloudbackPreview | null>(null)
  const [result, setResult] = useState<CloudbackApplyResult | null>(null)

  const change: CloudbackChange = {
    ...(enabled ? { enabled: enabled === 'on' } : {}),
    ...(schedule.trim() ? { schedule: schedule.trim() } : {}),
    ...(storage.trim() ? { storage: storage.trim() } : {}),
    ...(retention.trim() ? { retention: retention.trim() } : {})
  }
  const doPreview = useAction(async () => setPreview(await call('cloudback.bulk.preview', { connectionId, keys, change })))
  const apply = useAction(async () => {
    if (!preview) return
    setResult(await call('cloudback.bulk.apply', { connectionId, previewId: preview.previewId }))
    void reload(connectionId)
  })
  const changing = preview?.items.filter((i) => i.changes.length > 0).length ?? 0

  return (
    <Dialog title={`Change ${keys.length} definition${keys.length === 1 ? '' : 's'}`} onClose={onClose}>
      {!preview && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void doPreview.run()
          }}
          noValidate
        >
          <label htmlFor="cb-bulk-enabled">Scheduled backups</label>
          <select id="cb-bulk-enabled" value={enabled} onChange={(e) => setEnabled(e.target.value as '' | 'on' | 'off')}>
            <option value="">Leave as is</option>
            <option value="on">Enable</option>
            <option value="off">Disable</option>
          </select>
          <label htmlFor="cb-bulk-schedule">Schedule (empty = leave as is)</label>
          <input id="cb-bulk-schedule" list="cb-schedules" value={schedule} onChange={(e) => setSchedule(e.target.value)} autoComplete="off" />
          <label htmlFor="cb-bulk-storage">Storage (empty = leave as is)</label>
          <input id="cb-bulk-storage" list="cb-storages" value={storage} onChange={(e) => setStorage(e.target.value)} autoComplete="off" />
          <label htmlFor="cb-bulk-retention">Retention (empty = leave as is)</label>
          <input id="cb-bulk-retention" list="cb-retentions" value={retention} onChange={(e) => setRetention(e.target.value)} autoComplete="off" />
          {doPreview.error && (
            <p className="error-text" role="alert">
              {doPreview.error}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={doPreview.busy || Object.keys(change).length === 0}>
              {doPreview.busy ? 'Reading current settings…' : 'Preview'}
            </button>
          </div>
        </form>
      )}
      {preview && (
        <div data-testid="cloudback-preview">
          <p>
            {result
              ? `${result.updated} updated, ${result.failed} failed.`
              : `Nothing is changed yet. ${changing} of ${preview.items.length} definitions would change:`}
          </p>
          <table className="data" aria-label="Preview of the change">
            <thead>
              <tr>
                <th>Definition</th>
                <th>Change (current → new)</th>
                {result && <th>Result</th>}
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item) => {
                const r = result?.items.find((x) => x.key === item.key)
                return (
                  <tr key={item.key}>
                    <td>{subjectLabel(item.subject)}</td>
                    <td className="wrap">
                      {item.error ? (
                        <span className="error-text">{item.error}</span>
                      ) : item.changes.length === 0 ? (
                        <span className="muted">no change</span>
                      ) : (
                        item.changes.map((c) => (
                          <div key={c.field}>
                            {c.field}: {c.from} → <strong>{c.to}</strong>
                          </div>
                        ))
                      )}
                    </td>
                    {result && (
                      <td className="wrap">
                        <span className={`badge ${r?.outcome === 'updated' ? 'badge-ok' : r?.outcome === 'failed' ? 'badge-error' : 'badge-muted'}`}>{r?.outcome ?? '—'}</span>
                        {r?.message && <div className="small">{r.message}</div>}
                      </td>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
          {apply.error && (
            <p className="error-text" role="alert">
              {apply.error}
            </p>
          )}
          <div className="form-actions">
            {!result && (
              <button type="button" className="btn" onClick={() => setPreview(null)} disabled={apply.busy}>
                Back
              </button>
            )}
            {!result && (
              <button type="button" className="btn btn-primary" onClick={() => void apply.run()} disabled={apply.busy || changing === 0}>
                {apply.busy ? 'Applying…' : `Apply to ${changing}`}
              </button>
            )}
            {result && (
              <button type="button" className="btn" onClick={onClose}>
                Close
              </button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  )
}
