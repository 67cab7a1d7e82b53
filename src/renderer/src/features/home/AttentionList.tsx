import type { ReactNode } from 'react'
import type { FleetRow } from '../../../../shared/model/fleet'
import { providerLabel, providerUi } from '../../providers/registry'
import { drillParams, formatAge, STATUS_CLASS, STATUS_LABEL } from '../fleet/fleet-view'
import { ScreenLink } from './ScreenLink'

/**
 * The objects the review queue puts first, each a link into its console. Before any scan the list
 * is empty because nothing was read, which it says rather than that nothing needs attention.
 */
export function AttentionList({ rows, now, scanned, failingConnections }: { rows: readonly FleetRow[]; now: number; scanned: boolean; failingConnections: number }): ReactNode {
  if (!scanned) {
    // Customer pages opened before the first scan judge their connections (the sidebar's dots)
    // but list no objects here: the list is the scan's.
    return (
      <p className="muted small">
        No scan yet: Scan reads the status of every connection&apos;s objects.
        {failingConnections > 0 && ` Meanwhile the customer pages opened found ${failingConnections === 1 ? '1 connection' : `${failingConnections} connections`} with failed, missed or unchecked backups: the dots beside the connections say which.`}
      </p>
    )
  }
  if (!rows.length) return <p className="muted small">Nothing needs attention in the last scan.</p>
  return (
    <ol className="overview-attention">
      {rows.map((r) => (
        <li key={r.key}>
          <span className={`badge ${STATUS_CLASS[r.status]}`}>{STATUS_LABEL[r.status]}</span>{' '}
          <ScreenLink to={{ id: 'connection', params: drillParams(r) }} onOpen={() => providerUi(r.provider).revealFleetRow?.(r)}>
            {r.object}
          </ScreenLink>{' '}
          <span className="muted small">
            {providerLabel(r.provider)} · {r.connectionName}
            {r.customer ? ` · ${r.customer}` : ''} · {formatAge(r, now)} · {r.detail}
          </span>
        </li>
      ))}
    </ol>
  )
}
