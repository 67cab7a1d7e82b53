import { useState, type ReactNode } from 'react'
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../../../../shared/format'
import type { Job } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'
import type { Where } from './where'
import { lastDays, RangePicker, type Range } from '../../components/RangePicker'

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
  const jobs = useLoadable(() => call('cloutility.jobs', { ...where, start: range.start, end: range.end }), key)
  const list = jobs.value?.jobs ?? []
  return (
    <>
      <RangePicker value={range} onChange={setRange} />
      {jobs.value?.range.clamped && (
        <p className="banner banner-info" role="status">
          Cloutility has no jobs before {formatDateTime(jobs.value.range.earliest)}: the range starts there.
        </p>
      )}
      {jobs.value && jobs.value.range.earliest === null && <p className="muted">This node has not run any job yet.</p>}
      <div className="toolbar">
        <span className="muted small">{jobs.value ? `${list.length} jobs` : ''}</span>
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
