import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { CLOUDBACK_KNOWN_NAMES, CLOUDBACK_PLATFORM_LABELS, type CloudbackSettings, type TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { ApiError, call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { useFieldProblems } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { useUnsavedChangesGuard } from '../../store/use-unsaved-changes-guard'
import { UnsavedChangesDialog } from '../../components/UnsavedChangesDialog'
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

const NO_SETTINGS: CloudbackSettings = { enabled: false, schedule: null, storage: null, retention: null }
const NAME_FIELDS = ['schedule', 'storage', 'retention'] as const
type NameField = (typeof NAME_FIELDS)[number]

/** What the form holds: the name fields as typed text. */
interface Draft {
  enabled: boolean
  schedule: string
  storage: string
  retention: string
}

const draftOf = (s: CloudbackSettings): Draft => ({ enabled: s.enabled, schedule: s.schedule ?? '', storage: s.storage ?? '', retention: s.retention ?? '' })

const sameSettings = (a: CloudbackSettings, b: CloudbackSettings): boolean =>
  a.enabled === b.enabled && a.schedule === b.schedule && a.storage === b.storage && a.retention === b.retention

const sameDraft = (a: Draft, b: Draft): boolean =>
  a.enabled === b.enabled && NAME_FIELDS.every((f) => a[f].trim() === b[f].trim())

/**
 * Why a name field cannot be sent as typed, or null. Cloudback's update takes an empty name as
 * "leave as it is" (that is how Terraform disables a definition), so a name, once set, cannot be
 * cleared: an empty field would be reported saved while Cloudback keeps the old name.
 */
function emptiedNameProblem(field: NameField, draft: Draft, base: CloudbackSettings): string | null {
  const kept = base[field]
  if (draft[field].trim() || !kept) return null
  return `Cloudback cannot clear a ${field}: an empty one leaves “${kept}” in place. Choose a ${field}.`
}

/** The open editor's way out for what replaces or closes it: asks first when it holds unsaved edits. */
export type LeaveEditor = (then: () => void) => void

const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.code === 'NOT_FOUND'

/**
 * Shows and edits one definition's settings: enabled, schedule, storage, retention. The form starts
 * from the settings Backdesk last read; when those change meanwhile (a bulk change, another
 * window, a lookup), a form with no edits takes them, and one with edits says so and offers to
 * reload rather than saving over them unseen. When the definition goes away meanwhile (removed at
 * Cloudback, or no longer tracked), the form keeps its edits and says so; one with no edits that is
 * no longer tracked closes with a toast. `leaveRef` hands the console its way out, so opening
 * another definition asks first just as leaving the screen does.
 */
export function DefinitionEditor({
  connectionId,
  definition,
  untracked = false,
  onClose,
  leaveRef
}: {
  connectionId: string
  definition: TrackedDefinition
  /** The definition left the tracked list while open (Stop tracking in another window). */
  untracked?: boolean
  onClose: () => void
  leaveRef?: RefObject<LeaveEditor | null>
}): ReactNode {
  const put = useStore((s) => s.putCloudbackTracked)
  const reloadTracked = useStore((s) => s.loadCloudbackTracked)
  const pushToast = useStore((s) => s.pushToast)
  const current = definition.settings ?? NO_SETTINGS
  // The settings the form started from; `draft` is what it holds now; `seen` is the last settings
  // handed in, so a change is noticed once, when it arrives.
  const [base, setBase] = useState<CloudbackSettings>(current)
  const [draft, setDraft] = useState<Draft>(() => draftOf(current))
  const [seen, setSeen] = useState<CloudbackSettings>(current)
  const [changedMeanwhile, setChangedMeanwhile] = useState(false)
  const [saved, setSaved] = useState(false)
  const dirty = !sameDraft(draft, draftOf(base))
  const unsaved = useUnsavedChangesGuard(dirty, `the settings of ${subjectLabel(definition)}`)
  if (!sameSettings(current, seen)) {
    setSeen(current)
    if (dirty) setChangedMeanwhile(!sameSettings(current, base))
    else if (!sameSettings(current, base)) {
      // Not this form's own save coming back: what "Saved" referred to is gone.
      setBase(current)
      setDraft(draftOf(current))
      setSaved(false)
    }
  }
  if (changedMeanwhile && !dirty) {
    // The edits were taken back: the form takes what Cloudback holds now.
    setBase(current)
    setDraft(draftOf(current))
    setChangedMeanwhile(false)
  }
  const conflict = changedMeanwhile && dirty
  // Cloudback answered this form's save or check with a 404: it holds no such definition now. Tied
  // to the definition as it was handed in, so a newer read (the list reloaded) speaks for itself.
  const [notFoundFor, setNotFoundFor] = useState<TrackedDefinition | null>(null)
  const gone = definition.missing === true || notFoundFor === definition
  const fields = useFieldProblems({ under: 'settings' })
  const reload = () => {
    setBase(current)
    setDraft(draftOf(current))
    setChangedMeanwhile(false)
    fields.setProblems({})
    save.setError(null)
    setSaved(false)
  }
  const save = useAction(async () => {
    // Nothing to save to until Cloudback has the definition again (the notice says so).
    if (gone) return
    setSaved(false)
    const emptied = Object.fromEntries(
      NAME_FIELDS.flatMap((f) => {
        const problem = emptiedNameProblem(f, draft, base)
        return problem ? [[f, problem]] : []
      })
    )
    fields.setProblems(emptied)
    if (Object.keys(emptied).length > 0) return
    let updated: Awaited<ReturnType<typeof call<'cloudback.definition.update'>>>
    try {
      updated = await call('cloudback.definition.update', {
        connectionId,
        platform: definition.platform,
        account: definition.account,
        subjectName: definition.subjectName,
        subjectType: definition.subjectType,
        settings: {
          enabled: draft.enabled,
          schedule: draft.schedule.trim() || null,
          storage: draft.storage.trim() || null,
          retention: draft.retention.trim() || null
        }
      })
    } catch (err) {
      // Main's check of a field is said beside it; Cloudback's own refusal (a 422) stays below.
      if (fields.fromError(err)) return
      if (isNotFound(err)) {
        // Removed at Cloudback since it was read: the notice says so, the edits stay, and the
        // tracked list (which main marked) is read again for the table.
        setNotFoundFor(definition)
        void reloadTracked(connectionId)
        return
      }
      throw err
    }
    // The form shows what Cloudback holds now, which is what the table shows too.
    const now = updated.settings ?? NO_SETTINGS
    setBase(now)
    setDraft(draftOf(now))
    setChangedMeanwhile(false)
    put(connectionId, updated)
    setSaved(true)
  })
  // Editing a field: its message, the last error and the last "Saved" no longer apply.
  const edit = (key: keyof Draft, value: Draft[keyof Draft]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    fields.clear(key)
    save.setError(null)
    setSaved(false)
  }
  // Looks the definition up again (it may be back at Cloudback); found, the form goes on with its
  // edits (a change of settings meanwhile is said as usual).
  const checkAgain = useAction(async () => {
    try {
      const found = await call('cloudback.definition.get', {
        connectionId,
        platform: definition.platform,
        account: definition.account,
        subjectName: definition.subjectName,
        subjectType: definition.subjectType
      })
      setNotFoundFor(null)
      put(connectionId, found)
    } catch (err) {
      if (!isNotFound(err)) throw err
      void reloadTracked(connectionId)
      throw new Error(`Cloudback still has no definition for ${subjectLabel(definition)}.`)
    }
  })
  const discardAndClose = () => {
    unsaved.release()
    onClose()
  }
  // No longer tracked and nothing to keep: the editor closes and says why.
  const closeUntracked = untracked && !dirty
  useEffect(() => {
    if (!closeUntracked) return
    pushToast({ level: 'info', message: `${subjectLabel(definition)} is no longer tracked (Stop tracking was chosen elsewhere), so its editor closed. Nothing was changed at Cloudback.` })
    onClose()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the definition leaves the list
  }, [closeUntracked])
  useEffect(() => {
    if (!leaveRef) return
    // Discarding drops the edits here too, so a form that stays open (a Stop tracking then
    // cancelled) never holds edits its guard no longer asks about.
    leaveRef.current = (then) =>
      unsaved.leave(() => {
        reload()
        then()
      })
    return () => {
      leaveRef.current = null
    }
  })
  const headingRef = useRef<HTMLHeadingElement>(null)
  // Opened by a lookup or an Edit button: focus follows to what was opened.
  useEffect(() => headingRef.current?.focus(), [])
  const label = subjectLabel(definition)
  return (
    <section className="panel" aria-label={`Settings of ${label}`} data-testid="cloudback-editor">
      <div className="toolbar">
        <h2 className="inline-heading" ref={headingRef} tabIndex={-1}>
          {label}
        </h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => unsaved.leave(onClose)}>
          Close
        </button>
      </div>
      {definition.lastCheckedAt && <p className="muted small">Read from Cloudback {formatDateTime(definition.lastCheckedAt)}</p>}
      {gone && (
        <div className="banner banner-warn" role="alert" data-testid="cloudback-editor-gone">
          <p>
            Cloudback no longer has this definition: it was removed there (in the Cloudback dashboard, or its repository or account was disconnected from Cloudback).
            {dirty
              ? ' Your unsaved edits are kept here. Backdesk cannot create a definition (Cloudback makes one when the repository is added for backup in its dashboard); once it is back, check again and save them.'
              : ' Backdesk cannot create a definition: Cloudback makes one when the repository is added for backup in its dashboard.'}
          </p>
          <button type="button" className="btn btn-small" onClick={() => void checkAgain.run()} aria-disabled={checkAgain.busy}>
            {checkAgain.busy ? 'Checking…' : 'Check again'}
          </button>
          {dirty && (
            <>
              {' '}
              <button type="button" className="btn btn-small" onClick={discardAndClose}>
                Discard my edits and close
              </button>
            </>
          )}
          {checkAgain.error && <p className="error-text">{checkAgain.error}</p>}
        </div>
      )}
      {untracked && !gone && dirty && (
        <div className="banner banner-warn" role="alert" data-testid="cloudback-editor-untracked">
          <p>
            Backdesk no longer tracks this definition: Stop tracking was chosen elsewhere (another window) while you edited. Nothing was changed at Cloudback. Your unsaved
            edits are kept here: Save sends them to Cloudback and tracks the definition again.
          </p>
          <button type="button" className="btn btn-small" onClick={discardAndClose}>
            Discard my edits and close
          </button>
        </div>
      )}
      {conflict && (
        <div className="banner banner-warn" role="alert" data-testid="cloudback-editor-changed">
          <p>This definition changed at Cloudback since it was opened; your unsaved edits are based on the old settings.</p>
          <button type="button" className="btn btn-small" onClick={reload}>
            Reload from Cloudback (drops your edits)
          </button>{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setBase(current)
              setChangedMeanwhile(false)
            }}
          >
            Keep my edits
          </button>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          // Checked here, from this render: the action's own copy of the function is refreshed
          // after the commit, so a click right after the notice appears could still send.
          if (!gone) void save.run()
        }}
        noValidate
      >
        <label>
          <input type="checkbox" checked={draft.enabled} onChange={(e) => edit('enabled', e.target.checked)} /> Scheduled backups enabled
        </label>
        <div className="form-grid three">
          <div>
            <label htmlFor="cb-edit-schedule">Schedule</label>
            <input
              id="cb-edit-schedule"
              list="cb-schedules"
              value={draft.schedule}
              onChange={(e) => edit('schedule', e.target.value)}
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
              value={draft.storage}
              onChange={(e) => edit('storage', e.target.value)}
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
              value={draft.retention}
              onChange={(e) => edit('retention', e.target.value)}
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
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.busy || conflict}
            // Not disabled: a save that just found the definition gone keeps the focus here.
            aria-disabled={gone || undefined}
            title={
              gone
                ? 'Cloudback no longer has this definition: check again once it is back'
                : conflict
                  ? 'Reload the settings Cloudback holds now, or keep your edits, first'
                  : undefined
            }
          >
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
      {unsaved.asking && (
        <UnsavedChangesDialog title={`Discard your changes to ${label}?`} onKeepEditing={unsaved.keepEditing} onDiscard={unsaved.discard}>
          <p>What you changed here is not sent to Cloudback and the definition stays as it is. Keep editing takes you back to the form.</p>
        </UnsavedChangesDialog>
      )}
    </section>
  )
}
