import type { ReactNode } from 'react'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { selectConnections, selectOffline, useStore } from '../../store'
import { formatAgo } from '../../../../shared/format'
import { useNow } from './use-now'

/** On a connection's screen while it is offline: the snapshot's age, read-only, and a retry. */
export function OfflineBanner(): ReactNode {
  const id = useStore((s) => (s.screen.id === 'connection' ? String(s.screen.params?.['id'] ?? '') : ''))
  const status = useStore((s) => (id ? selectOffline(s)[id] : undefined))
  const name = useStore((s) => selectConnections(s).find((c) => c.id === id)?.name)
  const applyOffline = useStore((s) => s.applyOffline)
  const now = useNow()
  const retry = useAction(async () => applyOffline(await call('offline.retry', { connectionId: id })))
  if (!status?.offline) return null
  return (
    <div className="banner banner-warn offline-banner" role="status" data-testid="offline-banner">
      <strong>Offline</strong> — {status.snapshotAt ? `showing data from ${formatAgo(status.snapshotAt, now)}, read-only.` : `${name ?? 'this connection'} cannot be reached and nothing is saved for this view yet.`}{' '}
      <span className="small">
        {name ?? 'The provider'} did not answer{status.message ? `: ${status.message}` : '.'} Changes are disabled until it answers again.
      </span>{' '}
      <button type="button" className="btn" onClick={() => void retry.run()} disabled={retry.busy}>
        {retry.busy ? 'Trying…' : 'Try again'}
      </button>
      {retry.error && <span className="error-text small"> {retry.error}</span>}
    </div>
  )
}

/** "(showing saved data)" only where something was saved: an offline connection may have nothing yet. */
export function offlineSummary(statuses: ReadonlyArray<{ offline: boolean; snapshotAt?: string }>): string {
  const offline = statuses.filter((s) => s.offline)
  const saved = offline.filter((s) => s.snapshotAt).length
  const count = `${offline.length} connection${offline.length === 1 ? '' : 's'} offline`
  if (saved === offline.length) return `${count} (showing saved data)`
  if (saved === 0) return `${count} (nothing saved to show)`
  return `${count} (saved data for ${saved})`
}

/** Status bar: how many connections are offline, and whether saved data is shown for them. */
export function OfflineStatusItem(): ReactNode {
  const offline = useStore(selectOffline)
  const statuses = Object.values(offline)
  if (!statuses.some((s) => s.offline)) return null
  return (
    <span data-testid="status-offline">
      {offlineSummary(statuses)}
    </span>
  )
}
