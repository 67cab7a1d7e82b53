import { Fragment, useState, type ReactNode } from 'react'
import type { CloudAllyUser } from '../../../../shared/providers/cloudally/model'
import type { CloudAllyResellerDetail } from '../../../../shared/providers/cloudally/contract'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { formatDateTime, formatText } from '../../../../shared/format'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { useCloudAlly } from './use-cloudally'

function UsersTable({ users, label }: { users: CloudAllyUser[]; label: string }): ReactNode {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data" aria-label={label}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Status</th>
            <th>Since</th>
            <th>Region</th>
            <th>Currency</th>
            <th className="num">Discount</th>
            <th>Daily report</th>
            <th>Storage</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{formatText(u.name)}</td>
              <td>{formatText(u.email)}</td>
              <td>
                <StatusWord value={u.status} />
              </td>
              <td>{formatDateTime(u.date)}</td>
              <td>{formatText(u.region)}</td>
              <td>{formatText(u.currency)}</td>
              <td className="num">{u.discount === undefined ? '—' : `${u.discount}%`}</td>
              <td>{u.dailyReport ? 'yes' : 'no'}</td>
              <td>{u.customStorageType ?? 'CloudAlly'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function UsersView({ connectionId }: { connectionId: string }): ReactNode {
  const users = useCloudAlly(connectionId, 'users')
  return (
    <section className="panel" aria-labelledby="ca-users">
      <h2 id="ca-users">Users</h2>
      <LoadState loading={users.loading} error={users.error} loadedAt={users.loadedAt} onReload={users.reload} />
      {users.value && <UsersTable users={users.value} label="CloudAlly users" />}
    </section>
  )
}

export function ResellersView({ connectionId }: { connectionId: string }): ReactNode {
  const resellers = useCloudAlly(connectionId, 'resellers')
  const [detail, setDetail] = useState<CloudAllyResellerDetail | null>(null)
  const open = useAction(async (resellerId: string) => setDetail(await call('cloudally.resellers.get', { connectionId, resellerId })))
  return (
    <section className="panel" aria-labelledby="ca-resellers">
      <h2 id="ca-resellers">Resellers</h2>
      <LoadState loading={resellers.loading} error={resellers.error} loadedAt={resellers.loadedAt} onReload={resellers.reload} />
      {resellers.value && (
        <div className="table-scroll" tabIndex={0}>
          <table className="data" aria-label="CloudAlly resellers">
            <thead>
              <tr>
                <th>Name</th>
                <th>Id</th>
                <th>Email</th>
                <th>Status</th>
                <th>Region</th>
                <th className="num">Users</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {resellers.value.map((r) => (
                <tr key={r.id}>
                  <td>{formatText(r.name)}</td>
                  <td className="mono">{r.id}</td>
                  <td>{formatText(r.email)}</td>
                  <td>
                    <StatusWord value={r.status} />
                  </td>
                  <td>{formatText(r.region)}</td>
                  <td className="num">{formatText(r.numOfUsers)}</td>
                  <td>
                    <button type="button" className="btn" onClick={() => void open.run(r.id)} disabled={open.busy} aria-label={`Details of ${r.name ?? r.id}`}>
                      Details
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
          <UsersTable users={detail.users} label="Users of this reseller" />
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
