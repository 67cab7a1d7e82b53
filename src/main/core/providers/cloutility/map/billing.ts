// Contracts, invoices, invoice files and billing data, wire → domain.

import type { BillingData, Contract, Invoice, InvoiceFile, InvoiceLine } from '../../../../../shared/providers/cloutility/model'
import type { WireBillingData, WireContract, WireInvoice, WireInvoiceFile, WireInvoiceLine, WireObject } from '../dto'
import { arr, bool, defined, int, isObject, isoDate, num, str } from '../../wire'
import { idName, ref } from './common'

function currency(w: unknown): Contract['currency'] {
  if (typeof w === 'string') return w ? { code: w } : undefined
  if (!isObject(w)) return undefined
  const code = str(w.code) ?? str(w.name)
  return code ? defined({ code, name: str(w.name), symbol: str(w.symbol) }) : undefined
}

export function toContract(w: unknown): Contract | null {
  if (!isObject(w)) return null
  const c = w as WireContract
  const cycle = ref(c.billingCycle)
  const terms = isObject(c.paymentTerms) ? c.paymentTerms : undefined
  return defined({
    id: int(c.id),
    billingStartDate: isoDate(c.billingStartDate),
    billingEndDate: isoDate(c.billingEndDate),
    erpReference: str(c.erpReference),
    optionalErpReference: str(c.optionalErpReference),
    discountPercent: num(c.discount),
    billingCycle: cycle && str(cycle.name) ? defined({ name: str(cycle.name) as string, months: int((cycle as WireObject).months) }) : undefined,
    paymentTerms: terms && str(terms.name) ? defined({ name: str(terms.name) as string, code: str(terms.code) }) : undefined,
    currency: currency(c.currency),
    prepayConsumption: bool(c.prepayConsumption),
    agreedLegalTerms: bool(c.agreedLegalTerms),
    subscriptions: arr(c.subscriptions).map((s) =>
      defined({
        name: str(s.name) ?? '',
        billingStartDate: isoDate(s.billingStartDate),
        currency: currency(s.currency),
        components: arr(s.components).map((x) => defined({ name: str(x.name) ?? '', unitPrice: num(x.unitPrice), method: str(x.method) }))
      })
    )
  })
}

function toInvoiceLine(w: WireInvoiceLine): InvoiceLine | undefined {
  if (!isObject(w)) return undefined
  const product = isObject(w.product) ? w.product : {}
  const unitPrice = num(w.unitPrice)
  const quantity = num(w.quantity)
  return defined({
    id: int(w.id),
    subscription: str(isObject(w.subscription) ? w.subscription.name : undefined),
    product: str(product.name) ?? '',
    productCode: str(product.inheritedProductCode),
    method: str(product.method),
    startDate: isoDate(w.startDate),
    endDate: isoDate(w.endDate),
    unitPrice,
    quantity,
    amount: unitPrice !== undefined && quantity !== undefined ? Math.round(unitPrice * quantity * 100) / 100 : undefined,
    note: str(w.note)
  })
}

/** YYYY-MM-DD of an invoice: from its href (documented), else its date. */
function invoiceDateKey(href: unknown, date: unknown): string {
  if (typeof href === 'string') {
    const m = /\/(\d{4}-\d{2}-\d{2})(?:[/?#]|$)/.exec(href)
    if (m?.[1]) return m[1]
  }
  return isoDate(date)?.slice(0, 10) ?? ''
}

export function toInvoice(w: WireInvoice): Invoice | undefined {
  if (!isObject(w)) return undefined
  const payer = idName(w.payingBusinessUnit)
  return defined({
    id: int(w.id),
    date: invoiceDateKey(w.href, w.invoiceDate),
    payingBusinessUnit: payer,
    currency: currency(w.currency)?.code,
    total: num(w.total),
    discountPercent: num(w.discount),
    simulated: bool(w.simulated),
    // A list answers invoices without lines: absent stays absent, so no screen says "0 lines".
    lines: Array.isArray(w.lines) ? arr<WireInvoiceLine>(w.lines).map(toInvoiceLine).filter((l): l is InvoiceLine => !!l) : undefined
  })
}

export function toInvoiceFile(w: WireInvoiceFile): InvoiceFile | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return defined({
    id,
    fileName: str(w.fileName) ?? str(w.name),
    erpReference: str(w.erpReference),
    sendToBillingAddress: bool(w.sendToBillingAddress),
    sizeBytes: int(w.sizeBytes),
    createdDate: isoDate(w.createdDate)
  })
}

export function toBillingData(w: WireBillingData): BillingData | undefined {
  if (!isObject(w)) return undefined
  return defined({
    id: int(w.id),
    date: str(w.invoiceDateStr)?.slice(0, 10) ?? invoiceDateKey(w.href, w.invoiceDate),
    billingBusinessUnit: idName(w.billingBusinessUnit),
    summary: arr(w.summary)
      .map((s) => ({ currency: str(s.currency) ?? '', total: num(s.total) ?? 0 }))
      .filter((s) => s.currency !== '' || s.total !== 0),
    simulated: bool(w.simulated),
    invoices: arr<WireInvoice>(w.invoices).map(toInvoice).filter((i): i is Invoice => !!i)
  })
}
