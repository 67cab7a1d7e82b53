import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { INVOICE_FILE_MAX_BYTES } from '../../../../shared/providers/cloutility/contract'
import { DASH, formatBytes, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../../../shared/format'
import { invoiceTotals } from '../../../../shared/providers/cloutility/invoice-totals'
import type { BillingData, ContractSubscription, Invoice, InvoiceFile, InvoiceLine } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable, type TableColumn } from '../../components/DataTable'
import { useAction } from '../../components/use-action'
import { Fact } from '../../components/Fact'
import { FormField } from '../../components/FormField'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useFieldProblems } from '../../components/use-field-problems'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'
import { FormActions } from '../../components/FormActions'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'
import { DocumentTotalRows, TotalDifferenceNote } from '../../components/DocumentTotals'

const dateSort = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined)
/** A date with its "forecast" badge and the cell's padding: at 150 px the badge was cut off. */
const FORECAST_DATE_WIDTH = 184
const yesNo = (value: boolean | undefined): string => (value ? 'yes' : 'no')

function ForecastDate({ date, simulated }: { date: string; simulated: boolean | undefined }): ReactNode {
  return (
    <>
      {formatDate(date)} {simulated && <span className="badge badge-muted">forecast</span>}
    </>
  )
}

function lineColumns(currency: string | undefined): ReadonlyArray<TableColumn<InvoiceLine>> {
  return [
    {
      id: 'product',
      header: 'Product',
      text: (l) => `${l.product || DASH}${l.productCode ? ` (${l.productCode})` : ''}`,
      cell: (l) => (
        <>
          {l.product || DASH}
          {l.productCode ? <span className="muted small"> ({l.productCode})</span> : null}
        </>
      ),
      sortValue: (l) => l.product,
      csv: [
        { header: 'Product', value: (l) => l.product },
        { header: 'Product code', value: (l) => l.productCode },
        { header: 'Subscription', value: (l) => l.subscription }
      ],
      width: 240,
      grow: true
    },
    {
      id: 'period',
      header: 'Period',
      text: (l) => `${formatDate(l.startDate)} – ${formatDate(l.endDate)}`,
      sortValue: (l) => dateSort(l.startDate),
      csv: [
        { header: 'Start', value: (l) => l.startDate },
        { header: 'End', value: (l) => l.endDate }
      ],
      width: 220
    },
    {
      id: 'quantity',
      header: 'Quantity',
      text: (l) => formatNumber(l.quantity, undefined, 2),
      sortValue: (l) => l.quantity,
      csv: [{ header: 'Quantity', value: (l) => l.quantity }],
      align: 'end',
      width: 96
    },
    {
      id: 'unitPrice',
      header: 'Unit price',
      text: (l) => formatMoney(l.unitPrice, currency),
      sortValue: (l) => l.unitPrice,
      csv: [{ header: 'Unit price', value: (l) => l.unitPrice }],
      align: 'end',
      width: 112
    },
    {
      id: 'amount',
      header: 'Amount',
      text: (l) => formatMoney(l.amount, currency),
      sortValue: (l) => l.amount,
      csv: [
        { header: 'Amount', value: (l) => l.amount },
        { header: 'Note', value: (l) => l.note }
      ],
      align: 'end',
      width: 120
    }
  ]
}
const lineKey = (l: InvoiceLine): string => String(l.id ?? `${l.productCode ?? l.product}-${l.startDate ?? ''}-${l.amount ?? ''}`)

/** How many lines each invoice has, by date, once they were read (the list of invoices comes without them). */
type LineCounts = Readonly<Record<string, number>>
const NO_COUNTS: LineCounts = {}

function invoiceColumns(openInvoice: string | null, toggle: (date: string) => void, lineCounts: LineCounts): ReadonlyArray<TableColumn<Invoice>> {
  const lineCount = (i: Invoice): number | undefined => i.lines?.length ?? lineCounts[i.date]
  return [
    {
      id: 'date',
      header: 'Date',
      text: (i) => `${formatDate(i.date)}${i.simulated ? ' forecast' : ''}`,
      cell: (i) => <ForecastDate date={i.date} simulated={i.simulated} />,
      sortValue: (i) => dateSort(i.date),
      csv: [{ header: 'Date', value: (i) => i.date }],
      width: FORECAST_DATE_WIDTH
    },
    {
      id: 'paying',
      header: 'Paying business unit',
      text: (i) => i.payingBusinessUnit?.name ?? DASH,
      sortValue: (i) => i.payingBusinessUnit?.name,
      csv: [{ header: 'Paying business unit', value: (i) => i.payingBusinessUnit?.name }],
      width: 200,
      grow: true
    },
    {
      id: 'total',
      header: 'Total',
      text: (i) => formatMoney(i.total, i.currency),
      sortValue: (i) => i.total,
      csv: [
        { header: 'Total', value: (i) => i.total },
        { header: 'Currency', value: (i) => i.currency }
      ],
      align: 'end',
      width: 120
    },
    {
      id: 'lines',
      header: 'Lines',
      text: (i) => String(lineCount(i) ?? DASH),
      title: (i) => String(lineCount(i) ?? 'Show lines to read them'),
      sortValue: lineCount,
      csv: [
        { header: 'Lines', value: lineCount },
        { header: 'Simulated', value: (i) => yesNo(i.simulated) }
      ],
      align: 'end',
      width: 72
    },
    {
      id: 'details',
      header: 'Details',
      text: () => '',
      cell: (i) => (
        <button type="button" className="btn" aria-expanded={openInvoice === i.date} onClick={() => toggle(i.date)}>
          {openInvoice === i.date ? 'Hide lines' : 'Show lines'}
        </button>
      ),
      csv: [],
      // The wider label ("Hide lines") with the button's padding and the cell's.
      width: 128,
      minWidth: 128,
      sticky: true
    }
  ]
}
const invoiceKey = (i: Invoice): string => i.date

const FILE_COLUMNS: ReadonlyArray<TableColumn<InvoiceFile>> = [
  {
    id: 'file',
    header: 'File',
    text: (f) => f.fileName ?? `#${f.id}`,
    sortValue: (f) => f.fileName,
    csv: [
      { header: 'Id', value: (f) => f.id },
      { header: 'File', value: (f) => f.fileName }
    ],
    width: 220,
    grow: true
  },
  { id: 'erp', header: 'ERP reference', text: (f) => f.erpReference ?? DASH, sortValue: (f) => f.erpReference, csv: [{ header: 'ERP reference', value: (f) => f.erpReference }], width: 140 },
  { id: 'send', header: 'Sent to billing address', text: (f) => yesNo(f.sendToBillingAddress), sortValue: (f) => yesNo(f.sendToBillingAddress), width: 184 },
  {
    id: 'size',
    header: 'Size',
    text: (f) => formatBytes(f.sizeBytes),
    sortValue: (f) => f.sizeBytes,
    csv: [{ header: 'Size (bytes)', value: (f) => f.sizeBytes }],
    align: 'end',
    width: 96
  },
  {
    id: 'uploaded',
    header: 'Uploaded',
    text: (f) => formatDateTime(f.createdDate),
    sortValue: (f) => dateSort(f.createdDate),
    csv: [{ header: 'Uploaded', value: (f) => f.createdDate }],
    width: DATE_TIME_COLUMN_WIDTH
  }
]
const FILE_CSV = csvColumnsOf(FILE_COLUMNS)
const fileKey = (f: InvoiceFile): number => f.id

const billingTotals = (b: BillingData): string => b.summary.map((x) => formatMoney(x.total, x.currency)).join(', ') || DASH
const BILLING_COLUMNS: ReadonlyArray<TableColumn<BillingData>> = [
  {
    id: 'date',
    header: 'Date',
    text: (b) => `${formatDate(b.date)}${b.simulated ? ' forecast' : ''}`,
    cell: (b) => <ForecastDate date={b.date} simulated={b.simulated} />,
    sortValue: (b) => dateSort(b.date),
    csv: [{ header: 'Date', value: (b) => b.date }],
    width: FORECAST_DATE_WIDTH
  },
  {
    id: 'billingUnit',
    header: 'Billing business unit',
    text: (b) => b.billingBusinessUnit?.name ?? DASH,
    sortValue: (b) => b.billingBusinessUnit?.name,
    csv: [{ header: 'Billing business unit', value: (b) => b.billingBusinessUnit?.name }],
    width: 200,
    grow: true
  },
  {
    id: 'totals',
    header: 'Total',
    text: billingTotals,
    csv: [{ header: 'Totals', value: (b) => b.summary.map((x) => `${x.total} ${x.currency}`).join('; ') }],
    align: 'end',
    width: 160
  },
  {
    id: 'invoices',
    header: 'Invoices',
    text: (b) => String(b.invoices.length),
    sortValue: (b) => b.invoices.length,
    csv: [
      { header: 'Invoices', value: (b) => b.invoices.length },
      { header: 'Simulated', value: (b) => yesNo(b.simulated) }
    ],
    align: 'end',
    width: 88
  }
]
const BILLING_CSV = csvColumnsOf(BILLING_COLUMNS)
const billingKey = (b: BillingData): string => b.date

function subscriptionColumns(contractCurrency: string | undefined): ReadonlyArray<TableColumn<ContractSubscription>> {
  return [
    { id: 'name', header: 'Subscription', text: (x) => x.name, sortValue: (x) => x.name, width: 200 },
    { id: 'since', header: 'Since', text: (x) => formatDate(x.billingStartDate), sortValue: (x) => dateSort(x.billingStartDate), width: 120 },
    {
      id: 'components',
      header: 'Components',
      text: (x) =>
        x.components.map((k) => `${k.name}${k.unitPrice !== undefined ? ` (${formatMoney(k.unitPrice, x.currency?.code ?? contractCurrency)})` : ''}`).join(', ') || DASH,
      // The least it takes before the table scrolls sideways: a window 1000 px wide with the
      // sidebar hidden leaves the three columns 633 px.
      width: 240,
      grow: true
    }
  ]
}
const subscriptionKey = (x: ContractSubscription): string => `${x.name}-${x.billingStartDate ?? ''}`

function InvoiceLines({
  connectionId,
  businessUnitId,
  invoice,
  unitName,
  contractDiscountPercent,
  onLinesRead
}: {
  connectionId: string
  businessUnitId: number
  invoice: Invoice
  unitName: string
  contractDiscountPercent: number | undefined
  onLinesRead: (date: string, count: number) => void
}): ReactNode {
  const full = useLoadable(() => call('cloutility.invoice', { connectionId, businessUnitId, date: invoice.date }), `${connectionId}/${businessUnitId}/${invoice.date}`)
  const shown = full.value ?? invoice
  const lines = shown.lines ?? []
  const readCount = full.value?.lines?.length
  useEffect(() => {
    if (readCount !== undefined) onLinesRead(invoice.date, readCount)
  }, [invoice.date, readCount, onLinesRead])
  const currency = shown.currency ?? invoice.currency
  const totals = invoiceTotals({ ...shown, total: shown.total ?? invoice.total }, contractDiscountPercent)
  const columns = useMemo(() => lineColumns(currency), [currency])
  const csv = useMemo(() => csvColumnsOf(columns), [columns])
  return (
    <LoadGate loading={full.loading && !invoice.lines} error={full.error} onRetry={full.reload}>
      <div className="toolbar">
        <strong>Lines of the invoice of {formatDate(invoice.date)}</strong>
        <span className="spacer" />
        <CsvExport rows={lines} columns={csv} name={['invoice-lines', unitName, invoice.date]} />
      </div>
      <DataTable
        tableId="cloutility.invoice-lines"
        rows={lines}
        columns={columns}
        rowKey={lineKey}
        label={`Lines of the invoice of ${invoice.date}`}
        emptyText="No lines."
        footer={
          totals && lines.length > 0 ? (
            <DocumentTotalRows
              totals={totals}
              currency={currency}
              labelColumns={4}
              discount={{
                label: `Discount ${
                  totals.discountPercent === undefined
                    ? '(not given by Cloutility)'
                    : `${formatPercent(totals.discountPercent)}${totals.discountSource === 'contract' ? ' (from the contract)' : ''}`
                }`
              }}
            />
          ) : undefined
        }
      />
      <TotalDifferenceNote totals={totals} currency={currency} provider="Cloutility" checkIn="the invoice in the Cloutility portal" />
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
  const fields = useFieldProblems()
  // What is wrong with the chosen file, in words, or null when it can be sent.
  const fileProblem = async (file: File | undefined): Promise<string | null> => {
    if (!file) return 'Choose a PDF file.'
    if (!/\.pdf$/i.test(file.name)) return 'The file must be a .pdf.'
    if (file.size > INVOICE_FILE_MAX_BYTES) return `The file is ${formatBytes(file.size)}; at most ${formatBytes(INVOICE_FILE_MAX_BYTES)} is accepted.`
    const head = new Uint8Array(await file.slice(0, 5).arrayBuffer())
    if (String.fromCharCode(...head) !== '%PDF-') return 'This is not a PDF file (it does not start with %PDF).'
    return null
  }
  const sendFile = async () => {
    setDone(null)
    const file = fileRef.current?.files?.[0]
    const problem = await fileProblem(file)
    if (problem || !file) {
      fields.setProblems({ file: problem ?? 'Choose a PDF file.' })
      return
    }
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
  }
  const upload = useAction(async () => {
    try {
      await sendFile()
    } catch (err) {
      if (fields.fromError(err)) return
      throw err
    }
  })
  // Main names the file by its name or its content; both are the file field here.
  const fileMessage = fields.problems['file'] ?? fields.problems['fileName'] ?? fields.problems['contentBase64']
  return (
    <form
      className="panel"
      aria-labelledby={`${id}-upload`}
      onSubmit={(e) => {
        e.preventDefault()
        void upload.run()
      }}
      noValidate
    >
      <h3 id={`${id}-upload`}>Upload an invoice PDF</h3>
      <FormField label={`PDF file (at most ${formatBytes(INVOICE_FILE_MAX_BYTES)})`} id={`${id}-file`} problem={fileMessage}>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept="application/pdf,.pdf"
          onChange={() => {
            fields.setProblems({})
            upload.setError(null)
          }}
        />
      </FormField>
      <FormField label="ERP reference (optional)" id={`${id}-erp`} problem={fields.problems['erpReference']}>
        <input
          id={`${id}-erp`}
          value={erp}
          onChange={(e) => {
            setErp(e.target.value)
            fields.clear('erpReference')
          }}
          maxLength={100}
        />
      </FormField>
      <label className="check" htmlFor={`${id}-send`}>
        <input id={`${id}-send`} type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} /> Send it to the billing address
      </label>
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      <FormActions busy={upload.busy} label="Upload" busyLabel="Uploading…" error={upload.error} />
    </form>
  )
}

// The most months ahead the form asks Cloutility to forecast.
const MAX_FORECAST_MONTHS = 24

/** What is wrong with the typed number of forecast months; none while the field is empty (being typed). */
function forecastMonthsProblem(text: string): string | undefined {
  const t = text.trim()
  if (t === '') return undefined
  if (!/^\d+$/.test(t) || Number(t) > MAX_FORECAST_MONTHS) return `Enter a whole number of months from 0 to ${MAX_FORECAST_MONTHS}.`
  return undefined
}

/** "Quarterly (every 3 months)"; a one-month cycle needs no gloss ("Monthly", never "(1 months)"). */
function billingCycleText(cycle: { name: string; months?: number }): string {
  const months = cycle.months
  if (months === undefined || months <= 1) return cycle.name
  return `${cycle.name} (every ${formatNumber(months)} months)`
}

export function BillingView({ connectionId, businessUnitId, unitName }: { connectionId: string; businessUnitId: number; unitName: string }): ReactNode {
  const id = useId()
  const key = `${connectionId}/${businessUnitId}`
  const contract = useLoadable(() => call('cloutility.contract', { connectionId, businessUnitId }), key)
  const invoices = useLoadable(() => call('cloutility.invoices', { connectionId, businessUnitId }), key)
  const files = useLoadable(() => call('cloutility.invoiceFiles.list', { connectionId, businessUnitId }), key)
  const [includeNext, setIncludeNext] = useState(1)
  const [forecastText, setForecastText] = useState('1')
  const forecastProblem = forecastMonthsProblem(forecastText)
  const editForecast = (text: string) => {
    setForecastText(text)
    if (text.trim() !== '' && !forecastMonthsProblem(text)) setIncludeNext(Number(text))
  }
  const billing = useLoadable(() => call('cloutility.billing', { connectionId, businessUnitId, includeNext }), `${key}/${includeNext}`)
  const [openInvoice, setOpenInvoice] = useState<string | null>(null)
  // Kept with the unit they were read for: another unit's invoices have the same dates.
  const [read, setRead] = useState<{ unit: string; counts: LineCounts }>({ unit: key, counts: {} })
  const lineCounts = read.unit === key ? read.counts : NO_COUNTS
  const c = contract.value
  const toggleInvoice = useCallback((date: string) => setOpenInvoice((open) => (open === date ? null : date)), [])
  const linesRead = useCallback(
    (date: string, count: number) =>
      setRead((cur) => {
        const counts = cur.unit === key ? cur.counts : NO_COUNTS
        return counts[date] === count && cur.unit === key ? cur : { unit: key, counts: { ...counts, [date]: count } }
      }),
    [key]
  )
  const invoiceCols = useMemo(() => invoiceColumns(openInvoice, toggleInvoice, lineCounts), [openInvoice, toggleInvoice, lineCounts])
  const invoiceCsv = useMemo(() => csvColumnsOf(invoiceCols), [invoiceCols])
  const contractCurrency = c?.currency?.code
  const subscriptions = useMemo(() => subscriptionColumns(contractCurrency), [contractCurrency])

  return (
    <div className="billing">
      <section className="panel" aria-labelledby={`${id}-contract`}>
        <h2 id={`${id}-contract`}>Contract</h2>
        <LoadGate loading={contract.loading} error={contract.error} onRetry={contract.reload}>
          {c === null ? (
            <p className="muted">This business unit has no contract of its own.</p>
          ) : c ? (
            // The facts, then the subscriptions under a heading of their own, a section apart.
            <div className="stack">
              <dl className="facts">
                <Fact label="Billing start">{formatDate(c.billingStartDate)}</Fact>
                <Fact label="Billing end">{c.billingEndDate ? formatDate(c.billingEndDate) : 'open'}</Fact>
                <Fact label="Billing cycle">{c.billingCycle ? billingCycleText(c.billingCycle) : undefined}</Fact>
                <Fact label="Payment terms">{c.paymentTerms?.name}</Fact>
                <Fact label="Currency">{c.currency ? `${c.currency.code}${c.currency.name ? ` — ${c.currency.name}` : ''}` : undefined}</Fact>
                <Fact label="Discount">{c.discountPercent !== undefined ? formatPercent(c.discountPercent) : undefined}</Fact>
                <Fact label="ERP reference" code>{c.erpReference}</Fact>
                <Fact label="Prepaid consumption">{c.prepayConsumption === undefined ? undefined : c.prepayConsumption ? 'yes' : 'no'}</Fact>
              </dl>
              <section aria-labelledby={`${id}-subscriptions`}>
                <h3 id={`${id}-subscriptions`}>Subscriptions</h3>
                <DataTable
                  tableId="cloutility.subscriptions"
                  rows={c.subscriptions}
                  columns={subscriptions}
                  rowKey={subscriptionKey}
                  label="Subscriptions"
                  emptyText="This contract has no subscriptions."
                />
              </section>
            </div>
          ) : null}
        </LoadGate>
      </section>

      <section className="panel" aria-labelledby={`${id}-invoices`}>
        <div className="toolbar">
          <h2 id={`${id}-invoices`} className="inline-heading">
            Invoices
          </h2>
          <span className="spacer" />
          <CsvExport rows={invoices.value ?? []} columns={invoiceCsv} name={['invoices', unitName]} />
        </div>
        <LoadGate loading={invoices.loading} error={invoices.error} onRetry={invoices.reload}>
          <DataTable
            tableId="cloutility.invoices"
            rows={invoices.value ?? []}
            columns={invoiceCols}
            rowKey={invoiceKey}
            label="Invoices"
            selectedKey={openInvoice ?? undefined}
            emptyText="No invoices."
          />
          {openInvoice && (() => {
            const inv = invoices.value?.find((i) => i.date === openInvoice)
            return inv ? (
              <InvoiceLines connectionId={connectionId} businessUnitId={businessUnitId} invoice={inv} unitName={unitName} contractDiscountPercent={c?.discountPercent} onLinesRead={linesRead} />
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
        {/* The list, then the upload form a section's space under it. */}
        <div className="stack">
          <LoadGate loading={files.loading} error={files.error} onRetry={files.reload}>
            <DataTable
              tableId="cloutility.invoice-files"
              rows={files.value ?? []}
              columns={FILE_COLUMNS}
              rowKey={fileKey}
              label="Invoice files"
              emptyText="No invoice files."
            />
          </LoadGate>
          <UploadForm connectionId={connectionId} businessUnitId={businessUnitId} onUploaded={files.reload} />
        </div>
      </section>

      <section className="panel" aria-labelledby={`${id}-billing`}>
        <div className="toolbar">
          <h2 id={`${id}-billing`} className="inline-heading">
            Billing data
          </h2>
          <div className="inline-field">
            <label htmlFor={`${id}-next`}>Forecast months</label>
            <input
              id={`${id}-next`}
              inputMode="numeric"
              value={forecastText}
              onChange={(e) => editForecast(e.target.value)}
              // Left empty, the field goes back to the months shown.
              onBlur={() => {
                if (forecastText.trim() === '') setForecastText(String(includeNext))
              }}
              {...fieldAria(`${id}-next`, forecastProblem)}
            />
          </div>
          <span className="spacer" />
          <CsvExport rows={billing.value ?? []} columns={BILLING_CSV} name={['billing', unitName]} />
          <FieldProblem fieldId={`${id}-next`} problem={forecastProblem} />
        </div>
        <LoadGate loading={billing.loading} error={billing.error} onRetry={billing.reload}>
          <DataTable
            tableId="cloutility.billing-data"
            rows={billing.value ?? []}
            columns={BILLING_COLUMNS}
            rowKey={billingKey}
            label="Billing data"
            emptyText="No billing data: this unit does not resell."
          />
        </LoadGate>
      </section>
    </div>
  )
}
