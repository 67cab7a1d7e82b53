import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CloudAllyBill, CloudAllyBillLine, CloudAllyUser } from '../../../../shared/providers/cloudally/model'
import { CLOUDALLY_PAYMENT_WORDS, CLOUDALLY_REGION_WORDS, CLOUDALLY_STATUS_WORDS, CLOUDALLY_TYPE_WORDS } from '../../../../shared/providers/cloudally/words'
import type { CloudAllyResellerDetail } from '../../../../shared/providers/cloudally/contract'
import { billTotals } from '../../../../shared/providers/cloudally/bill-totals'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { codeTitle, DASH, formatCode, formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatPercent, formatText } from '../../../../shared/format'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { DocumentTotalRows, TotalDifferenceNote } from '../../components/DocumentTotals'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { useCloudAlly } from './use-cloudally'

type Reseller = CloudAllyResellerDetail['reseller']

const userKey = (u: CloudAllyUser) => u.id
const resellerKey = (r: Reseller) => r.id

const USER_COLUMNS: ReadonlyArray<TableColumn<CloudAllyUser>> = [
  { id: 'name', header: 'Name', text: (u) => formatText(u.name), sortValue: (u) => u.name, width: 160, grow: true },
  { id: 'email', header: 'Email', text: (u) => formatText(u.email), sortValue: (u) => u.email, width: 200 },
  {
    id: 'status',
    header: 'Status',
    text: (u) => formatCode(u.status, CLOUDALLY_STATUS_WORDS),
    title: (u) => codeTitle(u.status, CLOUDALLY_STATUS_WORDS),
    sortValue: (u) => u.status,
    cell: (u) => <StatusWord value={u.status} words={CLOUDALLY_STATUS_WORDS} />,
    width: 104
  },
  {
    id: 'since',
    header: 'Since',
    // CloudAlly sends a calendar day (yyyymmdd), read as midnight UTC: shown as that day, with no
    // made-up "12:00 AM", and in UTC so a zone west of it does not show the day before.
    text: (u) => formatDate(u.date, { timeZone: 'UTC' }),
    sortValue: (u) => (u.date ? Date.parse(u.date) : undefined),
    width: 120
  },
  {
    id: 'region',
    header: 'Region',
    text: (u) => formatCode(u.region, CLOUDALLY_REGION_WORDS),
    title: (u) => codeTitle(u.region, CLOUDALLY_REGION_WORDS),
    sortValue: (u) => u.region,
    width: 170
  },
  { id: 'currency', header: 'Currency', text: (u) => formatText(u.currency), width: 84 },
  { id: 'discount', header: 'Discount', text: (u) => formatPercent(u.discount), sortValue: (u) => u.discount, align: 'end', width: 84 },
  { id: 'dailyReport', header: 'Daily report', text: (u) => (u.dailyReport ? 'yes' : 'no'), width: 96 },
  { id: 'storage', header: 'Storage', text: (u) => u.customStorageType ?? 'CloudAlly', width: 96 }
]

function UsersTable({ users, label, tableId }: { users: CloudAllyUser[]; label: string; tableId: string }): ReactNode {
  return <DataTable tableId={tableId} rows={users} columns={USER_COLUMNS} rowKey={userKey} label={label} />
}

export function UsersView({ connectionId }: { connectionId: string }): ReactNode {
  const users = useCloudAlly(connectionId, 'users')
  return (
    <section className="panel" aria-labelledby="ca-users">
      <h2 id="ca-users">Users</h2>
      <LoadState loading={users.loading} error={users.error} loadedAt={users.loadedAt} onReload={users.reload} />
      {users.value && <UsersTable users={users.value} label="CloudAlly users" tableId="cloudally.users" />}
    </section>
  )
}

export function ResellersView({ connectionId }: { connectionId: string }): ReactNode {
  const resellers = useCloudAlly(connectionId, 'resellers')
  const [detail, setDetail] = useState<CloudAllyResellerDetail | null>(null)
  const open = useAction(async (resellerId: string) => setDetail(await call('cloudally.resellers.get', { connectionId, resellerId })))
  const { run: openReseller, busy } = open
  // The opened details take the focus (a disabled button would drop it on the page); closing them
  // gives it back to the Details button they came from.
  const detailHeading = useRef<HTMLHeadingElement>(null)
  const section = useRef<HTMLElement>(null)
  const openedFrom = useRef<string | null>(null)
  useEffect(() => {
    if (!detail) return
    detailHeading.current?.focus()
  }, [detail])
  const closeDetail = () => {
    setDetail(null)
    const from = openedFrom.current
    if (from) section.current?.querySelector<HTMLButtonElement>(`button[data-reseller="${CSS.escape(from)}"]`)?.focus()
  }
  const columns = useMemo<Array<TableColumn<Reseller>>>(
    () => [
      { id: 'name', header: 'Name', text: (r) => formatText(r.name), sortValue: (r) => r.name, width: 160, grow: true },
      { id: 'id', header: 'Id', text: (r) => r.id, className: 'mono', width: 150 },
      { id: 'email', header: 'Email', text: (r) => formatText(r.email), sortValue: (r) => r.email, width: 200 },
      {
        id: 'status',
        header: 'Status',
        text: (r) => formatCode(r.status, CLOUDALLY_STATUS_WORDS),
        title: (r) => codeTitle(r.status, CLOUDALLY_STATUS_WORDS),
        sortValue: (r) => r.status,
        cell: (r) => <StatusWord value={r.status} words={CLOUDALLY_STATUS_WORDS} />,
        width: 104
      },
      {
        id: 'region',
        header: 'Region',
        text: (r) => formatCode(r.region, CLOUDALLY_REGION_WORDS),
        title: (r) => codeTitle(r.region, CLOUDALLY_REGION_WORDS),
        sortValue: (r) => r.region,
        width: 170
      },
      { id: 'users', header: 'Users', text: (r) => formatText(r.numOfUsers), sortValue: (r) => r.numOfUsers, align: 'end', width: 72 },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (r) => (
          <button
            type="button"
            className="btn"
            data-reseller={r.id}
            onClick={() => {
              if (busy) return
              openedFrom.current = r.id
              void openReseller(r.id)
            }}
            aria-disabled={busy || undefined}
            aria-label={`Details of ${r.name ?? r.id}`}
          >
            Details
          </button>
        ),
        csv: [],
        width: 96,
        sticky: true
      }
    ],
    [openReseller, busy]
  )
  return (
    <section className="panel" aria-labelledby="ca-resellers" ref={section}>
      <h2 id="ca-resellers">Resellers</h2>
      <LoadState loading={resellers.loading} error={resellers.error} loadedAt={resellers.loadedAt} onReload={resellers.reload} />
      {resellers.value && (
        <DataTable tableId="cloudally.resellers" rows={resellers.value} columns={columns} rowKey={resellerKey} label="CloudAlly resellers" />
      )}
      {open.error && (
        <p className="error-text" role="alert">
          {open.error}
        </p>
      )}
      {detail && (
        <div className="panel" data-testid="reseller-detail">
          <div className="toolbar">
            <h3 className="inline-heading" ref={detailHeading} tabIndex={-1}>
              {detail.reseller.name ?? detail.reseller.id}
            </h3>
            <span className="spacer" />
            <button type="button" className="btn" onClick={closeDetail}>
              Close
            </button>
          </div>
          <dl className="facts">
            {(
              [
                ['Id', detail.reseller.id],
                ['Email', detail.reseller.email],
                ['Status', detail.reseller.status ? formatCode(detail.reseller.status, CLOUDALLY_STATUS_WORDS) : undefined],
                ['Region', detail.reseller.region ? formatCode(detail.reseller.region, CLOUDALLY_REGION_WORDS) : undefined],
                ['Currency', detail.reseller.currency],
                ['Discount', detail.reseller.discount === undefined ? undefined : formatPercent(detail.reseller.discount)],
                ['Created', detail.reseller.createDate ? formatDateTime(detail.reseller.createDate) : undefined],
                ['Partner', detail.reseller.partnerId],
                ...Object.entries(detail.reseller.extra).map(([k, v]) => [k, v === null ? undefined : String(v)] as const)
              ] as ReadonlyArray<readonly [string, string | undefined]>
            ).map(([k, v]) => (
              <div className="fact" key={k}>
                <dt>{k}</dt>
                <dd>{formatText(v)}</dd>
              </div>
            ))}
          </dl>
          <h3>Users of this reseller ({detail.users.length})</h3>
          <UsersTable users={detail.users} label="Users of this reseller" tableId="cloudally.reseller-users" />
        </div>
      )}
    </section>
  )
}

/** A bill's amount: CloudAlly sends it as text ("12.50"); shown as money when it is a number. */
function money(value: string | undefined, currency: string | undefined): string {
  if (value === undefined || value.trim() === '') return DASH
  const n = Number(value)
  return Number.isFinite(n) ? formatMoney(n, currency) : value
}

function discountText(value: string | undefined): string {
  const n = Number(value)
  return value && Number.isFinite(n) && n !== 0 ? formatPercent(n) : DASH
}

const billKey = (b: IndexedBill) => b.index
const lineKey = (l: IndexedLine) => l.index

interface IndexedBill extends CloudAllyBill {
  index: number
}
interface IndexedLine extends CloudAllyBillLine {
  index: number
}

export function BillsView({ connectionId }: { connectionId: string }): ReactNode {
  const bills = useCloudAlly(connectionId, 'bills')
  // Bills carry no currency of their own: the partner's is the one they are in.
  const partner = useCloudAlly(connectionId, 'partner')
  const currency = partner.value?.currency
  const [open, setOpen] = useState<number | null>(null)
  const rows = useMemo<IndexedBill[]>(() => (bills.value ?? []).map((b, index) => ({ ...b, index })), [bills.value])
  const columns = useMemo<Array<TableColumn<IndexedBill>>>(
    () => [
      { id: 'name', header: 'Bill', text: (b) => formatText(b.name), sortValue: (b) => b.name, width: 180, grow: true },
      { id: 'period', header: 'Period', text: (b) => formatMonth(b.period), title: (b) => b.period ?? '', sortValue: (b) => b.period, width: 160 },
      { id: 'discount', header: 'Discount', text: (b) => discountText(b.discount), sortValue: (b) => Number(b.discount) || 0, width: 90, align: 'end' },
      { id: 'total', header: 'Total', text: (b) => money(b.total, currency), sortValue: (b) => Number(b.total), width: 120, align: 'end' },
      {
        id: 'payment',
        header: 'Payment',
        text: (b) => formatCode(b.paymentType, CLOUDALLY_PAYMENT_WORDS),
        title: (b) => codeTitle(b.paymentType, CLOUDALLY_PAYMENT_WORDS),
        sortValue: (b) => b.paymentType,
        width: 110
      },
      {
        id: 'actions',
        header: 'Lines',
        text: (b) => `${b.lines.length} lines`,
        cell: (b) =>
          b.lines.length === 0 ? (
            <span className="muted small">no lines</span>
          ) : (
            <button
              type="button"
              className="btn btn-small"
              aria-expanded={open === b.index}
              aria-controls="ca-bill-lines"
              aria-label={`${open === b.index ? 'Hide' : 'Show'} the ${b.lines.length} lines of ${b.name ?? (b.period ? formatMonth(b.period) : 'this bill')}`}
              onClick={() => setOpen(open === b.index ? null : b.index)}
            >
              {open === b.index ? 'Hide lines' : `${b.lines.length} lines`}
            </button>
          ),
        csv: [],
        width: 110,
        sticky: true
      }
    ],
    [currency, open]
  )
  const openBill = open === null ? undefined : rows[open]
  return (
    <section className="panel" aria-labelledby="ca-bills">
      <h2 id="ca-bills">Bills</h2>
      <LoadState loading={bills.loading} error={bills.error} loadedAt={bills.loadedAt} onReload={bills.reload} />
      {bills.value && <DataTable tableId="cloudally.bills" rows={rows} columns={columns} rowKey={billKey} label="CloudAlly bills" selectedKey={open ?? undefined} />}
      {openBill && <BillLines bill={openBill} currency={currency} onClose={() => setOpen(null)} />}
    </section>
  )
}

function BillLines({ bill, currency, onClose }: { bill: CloudAllyBill; currency: string | undefined; onClose: () => void }): ReactNode {
  const name = bill.name ?? (bill.period ? formatMonth(bill.period) : 'bill')
  const lines = useMemo<IndexedLine[]>(() => bill.lines.map((l, index) => ({ ...l, index })), [bill.lines])
  const columns = useMemo<Array<TableColumn<IndexedLine>>>(
    () => [
      { id: 'service', header: 'Service', text: (l) => formatText(l.service), sortValue: (l) => l.service, width: 180, grow: true },
      {
        id: 'type',
        header: 'Type',
        text: (l) => formatCode(l.serviceType, CLOUDALLY_TYPE_WORDS),
        title: (l) => codeTitle(l.serviceType, CLOUDALLY_TYPE_WORDS),
        sortValue: (l) => l.serviceType,
        width: 150
      },
      { id: 'quantity', header: 'Quantity', text: (l) => formatNumber(l.quantity), sortValue: (l) => l.quantity, width: 90, align: 'end' },
      { id: 'price', header: 'Price', text: (l) => money(l.price, currency), sortValue: (l) => Number(l.price), width: 110, align: 'end' },
      { id: 'total', header: 'Total', text: (l) => money(l.total, currency), sortValue: (l) => Number(l.total), width: 120, align: 'end' }
    ],
    [currency]
  )
  // The bill's total is the lines less its discount: shown under the lines, so they add up to it.
  const totals = useMemo(() => billTotals(bill), [bill])
  return (
    <div className="panel" id="ca-bill-lines" data-testid="bill-lines">
      <div className="toolbar">
        <h3 className="inline-heading">Lines of {name}</h3>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
      <DataTable
        tableId="cloudally.bill-lines"
        rows={lines}
        columns={columns}
        rowKey={lineKey}
        label={`Lines of ${name}`}
        footer={
          totals ? (
            <DocumentTotalRows
              totals={totals}
              currency={currency}
              labelColumns={4}
              {...(totals.discountPercent !== undefined ? { discount: { label: `Discount ${formatPercent(totals.discountPercent)}` } } : {})}
            />
          ) : undefined
        }
      />
      <TotalDifferenceNote totals={totals} currency={currency} provider="CloudAlly" checkIn="the bill in the CloudAlly partner portal" />
    </div>
  )
}
