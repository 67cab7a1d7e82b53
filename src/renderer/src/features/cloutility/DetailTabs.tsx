import { useId, useMemo, useState, type ReactNode } from 'react'
import { formatBytes, formatDate, formatDateTime, formatDayShort, formatDuration, formatNumber, formatPercent, fromLocalInput, toLocalInput } from '../../../../shared/format'
import type { Filespace, Job, NodeReport, NodeWarning, NodeWarningType } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { BarChart, type ChartPoint, type ChartSeries } from '../../components/BarChart'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { LoadGate, StatusBadge, statusLabel } from './bits'
import { useLoad } from './use-load'

export interface Where {
  connectionId: string
  businessUnitId: number
  consumptionUnitId: number
}

const DAY = 86_400_000

// --- filespaces ----------------------------------------------------------------------------------

const FILESPACE_CSV: ReadonlyArray<CsvColumn<Filespace>> = [
  { header: 'Name', value: (f) => f.name },
  { header: 'Type', value: (f) => f.type },
  { header: 'Capacity (bytes)', value: (f) => f.capacityBytes },
  { header: 'Utilization (%)', value: (f) => f.utilization },
  { header: 'Stored (bytes)', value: (f) => f.storedBytes },
  { header: 'Last backup start', value: (f) => f.lastBackupStart },
  { header: 'Last backup end', value: (f) => f.lastBackupEnd }
]

export function FilespacesTab({ where, name }: { where: Where; name: string }): ReactNode {
  const [sync, setSync] = useState(false)
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}/${sync}`
  const fs = useLoad(() => call('cloutility.filespaces', { ...where, sync }), key)
  return (
    <>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => (sync ? fs.reload() : setSync(true))} disabled={fs.loading}>
          Sync with the backup server
        </button>
        <span className="spacer" />
        <CsvExport rows={fs.data ?? []} columns={FILESPACE_CSV} name={['filespaces', name]} />
      </div>
      <LoadGate loading={fs.loading} error={fs.error} onRetry={fs.reload}>
        <table className="data" aria-label={`Filespaces of ${name}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Capacity
              </th>
              <th scope="col" className="num">
                Utilization
              </th>
              <th scope="col" className="num">
                Stored
              </th>
              <th scope="col">Last backup start</th>
              <th scope="col">Last backup end</th>
            </tr>
          </thead>
          <tbody>
            {fs.data?.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No filespaces yet: the node has not backed anything up.
                </td>
              </tr>
            )}
            {fs.data?.map((f) => (
              <tr key={f.id}>
                <td className="mono">{f.name}</td>
                <td>{f.type ?? '—'}</td>
                <td className="num">{formatBytes(f.capacityBytes)}</td>
                <td className="num">
                  {f.utilization !== undefined && (
                    <span className="progress inline-progress" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, Math.max(0, f.utilization))}%` }} />
                    </span>
                  )}{' '}
                  {formatPercent(f.utilization)}
                </td>
                <td className="num">{formatBytes(f.storedBytes)}</td>
                <td>{formatDateTime(f.lastBackupStart)}</td>
                <td>{formatDateTime(f.lastBackupEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </LoadGate>
    </>
  )
}

// --- range picker --------------------------------------------------------------------------------

export interface Range {
  start: string
  end: string
}

export function lastDays(days: number, now = Date.now()): Range {
  return { start: new Date(now - days * DAY).toISOString(), end: new Date(now).toISOString() }
}

export function RangePicker({ value, onChange, presets = [1, 7, 30, 90] }: { value: Range; onChange: (r: Range) => void; presets?: number[] }): ReactNode {
  const id = useId()
  const [from, setFrom] = useState(toLocalInput(new Date(value.start)))
  const [to, setTo] = useState(toLocalInput(new Date(value.end)))
  const apply = (r: Range) => {
    setFrom(toLocalInput(new Date(r.start)))
    setTo(toLocalInput(new Date(r.end)))
    onChange(r)
  }
  return (
    <form
      className="toolbar range-picker"
      onSubmit={(e) => {
        e.preventDefault()
        const start = fromLocalInput(from)
        const end = fromLocalInput(to)
        if (start && end && start <= end) onChange({ start, end })
      }}
    >
      <div className="inline-field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" className="btn">
        Show
      </button>
      {presets.map((d) => (
        <button key={d} type="button" className="btn" onClick={() => apply(lastDays(d))}>
          Last {d === 1 ? '24 h' : `${d} days`}
        </button>
      ))}
    </form>
  )
}

// --- jobs ----------------------------------------------------------------------------------------

const JOB_CSV: ReadonlyArray<CsvColumn<Job>> = [
  { header: 'Id', value: (j) => j.id },
  { header: 'Name', value: (j) => j.name },
  { header: 'Type', value: (j) => j.type },
  { header: 'Status', value: (j) => j.status },
  { header: 'Start', value: (j) => j.start },
  { header: 'End', value: (j) => j.end },
  { header: 'Files examined', value: (j) => j.filesExamined },
  { header: 'Files affected', value: (j) => j.filesAffected },
  { header: 'Files failed', value: (j) => j.filesFailed },
  { header: 'Transferred (bytes)', value: (j) => j.transferredBytes },
  { header: 'Duration (s)', value: (j) => j.durationSeconds },
  { header: 'Return code', value: (j) => j.result }
]

function jobStatusClass(status: string | undefined): string {
  const s = (status ?? '').toLowerCase()
  if (/fail|sever|missed|error/.test(s)) return 'badge-error'
  if (/warn/.test(s)) return 'badge-warn'
  if (/complet|success|ok/.test(s)) return 'badge-ok'
  return 'badge-muted'
}

export function JobsTab({ where, name }: { where: Where; name: string }): ReactNode {
  const [range, setRange] = useState<Range>(() => lastDays(7))
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}/${range.start}/${range.end}`
  const jobs = useLoad(() => call('cloutility.jobs', { ...where, start: range.start, end: range.end }), key)
  const list = jobs.data?.jobs ?? []
  return (
    <>
      <RangePicker value={range} onChange={setRange} />
      {jobs.data?.range.clamped && (
        <p className="banner banner-info" role="status">
          Cloutility has no jobs before {formatDateTime(jobs.data.range.earliest)}: the range starts there.
        </p>
      )}
      {jobs.data && jobs.data.range.earliest === null && <p className="muted">This node has not run any job yet.</p>}
      <div className="toolbar">
        <span className="muted small">{jobs.data ? `${list.length} jobs` : ''}</span>
        <span className="spacer" />
        <CsvExport rows={list} columns={JOB_CSV} name={['jobs', name]} />
      </div>
      <LoadGate loading={jobs.loading} error={jobs.error} onRetry={jobs.reload}>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Jobs of ${name} (scrollable)`}>
          <table className="data" aria-label={`Jobs of ${name}`}>
            <thead>
              <tr>
                <th scope="col">Start</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Files (examined / changed / failed)
                </th>
                <th scope="col" className="num">
                  Transferred
                </th>
                <th scope="col" className="num">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {list.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No jobs in this range.
                  </td>
                </tr>
              )}
              {list.map((j) => (
                <tr key={j.id}>
                  <td>{formatDateTime(j.start ?? j.scheduledStart)}</td>
                  <td>{j.name || '—'}</td>
                  <td>{j.type ?? '—'}</td>
                  <td>
                    <span className={`badge ${jobStatusClass(j.status)}`}>{j.status ?? '—'}</span>
                  </td>
                  <td className="num">
                    {formatNumber(j.filesExamined)} / {formatNumber(j.filesAffected)} / {formatNumber(j.filesFailed)}
                  </td>
                  <td className="num">{formatBytes(j.transferredBytes)}</td>
                  <td className="num">{formatDuration(j.durationSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </LoadGate>
    </>
  )
}

// --- reports -------------------------------------------------------------------------------------

const SERIES: ChartSeries[] = [
  { name: 'Storage', className: 'chart-series-0', format: (v) => formatBytes(v) },
  { name: 'Transferred', className: 'chart-series-1', format: (v) => formatBytes(v) }
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

const REPORT_CSV: ReadonlyArray<CsvColumn<NodeReport>> = [
  { header: 'Date', value: (r) => r.reportDate },
  { header: 'Status', value: (r) => statusLabel(r.status) },
  { header: 'Storage (bytes)', value: (r) => r.storageBytes },
  { header: 'Change (bytes)', value: (r) => r.storageDeltaBytes },
  { header: 'Transferred (bytes)', value: (r) => r.transferredBytes },
  { header: 'Warnings', value: (r) => r.warnings.map((w) => w.typeName ?? w.typeId).join('; ') }
]

export function ReportsTab({ where, name }: { where: Where; name: string }): ReactNode {
  const [range, setRange] = useState<Range>(() => lastDays(30))
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}/${range.start}/${range.end}`
  const reports = useLoad(() => call('cloutility.reports', { ...where, start: range.start, end: range.end, warnings: true }), key)
  const types = useMemo(() => new Map((reports.data?.warningTypes ?? []).map((t) => [t.id, t])), [reports.data])
  const list = useMemo(() => reports.data?.reports ?? [], [reports.data])
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
              <CsvExport rows={list} columns={REPORT_CSV} name={['reports', name]} />
            </div>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={`Daily reports of ${name} (scrollable)`}>
              <table className="data" aria-label={`Daily reports of ${name}`}>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Storage
                    </th>
                    <th scope="col" className="num">
                      Change
                    </th>
                    <th scope="col" className="num">
                      Transferred
                    </th>
                    <th scope="col">Warnings</th>
                  </tr>
                </thead>
                <tbody>
                  {[...list].reverse().map((r) => (
                    <tr key={`${r.id}-${r.reportDate}`}>
                      <td>{formatDate(r.reportDate)}</td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td className="num">{formatBytes(r.storageBytes)}</td>
                      <td className="num">{formatBytes(r.storageDeltaBytes)}</td>
                      <td className="num">{formatBytes(r.transferredBytes)}</td>
                      <td>{r.warnings.length ? r.warnings.map((w) => explainWarning(w, types)).join('; ') : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
