import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoToMs } from '../../src/shared/iso-time'

describe('isoToMs', () => {
  it('reads canonical timestamps as Date.parse does', () => {
    expect(isoToMs('2026-12-01T18:14:05.123Z')).toBe(Date.parse('2026-12-01T18:14:05.123Z'))
    expect(isoToMs('1970-01-01T00:00:00.000Z')).toBe(0)
  })

  it('answers NaN for what is not a date, like Date.parse', () => {
    for (const s of ['', 'yesterday', '2026-13-01T00:00:00.000Z', '2026-12-01T18:14:05.12xZ', '2026-12-01T25:00:00.000Z']) {
      expect(isoToMs(s)).toBeNaN()
      expect(Date.parse(s)).toBeNaN()
    }
  })

  it('leaves the edge cases to Date.parse (24:00, two-digit years, other shapes)', () => {
    for (const s of ['2026-01-01T24:00:00.000Z', '0050-06-01T00:00:00.000Z', '2026-12-01T18:14:05Z', '2026-12-01T18:14:05.123+01:00', '2026-12-01']) {
      expect(isoToMs(s)).toBe(Date.parse(s))
    }
  })

  it('agrees with Date.parse on every string in the canonical shape, in range or not', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'))
    const shaped = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two, fc.integer({ min: 0, max: 999 }))
      .map(([y, mo, d, h, mi, s, ms]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`)
    fc.assert(
      fc.property(fc.oneof(shaped, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), (s) => {
        expect(Object.is(isoToMs(s), Date.parse(s))).toBe(true)
      }),
      { numRuns: 5000 }
    )
  })

  it('agrees with Date.parse where a digit is replaced by another character', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.nat(23), fc.string({ minLength: 1, maxLength: 1 }), (d, at, c) => {
        const iso = d.toISOString()
        const s = iso.slice(0, at) + c + iso.slice(at + 1)
        expect(Object.is(isoToMs(s), Date.parse(s))).toBe(true)
      }),
      { numRuns: 5000 }
    )
  })
})
