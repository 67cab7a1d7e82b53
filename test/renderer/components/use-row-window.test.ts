import { describe, expect, it } from 'vitest'
import { rowRange, windowSlots } from '../../../src/renderer/src/components/use-row-window'

describe('rowRange (fixed-height row window)', () => {
  it('renders the rows in view plus the overscan on each side', () => {
    // 600 px at 30 px a row: 20 rows in view, +1 for a partly shown row.
    expect(rowRange(10_000, 30, 3, { top: 0, height: 600 })).toEqual({ start: 0, end: 24 })
    expect(rowRange(10_000, 30, 3, { top: 3000, height: 600 })).toEqual({ start: 97, end: 124 })
    expect(rowRange(10_000, 30, 3, { top: 3015, height: 600 })).toEqual({ start: 97, end: 124 })
  })

  it('never leaves the list, and clamps a scroll position the list no longer has', () => {
    expect(rowRange(10, 30, 3, { top: 0, height: 600 })).toEqual({ start: 0, end: 10 })
    expect(rowRange(0, 30, 3, { top: 500, height: 600 })).toEqual({ start: 0, end: 0 })
    // Was scrolled far down a long list; the list is now 100 rows (3,000 px): the last screenful.
    expect(rowRange(100, 30, 3, { top: 250_000, height: 600 })).toEqual({ start: 77, end: 100 })
    expect(rowRange(100, 30, 3, { top: -40, height: 600 })).toEqual({ start: 0, end: 24 })
  })

  it('a view shorter than one row still shows a row', () => {
    expect(rowRange(50, 30, 0, { top: 0, height: 0 })).toEqual({ start: 0, end: 2 })
  })

  it('never returns more rows than the window has slots, wherever the view is', () => {
    for (const height of [0, 29, 30, 600, 615]) {
      const slots = windowSlots(30, 3, height)
      for (let top = -30; top < 3_200; top += 7) {
        const { start, end } = rowRange(100, 30, 3, { top, height })
        expect(end - start).toBeLessThanOrEqual(slots)
      }
    }
  })
})
