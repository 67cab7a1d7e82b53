import { describe, expect, it } from 'vitest'
import { invoiceTotals } from '../../../../src/shared/providers/cloutility/invoice-totals'
import type { Invoice } from '../../../../src/shared/providers/cloutility/model'

const lines: Invoice['lines'] = [
  { product: 'Backup storage (GB)', unitPrice: 1.2, quantity: 1234.56, amount: 1481.47 },
  { product: 'Backup node', unitPrice: 45, quantity: 12, amount: 540 }
]

describe('invoice totals', () => {
  it('are unknown while the lines are (a list answer)', () => {
    expect(invoiceTotals({ date: '2026-10-31', total: 100 })).toBeUndefined()
  })

  it('take the invoice discount first, else the contract one, and agree with a matching total', () => {
    expect(invoiceTotals({ date: '2026-10-31', lines, total: 1819.32, discountPercent: 10 }, 0)).toEqual({
      linesTotal: 2021.47,
      discountPercent: 10,
      discountSource: 'invoice',
      discountAmount: 202.15,
      expectedTotal: 1819.32,
      total: 1819.32
    })
    expect(invoiceTotals({ date: '2026-10-31', lines, total: 2021.47 }, 0)).toMatchObject({ discountSource: 'contract', discountAmount: 0, expectedTotal: 2021.47 })
  })

  it('say by how much a total differs from the lines less the discount', () => {
    expect(invoiceTotals({ date: '2026-10-31', lines, total: 1819.32 }, 0)?.difference).toBe(-202.15)
    // Without a known discount nothing can be compared.
    expect(invoiceTotals({ date: '2026-10-31', lines, total: 1819.32 })).toEqual({ linesTotal: 2021.47, total: 1819.32 })
  })
})
