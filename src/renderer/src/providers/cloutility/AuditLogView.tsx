import { useId, useState, type ReactNode } from 'react'
import { AUDIT_TYPES } from '../../../../shared/providers/cloutility/contract'
import { formatDateTime } from '../../../../shared/format'
import type { AuditLogEntry, AuditLogType } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { LoadGate } from '../../components/LoadGate'
import { lastDays, RangePicker, type Range } from '../../components/RangePicker'
import { useLoadable } from '../../store/use-loadable'

const TYPE_LABEL: Record<AuditLogType | 'unknown', string> = {
  info: 'Info',
  create: 'Create',
  modify: 'Modify',
  delete: 'Delete',
  error: 'Error',
  unknown: 'Other'
}
const TYPE_CLASS: Record<AuditLogType | 'unknown', string> = {
  info: 'badge-muted',
  create: 'badge-ok',
  modify: 'badge-muted',
  delete: 'badge-warn',
  error: 'badge-error',
  unknown: 'badge-muted'
}

const CSV: ReadonlyArray<CsvColumn<AuditLogEntry>> = [
  { header: 'Date', value: (e) => e.date },
  { header: 'Type', value: (e) => TYPE_LABEL[e.type] },
  { header: 'Message', value: (e) => e.message },
  { header: 'User', value: (e) => e.userName },
  { header: 'Business unit', value: (e) => e.businessUnitName },
  { header: 'Consumption unit', value: (e) => e.consumerName }
]

const PAGE = 50

/** The audit log of a business unit (optionally with its descendants) or of one consumption unit. */
export function AuditLogView({
  connectionId,
  businessUnitId,
  consumptionUnitId,
  name
}: {
  connectionId: string
  businessUnitId: number
  consumptionUnitId?: number
  name: string
}): ReactNode {
  const id = useId()
  const [types, setTypes] = useState<AuditLogType[]>([...AUDIT_TYPES])
  const [range, setRange] = useState<Range>(() => lastDays(90))
  const [descendants, setDescendants] = useState(false)
  const [offset, setOffset] = useState(0)
  const key = [connectionId, businessUnitId, consumptionUnitId, types.join(','), range.start, range.end, descendants, offset].join('/')
  const log = useLoadable(
    () =>
      call('cloutility.auditLogs', {
        connectionId,
        businessUnitId,
        ...(consumptionUnitId !== undefined ? { consumptionUnitId } : {}),
        types,
        start: range.start,
        end: range.end,
        includeDescendants: descendants,
        limit: PAGE,
        offset
      }),
    key
  )
  const total = log.value?.total ?? 0
  const toggleType = (t: AuditLogType) => {
    setOffset(0)
    setTypes((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]))
  }

  return (
    <>
      <RangePicker
        value={range}
        onChange={(r) => {
          setOffset(0)
          setRange(r)
        }}
        presets={[1, 7, 30, 90]}
      />
      <fieldset className="toolbar">
        <legend>Types</legend>
        {AUDIT_TYPES.map((t) => (
          <label key={t} className="check" htmlFor={`${id}-${t}`}>
            <input id={`${id}-${t}`} type="checkbox" checked={types.includes(t)} onChange={() => toggleType(t)} /> {TYPE_LABEL[t]}
          </label>
        ))}
        {consumptionUnitId === undefined && (
          <label className="check" htmlFor={`${id}-desc`}>
            <input
              id={`${id}-desc`}
              type="checkbox"
              checked={descendants}
              onChange={(e) => {
                setOffset(0)
                setDescendants(e.target.checked)
              }}
            />{' '}
            Include units below
          </label>
        )}
      </fieldset>
      <div className="toolbar">
        <span className="muted small" role="status">
          {log.value ? (total ? `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}` : 'No entries') : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" disabled={offset === 0 || log.loading} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Newer
        </button>
        <button type="button" className="btn" disabled={offset + PAGE >= total || log.loading} onClick={() => setOffset(offset + PAGE)}>
          Older
        </button>
        <CsvExport rows={log.value?.items ?? []} columns={CSV} name={['audit-log', name, `from-${offset + 1}`]} />
      </div>
      <LoadGate loading={log.loading && !log.value} error={log.error} onRetry={log.reload}>
        <table className="data" aria-label={`Audit log of ${name}`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Message</th>
              <th scope="col">User</th>
              {consumptionUnitId === undefined && <th scope="col">Where</th>}
            </tr>
          </thead>
          <tbody>
            {log.value?.items.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No entries match.
                </td>
              </tr>
            )}
            {log.value?.items.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.date)}</td>
                <td>
                  <span className={`badge ${TYPE_CLASS[e.type]}`}>{TYPE_LABEL[e.type]}</span>
                </td>
                <td className="wrap">{e.message}</td>
                <td>{e.userName ?? '—'}</td>
                {consumptionUnitId === undefined && <td>{[e.businessUnitName, e.consumerName].filter(Boolean).join(' › ') || '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </LoadGate>
    </>
  )
}
