import { describe, expect, it } from 'vitest'
import { isAcceptablePassphrase, passwordStrength } from '../../../src/shared/password-strength'

describe('passwordStrength', () => {
  it.each(['', 'abc', 'password', 'Password123!', 'qwertyuiop123', 'aaaaaaaaaaaaaaa', 'abcabcabcabcabc', 'P@ssw0rd2024', '1234567890'])(
    'rates %j as weak (score < 2) with hints',
    (pass) => {
      const result = passwordStrength(pass)
      expect(result.score).toBeLessThan(2)
      expect(result.hints.length).toBeGreaterThan(0)
      expect(isAcceptablePassphrase(pass)).toBe(false)
    }
  )

  it.each(['correct horse battery staple', 'amber-tractor-violin-42', 'Gx7#pQ2!vL9zR4', 'quiet-lemon-harbor-77'])('rates %j as acceptable', (pass) => {
    const result = passwordStrength(pass)
    expect(result.score).toBeGreaterThanOrEqual(2)
    expect(isAcceptablePassphrase(pass)).toBe(true)
  })

  it('never rates anything under 10 characters acceptable', () => {
    expect(passwordStrength('Xq9#vL2!p').score).toBeLessThan(2)
  })

  it('scores grow with length of unrelated words', () => {
    const a = passwordStrength('violin tractor').bits
    const b = passwordStrength('violin tractor amber harbor').bits
    expect(b).toBeGreaterThan(a)
    expect(passwordStrength('violin tractor amber harbor lemon').score).toBe(4)
  })
})
