import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { DASH, formatCode } from '../../../../shared/format'
import { CLOUDBACK_KNOWN_NAMES, type CloudbackApplyResult, type CloudbackChange, type CloudbackPreview, type CloudbackPreviewItem, type CloudbackSettings } from '../../../../shared/providers/cloudback/model'
import { CLOUDBACK_OUTCOME_WORDS, CLOUDBACK_SETTING_WORDS, cloudbackEnabledWords } from '../../../../shared/providers/cloudback/words'
import { call } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { Dialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { subjectLabel } from './DefinitionEditor'
import { FormActions } from '../../components/FormActions'

const itemKey = (item: CloudbackPreviewItem): string => item.key

/** A setting's value as the preview shows it: on/off in words, the rest as Cloudback names it. */
function settingValue(field: keyof CloudbackSettings, value: string): string {
  if (field === 'enabled' && (value === 'true' || value === 'false')) return cloudbackEnabledWords(value === 'true')
  return value
}

type SettingChange = CloudbackPreviewItem['changes'][number]

const KNOWN_NAMES: Partial<Record<keyof CloudbackSettings, readonly string[]>> = {
  schedule: CLOUDBACK_KNOWN_NAMES.schedules,
  storage: CLOUDBACK_KNOWN_NAMES.storages,
  retention: CLOUDBACK_KNOWN_NAMES.retentions
}

/**
 * Why a new name may be refused, or null. Backdesk cannot list an account's own schedules, storages
 * and retention policies, so a name it does not know is allowed but said to be unknown: Cloudback
 * refuses it (422) unless the account defines it.
 */
function unknownNameNote(c: SettingChange): string | null {
  const known = KNOWN_NAMES[c.field]
  if (!known || known.some((n) => n.toLowerCase() === c.to.toLowerCase())) return null
  return `not a ${c.field} Backdesk knows: Cloudback refuses it unless your account defines it`
}

function changeText(c: SettingChange): string {
  const note = unknownNameNote(c)
  return `${CLOUDBACK_SETTING_WORDS[c.field]}: ${settingValue(c.field, c.from)} → ${settingValue(c.field, c.to)}${note ? ` (${note})` : ''}`
}

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
  // The result replaces Back and Apply (where the focus was) with Close: its heading takes the
  // focus, so keyboard and screen-reader users continue from the outcome, not the page's start.
  const resultHeading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (result) resultHeading.current?.focus()
  }, [result])

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
  const columns = useMemo<Array<TableColumn<CloudbackPreviewItem>>>(() => {
    const outcomeOf = (item: CloudbackPreviewItem) => result?.items.find((x) => x.key === item.key)
    const list: Array<TableColumn<CloudbackPreviewItem>> = [
      { id: 'definition', header: 'Definition', text: (item) => subjectLabel(item.subject), sortValue: (item) => subjectLabel(item.subject), width: 240 },
      {
        id: 'change',
        header: 'Change (current → new)',
        text: (item) => (item.error ? item.error : item.changes.length === 0 ? 'no change' : item.changes.map(changeText).join('; ')),
        cell: (item) =>
          item.error ? (
            <span className="error-text">{item.error}</span>
          ) : item.changes.length === 0 ? (
            <span className="muted">no change</span>
          ) : (
            item.changes.map((c) => {
              const note = unknownNameNote(c)
              return (
                <div key={c.field}>
                  {CLOUDBACK_SETTING_WORDS[c.field]}: {settingValue(c.field, c.from)} → <strong>{settingValue(c.field, c.to)}</strong>
                  {note && <span className="warn-text small"> ({note})</span>}
                </div>
              )
            })
          ),
        width: 280,
        grow: true
      }
    ]
    if (result) {
      list.push({
        id: 'result',
        header: 'Result',
        text: (item) => {
          const r = outcomeOf(item)
          return r ? `${formatCode(r.outcome, CLOUDBACK_OUTCOME_WORDS)}${r.message ? `: ${r.message}` : ''}` : DASH
        },
        cell: (item) => {
          const r = outcomeOf(item)
          return (
            <>
              <span className={`badge ${r?.outcome === 'updated' ? 'badge-ok' : r?.outcome === 'failed' ? 'badge-error' : 'badge-muted'}`}>
                {r ? formatCode(r.outcome, CLOUDBACK_OUTCOME_WORDS) : DASH}
              </span>
              {r?.message && <div className="small">{r.message}</div>}
            </>
          )
        },
        sortValue: (item) => outcomeOf(item)?.outcome,
        width: 180
      })
    }
    return list
  }, [result])

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
          <FormActions busy={doPreview.busy} label="Preview" busyLabel="Reading current settings…" disabled={Object.keys(change).length === 0} error={doPreview.error} onCancel={onClose} />
        </form>
      )}
      {preview && (
        <div data-testid="cloudback-preview">
          {result ? (
            <h3 ref={resultHeading} tabIndex={-1}>
              {`${result.updated} updated, ${result.failed} failed.`}
            </h3>
          ) : (
            <p>{`Nothing is changed yet. ${changing} of ${preview.items.length} definitions would change:`}</p>
          )}
          <DataTable tableId="cloudback.bulk-preview" rows={preview.items} columns={columns} rowKey={itemKey} label="Preview of the change" />
          {apply.error && (
            <p className="error-text" role="alert">
              {apply.error}
            </p>
          )}
          {/* While applying, Back and Apply are aria-disabled, not disabled (as FormActions' buttons
              are): a disabled button drops the keyboard focus on the page's body. A press then does nothing. */}
          <div className="form-actions">
            {!result && (
              <button type="button" className="btn" onClick={apply.busy ? undefined : () => setPreview(null)} aria-disabled={apply.busy || undefined}>
                Back
              </button>
            )}
            {!result && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={apply.busy ? undefined : () => void apply.run()}
                disabled={changing === 0}
                aria-disabled={apply.busy || undefined}
              >
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
