// How an invoice's lines, discount and total relate. Cloutility documents an invoice as its lines
// (unit price × quantity) and a contract with a discount in percent; a total, where the answer
// carries one, should be the lines less that discount. Money is compared in whole cents.

import type { Invoice } from './model'

export interface InvoiceTotals {
  /** Sum of the lines' amounts. */
  linesTotal: number
  /** The invoice's own discount, else the contract's; undefined when neither is known. */
  discountPercent?: number
  discountSource?: 'invoice' | 'contract'
  discountAmount?: number
  /** The lines less the discount. */
  expectedTotal?: number
  /** The total as Cloutility gave it. */
  total?: number
  /** total − expectedTotal, when both are known and differ by a cent or more. */
  difference?: number
}

const cents = (value: number): number => Math.round(value * 100)

/** undefined while the invoice's lines are not known (a list answer). */
export function invoiceTotals(invoice: Invoice, contractDiscountPercent?: number): InvoiceTotals | undefined {
  if (!invoice.lines) return undefined
  const linesCents = invoice.lines.reduce((sum, l) => sum + cents(l.amount ?? 0), 0)
  const discountPercent = invoice.discountPercent ?? contractDiscountPercent
  const out: InvoiceTotals = { linesTotal: linesCents / 100 }
  if (discountPercent !== undefined) {
    const discountCents = Math.round((linesCents * discountPercent) / 100)
    out.discountPercent = discountPercent
    out.discountSource = invoice.discountPercent !== undefined ? 'invoice' : 'contract'
    out.discountAmount = discountCents / 100
    out.expectedTotal = (linesCents - discountCents) / 100
  }
  if (invoice.total !== undefined) {
    out.total = invoice.total
    if (out.expectedTotal !== undefined && cents(invoice.total) !== cents(out.expectedTotal)) out.difference = (cents(invoice.total) - cents(out.expectedTotal)) / 100
  }
  return out
}
