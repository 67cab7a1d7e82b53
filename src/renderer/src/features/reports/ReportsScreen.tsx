import { useId, useMemo, useState, type ReactNode } from 'react'
import { formatBytes } from '../../../../shared/format'
import { currentMonth, monthPeriod, percentText, type CustomerReport } from '../../../../shared/model/reports'
import { call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { selectConnections, useStore } from '../../store'
import { BatchPanel } from './BatchPanel'
import { BrandingForm } from './BrandingForm'
import { deliver } from './saved-files'

/** Per-customer backup reports: a customer and a month, on screen, as PDF or CSV; and every customer at once. */
export function ReportsScreen(): ReactNode {
  const connections = useStore(selectConnections)
  const pushToast = useStore((s) => s.pushToast)
  const customers = useMemo(() => [...new Set(connections.map((c) => c.customer))].sort((a, b) => a.localeCompare(b)), [connections])
  const [customer, setCustomer] = useState('')
  const [month, setMonth] = useState(() => monthPeriod(undefined, Date.now()).from.slice(0, 7))
  const [report, setReport] = useState<CustomerReport | null>(null)
  const ids = { customer: useId(), month: useId() }
  const chosen = customer || customers[0] || ''

  // A month to come is refused by main with a message under the month; the picker stops there too.
  const thisMonth = currentMonth(new Date())
  const fields = useFieldProblems()
  const { save: preview, edited } = useFieldSave(fields, async () => {
    setReport(null)
    setReport(await call('reports.preview', { customer: chosen, month }))
  })
  const { save } = useFieldSave(fields, async (format: 'pdf' | 'csv') => {
    const saved = await call('reports.save', { customer: chosen, month, format })
    if (saved) pushToast({ level: 'success', message: deliver(saved) })
  })
  const monthProblem = fields.problems['month']
  // A report read for another customer or month is not shown.
  const shown = report && report.customer === chosen && report.period.from.slice(0, 7) === month ? report : null

  return (
    <section aria-labelledby="reports-heading">
      <h1 id="reports-heading">Reports</h1>
      <section className="panel" aria-labelledby="one-report-heading">
        <h2 id="one-report-heading">Backup report for a customer</h2>
        {customers.length === 0 ? (
          <p className="muted">Add a connection (with a customer) first.</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void preview.run()
            }}
            noValidate
          >
            <div className="toolbar">
              <div className="inline-field">
                <label htmlFor={ids.customer}>Customer</label>
                <select id={ids.customer} value={chosen} onChange={(e) => setCustomer(e.target.value)}>
                  {customers.map((c) => (
                    <option key={c} value={c}>
                      {c || '(no customer)'}
                    </option>
                  ))}
                </select>
              </div>
              <div className="inline-field">
                <label htmlFor={ids.month}>Month</label>
                <input
                  id={ids.month}
                  type="month"
                  value={month}
                  max={thisMonth}
                  required
                  {...fieldAria(ids.month, monthProblem)}
                  onChange={(e) => {
                    setMonth(e.target.value)
                    edited('month')
                    save.setError(null)
                  }}
                />
                <FieldProblem fieldId={ids.month} problem={monthProblem} />
              </div>
              <button type="submit" className="btn btn-primary" disabled={preview.busy}>
                {preview.busy ? 'Reading…' : 'Show report'}
              </button>
              <button type="button" className="btn" disabled={save.busy} onClick={() => void save.run('pdf')}>
                Download PDF
              </button>
              <button type="button" className="btn" disabled={save.busy} onClick={() => void save.run('csv')}>
                Download CSV
              </button>
            </div>
            {(preview.error || save.error) && (
              <p className="error-text" role="alert">
                {preview.error ?? save.error}
              </p>
            )}
          </form>
        )}
        {shown && <ReportSummary report={shown} />}
      </section>
      <BatchPanel />
      <BrandingForm />
    </section>
  )
}

function ReportSummary({ report }: { report: CustomerReport }): ReactNode {
  const t = report.totals
  return (
    <div className="report-summary" data-testid="report-summary">
      <h3>
        {report.customer || '(no customer)'} · {report.period.label}
      </h3>
      <dl className="facts">
        <dt>Protected objects</dt>
        <dd>
          {t.objects} ({t.ok} backed up, {t.attention} need attention)
        </dd>
        <dt>Success rate over the period</dt>
        <dd>{t.attempts ? `${percentText(t.successes, t.attempts)} (${t.successes} of ${t.attempts})` : 'No backups judged in the period'}</dd>
        <dt>Restores in the period</dt>
        <dd>{report.restores.length}</dd>
        {t.storageBytes > 0 && (
          <>
            <dt>Storage</dt>
            <dd>{formatBytes(t.storageBytes)}</dd>
          </>
        )}
        {t.seats > 0 && (
          <>
            <dt>Seats</dt>
            <dd>{t.seats}</dd>
          </>
        )}
      </dl>
      {report.notes.map((n) => (
        <p key={n} className="banner banner-warn">
          {n}
        </p>
      ))}
    </div>
  )
}
