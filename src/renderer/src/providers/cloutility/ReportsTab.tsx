import { useMemo, useState, type ReactNode } from 'react'
import { DASH, formatBytes, formatBytesChange, formatDate, formatDayShort, formatNumber } from '../../../../shared/format'
import type { NodeReport, NodeWarning, NodeWarningType } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { BarChart, type ChartPoint, type ChartSeries } from '../../components/BarChart'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable, type TableColumn } from '../../components/DataTable'
import { LoadGate } from '../../components/LoadGate'
import { StatusBadge, statusLabel } from './StatusBadge'
import { useLoadable } from '../../store/use-loadable'
import type { Where } from './where'
import { lastDays, RangePicker, type Range } from '../../components/RangePicker'

// Storage (left axis) is far larger than a day's transfer (right axis): each reads on its own.
const SERIES: ChartSeries[] = [
  { name: 'Storage', className: 'chart-series-0', format: (v) => formatBytes(v), bytes: true },
  { name: 'Transferred', className: 'chart-series-1', format: (v) => formatBytes(v), bytes: true }
]

function explainWarning(w: NodeWarning, types: ReadonlyMap<number, NodeWarningType>): string {
  const type = w.typeId !== undefined ? types.get(w.typeId) : undefined
  const what = type?.name ?? w.typeName ?? 'Warning'
  const parts = [what]
  // 0 days is what a warning without a duration carries (a failed backup, a locked node).
  if (w.days !== undefined && w.days > 0) parts.push(`for ${formatNumber(w.days)} day${w.days === 1 ? '' : 's'}`)
  if (type?.usesLimit && w.limit !== undefined) parts.push(`(limit ${formatNumber(w.limit, undefined, 2)})`)
  return parts.join(' ')
}

const reportKey = (r: NodeReport): string => `${r.id}-${r.reportDate}`

export function ReportsTab({ where, name }: { where: Where; name: string }): ReactNode {
  const [range, setRange] = useState<Range>(() => lastDays(30))
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}/${range.start}/${range.end}`
  const reports = useLoadable(() => call('cloutility.reports', { ...where, start: range.start, end: range.end, warnings: true }), key)
  const types = useMemo(() => new Map((reports.value?.warningTypes ?? []).map((t) => [t.id, t])), [reports.value])
  const list = useMemo(() => reports.value?.reports ?? [], [reports.value])
  const points = useMemo<ChartPoint[]>(
    () =>
      list.map((r) => ({
        label: formatDayShort(r.reportDate),
        values: [r.storageBytes, r.transferredBytes],
        title: `${formatDate(r.reportDate)}: storage ${formatBytes(r.storageBytes)}, transferred ${formatBytes(r.transferredBytes)}`
      })),
    [list]
  )
  const latest = list[list.length - 1]
  // Inside the component: the warnings column reads the warning types that came with the reports.
  const columns = useMemo<ReadonlyArray<TableColumn<NodeReport>>>(
    () => [
      {
        id: 'date',
        header: 'Date',
        text: (r) => formatDate(r.reportDate),
        sortValue: (r) => (r.reportDate ? Date.parse(r.reportDate) : undefined),
        csv: [{ header: 'Date', value: (r) => r.reportDate }],
        width: 120
      },
      {
        id: 'status',
        header: 'Status',
        text: (r) => statusLabel(r.status),
        cell: (r) => <StatusBadge status={r.status} />,
        sortValue: (r) => r.status,
        width: 96
      },
      {
        id: 'storage',
        header: 'Storage',
        text: (r) => formatBytes(r.storageBytes),
        sortValue: (r) => r.storageBytes,
        csv: [{ header: 'Storage (bytes)', value: (r) => r.storageBytes }],
        align: 'end',
        width: 96
      },
      {
        id: 'change',
        header: 'Change',
        text: (r) => formatBytesChange(r.storageDeltaBytes),
        sortValue: (r) => r.storageDeltaBytes,
        csv: [{ header: 'Change (bytes)', value: (r) => r.storageDeltaBytes }],
        align: 'end',
        width: 96
      },
      {
        id: 'transferred',
        header: 'Transferred',
        text: (r) => formatBytes(r.transferredBytes),
        sortValue: (r) => r.transferredBytes,
        csv: [{ header: 'Transferred (bytes)', value: (r) => r.transferredBytes }],
        align: 'end',
        // Wide enough for its header with the sort mark: at 104 px it read "Transferr…".
        width: 128
      },
      {
        id: 'warnings',
        header: 'Warnings',
        text: (r) => (r.warnings.length ? r.warnings.map((w) => explainWarning(w, types)).join('; ') : DASH),
        sortValue: (r) => r.warnings.length,
        csv: [{ header: 'Warnings', value: (r) => r.warnings.map((w) => explainWarning(w, types)).join('; ') }],
        width: 240,
        grow: true
      }
    ],
    [types]
  )
  const csv = useMemo(() => csvColumnsOf(columns), [columns])
  return (
    <>
      <RangePicker value={range} onChange={setRange} presets={[7, 30, 90]} />
      <LoadGate loading={reports.loading} error={reports.error} onRetry={reports.reload}>
        {list.length === 0 ? (
          <p className="muted">No reports in this range.</p>
        ) : (
          <>
            <BarChart title={`Storage and transfer of ${name}`} points={points} series={SERIES} />
            {latest && (
              <section aria-label="Latest warnings" className="panel">
                <h3>
                  Latest report ({formatDate(latest.reportDate)}): <StatusBadge status={latest.status} />
                </h3>
                {latest.warnings.length === 0 ? (
                  <p className="muted">No warnings.</p>
                ) : (
                  <ul>
                    {latest.warnings.map((w, i) => (
                      <li key={w.id ?? i}>
                        <StatusBadge status={w.status} /> {explainWarning(w, types)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
            <div className="toolbar">
              <span className="spacer" />
              <CsvExport rows={list} columns={csv} name={['reports', name]} />
            </div>
            <DataTable
              tableId="cloutility.reports"
              rows={list}
              columns={columns}
              rowKey={reportKey}
              label={`Daily reports of ${name}`}
              initialSort={{ columnId: 'date', direction: 'desc' }}
            />
            {types.size > 0 && (
              <details>
                <summary>What the warning types mean</summary>
                <ul>
                  {[...types.values()].map((t) => (
                    <li key={t.id}>
                      {t.name}
                      {t.usesLimit ? ' (compared with a limit set on the consumption unit)' : ''}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </LoadGate>
    </>
  )
}
