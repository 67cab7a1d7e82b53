import type { ReactNode } from 'react'
import type { VaultStatus } from '../../../../shared/contract/vault.contract'
import { formatNumber } from '../../../../shared/format'
import { useStore } from '../../store'

/** 131072 → "2^17" (scrypt's N is a power of two); anything else as a plain number. */
function costExponent(n: number, locale?: string): string {
  const exponent = Math.log2(n)
  return Number.isInteger(exponent) ? `2^${exponent}` : formatNumber(n, locale)
}

/** What the last passphrase check cost on this computer, in words. */
export function unlockCostText(cost: NonNullable<VaultStatus['unlockCost']>, locale?: string): string {
  const seconds = formatNumber(cost.ms / 1000, locale, cost.ms < 10_000 ? 1 : 0)
  const { N, r, p } = cost.kdf
  return `Checking your passphrase took ${seconds} s on this computer (scrypt, N = ${costExponent(N, locale)}, r = ${r}, p = ${p}).`
}

/**
 * The unlock cost on this computer. A vault made or strengthened on a faster machine keeps its
 * parameters here, so this is where a technician sees what they cost on the slower one.
 */
export function UnlockCost(): ReactNode {
  const cost = useStore((s) => s.vault.value?.unlockCost)
  if (!cost) return null
  return (
    <p className="field-hint" data-testid="unlock-cost">
      {unlockCostText(cost)} That cost is what slows down anyone guessing it, and each unlock; a slower computer takes
      longer.
    </p>
  )
}
