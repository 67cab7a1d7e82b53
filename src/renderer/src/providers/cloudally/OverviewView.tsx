import type { ReactNode } from 'react'
import { formatBytes, formatDateTime, formatText } from '../../../../shared/format'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { useCloudAlly } from './use-cloudally'

/** Partner profile, then backup status by source with failures first. */
export function OverviewView({ connectionId }: { connectionId: string }): ReactNode {
  const partner = useCloudAlly(connectionId, 'partner')
  const status = useCloudAlly(connectionId, 'status')
  const entries = status.value ?? []
  const bySource = new Map<string, { total: number; failed: number; running: number }>()
  for (const e of entries) {
    const k = e.source ?? 'unknown'
    const s = bySource.get(k) ?? { total: 0, failed: 0, running: 0 }
    s.total++
    if (e.overall === 'FAILED') s.failed++
    if (e.overall === 'IN_PROGRESS') s.running++
    bySource.set(k, s)
  }
  const sources = [...bySource.entries()].sort((a, b) => b[1].failed - a[1].failed || a[0].localeCompare(b[0]))
  const p = partner.value
  return (
    <>
      <section className="panel" aria-labelledby="ca-partner">
        <h2 id="ca-partner">Partner</h2>
        <LoadState loading={partner.loading} error={partner.error} loadedAt={partner.loadedAt} onReload={partner.reload} />
        {p && (
          <dl className="facts" data-testid="cloudally-partner">
            {(
              [
                ['Partner id', p.partnerId],
                ['Contact', p.contactName],
                ['Email', p.email],
                ['Phone', p.phone],
                ['Address', p.address],
                ['Region', p.region],
                ['Currency', p.currency],
                ['Discount', p.discount === undefined ? undefined : `${p.discount}%`]
              ] as const
            ).map(([k, v]) => (
              <div className="fact" key={k}>
                <dt>{k}</dt>
                <dd>{formatText(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="panel" aria-labelledby="ca-status">
        <h2 id="ca-status">Backup status</h2>
        <LoadState loading={status.loading} error={status.error} loadedAt={status.loadedAt} onReload={status.reload} />
        {sources.length > 0 && (
          <table className="data" aria-label="Backup status by source">
            <thead>
              <tr>
                <th>Source</th>
                <th className="num">Entities</th>
                <th className="num">Failed</th>
                <th className="num">Running</th>
              </tr>
            </thead>
            <tbody>
              {sources.map(([source, s]) => (
                <tr key={source}>
                  <td>{source}</td>
                  <td className="num">{s.total}</td>
                  <td className="num">{s.failed > 0 ? <span className="badge badge-error">{s.failed}</span> : 0}</td>
                  <td className="num">{s.running}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {entries.length > 0 && (
          <>
            <h3>Entities (failures first)</h3>
            <div className="table-scroll" tabIndex={0}>
              <table className="data" aria-label="Backup status by entity">
                <thead>
                  <tr>
                    <th>Status</th>
                    <th>Entity</th>
                    <th>Source</th>
                    <th>Last backup</th>
                    <th>Last attempt</th>
                    <th className="num">Size</th>
                    <th>Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e, i) => {
                    const problem = e.backupStatus.find((b) => b.error)
                    return (
                      <tr key={`${e.taskId ?? ''}-${i}`}>
                        <td>
                          <StatusWord value={e.overall === 'OK' ? 'ACTIVE' : e.overall} />
                        </td>
                        <td>{formatText(e.entityName)}</td>
                        <td>{formatText(e.source)}</td>
                        <td>{formatDateTime(e.lastBackupDate)}</td>
                        <td>{formatDateTime(e.lastBackupAttemptDate)}</td>
                        <td className="num">{formatBytes(e.size)}</td>
                        <td className="wrap">{problem?.error ?? ''}</td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  )
}
