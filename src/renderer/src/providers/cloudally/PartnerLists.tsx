import { Fragment, useMemo, useState, type ReactNode } from 'react'
import type { CloudAllyUser } from '../../../../shared/providers/cloudally/model'
import type { CloudAllyResellerDetail } from '../../../../shared/providers/cloudally/contract'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { formatDateTime, formatText } from '../../../../shared/format'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { useCloudAlly } from './use-cloudally'

type Reseller = CloudAllyResellerDetail['reseller']

const userKey = (u: CloudAllyUser) => u.id
const resellerKey = (r: Reseller) => r.id

const USER_COLUMNS: ReadonlyArray<TableColumn<CloudAllyUser>> = [
  { id: 'name', header: 'Name', text: (u) => formatText(u.name), sortValue: (u) => u.name, width: 160, grow: true },
  { id: 'email', header: 'Email', text: (u) => formatText(u.email), sortValue: (u) => u.email, width: 200 },
  { id: 'status', header: 'Status', text: (u) => formatText(u.status), sortValue: (u) => u.status, cell: (u) => <StatusWord value={u.status} />, width: 96 },
  { id: 'since', header: 'Since', text: (u) => formatDateTime(u.date), sortValue: (u) => (u.date ? Date.parse(u.date) : undefined), width: 176 },
  { id: 'region', header: 'Region', text: (u) => formatText(u.region), sortValue: (u) => u.region, width: 80 },
  { id: 'currency', header: 'Currency', text: (u) => formatText(u.currency), width: 84 },
  { id: 'discount', header: 'Discount', text: (u) => (u.discount === undefined ? '—' : `${u.discount}%`), sortValue: (u) => u.discount, align: 'end', width: 84 },
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
  const columns = useMemo<Array<TableColumn<Reseller>>>(
    () => [
      { id: 'name', header: 'Name', text: (r) => formatText(r.name), sortValue: (r) => r.name, width: 160, grow: true },
      { id: 'id', header: 'Id', text: (r) => r.id, cell: (r) => <span className="mono">{r.id}</span>, width: 150 },
      { id: 'email', header: 'Email', text: (r) => formatText(r.email), sortValue: (r) => r.email, width: 200 },
      { id: 'status', header: 'Status', text: (r) => formatText(r.status), sortValue: (r) => r.status, cell: (r) => <StatusWord value={r.status} />, width: 96 },
      { id: 'region', header: 'Region', text: (r) => formatText(r.region), sortValue: (r) => r.region, width: 80 },
      { id: 'users', header: 'Users', text: (r) => formatText(r.numOfUsers), sortValue: (r) => r.numOfUsers, align: 'end', width: 72 },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (r) => (
          <button type="button" className="btn" onClick={() => void openReseller(r.id)} disabled={busy} aria-label={`Details of ${r.name ?? r.id}`}>
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
    <section className="panel" aria-labelledby="ca-resellers">
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
            <h3 className="inline-heading">{detail.reseller.name ?? detail.reseller.id}</h3>
            <span className="spacer" />
            <button type="button" className="btn" onClick={() => setDetail(null)}>
              Close
            </button>
          </div>
          <dl className="facts">
            {(
              [
                ['Id', detail.reseller.id],
                ['Email', detail.reseller.email],
                ['Status', detail.reseller.status],
                ['Region', detail.reseller.region],
                ['Currency', detail.reseller.currency],
                ['Discount', detail.reseller.discount === undefined ? undefined : `${detail.reseller.discount}%`],
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

export function BillsView({ connectionId }: { connectionId: string }): ReactNode {
  const bills = useCloudAlly(connectionId, 'bills')
  const [open, setOpen] = useState<number | null>(null)
  return (
    <section className="panel" aria-labelledby="ca-bills">
      <h2 id="ca-bills">Bills</h2>
      <LoadState loading={bills.loading} error={bills.error} loadedAt={bills.loadedAt} onReload={bills.reload} />
      {bills.value && (
        <table className="data" aria-label="CloudAlly bills">
          <thead>
            <tr>
              <th>Bill</th>
              <th>Period</th>
              <th className="num">Discount</th>
              <th className="num">Total</th>
              <th>Payment</th>
              <th>
                <span className="visually-hidden">Lines</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bills.value.map((b, i) => (
              <Fragment key={`${b.period ?? ''}-${i}`}>
                <tr>
                  <td>{formatText(b.name)}</td>
                  <td>{formatText(b.period)}</td>
                  <td className="num">{b.discount ? `${b.discount}%` : '—'}</td>
                  <td className="num">{formatText(b.total)}</td>
                  <td>{formatText(b.paymentType)}</td>
                  <td>
                    <button type="button" className="btn" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
                      {open === i ? 'Hide lines' : `${b.lines.length} lines`}
                    </button>
                  </td>
                </tr>
                {open === i && (
                  <tr>
                    <td colSpan={6}>
                      <table className="data" aria-label={`Lines of ${b.name ?? b.period ?? 'bill'}`}>
                        <thead>
                          <tr>
                            <th>Service</th>
                            <th>Type</th>
                            <th className="num">Quantity</th>
                            <th className="num">Price</th>
                            <th className="num">Total</th>
                          </tr>
                        </thead>
                        <tbody>
                          {b.lines.map((l, j) => (
                            <tr key={j}>
                              <td>{formatText(l.service)}</td>
                              <td>{formatText(l.serviceType)}</td>
                              <td className="num">{formatText(l.quantity)}</td>
                              <td className="num">{formatText(l.price)}</td>
                              <td className="num">{formatText(l.total)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
