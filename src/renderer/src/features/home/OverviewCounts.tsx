import type { ReactNode } from 'react'
import type { ConnectionOverview, Overview } from '../../../../shared/model/overview'
import type { ProviderKind } from '../../../../shared/model/connection'
import { CONNECTION_HEALTH_LABEL } from '../../../../shared/model/overview'
import { providerLabel } from '../../providers/registry'
import { useStore } from '../../store'
import { ScreenLink } from './ScreenLink'
import { formatTime } from '../../../../shared/format'

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * A provider's tile before any scan. Zeros there would be of nothing read, so it counts no objects;
 * the customer pages opened meanwhile judged some connections, and the tile says how many of them
 * failed, as the dots beside them do.
 */
function UnscannedTile({ provider, connections }: { provider: ProviderKind; connections: readonly ConnectionOverview[] }): ReactNode {
  // Offline and a failed Test connection are said below the tiles; these are the pages' judgements.
  const paged = connections.filter((c) => !c.offline && !c.testFailed && c.health !== 'unchecked')
  const failing = paged.filter((c) => c.health === 'failing').length
  const judged = paged.length
  return (
    <li className="overview-tile">
      <span className="overview-tile-title">{providerLabel(provider)}</span>
      <span className="overview-count">Not scanned yet</span>
      {judged > 0 && (
        <>
          <ScreenLink to={{ id: 'customers' }} className={failing ? 'overview-count badge-error' : 'overview-count'}>
            <strong>{failing}</strong> of {plural(connections.length, 'connection', 'connections')} with failures<span className="visually-hidden"> in {providerLabel(provider)}</span>
          </ScreenLink>
          <span className="muted small">
            {judged < connections.length ? `${judged} checked on a customer page` : connections.length === 1 ? 'on its customer page' : 'on their customer pages'}
          </span>
        </>
      )}
    </li>
  )
}

/** The Overview's counts, each a link to the list it counts (Fleet health filtered, the Restore center, a connection). */
export function OverviewCounts({ overview }: { overview: Overview }): ReactNode {
  const autoLockAt = useStore((s) => s.vault.value?.autoLockAt)
  const autoLockMinutes = useStore((s) => s.vault.value?.autoLockMinutes)
  const needsCare = overview.connections.filter((c) => c.offline || c.testFailed)

  return (
    <div className="overview-counts">
      <ul className="overview-tiles" aria-label="Failing and stale objects per provider">
        {overview.providers.map((p) =>
          overview.lastScan ? (
            <li key={p.provider} className="overview-tile">
              <span className="overview-tile-title">{providerLabel(p.provider)}</span>
              <ScreenLink to={{ id: 'fleet', params: { provider: p.provider, status: 'failing' } }} className={p.failing ? 'overview-count badge-error' : 'overview-count'}>
                <strong>{p.failing}</strong> failing<span className="visually-hidden"> in {providerLabel(p.provider)}</span>
              </ScreenLink>
              <ScreenLink to={{ id: 'fleet', params: { provider: p.provider, status: 'stale' } }} className={p.stale ? 'overview-count badge-warn' : 'overview-count'}>
                <strong>{p.stale}</strong> stale<span className="visually-hidden"> in {providerLabel(p.provider)}</span>
              </ScreenLink>
              <span className="muted small">of {plural(p.total, 'object', 'objects')}</span>
            </li>
          ) : (
            <UnscannedTile key={p.provider} provider={p.provider} connections={overview.connections.filter((c) => c.provider === p.provider)} />
          )
        )}
        <li className="overview-tile">
          <span className="overview-tile-title">Review queue</span>
          <ScreenLink to={{ id: 'fleet', params: { status: 'attention', reviewed: 'hide' } }} className="overview-count">
            <strong>{overview.openReviews}</strong> open review {overview.openReviews === 1 ? 'item' : 'items'}
          </ScreenLink>
        </li>
        <li className="overview-tile">
          <span className="overview-tile-title">Restores</span>
          <ScreenLink to={{ id: 'restores' }} className="overview-count">
            <strong>{overview.restoresInFlight}</strong> {overview.restoresInFlight === 1 ? 'restore' : 'restores'} in flight
          </ScreenLink>
        </li>
      </ul>
      <ul className="overview-facts" aria-label="Connections and the vault">
        <li>
          {needsCare.length === 0 ? (
            'Every connection is online and no Test connection failed.'
          ) : (
            <>
              {plural(needsCare.length, 'connection needs', 'connections need')} a look:{' '}
              {needsCare.map((c, i) => (
                <span key={c.connectionId}>
                  {i > 0 ? ', ' : ''}
                  <ScreenLink to={{ id: 'connection', params: { id: c.connectionId } }}>{c.name}</ScreenLink> ({c.offline ? CONNECTION_HEALTH_LABEL.offline.toLowerCase() : 'Test connection failed'})
                </span>
              ))}
            </>
          )}
        </li>
        <li>
          {autoLockAt ? (
            <>
              The vault locks at {formatTime(autoLockAt)} if idle ({plural(autoLockMinutes ?? 0, 'minute', 'minutes')} without activity).{' '}
            </>
          ) : (
            <>The vault does not lock by itself. </>
          )}
          <ScreenLink to={{ id: 'settings' }}>Change in Settings</ScreenLink>
        </li>
      </ul>
    </div>
  )
}
