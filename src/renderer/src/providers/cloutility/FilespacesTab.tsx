import { useState, type ReactNode } from 'react'
import { DASH, formatBytes, formatDateTime, formatPercent } from '../../../../shared/format'
import type { Filespace } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable, type TableColumn } from '../../components/DataTable'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'
import type { Where } from './where'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'

const dateSort = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined)

// The file system type (NTFS, EXT4…) is shown as the server names it: it is already a word.
const COLUMNS: ReadonlyArray<TableColumn<Filespace>> = [
  { id: 'name', header: 'Name', text: (f) => f.name, cell: (f) => <span className="mono">{f.name}</span>, sortValue: (f) => f.name, width: 200, grow: true },
  { id: 'type', header: 'Type', text: (f) => f.type ?? DASH, sortValue: (f) => f.type, csv: [{ header: 'Type', value: (f) => f.type }], width: 72 },
  {
    id: 'capacity',
    header: 'Capacity',
    text: (f) => formatBytes(f.capacityBytes),
    sortValue: (f) => f.capacityBytes,
    csv: [{ header: 'Capacity (bytes)', value: (f) => f.capacityBytes }],
    align: 'end',
    width: 96
  },
  {
    id: 'utilization',
    header: 'Utilization',
    text: (f) => formatPercent(f.utilization),
    cell: (f) => (
      <>
        {f.utilization !== undefined && (
          <span className="progress inline-progress" aria-hidden="true">
            <span style={{ width: `${Math.min(100, Math.max(0, f.utilization))}%` }} />
          </span>
        )}{' '}
        {formatPercent(f.utilization)}
      </>
    ),
    sortValue: (f) => f.utilization,
    csv: [{ header: 'Utilization (%)', value: (f) => f.utilization }],
    align: 'end',
    width: 120
  },
  {
    id: 'stored',
    header: 'Stored',
    text: (f) => formatBytes(f.storedBytes),
    sortValue: (f) => f.storedBytes,
    csv: [{ header: 'Stored (bytes)', value: (f) => f.storedBytes }],
    align: 'end',
    width: 96
  },
  {
    id: 'lastBackupStart',
    header: 'Last backup start',
    text: (f) => formatDateTime(f.lastBackupStart),
    sortValue: (f) => dateSort(f.lastBackupStart),
    csv: [{ header: 'Last backup start', value: (f) => f.lastBackupStart }],
    width: DATE_TIME_COLUMN_WIDTH
  },
  {
    id: 'lastBackupEnd',
    header: 'Last backup end',
    text: (f) => formatDateTime(f.lastBackupEnd),
    sortValue: (f) => dateSort(f.lastBackupEnd),
    csv: [{ header: 'Last backup end', value: (f) => f.lastBackupEnd }],
    width: DATE_TIME_COLUMN_WIDTH
  }
]
const CSV = csvColumnsOf(COLUMNS)
const rowKey = (f: Filespace): number => f.id

export function FilespacesTab({ where, name }: { where: Where; name: string }): ReactNode {
  const [sync, setSync] = useState(false)
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}/${sync}`
  const fs = useLoadable(() => call('cloutility.filespaces', { ...where, sync }), key)
  return (
    <>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => (sync ? fs.reload() : setSync(true))} disabled={fs.loading}>
          Sync with the backup server
        </button>
        <span className="spacer" />
        <CsvExport rows={fs.value ?? []} columns={CSV} name={['filespaces', name]} />
      </div>
      <LoadGate loading={fs.loading} error={fs.error} onRetry={fs.reload}>
        <DataTable
          tableId="cloutility.filespaces"
          rows={fs.value ?? []}
          columns={COLUMNS}
          rowKey={rowKey}
          label={`Filespaces of ${name}`}
          initialSort={{ columnId: 'name', direction: 'asc' }}
          emptyText="No filespaces yet: the node has not backed anything up."
        />
      </LoadGate>
    </>
  )
}
