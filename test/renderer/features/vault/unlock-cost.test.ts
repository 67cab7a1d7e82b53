import { describe, expect, it } from 'vitest'
import { unlockCostText } from '../../../../src/renderer/src/features/vault/UnlockCost'

describe('unlock cost in words', () => {
  it('gives seconds with one decimal and N as a power of two', () => {
    expect(unlockCostText({ ms: 705, kdf: { N: 131072, r: 8, p: 1 } }, 'en-US')).toBe(
      'Checking your passphrase took 0.7 s on this computer (scrypt, N = 2^17, r = 8, p = 1).'
    )
  })
  it('rounds long costs to whole seconds and shows an N that is no power of two as a number', () => {
    expect(unlockCostText({ ms: 12_345, kdf: { N: 3000, r: 8, p: 2 } }, 'en-US')).toMatch(/took 12 s .*N = 3,000, r = 8, p = 2/)
  })
})
