import { describe, expect, it } from 'vitest'
import { rowRange, tooFastToRead } from '../../../src/renderer/src/components/use-row-window'

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
})

describe('tooFastToRead (a fling is drawn when it slows down)', () => {
  it('is a row crossing the view in under a tenth of a second, within one gesture', () => {
    // 540 px of view: 5,400 px a second is the line.
    expect(tooFastToRead(240, 16, 540)).toBe(true) // 15,000 px/s
    expect(tooFastToRead(-240, 16, 540)).toBe(true) // either way
    expect(tooFastToRead(66, 16, 540)).toBe(false) // a quick wheel: 4,100 px/s
    expect(tooFastToRead(540, 100, 540)).toBe(false) // after a pause: a new gesture
    expect(tooFastToRead(100, 0, 540)).toBe(true) // two events in one frame
    expect(tooFastToRead(0, 0, 540)).toBe(false)
  })
})
