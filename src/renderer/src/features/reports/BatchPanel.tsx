import { useEffect, useId, useState, type ReactNode } from 'react'
import { currentMonth, monthPeriod } from '../../../../shared/model/reports'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** Every customer's report for a month, into one folder (desktop) or one zip (browser). */
export function BatchPanel(): ReactNode {
  const [month, setMonth] = useState(() => monthPeriod(undefined, Date.now()).from.slice(0, 7))
  const progress = useStore((s) => s.reportBatch.value ?? null)
  const loadProgress = useStore((s) => s.loadReportBatch)
  const setProgress = useStore((s) => s.applyReportBatch)
  const monthId = useId()
  // A month to come is refused by main with a message; the picker stops at this month too.
  const thisMonth = currentMonth(new Date())

  useEffect(() => {
    void loadProgress()
  }, [loadProgress])

  const start = useAction(async () => setProgress(await call('reports.batch.start', { month })))
  const cancel = useAction(async () => {
    if (progress) await call('reports.batch.cancel', { batchId: progress.batchId })
  })
  const running = progress?.state === 'running'
  const percent = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0

  return (
    <section className="panel" aria-labelledby="batch-heading">
      <h2 id="batch-heading">Every customer at once</h2>
      <p className="muted small">A PDF and a CSV per customer for the month, into one folder (desktop app) or one zip file (browser).</p>
      <div className="toolbar">
        <div className="inline-field">
          <label htmlFor={monthId}>Month</label>
          <input id={monthId} type="month" value={month} max={thisMonth} required disabled={running} onChange={(e) => setMonth(e.target.value)} />
        </div>
        {running ? (
          <button type="button" className="btn" onClick={() => void cancel.run()}>
            Cancel reports
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={start.busy} onClick={() => void start.run()}>
            Make all reports
          </button>
        )}
      </div>
      {progress && (
        <div className="fleet-progress">
          <div className="progress" role="progressbar" aria-label="Reports progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <span style={{ width: `${percent}%` }} />
          </div>
          <p className="muted small" role="status" aria-live="polite">
            {progress.state === 'running'
              ? `Making reports: ${progress.done} of ${progress.total}${progress.current !== undefined ? ` (now ${progress.current || 'no customer'})` : ''}`
              : progress.state === 'done'
                ? `Reports done: ${progress.done} of ${progress.total}${progress.failures.length ? `, ${progress.failures.length} failed` : ''}`
                : progress.message ?? (progress.state === 'cancelled' ? 'Cancelled.' : 'The reports could not be made.')}
          </p>
          {progress.failures.length > 0 && (
            <ul className="fleet-notes">
              {progress.failures.map((f) => (
                <li key={f.customer}>
                  {f.customer || '(no customer)'}: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {(start.error || cancel.error) && (
        <p className="error-text" role="alert">
          {start.error ?? cancel.error}
        </p>
      )}
    </section>
  )
}
