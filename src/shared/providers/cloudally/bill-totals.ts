// How a CloudAlly bill's lines, discount and total relate. CloudAlly sends every amount as text
// ("12.50") and the discount in percent; the bill's total is the lines less that discount, so the
// lines alone never add up to it. Money is compared in whole cents.

import type { CloudAllyBill } from './model'

export interface BillTotals {
  /** Sum of the lines' totals. */
  linesTotal: number
  /** The bill's discount in percent, when it gives a non-zero one. */
  discountPercent?: number
  discountAmount?: number
  /** The lines less the discount. */
  expectedTotal: number
  /** The total as CloudAlly gave it. */
  total?: number
  /** total − expectedTotal, when they differ by a cent or more. */
  difference?: number
}

const cents = (value: number): number => Math.round(value * 100)

/** A number written as text, or undefined (empty, or not a number). */
function amount(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** undefined when a line's total is not a number: a sum of what can be read would be a wrong figure. */
export function billTotals(bill: CloudAllyBill): BillTotals | undefined {
  let linesCents = 0
  for (const line of bill.lines) {
    const total = amount(line.total)
    if (total === undefined) return undefined
    linesCents += cents(total)
  }
  const discountPercent = amount(bill.discount)
  const discountCents = discountPercent ? Math.round((linesCents * discountPercent) / 100) : 0
  const out: BillTotals = { linesTotal: linesCents / 100, expectedTotal: (linesCents - discountCents) / 100 }
  if (discountPercent) {
    out.discountPercent = discountPercent
    out.discountAmount = discountCents / 100
  }
  const total = amount(bill.total)
  if (total !== undefined) {
    out.total = total
    if (cents(total) !== linesCents - discountCents) out.difference = (cents(total) - (linesCents - discountCents)) / 100
  }
  return out
}
