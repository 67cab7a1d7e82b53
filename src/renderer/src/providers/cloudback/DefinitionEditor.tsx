import { useState, type ReactNode } from 'react'
import { CLOUDBACK_KNOWN_NAMES, CLOUDBACK_PLATFORM_LABELS, type CloudbackSettings, type TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { useFieldProblems } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { formatDateTime } from '../../../../shared/format'

export function subjectLabel(d: Pick<TrackedDefinition, 'platform' | 'account' | 'subjectName' | 'subjectType'>): string {
  // A GitLab "repository" subject is a project (with its repository), as GitLab names it.
  const what = d.subjectType === 'Project' || d.platform === 'GitLab' ? 'project' : 'repository'
  return `${CLOUDBACK_PLATFORM_LABELS[d.platform] ?? d.platform} ${what} ${d.account}/${d.subjectName}`
}

/** Suggestion lists for the free-text setting names (any name defined in Cloudback works). */
export function NameSuggestions(): ReactNode {
  return (
    <>
      <datalist id="cb-schedules">
        {CLOUDBACK_KNOWN_NAMES.schedules.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="cb-storages">
        {CLOUDBACK_KNOWN_NAMES.storages.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="cb-retentions">
        {CLOUDBACK_KNOWN_NAMES.retentions.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  )
}

/** Shows and edits one definition's settings: enabled, schedule, storage, retention. */
export function DefinitionEditor({ connectionId, definition, onClose }: { connectionId: string; definition: TrackedDefinition; onClose: () => void }): ReactNode {
  const put = useStore((s) => s.putCloudbackTracked)
  const initial: CloudbackSettings = definition.settings ?? { enabled: false, schedule: null, storage: null, retention: null }
  const [enabled, setEnabled] = useState(initial.enabled)
  const [schedule, setSchedule] = useState(initial.schedule ?? '')
  const [storage, setStorage] = useState(initial.storage ?? '')
  const [retention, setRetention] = useState(initial.retention ?? '')
  const [saved, setSaved] = useState(false)
  const fields = useFieldProblems({ under: 'settings' })
  const save = useAction(async () => {
    setSaved(false)
    let updated: Awaited<ReturnType<typeof call<'cloudback.definition.update'>>>
    try {
      updated = await call('cloudback.definition.update', {
        connectionId,
        platform: definition.platform,
        account: definition.account,
        subjectName: definition.subjectName,
        subjectType: definition.subjectType,
        settings: {
          enabled,
          schedule: schedule.trim() || null,
          storage: storage.trim() || null,
          retention: retention.trim() || null
        }
      })
    } catch (err) {
      // Main's check of a field is said beside it; Cloudback's own refusal (a 422) stays below.
      if (fields.fromError(err)) return
      throw err
    }
    put(connectionId, updated)
    setSaved(true)
  })
  // Editing a field: its message, the last error and the last "Saved" no longer apply.
  const edit = (key: string, apply: () => void) => {
    apply()
    fields.clear(key)
    save.setError(null)
    setSaved(false)
  }
  const label = subjectLabel(definition)
  return (
    <section className="panel" aria-label={`Settings of ${label}`} data-testid="cloudback-editor">
      <div className="toolbar">
        <h2 className="inline-heading">{label}</h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
      {definition.lastCheckedAt && <p className="muted small">Read from Cloudback {formatDateTime(definition.lastCheckedAt)}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save.run()
        }}
        noValidate
      >
        <label>
          <input type="checkbox" checked={enabled} onChange={(e) => edit('enabled', () => setEnabled(e.target.checked))} /> Scheduled backups enabled
        </label>
        <div className="form-grid three">
          <div>
            <label htmlFor="cb-edit-schedule">Schedule</label>
            <input
              id="cb-edit-schedule"
              list="cb-schedules"
              value={schedule}
              onChange={(e) => edit('schedule', () => setSchedule(e.target.value))}
              autoComplete="off"
              {...fieldAria('cb-edit-schedule', fields.problems['schedule'])}
            />
            <FieldProblem fieldId="cb-edit-schedule" problem={fields.problems['schedule']} />
          </div>
          <div>
            <label htmlFor="cb-edit-storage">Storage</label>
            <input
              id="cb-edit-storage"
              list="cb-storages"
              value={storage}
              onChange={(e) => edit('storage', () => setStorage(e.target.value))}
              autoComplete="off"
              {...fieldAria('cb-edit-storage', fields.problems['storage'])}
            />
            <FieldProblem fieldId="cb-edit-storage" problem={fields.problems['storage']} />
          </div>
          <div>
            <label htmlFor="cb-edit-retention">Retention</label>
            <input
              id="cb-edit-retention"
              list="cb-retentions"
              value={retention}
              onChange={(e) => edit('retention', () => setRetention(e.target.value))}
              autoComplete="off"
              {...fieldAria('cb-edit-retention', fields.problems['retention'])}
            />
            <FieldProblem fieldId="cb-edit-retention" problem={fields.problems['retention']} />
          </div>
        </div>
        <p className="field-hint">Names must match a schedule, storage or retention policy defined in your Cloudback account exactly; suggestions are the built-in ones.</p>
        {save.error && (
          <p className="error-text" role="alert" data-testid="cloudback-error">
            {save.error}
          </p>
        )}
        {saved && !save.error && (
          <p className="banner banner-info" role="status">
            Saved at Cloudback.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
    </section>
  )
}
