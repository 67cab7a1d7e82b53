import { useState, type ReactNode } from 'react'
import { codeTitle, DASH, formatBytes, formatCode, formatDateTime, formatDuration, formatNumber } from '../../../../shared/format'
import type { Job } from '../../../../shared/providers/cloutility/model'
import { JOB_STATUS_WORDS, JOB_TYPE_WORDS } from '../../../../shared/providers/cloutility/words'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable, type TableColumn } from '../../components/DataTable'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'
import type { Where } from './where'
import { lastDays, RangePicker, type Range } from '../../components/RangePicker'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'

const dateSort = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined)

// One definition for the header, cells, sort and CSV; the CSV keeps the raw status and type (the
// words are for people) and every count on its own.
const COLUMNS: ReadonlyArray<TableColumn<Job>> = [
  {
    id: 'start',
    header: 'Start',
    text: (j) => formatDateTime(j.start ?? j.scheduledStart),
    sortValue: (j) => dateSort(j.start ?? j.scheduledStart),
    csv: [
      { header: 'Id', value: (j) => j.id },
      { header: 'Start', value: (j) => j.start }
    ],
    width: DATE_TIME_COLUMN_WIDTH
  },
  { id: 'name', header: 'Name', text: (j) => j.name || DASH, sortValue: (j) => j.name, csv: [{ header: 'Name', value: (j) => j.name }], width: 140, grow: true },
  {
    id: 'type',
    header: 'Type',
    text: (j) => formatCode(j.type, JOB_TYPE_WORDS),
    title: (j) => codeTitle(j.type, JOB_TYPE_WORDS),
    sortValue: (j) => j.type,
    csv: [{ header: 'Type', value: (j) => j.type }],
    width: 80
  },
  {
    id: 'status',
    header: 'Status',
    text: (j) => formatCode(j.status, JOB_STATUS_WORDS),
    title: (j) => codeTitle(j.status, JOB_STATUS_WORDS),
    cell: (j) => <span className={`badge ${jobStatusClass(j.status)}`}>{formatCode(j.status, JOB_STATUS_WORDS)}</span>,
    sortValue: (j) => j.status,
    csv: [
      { header: 'Status', value: (j) => j.status },
      { header: 'End', value: (j) => j.end }
    ],
    width: 150
  },
  {
    id: 'files',
    header: 'Files (examined / changed / failed)',
    text: (j) => `${formatNumber(j.filesExamined)} / ${formatNumber(j.filesAffected)} / ${formatNumber(j.filesFailed)}`,
    sortValue: (j) => j.filesFailed,
    csv: [
      { header: 'Files examined', value: (j) => j.filesExamined },
      { header: 'Files affected', value: (j) => j.filesAffected },
      { header: 'Files failed', value: (j) => j.filesFailed }
    ],
    align: 'end',
    width: 180
  },
  {
    id: 'transferred',
    header: 'Transferred',
    text: (j) => formatBytes(j.transferredBytes),
    sortValue: (j) => j.transferredBytes,
    csv: [{ header: 'Transferred (bytes)', value: (j) => j.transferredBytes }],
    align: 'end',
    width: 104
  },
  {
    id: 'duration',
    header: 'Duration',
    text: (j) => formatDuration(j.durationSeconds),
    sortValue: (j) => j.durationSeconds,
    csv: [
      { header: 'Duration (s)', value: (j) => j.durationSeconds },
      { header: 'Return code', value: (j) => j.result }
    ],
    align: 'end',
    width: 96
  }
]
const JOB_CSV = csvColumnsOf(COLUMNS)
const rowKey = (j: Job): number => j.id

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
        <DataTable
          tableId="cloutility.jobs"
          rows={list}
          columns={COLUMNS}
          rowKey={rowKey}
          label={`Jobs of ${name}`}
          emptyText="No jobs in this range."
        />
      </LoadGate>
    </>
  )
}
