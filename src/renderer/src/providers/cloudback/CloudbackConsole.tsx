import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CloudbackSettings, TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { CLOUDBACK_PLATFORM_WORDS, CLOUDBACK_SUBJECT_TYPE_WORDS, cloudbackEnabledWords } from '../../../../shared/providers/cloudback/words'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { call } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { codeTitle, DASH, formatCode, formatDateTime, formatText } from '../../../../shared/format'
import { BulkDialog, type BulkPreset } from './BulkDialog'
import { DefinitionEditor, NameSuggestions, type LeaveEditor } from './DefinitionEditor'
import { LookupForm } from './LookupForm'

const EMPTY: never[] = []

const definitionKey = (d: TrackedDefinition): string => d.key

/**
 * A definition's schedule as the tracked table shows it. A disabled definition keeps its schedule
 * at Cloudback, but it does not run: the cell says so, in the words of the Scheduled backups column.
 */
function scheduleText(settings: CloudbackSettings | undefined): string {
  if (!settings?.schedule || settings.enabled) return formatText(settings?.schedule)
  return `${settings.schedule} (${cloudbackEnabledWords(false).toLowerCase()})`
}

/** Cloudback console: look up definitions, edit one, or change many with a preview. */
export function CloudbackConsole({ connection }: { connection: ConnectionSummary }): ReactNode {
  const id = connection.id
  const tracked = useStore((s) => s.cloudbackTracked[id]?.value ?? EMPTY)
  const error = useStore((s) => s.cloudbackTracked[id]?.error)
  const load = useStore((s) => s.loadCloudbackTracked)
  const setTracked = useStore((s) => s.setCloudbackTracked)
  const [editing, setEditing] = useState<string | null>(null)
  // A fresh lookup reopens the editor with the settings just read; a save keeps it as it is.
  const [opened, setOpened] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [bulk, setBulk] = useState<{ preset: BulkPreset } | null>(null)
  useEffect(() => {
    void load(id)
  }, [id, load])
  // A search result or fleet row may point at a definition: open it once it is in the list.
  const focus = useStore((s) => (s.screen.id === 'connection' ? String(s.screen.params?.['definition'] ?? '') : ''))
  const [seenFocus, setSeenFocus] = useState('')
  if (focus && focus !== seenFocus && tracked.some((d) => d.key === focus)) {
    setSeenFocus(focus)
    setEditing(focus)
  }
  // Where focus goes once the next render is on screen: a closed editor's row (its Edit button, or
  // the table when that row is scrolled out of the window), or the list after rows went away. The
  // control that had focus is gone or disabled, and focus would otherwise fall to the page.
  const trackedRef = useRef<HTMLElement>(null)
  const focusNext = useRef<{ rowKey?: string } | null>(null)
  useEffect(() => {
    const target = focusNext.current
    const section = trackedRef.current
    if (!target || !section) return
    focusNext.current = null
    const row = target.rowKey ? tracked.find((d) => d.key === target.rowKey) : undefined
    const edit = row ? section.querySelector<HTMLElement>(`button[aria-label="${CSS.escape(`Edit ${row.account}/${row.subjectName}`)}"]`) : null
    const place = edit ?? section.querySelector<HTMLElement>('[role="group"][tabindex="0"], [role="region"][tabindex="0"]') ?? section.querySelector<HTMLElement>('#cb-tracked')
    place?.focus()
  })
  const pushToast = useStore((s) => s.pushToast)
  const [confirmRemove, setConfirmRemove] = useState(false)
  const remove = useAction(async () => {
    const count = selected.size
    await call('cloudback.tracked.remove', { connectionId: id, keys: [...selected] })
    // Its edits were asked about before the question: the editor of a definition stopped here just
    // closes (first, so it is never taken for one stopped elsewhere).
    if (editing !== null && selected.has(editing)) setEditing(null)
    setTracked(id, tracked.filter((d) => !selected.has(d.key)))
    setSelected(new Set())
    setConfirmRemove(false)
    focusNext.current = {}
    pushToast({ level: 'success', message: `Stopped tracking ${count} definition${count === 1 ? '' : 's'}. Nothing was changed at Cloudback.` })
  })
  // The open definition as last listed, kept when it leaves the list from elsewhere (another
  // window's Stop tracking), so the editor can keep its unsaved edits and say what happened.
  const listed = tracked.find((d) => d.key === editing)
  const [lastListed, setLastListed] = useState<TrackedDefinition | null>(null)
  if (listed && listed !== lastListed) setLastListed(listed)
  const editingDef = listed ?? (lastListed !== null && lastListed.key === editing ? lastListed : undefined)
  const allSelected = tracked.length > 0 && tracked.every((d) => selected.has(d.key))
  const toggle = useCallback(
    (key: string) =>
      setSelected((s) => {
        const n = new Set(s)
        if (n.has(key)) n.delete(key)
        else n.add(key)
        return n
      }),
    []
  )
  // Opening a definition replaces the open editor: its unsaved edits are asked about first (Keep
  // editing leaves it as it is), as when leaving the screen.
  const leaveEditor = useRef<LeaveEditor | null>(null)
  const replaceEditor = useCallback((then: () => void) => (leaveEditor.current ?? ((go: () => void) => go()))(then), [])
  const edit = useCallback(
    (key: string) =>
      replaceEditor(() => {
        setEditing(key)
        setOpened((n) => n + 1)
      }),
    [replaceEditor]
  )
  const columns = useMemo<Array<TableColumn<TrackedDefinition>>>(
    () => [
      {
        id: 'select',
        header: 'Selected',
        headerCell: (
          <input
            type="checkbox"
            aria-label="Select all"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(tracked.map((d) => d.key)))}
          />
        ),
        text: (d) => (selected.has(d.key) ? 'yes' : 'no'),
        cell: (d) => <input type="checkbox" aria-label={`Select ${d.account}/${d.subjectName}`} checked={selected.has(d.key)} onChange={() => toggle(d.key)} />,
        csv: [],
        width: 48,
        minWidth: 40,
        align: 'center'
      },
      {
        id: 'platform',
        header: 'Platform',
        text: (d) => formatCode(d.platform, CLOUDBACK_PLATFORM_WORDS),
        title: (d) => codeTitle(d.platform, CLOUDBACK_PLATFORM_WORDS),
        sortValue: (d) => formatCode(d.platform, CLOUDBACK_PLATFORM_WORDS),
        width: 110
      },
      { id: 'account', header: 'Account', text: (d) => d.account, sortValue: (d) => d.account, width: 150 },
      { id: 'subject', header: 'Subject', text: (d) => d.subjectName, sortValue: (d) => d.subjectName, width: 170, grow: true },
      { id: 'type', header: 'Type', text: (d) => formatCode(d.subjectType, CLOUDBACK_SUBJECT_TYPE_WORDS), sortValue: (d) => d.subjectType, width: 100 },
      {
        id: 'enabled',
        header: 'Scheduled backups',
        text: (d) => (d.settings ? cloudbackEnabledWords(d.settings.enabled) : DASH),
        cell: (d) =>
          d.settings ? <span className={`badge ${d.settings.enabled ? 'badge-ok' : 'badge-muted'}`}>{cloudbackEnabledWords(d.settings.enabled)}</span> : DASH,
        sortValue: (d) => (d.settings ? (d.settings.enabled ? 1 : 0) : undefined),
        width: 110
      },
      {
        id: 'schedule',
        header: 'Schedule',
        text: (d) => scheduleText(d.settings),
        cell: (d) => (d.settings && !d.settings.enabled && d.settings.schedule ? <span className="muted">{scheduleText(d.settings)}</span> : scheduleText(d.settings)),
        sortValue: (d) => d.settings?.schedule ?? undefined,
        width: 130
      },
      { id: 'storage', header: 'Storage', text: (d) => formatText(d.settings?.storage), sortValue: (d) => d.settings?.storage ?? undefined, width: 130 },
      { id: 'retention', header: 'Retention', text: (d) => formatText(d.settings?.retention), sortValue: (d) => d.settings?.retention ?? undefined, width: 120 },
      {
        id: 'checked',
        header: 'Checked',
        text: (d) => (d.lastError ? `${formatDateTime(d.lastCheckedAt)}: ${d.lastError}` : formatDateTime(d.lastCheckedAt)),
        cell: (d) => (
          <>
            {formatDateTime(d.lastCheckedAt)}
            {d.lastError && <div className="error-text small">{d.lastError}</div>}
          </>
        ),
        sortValue: (d) => d.lastCheckedAt,
        csv: [
          { header: 'Checked', value: (d) => d.lastCheckedAt ?? '' },
          { header: 'Problem', value: (d) => d.lastError ?? '' }
        ],
        width: DATE_TIME_COLUMN_WIDTH
      },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (d) => (
          <button type="button" className="btn btn-small" onClick={() => edit(d.key)} aria-label={`Edit ${d.account}/${d.subjectName}`}>
            Edit
          </button>
        ),
        csv: [],
        // Room for its header: at 70 px it read "Acti…".
        width: 88,
        sticky: true
      }
    ],
    [allSelected, selected, tracked, toggle, edit]
  )

  return (
    <div data-testid="cloudback-console">
      <NameSuggestions />
      <LookupForm
        connectionId={id}
        onFound={(d) => edit(d.key)}
      />
      {editingDef && (
        <DefinitionEditor
          key={`${editingDef.key}:${opened}`}
          connectionId={id}
          definition={editingDef}
          untracked={!listed}
          leaveRef={leaveEditor}
          onClose={() => {
            focusNext.current = { rowKey: editingDef.key }
            setEditing(null)
          }}
        />
      )}
      <section className="panel" aria-labelledby="cb-tracked" ref={trackedRef}>
        <h2 id="cb-tracked" tabIndex={-1}>
          Tracked definitions
        </h2>
        <p className="muted small">Cloudback cannot list definitions, so Backdesk keeps the ones looked up from this connection here.</p>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="toolbar">
          <button type="button" className="btn" disabled={selected.size === 0} onClick={() => setBulk({ preset: { enabled: true } })}>
            Enable…
          </button>
          <button type="button" className="btn" disabled={selected.size === 0} onClick={() => setBulk({ preset: { enabled: false } })}>
            Disable…
          </button>
          <button type="button" className="btn" disabled={selected.size === 0} onClick={() => setBulk({ preset: null })}>
            Change schedule, storage or retention…
          </button>
          <button
            type="button"
            className="btn"
            disabled={selected.size === 0}
            // aria-disabled while stopping, not disabled: a disabled button drops the keyboard focus on the page's body.
            aria-disabled={remove.busy || undefined}
            onClick={
              remove.busy
                ? undefined
                : () =>
                    // Stopping tracking of the definition being edited closes its editor: its edits are asked about first.
                    editing !== null && selected.has(editing) ? replaceEditor(() => setConfirmRemove(true)) : setConfirmRemove(true)
            }
          >
            Stop tracking…
          </button>
          <span className="muted small">{selected.size} selected</span>
        </div>
        {tracked.length === 0 ? (
          <p className="muted">Nothing tracked yet: look a repository or project up above.</p>
        ) : (
          <DataTable
            tableId="cloudback.tracked"
            rows={tracked}
            columns={columns}
            rowKey={definitionKey}
            label="Tracked Cloudback definitions"
            initialSort={{ columnId: 'subject', direction: 'asc' }}
          />
        )}
      </section>
      {confirmRemove && (
        <ConfirmDialog
          title={`Stop tracking ${selected.size} definition${selected.size === 1 ? '' : 's'}?`}
          confirmLabel="Stop tracking"
          busy={remove.busy}
          error={remove.error}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => void remove.run()}
        >
          <p>
            Backdesk forgets {selected.size === 1 ? 'this definition' : 'these definitions'} and {selected.size === 1 ? 'its' : 'their'} last known settings. The
            backups at Cloudback are not changed; look a definition up again to track it once more.
          </p>
        </ConfirmDialog>
      )}
      {bulk && <BulkDialog connectionId={id} keys={[...selected]} preset={bulk.preset} onClose={() => setBulk(null)} />}
    </div>
  )
}
