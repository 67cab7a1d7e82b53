import type { Router } from '../http/router'
import { boolQuery, intQuery, queryParam } from '../http/request'
import { header, json, type SimRequest } from '../http/types'
import { DAY_MS, dayNumber, hash32, iso } from '../random'
import type { CloutilityContext } from './context'
import type { BusinessUnitRecord, InvoiceFileRecord } from './data'
import { apiError } from './errors'
import { storageMegaBytes } from './jobs'

// Contract, invoices, invoice files and billing data. Money is computed from the same derived
// storage numbers the reports show, so invoices grow with the fleet.

const HISTORY_MONTHS = 12
const PRICE_PER_GB = 1.2
const PRICE_PER_NODE = 45
const CURRENCY = { name: 'Swedish krona', code: 'SEK', symbol: 'kr', displayName: 'SEK', longDisplayName: 'Swedish krona (SEK)' }

/** A contract's discount (%): the contract and its invoices read the same one. */
function discountOf(seed: number, bu: BusinessUnitRecord): number {
  return hash32(seed, 'contract', bu.id) % 3 === 0 ? 10 : 0
}

/** Money in whole cents, as an invoice line's amount is. */
function money(value: number): number {
  return Math.round(value * 100) / 100
}

function ymd(ms: number): string {
  return iso(ms).slice(0, 10)
}

/** Invoice date of the month containing `ms` for a given invoiceDay (0 = last day of month). */
function invoiceDateOfMonth(year: number, month: number, invoiceDay: number): number {
  if (invoiceDay === 0) return Date.UTC(year, month + 1, 0)
  return Date.UTC(year, month, Math.min(invoiceDay, 28))
}

/** Past invoice dates (newest first) and, with `next`, future ones (oldest first). */
function invoiceDates(bu: BusinessUnitRecord, nowMs: number, past: number, next: number): { past: number[]; future: number[] } {
  const now = new Date(nowMs)
  const pastDates: number[] = []
  const futureDates: number[] = []
  for (let i = -past - 1; i <= next + 1; i++) {
    const d = invoiceDateOfMonth(now.getUTCFullYear(), now.getUTCMonth() + i, bu.invoiceDay)
    if (d < bu.createdMs) continue
    if (d <= nowMs) pastDates.push(d)
    else futureDates.push(d)
  }
  return { past: pastDates.reverse().slice(0, past), future: futureDates.slice(0, next) }
}

export function registerBillingRoutes(router: Router, ctx: CloutilityContext): void {
  const { data } = ctx

  /** Usage of a business unit subtree on a date: active nodes and stored GB. */
  const usage = (bu: BusinessUnitRecord, atMs: number) => {
    let nodes = 0
    let megaBytes = 0
    const day = dayNumber(atMs)
    for (const id of ctx.subtreeIds(bu)) {
      const b = data.businessUnits.get(id)
      if (!b) continue
      for (const cid of b.consumerIds) {
        const c = data.consumers.get(cid)
        if (!c?.node?.activatedMs || c.node.activatedMs > atMs) continue
        nodes++
        megaBytes += storageMegaBytes(data, c, Math.min(day, dayNumber(ctx.now())))
      }
    }
    return { nodes, gigaBytes: Math.round((megaBytes / 1024) * 100) / 100 }
  }

  const invoiceHref = (req: SimRequest, bu: BusinessUnitRecord, dateMs: number) => `${req.baseUrl}/v1/bunits/${bu.id}/invoices/${ymd(dateMs)}`

  const invoice = (req: SimRequest, bu: BusinessUnitRecord, dateMs: number, full: boolean) => {
    const u = usage(bu, dateMs)
    const monthStart = Date.UTC(new Date(dateMs).getUTCFullYear(), new Date(dateMs).getUTCMonth(), 1)
    const discount = discountOf(data.seed, bu)
    const lines = [
      { subscription: { name: 'Backup as a Service' }, product: { name: 'Backup storage (GB)', inherited: bu.level !== 'provider', inheritable: true, method: 'Average', replicationType: 'None', inheritedProductCode: 'BAAS-STORAGE' }, startDate: iso(monthStart), endDate: iso(dateMs), unitPrice: PRICE_PER_GB, quantity: u.gigaBytes, note: '', id: bu.id * 1000 + 1, createdDate: iso(dateMs) },
      { subscription: { name: 'Backup as a Service' }, product: { name: 'Backup node', inherited: bu.level !== 'provider', inheritable: true, method: 'Max', replicationType: 'None', inheritedProductCode: 'BAAS-NODE' }, startDate: iso(monthStart), endDate: iso(dateMs), unitPrice: PRICE_PER_NODE, quantity: u.nodes, note: '', id: bu.id * 1000 + 2, createdDate: iso(dateMs) }
    ]
    // The total is the lines' amounts (each in cents) less the contract's discount.
    const subtotal = money(lines.reduce((sum, l) => sum + money(l.unitPrice * l.quantity), 0))
    const total = money(subtotal - money((subtotal * discount) / 100))
    const base = {
      href: invoiceHref(req, bu, dateMs),
      invoiceDate: iso(dateMs),
      payingBusinessUnit: { href: `${req.baseUrl}/v1/bunits/${bu.id}`, id: bu.id, name: bu.name },
      currency: CURRENCY.code,
      total,
      simulated: dateMs > ctx.now(),
      id: bu.id * 100_000 + dayNumber(dateMs) % 100_000,
      createdDate: iso(dateMs)
    }
    return full ? { ...base, billingData: { href: `${req.baseUrl}/v1/bunits/${bu.id}/billing/${ymd(dateMs)}` }, discount, lines } : base
  }

  const requireContract = (bu: BusinessUnitRecord) => {
    if (!bu.hasContract) throw apiError(404, 'No contract.', `Business unit ${bu.id} has no contract.`)
  }

  const parseDateParam = (raw: string | undefined) => {
    if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) throw apiError(400, `'${raw ?? ''}' is not a date in YYYY-MM-DD format.`)
    return Date.parse(raw)
  }

  router.get('/v1/bunits/:bu/contract', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    if (!bu.hasContract) return { status: 204 } // "returns nothing if the BU has no contract"
    const h = hash32(data.seed, 'contract', bu.id)
    return json(200, {
      href: `${req.baseUrl}/v1/bunits/${bu.id}/contract`,
      billingStartDate: iso(bu.createdMs - (bu.createdMs % DAY_MS) + DAY_MS),
      billingEndDate: null,
      agreedLegalTerms: true,
      ean: '',
      eanRequisitionNumber: '',
      eanContactNumber: '',
      erpReference: `ERP-${10000 + (h % 90000)}`,
      optionalErpReference: '',
      discount: discountOf(data.seed, bu),
      byCalendar: true,
      prepayConsumption: false,
      useCpuMultiplier: false,
      billingCycle: { id: 1, name: 'Monthly', months: 1 },
      paymentTerms: { name: '30 days net', code: 'N30' },
      currency: CURRENCY,
      subscriptions: [
        {
          billingStartDate: iso(bu.createdMs),
          name: 'Backup as a Service',
          currency: CURRENCY,
          contractCount: 1,
          components: [
            { name: 'Backup storage (GB)', unitPrice: PRICE_PER_GB, method: 'Average' },
            { name: 'Backup node', unitPrice: PRICE_PER_NODE, method: 'Max' }
          ]
        }
      ],
      referrals: [],
      id: bu.id,
      createdDate: iso(bu.createdMs)
    })
  })

  router.get('/v1/bunits/:bu/contract/exceptions', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    requireContract(bu)
    return json(200, { href: `${req.baseUrl}/v1/bunits/${bu.id}/contract/exceptions`, total: 0, offset: 0, first: `${req.baseUrl}/v1/bunits/${bu.id}/contract/exceptions`, items: [] })
  })

  router.get('/v1/bunits/:bu/invoices', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const dates = bu.hasContract ? invoiceDates(bu, ctx.now(), HISTORY_MONTHS, 0).past : []
    const items = dates.map((d) => invoice(req, bu, d, false))
    return json(200, { href: `${req.baseUrl}/v1/bunits/${bu.id}/invoices`, total: items.length, offset: 0, first: `${req.baseUrl}/v1/bunits/${bu.id}/invoices`, items })
  })

  router.get('/v1/bunits/:bu/invoices/:date', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const dateMs = parseDateParam(req.params.date)
    requireContract(bu)
    const { past } = invoiceDates(bu, ctx.now(), HISTORY_MONTHS, 0)
    // A future date is simulated (help page); a past one must be a real invoice date.
    if (dateMs <= ctx.now() && !past.includes(dateMs)) throw apiError(404, 'Invoice not found.', `No invoice dated ${req.params.date}.`)
    return json(200, invoice(req, bu, dateMs, true))
  })

  // --- invoice files --------------------------------------------------------------------------
  const fileItem = (req: SimRequest, f: InvoiceFileRecord) => ({
    href: `${req.baseUrl}/v1/bunits/${f.buId}/invoicefiles/${f.id}`,
    fileName: f.fileName,
    erpReference: f.erpReference,
    sendToBillingAddress: f.sendToBillingAddress,
    sizeBytes: f.sizeBytes,
    id: f.id,
    createdDate: iso(f.createdMs)
  })

  router.get('/v1/bunits/:bu/invoicefiles', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const seeded: InvoiceFileRecord[] = bu.hasContract
      ? invoiceDates(bu, data.anchorMs, 2, 0).past.map((d, i) => ({ id: 500_000 + bu.id * 10 + i, buId: bu.id, fileName: `invoice-${ymd(d)}.pdf`, erpReference: '', sendToBillingAddress: false, sizeBytes: 48_000 + (hash32(bu.id, i) % 20_000), createdMs: d + DAY_MS }))
      : []
    const items = [...seeded, ...data.invoiceFiles.filter((f) => f.buId === bu.id)].map((f) => fileItem(req, f))
    return json(200, { href: `${req.baseUrl}/v1/bunits/${bu.id}/invoicefiles`, total: items.length, offset: 0, first: `${req.baseUrl}/v1/bunits/${bu.id}/invoicefiles`, items })
  })

  router.post('/v1/bunits/:bu/invoicefiles', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const sendToBillingAddress = boolQuery(req, 'sendToBillingAddress', false)
    const erpReference = queryParam(req, 'erpReference') ?? ''
    const pdf = extractPdf(req)
    const file: InvoiceFileRecord = { id: data.nextIds.invoiceFile++, buId: bu.id, fileName: pdf.fileName, erpReference, sendToBillingAddress, sizeBytes: pdf.bytes.length, createdMs: ctx.now() }
    data.invoiceFiles.push(file)
    ctx.audit(100, `Invoice file '${file.fileName}' uploaded`, bu.id, null, s)
    return json(200, fileItem(req, file))
  })

  // --- billing data ---------------------------------------------------------------------------
  const billingData = (req: SimRequest, bu: BusinessUnitRecord, dateMs: number) => {
    const children = bu.childIds.map((id) => data.businessUnits.get(id)).filter((b): b is BusinessUnitRecord => !!b)
    const invoices = [bu, ...children].filter((b) => b.hasContract || b === bu).map((b) => invoice(req, b, dateMs, false))
    const total = Math.round(invoices.reduce((sum, i) => sum + i.total, 0) * 100) / 100
    return {
      href: `${req.baseUrl}/v1/bunits/${bu.id}/billing/${ymd(dateMs)}`,
      invoiceDateStr: ymd(dateMs),
      summary: [{ currency: CURRENCY.code, total }],
      billingBusinessUnit: { href: `${req.baseUrl}/v1/bunits/${bu.id}`, id: bu.id, name: bu.name },
      invoiceDate: iso(dateMs),
      simulated: dateMs > ctx.now(),
      invoices,
      id: bu.id * 100_000 + dayNumber(dateMs) % 100_000,
      createdDate: iso(dateMs)
    }
  }

  router.get('/v1/bunits/:bu/billing', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const next = intQuery(req, 'includeNext', 0, 0, 24)
    const { past, future } = invoiceDates(bu, ctx.now(), HISTORY_MONTHS, next)
    const items = [...future.reverse(), ...past].map((d) => billingData(req, bu, d))
    return json(200, { href: `${req.baseUrl}/v1/bunits/${bu.id}/billing`, total: items.length, offset: 0, first: `${req.baseUrl}/v1/bunits/${bu.id}/billing`, items })
  })

  router.get('/v1/bunits/:bu/billing/:date', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const dateMs = parseDateParam(req.params.date)
    boolQuery(req, 'useForecasting', false)
    const { past } = invoiceDates(bu, ctx.now(), HISTORY_MONTHS, 0)
    if (dateMs <= ctx.now() && !past.includes(dateMs)) throw apiError(404, 'Billing data not found.', `No billing data dated ${req.params.date}.`)
    return json(200, billingData(req, bu, dateMs))
  })
}

/** A PDF from the body: raw application/pdf, or the first PDF part of multipart/form-data. */
function extractPdf(req: SimRequest): { fileName: string; bytes: Buffer } {
  const type = (header(req, 'content-type') ?? '').toLowerCase()
  const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-'
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(header(req, 'content-type') ?? '')?.[1]
    if (!boundary) throw apiError(400, 'multipart/form-data without a boundary.')
    const delimiter = Buffer.from(`--${boundary}`)
    let pos = req.body.indexOf(delimiter)
    while (pos >= 0) {
      const next = req.body.indexOf(delimiter, pos + delimiter.length)
      if (next < 0) break
      const part = req.body.subarray(pos + delimiter.length, next)
      const headerEnd = part.indexOf('\r\n\r\n')
      if (headerEnd >= 0) {
        const headers = part.subarray(0, headerEnd).toString('utf8')
        let content = part.subarray(headerEnd + 4)
        if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2)
        const fileName = /filename="([^"]*)"/i.exec(headers)?.[1]
        if (fileName !== undefined || /content-type:\s*application\/pdf/i.test(headers)) {
          if (!isPdf(content)) throw apiError(400, 'Only PDF invoice files are accepted.', 'The uploaded file is not a PDF (missing %PDF- header).')
          return { fileName: fileName || 'invoice.pdf', bytes: content }
        }
      }
      pos = next
    }
    throw apiError(400, 'No file found in the multipart body.')
  }
  if (type.startsWith('application/pdf') || type.startsWith('application/octet-stream') || type === '') {
    if (!req.body.length) throw apiError(400, 'An invoice file is required.')
    if (!isPdf(req.body)) throw apiError(400, 'Only PDF invoice files are accepted.', 'The uploaded file is not a PDF (missing %PDF- header).')
    const name = /filename="?([^";]+)"?/i.exec(header(req, 'content-disposition') ?? '')?.[1]
    return { fileName: name ?? 'invoice.pdf', bytes: req.body }
  }
  throw apiError(400, 'Only PDF invoice files are accepted.', `Unsupported Content-Type '${type}'; send application/pdf or multipart/form-data.`)
}
