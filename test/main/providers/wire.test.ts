// The wire-guard kit: one meaning per guard for every provider's answers.

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { arr, bool, defined, extraScalars, int, isoDate, mapEach, num, rec, str, text } from '../../../src/main/core/providers/wire'

describe('wire guards', () => {
  it('reads dates as ISO UTC and drops .NET zero dates', () => {
    expect(isoDate('2023-07-09T15:10:20.133Z')).toBe('2023-07-09T15:10:20.133Z')
    expect(isoDate('2023-07-09T15:10:20')).toBe('2023-07-09T15:10:20.000Z')
    expect(isoDate('2023-07-09T17:10:20+02:00')).toBe('2023-07-09T15:10:20.000Z')
    expect(isoDate('0001-01-01T00:00:00Z')).toBeUndefined()
    expect(isoDate('yesterday')).toBeUndefined()
    // Canonical-looking but out of range: refused (month 13) or normalised (24:00 is the next day).
    expect(isoDate('2023-13-09T15:10:20.133Z')).toBeUndefined()
    expect(isoDate('2023-07-09T24:00:00.000Z')).toBe('2023-07-10T00:00:00.000Z')
    expect(isoDate(12)).toBeUndefined()
  })

  it('reads compact dates (yyyymmdd, yyyymmddhhmmss) as numbers or strings', () => {
    expect(isoDate(20230330202812)).toBe('2023-03-30T20:28:12.000Z')
    expect(isoDate('20210311')).toBe('2021-03-11T00:00:00.000Z')
    expect(isoDate(' 20210311 ')).toBe('2021-03-11T00:00:00.000Z')
    expect(isoDate(Number.NaN)).toBeUndefined()
    expect(isoDate(null)).toBeUndefined()
  })

  it('gives one meaning to each scalar guard', () => {
    expect(str('')).toBeUndefined()
    expect(str(7)).toBeUndefined()
    expect(str('a')).toBe('a')
    expect(text(7)).toBe('7')
    expect(text('')).toBeUndefined()
    expect(text(Number.POSITIVE_INFINITY)).toBeUndefined()
    expect(num(' 3.5 ')).toBe(3.5)
    expect(num('')).toBeUndefined()
    expect(int('3.5')).toBeUndefined()
    expect(int('4')).toBe(4)
    expect(bool('True')).toBe(true)
    expect(bool('FALSE')).toBe(false)
    expect(bool('yes')).toBeUndefined()
    expect(rec([1])).toEqual({})
    expect(arr([1, null, undefined, 2])).toEqual([1, 2])
    expect(mapEach([1, 2, 3], (n: number) => (n === 2 ? undefined : n * 10))).toEqual([10, 30])
  })

  it('drops undefined fields without touching the rest, and keeps only unknown scalars as extras', () => {
    expect(Object.keys(defined({ a: 1, b: undefined, c: null }))).toEqual(['a', 'c'])
    expect(extraScalars({ id: 1, name: 'x', n: 2, o: {}, z: null }, new Set(['id']))).toEqual({ name: 'x', n: 2, z: null })
  })

  it('never throws on any JSON and returns the guarded type', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.object()), (v) => {
        const s = str(v)
        expect(s === undefined || (typeof s === 'string' && s !== '')).toBe(true)
        const t = text(v)
        expect(t === undefined || typeof t === 'string').toBe(true)
        const n = num(v)
        expect(n === undefined || Number.isFinite(n)).toBe(true)
        const d = isoDate(v)
        expect(d === undefined || !Number.isNaN(Date.parse(d))).toBe(true)
        expect(Array.isArray(arr(v))).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})
