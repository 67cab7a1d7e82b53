import type { ReactNode } from 'react'
import { DASH, formatMoney } from '../../../shared/format'

// An invoice's or a bill's closing rows (sum of the lines, discount, total) and the note when the
// provider's total is not the lines less the discount: Cloutility's invoices and CloudAlly's bills
// read the same way, each provider's totals worked out in its shared `*-totals.ts`.

/** The amounts both providers' totals give. */
export interface DocumentTotalsValue {
  linesTotal: number
  discountAmount?: number
  expectedTotal?: number
  /** As the provider gave it. */
  total?: number
  /** total − expectedTotal, when they differ by a cent or more. */
  difference?: number
}

/**
 * The table footer's rows, the labels spanning the columns before the amount. `discount` absent:
 * no discount row; its `amount` absent: the row says the amount is not known.
 */
export function DocumentTotalRows({
  totals,
  currency,
  labelColumns,
  discount
}: {
  totals: DocumentTotalsValue
  currency?: string
  labelColumns: number
  discount?: { label: ReactNode }
}): ReactNode {
  const row = (label: ReactNode, amount: ReactNode) => (
    <tr>
      <th scope="row" colSpan={labelColumns}>
        {label}
      </th>
      <td className="num">{amount}</td>
    </tr>
  )
  return (
    <>
      {row('Sum of the lines', formatMoney(totals.linesTotal, currency))}
      {discount && row(discount.label, totals.discountAmount === undefined ? DASH : formatMoney(-totals.discountAmount, currency))}
      {row('Total', formatMoney(totals.total ?? totals.expectedTotal, currency))}
    </>
  )
}

/** Says by how much the provider's total differs from the lines less the discount, and where to check it. */
export function TotalDifferenceNote({ totals, currency, provider, checkIn }: { totals: DocumentTotalsValue | undefined; currency?: string; provider: string; checkIn: string }): ReactNode {
  if (totals?.difference === undefined) return null
  return (
    <p className="banner banner-warn" role="note">
      {provider}’s total ({formatMoney(totals.total, currency)}) is {formatMoney(Math.abs(totals.difference), currency)} {totals.difference > 0 ? 'more' : 'less'} than
      the lines less the discount ({formatMoney(totals.expectedTotal, currency)}). The total is shown as {provider} gives it; check {checkIn} before passing it on.
    </p>
  )
}
