import { useEffect, type ReactNode } from 'react'
import { formatAgo } from '../../../../shared/format'
import { selectFleetScan, useStore } from '../../store'
import { useNow } from '../offline/use-now'
import { AttentionList } from './AttentionList'
import { OverviewCounts } from './OverviewCounts'
import { TrendChart } from './TrendChart'

/**
 * The Overview's dashboard: counts that link to their lists, the last scan's age with Scan, the
 * trend and the five objects to look at first. Shows what main already knows at once (the last
 * kept scan); the store reads it again in the background as scans, restores and connections move.
 */
export function OverviewDashboard(): ReactNode {
  const overview = useStore((s) => s.overview)
  const load = useStore((s) => s.loadOverview)
  const scan = useStore(selectFleetScan)
  const startScan = useStore((s) => s.startFleetScan)
  const scanError = useStore((s) => s.fleetScan.error)
  // Over every connection as last scanned (what the window title and the tray count).
  const now = useNow()
  const value = overview.value
  const running = scan?.state === 'running'

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="panel overview-dashboard" aria-labelledby="overview-fleet-heading" aria-busy={overview.loading}>
      <div className="toolbar">
        <h2 id="overview-fleet-heading" className="inline-heading">
          Your fleet
        </h2>
        <span className="spacer" />
        <span className="muted small" data-testid="overview-last-scan">
          {value?.lastScan
            ? `Last scan ${formatAgo(value.lastScan.finishedAt, now)}${value.lastScan.scoped ? ' (one customer)' : ''}`
            : value
              ? 'No scan yet'
              : ''}
        </span>
        <button type="button" className="btn btn-primary" onClick={() => void startScan()} disabled={running}>
          {running ? `Scanning… ${scan.done} of ${scan.total}` : 'Scan'}
        </button>
      </div>
      {overview.error && (
        <p className="banner banner-error" role="alert">
          {overview.error}{' '}
          <button type="button" className="btn" onClick={() => void load(true)}>
            Try again
          </button>
        </p>
      )}
      {scanError && running === false && !value?.lastScan && <p className="error-text">{scanError}</p>}
      {!value && overview.loading && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {value?.lastScan?.scoped && (
        <p className="muted small" data-testid="overview-scope">
          The latest scan covered one customer: the other connections are counted as their last scan found them. Scan reads every connection.
        </p>
      )}
      {value && (
        <>
          <OverviewCounts overview={value} />
          <div className="overview-columns">
            <section aria-labelledby="overview-attention-heading">
              <h3 id="overview-attention-heading">Needs attention first</h3>
              <AttentionList rows={value.attention} now={now} scanned={value.lastScan !== undefined} failingConnections={value.connections.filter((c) => c.health === 'failing' && !c.testFailed).length} />
            </section>
            <section aria-labelledby="overview-trend-heading">
              <h3 id="overview-trend-heading">Failures over the last scans</h3>
              <TrendChart trend={value.trend} />
            </section>
          </div>
        </>
      )}
    </section>
  )
}
