import { describe, expect, it } from 'vitest'
import type { CloudAllyBill } from '../../../../src/shared/providers/cloudally/model'
import { billTotals } from '../../../../src/shared/providers/cloudally/bill-totals'

const bill = (over: Partial<CloudAllyBill>): CloudAllyBill => ({ lines: [{ total: '0.10' }, { total: '0.20' }], ...over })

describe('billTotals', () => {
  it('sums the lines in cents and takes the bill’s discount off them', () => {
    expect(billTotals(bill({ discount: '10', total: '0.27' }))).toEqual({ linesTotal: 0.3, discountPercent: 10, discountAmount: 0.03, expectedTotal: 0.27, total: 0.27 })
  })

  it('a bill without a discount (absent, empty or zero) totals its lines', () => {
    for (const discount of [undefined, '', '0']) expect(billTotals(bill({ ...(discount === undefined ? {} : { discount }), total: '0.30' }))).toEqual({ linesTotal: 0.3, expectedTotal: 0.3, total: 0.3 })
  })

  it('tells how far CloudAlly’s total is from the lines less the discount', () => {
    expect(billTotals(bill({ discount: '10', total: '0.30' }))?.difference).toBe(0.03)
  })

  it('gives no figures when a line’s total is not a number', () => {
    expect(billTotals(bill({ lines: [{ total: '0.10' }, { total: 'n/a' }] }))).toBeUndefined()
    expect(billTotals(bill({ lines: [{ total: '0.10' }, {}] }))).toBeUndefined()
  })
})
