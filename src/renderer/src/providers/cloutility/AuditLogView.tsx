import { useId, useState, type ReactNode } from 'react'
import { AUDIT_TYPES } from '../../../../shared/providers/cloutility/contract'
import { DASH, formatDate, formatDateTime } from '../../../../shared/format'
import { AUDIT_TYPE_WORDS } from '../../../../shared/providers/cloutility/words'
import type { AuditLogEntry, AuditLogType } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable, type TableColumn } from '../../components/DataTable'
import { LoadGate } from '../../components/LoadGate'
import { lastDays, RangePicker, type Range } from '../../components/RangePicker'
import { useLoadable } from '../../store/use-loadable'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'

const TYPE_CLASS: Record<AuditLogType | 'unknown', string> = {
  info: 'badge-muted',
  create: 'badge-ok',
  modify: 'badge-muted',
  delete: 'badge-warn',
  error: 'badge-error',
  unknown: 'badge-muted'
}

const whereText = (e: AuditLogEntry): string => [e.businessUnitName, e.consumerName].filter(Boolean).join(' › ') || DASH

const DATE: TableColumn<AuditLogEntry> = {
  id: 'date',
  header: 'Date',
  text: (e) => formatDateTime(e.date),
  sortValue: (e) => (e.date ? Date.parse(e.date) : undefined),
  csv: [{ header: 'Date', value: (e) => e.date }],
  width: DATE_TIME_COLUMN_WIDTH
}
const TYPE: TableColumn<AuditLogEntry> = {
  id: 'type',
  header: 'Type',
  text: (e) => AUDIT_TYPE_WORDS[e.type],
  cell: (e) => <span className={`badge ${TYPE_CLASS[e.type]}`}>{AUDIT_TYPE_WORDS[e.type]}</span>,
  sortValue: (e) => AUDIT_TYPE_WORDS[e.type],
  width: 88
}
const MESSAGE: TableColumn<AuditLogEntry> = { id: 'message', header: 'Message', text: (e) => e.message, sortValue: (e) => e.message, width: 280, grow: true }
const USER: TableColumn<AuditLogEntry> = {
  id: 'user',
  header: 'User',
  text: (e) => e.userName ?? DASH,
  sortValue: (e) => e.userName,
  csv: [{ header: 'User', value: (e) => e.userName }],
  width: 140
}
const WHERE: TableColumn<AuditLogEntry> = {
  id: 'where',
  header: 'Where',
  text: whereText,
  sortValue: whereText,
  csv: [
    { header: 'Business unit', value: (e) => e.businessUnitName },
    { header: 'Consumption unit', value: (e) => e.consumerName }
  ],
  width: 200
}
// A consumption unit's own log has no "where": it is that unit.
const UNIT_COLUMNS = [DATE, TYPE, MESSAGE, USER]
const BUSINESS_UNIT_COLUMNS = [DATE, TYPE, MESSAGE, USER, WHERE]
// The CSV always names where an entry belongs.
const CSV = csvColumnsOf(BUSINESS_UNIT_COLUMNS)
const rowKey = (e: AuditLogEntry): number => e.id

const PAGE = 50

/**
 * What an empty log covered, so the reader knows what to widen: the unit (and whether the units
 * below it were included), the range and, when not all are ticked, the types.
 */
function noEntriesText(name: string, range: Range, types: readonly AuditLogType[], descendants: boolean | undefined): string {
  const whose = descendants === undefined ? name : descendants ? `${name} or the units below it` : `${name} itself`
  const which = types.length < AUDIT_TYPES.length ? ` of the ticked types` : ''
  const span = `${formatDate(range.start)} to ${formatDate(range.end)}`
  const wider = descendants === false ? ' The units below it are not included: tick “Include units below” to see theirs.' : ''
  return `No entries${which} for ${whose} from ${span}.${wider}`
}

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
  const noType = types.length === 0
  const log = useLoadable(
    // No type ticked shows nothing: a request without types would be read as every type.
    async () =>
      noType
        ? { items: [], total: 0, offset }
        : call('cloutility.auditLogs', {
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
            <input id={`${id}-${t}`} type="checkbox" checked={types.includes(t)} onChange={() => toggleType(t)} /> {AUDIT_TYPE_WORDS[t]}
          </label>
        ))}
      </fieldset>
      {/* Which units the log covers is not a type: outside the Types group, so it is not read as one. */}
      {consumptionUnitId === undefined && (
        <div className="toolbar">
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
        </div>
      )}
      <div className="toolbar">
        <span className="muted small" role="status">
          {noType ? 'Tick at least one type to see entries.' : log.value ? (total ? `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}` : 'No entries') : ''}
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
        <DataTable
          tableId={consumptionUnitId === undefined ? 'cloutility.audit-log' : 'cloutility.unit-audit-log'}
          rows={log.value?.items ?? []}
          columns={consumptionUnitId === undefined ? BUSINESS_UNIT_COLUMNS : UNIT_COLUMNS}
          rowKey={rowKey}
          label={`Audit log of ${name}`}
          emptyText={noType ? 'No type is ticked: tick at least one type to see entries.' : noEntriesText(name, range, types, consumptionUnitId === undefined ? descendants : undefined)}
        />
      </LoadGate>
    </>
  )
}
