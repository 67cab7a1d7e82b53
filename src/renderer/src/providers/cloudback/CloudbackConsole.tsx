import { useEffect, useState, type ReactNode } from 'react'
import { CLOUDBACK_PLATFORM_LABELS } from '../../../../shared/providers/cloudback/model'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { formatDateTime, formatText } from '../../../../shared/format'
import { BulkDialog, type BulkPreset } from './BulkDialog'
import { DefinitionEditor, NameSuggestions } from './DefinitionEditor'
import { LookupForm } from './LookupForm'

const EMPTY: never[] = []

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
  const remove = useAction(async () => {
    await call('cloudback.tracked.remove', { connectionId: id, keys: [...selected] })
    setTracked(id, tracked.filter((d) => !selected.has(d.key)))
    setSelected(new Set())
  })
  const editingDef = tracked.find((d) => d.key === editing)
  const allSelected = tracked.length > 0 && tracked.every((d) => selected.has(d.key))
  const toggle = (key: string) =>
    setSelected((s) => {
      const n = new Set(s)
      if (n.has(key)) n.delete(key)
      else n.add(key)
      return n
    })

  return (
    <div data-testid="cloudback-console">
      <NameSuggestions />
      <LookupForm
        connectionId={id}
        onFound={(d) => {
          setEditing(d.key)
          setOpened((n) => n + 1)
        }}
      />
      {editingDef && <DefinitionEditor key={`${editingDef.key}:${opened}`} connectionId={id} definition={editingDef} onClose={() => setEditing(null)} />}
      <section className="panel" aria-labelledby="cb-tracked">
        <h2 id="cb-tracked">Tracked definitions</h2>
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
          <button type="button" className="btn" disabled={selected.size === 0 || remove.busy} onClick={() => void remove.run()}>
            Stop tracking
          </button>
          <span className="muted small">{selected.size} selected</span>
        </div>
        {remove.error && (
          <p className="error-text" role="alert">
            {remove.error}
          </p>
        )}
        {tracked.length === 0 ? (
          <p className="muted">Nothing tracked yet: look a repository or project up above.</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data" aria-label="Tracked Cloudback definitions">
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      aria-label="Select all"
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(tracked.map((d) => d.key)))}
                    />
                  </th>
                  <th>Platform</th>
                  <th>Account</th>
                  <th>Subject</th>
                  <th>Type</th>
                  <th>Enabled</th>
                  <th>Schedule</th>
                  <th>Storage</th>
                  <th>Retention</th>
                  <th>Checked</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tracked.map((d) => (
                  <tr key={d.key}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${d.account}/${d.subjectName}`} checked={selected.has(d.key)} onChange={() => toggle(d.key)} />
                    </td>
                    <td>{CLOUDBACK_PLATFORM_LABELS[d.platform] ?? d.platform}</td>
                    <td>{d.account}</td>
                    <td>{d.subjectName}</td>
                    <td>{d.subjectType}</td>
                    <td>{d.settings ? <span className={`badge ${d.settings.enabled ? 'badge-ok' : 'badge-muted'}`}>{d.settings.enabled ? 'on' : 'off'}</span> : '—'}</td>
                    <td>{formatText(d.settings?.schedule)}</td>
                    <td>{formatText(d.settings?.storage)}</td>
                    <td>{formatText(d.settings?.retention)}</td>
                    <td>
                      {formatDateTime(d.lastCheckedAt)}
                      {d.lastError && <div className="error-text small">{d.lastError}</div>}
                    </td>
                    <td>
                      <button type="button" className="btn" onClick={() => {
                          setEditing(d.key)
                          setOpened((n) => n + 1)
                        }}
                        aria-label={`Edit ${d.account}/${d.subjectName}`}>
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {bulk && <BulkDialog connectionId={id} keys={[...selected]} preset={bulk.preset} onClose={() => setBulk(null)} />}
    </div>
  )
}
