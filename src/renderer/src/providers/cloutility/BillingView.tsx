import { useId, useRef, useState, type ReactNode } from 'react'
import { INVOICE_FILE_MAX_BYTES } from '../../../../shared/providers/cloutility/contract'
import { formatBytes, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../../../shared/format'
import { invoiceTotals } from '../../../../shared/providers/cloutility/invoice-totals'
import type { BillingData, Invoice, InvoiceFile, InvoiceLine } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { useAction } from '../../components/use-action'
import { Fact } from '../../components/Fact'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'

const INVOICE_CSV: ReadonlyArray<CsvColumn<Invoice>> = [
  { header: 'Date', value: (i) => i.date },
  { header: 'Paying business unit', value: (i) => i.payingBusinessUnit?.name },
  { header: 'Total', value: (i) => i.total },
  { header: 'Currency', value: (i) => i.currency },
  { header: 'Lines', value: (i) => i.lines?.length },
  { header: 'Simulated', value: (i) => (i.simulated ? 'yes' : 'no') }
]
const LINE_CSV: ReadonlyArray<CsvColumn<InvoiceLine>> = [
  { header: 'Product', value: (l) => l.product },
  { header: 'Product code', value: (l) => l.productCode },
  { header: 'Subscription', value: (l) => l.subscription },
  { header: 'Start', value: (l) => l.startDate },
  { header: 'End', value: (l) => l.endDate },
  { header: 'Quantity', value: (l) => l.quantity },
  { header: 'Unit price', value: (l) => l.unitPrice },
  { header: 'Amount', value: (l) => l.amount },
  { header: 'Note', value: (l) => l.note }
]
const FILE_CSV: ReadonlyArray<CsvColumn<InvoiceFile>> = [
  { header: 'Id', value: (f) => f.id },
  { header: 'File', value: (f) => f.fileName },
  { header: 'ERP reference', value: (f) => f.erpReference },
  { header: 'Sent to billing address', value: (f) => (f.sendToBillingAddress ? 'yes' : 'no') },
  { header: 'Size (bytes)', value: (f) => f.sizeBytes },
  { header: 'Uploaded', value: (f) => f.createdDate }
]
const BILLING_CSV: ReadonlyArray<CsvColumn<BillingData>> = [
  { header: 'Date', value: (b) => b.date },
  { header: 'Billing business unit', value: (b) => b.billingBusinessUnit?.name },
  { header: 'Totals', value: (b) => b.summary.map((s) => `${s.total} ${s.currency}`).join('; ') },
  { header: 'Invoices', value: (b) => b.invoices.length },
  { header: 'Simulated', value: (b) => (b.simulated ? 'yes' : 'no') }
]

function InvoiceLines({
  connectionId,
  businessUnitId,
  invoice,
  unitName,
  contractDiscountPercent
}: {
  connectionId: string
  businessUnitId: number
  invoice: Invoice
  unitName: string
  contractDiscountPercent: number | undefined
}): ReactNode {
  const full = useLoadable(() => call('cloutility.invoice', { connectionId, businessUnitId, date: invoice.date }), `${connectionId}/${businessUnitId}/${invoice.date}`)
  const shown = full.value ?? invoice
  const lines = shown.lines ?? []
  const currency = shown.currency ?? invoice.currency
  const totals = invoiceTotals({ ...shown, total: shown.total ?? invoice.total }, contractDiscountPercent)
  return (
    <LoadGate loading={full.loading && !invoice.lines} error={full.error} onRetry={full.reload}>
      <div className="toolbar">
        <strong>Lines of the invoice of {formatDate(invoice.date)}</strong>
        <span className="spacer" />
        <CsvExport rows={lines} columns={LINE_CSV} name={['invoice-lines', unitName, invoice.date]} />
      </div>
      <table className="data" aria-label={`Lines of the invoice of ${invoice.date}`}>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No lines.
              </td>
            </tr>
          )}
          {lines.map((l, i) => (
            <tr key={l.id ?? i}>
              <td>
                {l.product || '—'}
                {l.productCode ? <span className="muted small"> ({l.productCode})</span> : null}
              </td>
              <td>
                {formatDate(l.startDate)} – {formatDate(l.endDate)}
              </td>
              <td className="num">{formatNumber(l.quantity, undefined, 2)}</td>
              <td className="num">{formatMoney(l.unitPrice, currency)}</td>
              <td className="num">{formatMoney(l.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
        {totals && lines.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Sum of the lines
              </th>
              <td className="num">{formatMoney(totals.linesTotal, currency)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                Discount{' '}
                {totals.discountPercent === undefined
                  ? '(not given by Cloutility)'
                  : `${formatPercent(totals.discountPercent)}${totals.discountSource === 'contract' ? ' (from the contract)' : ''}`}
              </th>
              <td className="num">{totals.discountAmount === undefined ? '—' : formatMoney(-totals.discountAmount, currency)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td className="num">{formatMoney(totals.total ?? totals.expectedTotal, currency)}</td>
            </tr>
          </tfoot>
        )}
      </table>
      {totals?.difference !== undefined && (
        <p className="banner banner-warn" role="note">
          Cloutility’s total ({formatMoney(totals.total, currency)}) is {formatMoney(Math.abs(totals.difference), currency)}{' '}
          {totals.difference > 0 ? 'more' : 'less'} than the lines less the discount ({formatMoney(totals.expectedTotal, currency)}). The total is shown as
          Cloutility gives it; check the invoice in the Cloutility portal before passing it on.
        </p>
      )}
    </LoadGate>
  )
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(new Error('The file could not be read.'))
    reader.onload = () => {
      const result = String(reader.result ?? '')
      resolve(result.slice(result.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

function UploadForm({ connectionId, businessUnitId, onUploaded }: { connectionId: string; businessUnitId: number; onUploaded: () => void }): ReactNode {
  const id = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [erp, setErp] = useState('')
  const [send, setSend] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const upload = useAction(async () => {
    setDone(null)
    const file = fileRef.current?.files?.[0]
    if (!file) throw new Error('Choose a PDF file.')
    if (!/\.pdf$/i.test(file.name)) throw new Error('The file must be a .pdf.')
    if (file.size > INVOICE_FILE_MAX_BYTES) throw new Error(`The file is ${formatBytes(file.size)}; at most ${formatBytes(INVOICE_FILE_MAX_BYTES)} is accepted.`)
    const head = new Uint8Array(await file.slice(0, 5).arrayBuffer())
    if (String.fromCharCode(...head) !== '%PDF-') throw new Error('This is not a PDF file (it does not start with %PDF).')
    const uploaded = await call('cloutility.invoiceFiles.upload', {
      connectionId,
      businessUnitId,
      fileName: file.name,
      contentBase64: await readAsBase64(file),
      ...(erp.trim() ? { erpReference: erp.trim() } : {}),
      sendToBillingAddress: send
    })
    if (fileRef.current) fileRef.current.value = ''
    setDone(`Uploaded ${uploaded.fileName ?? file.name}.`)
    onUploaded()
  })
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault()
        void upload.run()
      }}
      noValidate
    >
      <h3>Upload an invoice PDF</h3>
      <label htmlFor={`${id}-file`}>PDF file (at most {formatBytes(INVOICE_FILE_MAX_BYTES)})</label>
      <input id={`${id}-file`} ref={fileRef} type="file" accept="application/pdf,.pdf" />
      <label htmlFor={`${id}-erp`}>ERP reference (optional)</label>
      <input id={`${id}-erp`} value={erp} onChange={(e) => setErp(e.target.value)} maxLength={100} />
      <label className="check" htmlFor={`${id}-send`}>
        <input id={`${id}-send`} type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} /> Send it to the billing address
      </label>
      {upload.error && (
        <p className="error-text" role="alert">
          {upload.error}
        </p>
      )}
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={upload.busy}>
          {upload.busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
    </form>
  )
}

export function BillingView({ connectionId, businessUnitId, unitName }: { connectionId: string; businessUnitId: number; unitName: string }): ReactNode {
  const id = useId()
  const key = `${connectionId}/${businessUnitId}`
  const contract = useLoadable(() => call('cloutility.contract', { connectionId, businessUnitId }), key)
  const invoices = useLoadable(() => call('cloutility.invoices', { connectionId, businessUnitId }), key)
  const files = useLoadable(() => call('cloutility.invoiceFiles.list', { connectionId, businessUnitId }), key)
  const [includeNext, setIncludeNext] = useState(1)
  const billing = useLoadable(() => call('cloutility.billing', { connectionId, businessUnitId, includeNext }), `${key}/${includeNext}`)
  const [openInvoice, setOpenInvoice] = useState<string | null>(null)
  const c = contract.value

  return (
    <div className="billing">
      <section className="panel" aria-labelledby={`${id}-contract`}>
        <h2 id={`${id}-contract`}>Contract</h2>
        <LoadGate loading={contract.loading} error={contract.error} onRetry={contract.reload}>
          {c === null ? (
            <p className="muted">This business unit has no contract of its own.</p>
          ) : c ? (
            <>
              <dl className="facts">
                <Fact label="Billing start">{formatDate(c.billingStartDate)}</Fact>
                <Fact label="Billing end">{c.billingEndDate ? formatDate(c.billingEndDate) : 'open'}</Fact>
                <Fact label="Billing cycle">{c.billingCycle ? `${c.billingCycle.name}${c.billingCycle.months ? ` (${c.billingCycle.months} months)` : ''}` : undefined}</Fact>
                <Fact label="Payment terms">{c.paymentTerms?.name}</Fact>
                <Fact label="Currency">{c.currency ? `${c.currency.code}${c.currency.name ? ` — ${c.currency.name}` : ''}` : undefined}</Fact>
                <Fact label="Discount">{c.discountPercent !== undefined ? formatPercent(c.discountPercent) : undefined}</Fact>
                <Fact label="ERP reference">{c.erpReference}</Fact>
                <Fact label="Prepaid consumption">{c.prepayConsumption === undefined ? undefined : c.prepayConsumption ? 'yes' : 'no'}</Fact>
              </dl>
              {c.subscriptions.length > 0 && (
                <table className="data" aria-label="Subscriptions">
                  <thead>
                    <tr>
                      <th scope="col">Subscription</th>
                      <th scope="col">Since</th>
                      <th scope="col">Components</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.subscriptions.map((s, i) => (
                      <tr key={`${s.name}-${i}`}>
                        <td>{s.name}</td>
                        <td>{formatDate(s.billingStartDate)}</td>
                        <td className="wrap">
                          {s.components.map((x) => `${x.name}${x.unitPrice !== undefined ? ` (${formatMoney(x.unitPrice, s.currency?.code ?? c.currency?.code)})` : ''}`).join(', ') || '—'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          ) : null}
        </LoadGate>
      </section>

      <section className="panel" aria-labelledby={`${id}-invoices`}>
        <div className="toolbar">
          <h2 id={`${id}-invoices`} className="inline-heading">
            Invoices
          </h2>
          <span className="spacer" />
          <CsvExport rows={invoices.value ?? []} columns={INVOICE_CSV} name={['invoices', unitName]} />
        </div>
        <LoadGate loading={invoices.loading} error={invoices.error} onRetry={invoices.reload}>
          <table className="data" aria-label="Invoices">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Paying business unit</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Lines
                </th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.value?.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No invoices.
                  </td>
                </tr>
              )}
              {invoices.value?.map((inv) => (
                <tr key={inv.date} className={openInvoice === inv.date ? 'row-selected' : undefined}>
                  <td>
                    {formatDate(inv.date)} {inv.simulated && <span className="badge badge-muted">forecast</span>}
                  </td>
                  <td>{inv.payingBusinessUnit?.name ?? '—'}</td>
                  <td className="num">{formatMoney(inv.total, inv.currency)}</td>
                  <td className="num" title={inv.lines ? undefined : 'Show lines to read them'}>
                    {inv.lines ? inv.lines.length : '—'}
                  </td>
                  <td>
                    <button type="button" className="btn" aria-expanded={openInvoice === inv.date} onClick={() => setOpenInvoice(openInvoice === inv.date ? null : inv.date)}>
                      {openInvoice === inv.date ? 'Hide lines' : 'Show lines'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {openInvoice && (() => {
            const inv = invoices.value?.find((i) => i.date === openInvoice)
            return inv ? (
              <InvoiceLines connectionId={connectionId} businessUnitId={businessUnitId} invoice={inv} unitName={unitName} contractDiscountPercent={c?.discountPercent} />
            ) : null
          })()}
        </LoadGate>
      </section>

      <section className="panel" aria-labelledby={`${id}-files`}>
        <div className="toolbar">
          <h2 id={`${id}-files`} className="inline-heading">
            Invoice files
          </h2>
          <span className="spacer" />
          <CsvExport rows={files.value ?? []} columns={FILE_CSV} name={['invoice-files', unitName]} />
        </div>
        <LoadGate loading={files.loading} error={files.error} onRetry={files.reload}>
          <table className="data" aria-label="Invoice files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">ERP reference</th>
                <th scope="col">Sent to billing address</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {files.value?.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No invoice files.
                  </td>
                </tr>
              )}
              {files.value?.map((f) => (
                <tr key={f.id}>
                  <td>{f.fileName ?? `#${f.id}`}</td>
                  <td>{f.erpReference ?? '—'}</td>
                  <td>{f.sendToBillingAddress ? 'yes' : 'no'}</td>
                  <td className="num">{formatBytes(f.sizeBytes)}</td>
                  <td>{formatDateTime(f.createdDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </LoadGate>
        <UploadForm connectionId={connectionId} businessUnitId={businessUnitId} onUploaded={files.reload} />
      </section>

      <section className="panel" aria-labelledby={`${id}-billing`}>
        <div className="toolbar">
          <h2 id={`${id}-billing`} className="inline-heading">
            Billing data
          </h2>
          <div className="inline-field">
            <label htmlFor={`${id}-next`}>Forecast months</label>
            <input id={`${id}-next`} type="number" min={0} max={24} value={includeNext} onChange={(e) => setIncludeNext(Math.max(0, Math.min(24, Number(e.target.value) || 0)))} />
          </div>
          <span className="spacer" />
          <CsvExport rows={billing.value ?? []} columns={BILLING_CSV} name={['billing', unitName]} />
        </div>
        <LoadGate loading={billing.loading} error={billing.error} onRetry={billing.reload}>
          <table className="data" aria-label="Billing data">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Billing business unit</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Invoices
                </th>
              </tr>
            </thead>
            <tbody>
              {billing.value?.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No billing data: this unit does not resell.
                  </td>
                </tr>
              )}
              {billing.value?.map((b) => (
                <tr key={b.date}>
                  <td>
                    {formatDate(b.date)} {b.simulated && <span className="badge badge-muted">forecast</span>}
                  </td>
                  <td>{b.billingBusinessUnit?.name ?? '—'}</td>
                  <td className="num">{b.summary.map((s) => formatMoney(s.total, s.currency)).join(', ') || '—'}</td>
                  <td className="num">{b.invoices.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </LoadGate>
      </section>
    </div>
  )
}
