import type { ReactNode } from 'react'
import type { Overview } from '../../../../shared/model/overview'
import { CONNECTION_HEALTH_LABEL } from '../../../../shared/model/overview'
import { providerLabel } from '../../providers/registry'
import { useStore } from '../../store'
import { ScreenLink } from './ScreenLink'
import { formatTime } from '../../../../shared/format'

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The Overview's counts, each a link to the list it counts (Fleet health filtered, the Restore center, a connection). */
export function OverviewCounts({ overview }: { overview: Overview }): ReactNode {
  const autoLockAt = useStore((s) => s.vault.value?.autoLockAt)
  const autoLockMinutes = useStore((s) => s.vault.value?.autoLockMinutes)
  const needsCare = overview.connections.filter((c) => c.offline || c.testFailed)

  return (
    <div className="overview-counts">
      <ul className="overview-tiles" aria-label="Failing and stale objects per provider">
        {overview.providers.map((p) => (
          <li key={p.provider} className="overview-tile">
            <span className="overview-tile-title">{providerLabel(p.provider)}</span>
            <ScreenLink to={{ id: 'fleet', params: { provider: p.provider, status: 'failing' } }} className={p.failing ? 'overview-count badge-error' : 'overview-count'}>
              <strong>{p.failing}</strong> failing<span className="visually-hidden"> in {providerLabel(p.provider)}</span>
            </ScreenLink>
            <ScreenLink to={{ id: 'fleet', params: { provider: p.provider, status: 'stale' } }} className={p.stale ? 'overview-count badge-warn' : 'overview-count'}>
              <strong>{p.stale}</strong> stale<span className="visually-hidden"> in {providerLabel(p.provider)}</span>
            </ScreenLink>
            {/* Before any scan the zeros are of nothing read, not of a healthy fleet. */}
            <span className="muted small">{overview.lastScan ? `of ${plural(p.total, 'object', 'objects')}` : 'not scanned yet'}</span>
          </li>
        ))}
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
