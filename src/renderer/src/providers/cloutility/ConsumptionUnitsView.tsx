import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import type { BackupStatus, ConsumptionUnit } from '../../../../shared/providers/cloutility/model'
import { formatBytes, formatDateTime } from '../../../../shared/format'
import { CsvExport } from '../../components/CsvExport'
import { useValueAfterPaint } from '../../components/use-value-after-paint'
import { csvColumnsOf, DataTable, sortRows, type SortState, type TableColumn } from '../../components/DataTable'
import { useStore } from '../../store'
import { unitsKey } from './cloutility.slice'
import { LoadGate } from '../../components/LoadGate'
import { StatusBadge, statusLabel } from './StatusBadge'
import { ConsumptionUnitForm } from './ConsumptionUnitForm'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'

const STATUS_ORDER: Record<BackupStatus, number> = { error: 0, warning: 1, pending: 2, unknown: 3, ignored: 4, ok: 5 }

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

/**
 * What an empty list says. A unit above customers often holds none itself while the tree marks it
 * with its sub-units' failures, so it says where they are (above the table: the table's one-line
 * empty row is too narrow for the pointer beside the tree).
 */
function emptyUnitsText(filtered: boolean, subUnits: number): string {
  if (filtered) return 'No consumption unit matches the filter.'
  return subUnits === 0 ? 'This business unit has no consumption units.' : 'No consumption units in this business unit itself.'
}

function subUnitsPointer(subUnits: number): string {
  return subUnits === 1 ? "This unit's sub-unit may hold consumption units: open it in the tree." : `This unit's ${subUnits} sub-units may hold consumption units: open one in the tree.`
}

/** `subUnits`: how many business units are directly under this one. */
export function ConsumptionUnitsView({ connectionId, businessUnitId, businessUnitName, subUnits = 0 }: { connectionId: string; businessUnitId: number; businessUnitName: string; subUnits?: number }): ReactNode {
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

  // One definition for the header, the cells, the sort and the CSV (which adds the id, the raw
  // status word and the storage in bytes beside the columns they belong to). The widths fit the
  // columns that matter (name, node, last backup, status, storage) beside the tree at 1280 px;
  // OS and type give way, with their text as a tooltip.
  const columns = useMemo<Array<TableColumn<ConsumptionUnit>>>(
    () => [
      {
        id: 'name',
        header: 'Name',
        text: (r) => r.name,
        sortValue: (r) => r.name,
        cell: (r) => (
          <button type="button" className="link" onClick={() => open(r)}>
            {r.name}
          </button>
        ),
        csv: [
          { header: 'Id', value: (r) => r.id },
          { header: 'Name', value: (r) => r.name }
        ],
        width: 124,
        grow: true
      },
      {
        id: 'node',
        header: 'Node name',
        text: (r) => r.nodeName ?? '—',
        sortValue: (r) => r.nodeName,
        className: 'mono',
        csv: [{ header: 'Node name', value: (r) => r.nodeName }],
        width: 150
      },
      { id: 'os', header: 'OS', text: (r) => r.os ?? '—', sortValue: (r) => r.os, csv: [{ header: 'OS', value: (r) => r.os }], width: 56 },
      { id: 'type', header: 'Type', text: (r) => r.nodeType ?? '—', sortValue: (r) => r.nodeType, csv: [{ header: 'Type', value: (r) => r.nodeType }], width: 64 },
      {
        id: 'lastBackup',
        header: 'Last backup',
        text: (r) => formatDateTime(r.lastBackup),
        sortValue: (r) => (r.lastBackup ? Date.parse(r.lastBackup) : undefined),
        csv: [
          { header: 'Last backup', value: (r) => r.lastBackup },
          { header: 'Last backup status', value: (r) => r.lastBackupStatus }
        ],
        width: DATE_TIME_COLUMN_WIDTH
      },
      {
        id: 'status',
        header: 'Status',
        text: (r) => statusLabel(r.status),
        sortValue: (r) => (r.status ? STATUS_ORDER[r.status] : undefined),
        cell: (r) => <StatusBadge status={r.status} />,
        width: 84
      },
      {
        id: 'storage',
        header: 'Storage',
        text: (r) => formatBytes(r.storageBytes),
        align: 'end',
        sortValue: (r) => r.storageBytes,
        csv: [
          { header: 'Storage (bytes)', value: (r) => r.storageBytes },
          { header: 'Storage', value: (r) => (r.storageBytes === undefined ? '' : formatBytes(r.storageBytes)) }
        ],
        width: 80
      }
    ],
    [open]
  )
  const csvColumns = useMemo(() => csvColumnsOf(columns), [columns])

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
        <div className="inline-field filter-text">
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
        <CsvExport rows={filtered} columns={csvColumns} name={['consumption-units', businessUnitName]} />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          New consumption unit
        </button>
      </div>
      {entry?.value?.statusUnavailable && (
        <p className="banner banner-warn">The status report could not be read: status, storage and last backup are not shown.</p>
      )}
      {rows?.length === 0 && subUnits > 0 && <p className="muted">{subUnitsPointer(subUnits)}</p>}
      <LoadGate loading={!rows && (entry?.loading ?? true)} error={rows ? null : (entry?.error ?? null)} onRetry={() => void load(connectionId, businessUnitId, true)}>
        <DataTable
          tableId="cloutility.consumption-units"
          height="60vh"
          rows={filtered}
          columns={columns}
          rowKey={rowKey}
          label={`Consumption units of ${businessUnitName}`}
          sort={sort}
          onSortChange={setSort}
          presorted
          scrollResetKey={filterKey}
          emptyText={emptyUnitsText(Boolean(rows?.length), subUnits)}
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
