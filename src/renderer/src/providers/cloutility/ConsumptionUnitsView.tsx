import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import type { BackupStatus, ConsumptionUnit } from '../../../../shared/providers/cloutility/model'
import { formatBytes, formatDateTime } from '../../../../shared/format'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { useValueAfterPaint } from '../../components/use-value-after-paint'
import { sortRows, VirtualTable, type Column, type SortState } from '../../components/VirtualTable'
import { useStore } from '../../store'
import { unitsKey } from './cloutility.slice'
import { LoadGate } from '../../components/LoadGate'
import { StatusBadge, statusLabel } from './StatusBadge'
import { ConsumptionUnitForm } from './ConsumptionUnitForm'

const STATUS_ORDER: Record<BackupStatus, number> = { error: 0, warning: 1, pending: 2, unknown: 3, ignored: 4, ok: 5 }

const CSV_COLUMNS: ReadonlyArray<CsvColumn<ConsumptionUnit>> = [
  { header: 'Id', value: (r) => r.id },
  { header: 'Name', value: (r) => r.name },
  { header: 'Node name', value: (r) => r.nodeName },
  { header: 'OS', value: (r) => r.os },
  { header: 'Type', value: (r) => r.nodeType },
  { header: 'Last backup', value: (r) => r.lastBackup },
  { header: 'Last backup status', value: (r) => r.lastBackupStatus },
  { header: 'Status', value: (r) => statusLabel(r.status) },
  { header: 'Storage (bytes)', value: (r) => r.storageBytes },
  { header: 'Storage', value: (r) => (r.storageBytes === undefined ? '' : formatBytes(r.storageBytes)) }
]

// Each row's searchable text, lower-cased once per row object (rows are replaced on reload), so a
// keystroke scans prepared strings instead of lower-casing 10,000 names again.
const haystacks = new WeakMap<ConsumptionUnit, string>()
function haystack(row: ConsumptionUnit): string {
  let text = haystacks.get(row)
  if (text === undefined) {
    text = `${row.name}\u0000${row.nodeName ?? ''}`.toLowerCase()
    haystacks.set(row, text)
  }
  return text
}

/** Case-insensitive match on name, node name or id. Pure and cheap: runs over every row per keystroke. */
export function filterUnits(rows: readonly ConsumptionUnit[], text: string, status: BackupStatus | 'all'): readonly ConsumptionUnit[] {
  const needle = text.trim().toLowerCase()
  if (!needle && status === 'all') return rows
  const id = /^\d+$/.test(needle) ? Number(needle) : undefined // compared as a number: no string per row
  return rows.filter((r) => (status === 'all' || r.status === status) && (!needle || r.id === id || haystack(r).includes(needle)))
}

export function ConsumptionUnitsView({ connectionId, businessUnitId, businessUnitName }: { connectionId: string; businessUnitId: number; businessUnitName: string }): ReactNode {
  const key = unitsKey(connectionId, businessUnitId)
  const entry = useStore((s) => s.cloutilityUnits[key])
  const load = useStore((s) => s.loadConsumptionUnits)
  const setView = useStore((s) => s.setCloutilityView)
  const [text, setText] = useState('')
  const [status, setStatus] = useState<BackupStatus | 'all'>('all')
  const [sort, setSort] = useState<SortState>({ columnId: 'name', direction: 'asc' })
  const [creating, setCreating] = useState(false)
  const filterId = useId()
  const statusId = useId()

  useEffect(() => {
    void load(connectionId, businessUnitId)
  }, [load, connectionId, businessUnitId])

  const open = useCallback(
    (row: ConsumptionUnit) => setView(connectionId, { consumptionUnitId: row.id, consumerTab: 'node' }),
    [setView, connectionId]
  )

  const columns = useMemo<Array<Column<ConsumptionUnit>>>(
    () => [
      {
        id: 'name',
        header: 'Name',
        sortValue: (r) => r.name,
        cell: (r) => (
          <button type="button" className="link" onClick={() => open(r)}>
            {r.name}
          </button>
        ),
        width: '22%'
      },
      { id: 'node', header: 'Node name', sortValue: (r) => r.nodeName, cell: (r) => <span className="mono">{r.nodeName ?? '—'}</span> },
      { id: 'os', header: 'OS', sortValue: (r) => r.os, cell: (r) => r.os ?? '—' },
      { id: 'type', header: 'Type', sortValue: (r) => r.nodeType, cell: (r) => r.nodeType ?? '—' },
      {
        id: 'lastBackup',
        header: 'Last backup',
        sortValue: (r) => (r.lastBackup ? Date.parse(r.lastBackup) : undefined),
        cell: (r) => formatDateTime(r.lastBackup)
      },
      { id: 'status', header: 'Status', sortValue: (r) => (r.status ? STATUS_ORDER[r.status] : undefined), cell: (r) => <StatusBadge status={r.status} /> },
      { id: 'storage', header: 'Storage', numeric: true, sortValue: (r) => r.storageBytes, cell: (r) => formatBytes(r.storageBytes) }
    ],
    [open]
  )

  // Sort the full list once per sort or data change; filtering keeps that order (no re-sort while
  // typing). The filter runs on the text as of the last painted frame, so a keystroke shows at once.
  const rows = entry?.value?.items
  const sortColumn = useMemo(() => columns.find((c) => c.id === sort.columnId), [columns, sort.columnId])
  const sorted = useMemo(() => sortRows(rows ?? [], sortColumn, sort.direction), [rows, sortColumn, sort.direction])
  const deferredText = useValueAfterPaint(text)
  const filtered = useMemo(() => filterUnits(sorted, deferredText, status), [sorted, deferredText, status])
  const filterKey = `${status}\u0000${deferredText}`

  const rowKey = useCallback((r: ConsumptionUnit) => r.id, [])

  return (
    <section aria-label={`Consumption units of ${businessUnitName}`}>
      <div className="toolbar">
        <div className="inline-field">
          <label htmlFor={filterId}>Filter</label>
          <input id={filterId} type="search" spellCheck={false} autoComplete="off" value={text} placeholder="Name, node name or id" onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="inline-field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value as BackupStatus | 'all')}>
            <option value="all">All</option>
            <option value="error">Error</option>
            <option value="warning">Warning</option>
            <option value="pending">Pending</option>
            <option value="ok">OK</option>
            <option value="ignored">Ignored</option>
            <option value="unknown">Unknown</option>
          </select>
        </div>
        <span className="spacer" />
        <span className="muted small" role="status" aria-live="polite">
          {rows ? `${filtered.length} of ${rows.length}` : ''}
        </span>
        <button type="button" className="btn" onClick={() => void load(connectionId, businessUnitId, true)} disabled={entry?.loading}>
          {entry?.loading ? 'Refreshing…' : 'Refresh'}
        </button>
        <CsvExport rows={filtered} columns={CSV_COLUMNS} name={['consumption-units', businessUnitName]} />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          New consumption unit
        </button>
      </div>
      {entry?.value?.statusUnavailable && (
        <p className="banner banner-warn">The status report could not be read: status, storage and last backup are not shown.</p>
      )}
      <LoadGate loading={!rows && (entry?.loading ?? true)} error={rows ? null : (entry?.error ?? null)} onRetry={() => void load(connectionId, businessUnitId, true)}>
        <VirtualTable
          rows={filtered}
          columns={columns}
          rowKey={rowKey}
          label={`Consumption units of ${businessUnitName}`}
          sort={sort}
          onSortChange={setSort}
          presorted
          scrollResetKey={filterKey}
          emptyText={rows?.length ? 'No consumption unit matches the filter.' : 'This business unit has no consumption units.'}
        />
      </LoadGate>
      {creating && (
        <ConsumptionUnitForm
          connectionId={connectionId}
          businessUnitId={businessUnitId}
          onClose={() => setCreating(false)}
          onSaved={(cu) => {
            setCreating(false)
            void load(connectionId, businessUnitId, true)
            setView(connectionId, { consumptionUnitId: cu.id, consumerTab: 'node' })
          }}
        />
      )}
    </section>
  )
}
