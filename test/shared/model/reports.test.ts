import { describe, expect, it } from 'vitest'
import { percentText, percentValue } from '../../../src/shared/model/reports'

describe('success rate in percent', () => {
  it('rounds to the nearest tenth, half up', () => {
    expect(percentValue(29, 30)).toBe(96.7)
    expect(percentText(29, 30)).toBe('96.7 %')
    expect(percentValue(2, 3)).toBe(66.7)
    expect(percentValue(1, 3)).toBe(33.3)
    // Exactly half a tenth: 0.05 % and 12.25 % go up, whatever their binary fractions are.
    expect(percentValue(1, 2000)).toBe(0.1)
    expect(percentValue(49, 400)).toBe(12.3)
    expect(percentValue(1, 8)).toBe(12.5)
    // Just under half a tenth goes down.
    expect(percentValue(1244, 10_000)).toBe(12.4)
  })

  it('reads 100 % only for a clean record and 0 % only for no success', () => {
    expect(percentText(30, 30)).toBe('100.0 %')
    expect(percentValue(9_999, 10_000)).toBe(99.9)
    expect(percentValue(19_999, 20_000)).toBe(99.9)
    expect(percentValue(0, 30)).toBe(0)
    expect(percentValue(1, 100_000)).toBe(0.1)
  })

  it('has no rate when nothing was attempted', () => {
    expect(percentValue(0, 0)).toBeUndefined()
    expect(percentText(0, 0)).toBe('—')
  })
})
