// A real vault (cheap KDF) and the key source the stores of customer metadata take from it.
import { vaultKeys, type VaultKeys } from '../../../src/main/core/storage/vault-keys'
import type { VaultService } from '../../../src/main/core/vault/vault.service'
import { openVault, PASS } from '../vault/helpers'

export interface KeyedVaultHandle {
  vault: VaultService
  keys: VaultKeys
  unlock(): Promise<void>
}

/** The vault in `dir`, locked (or uninitialized); `unlock()` sets it up first when needed. */
export async function vaultIn(dir: string): Promise<KeyedVaultHandle> {
  const { vault } = await openVault(dir)
  return {
    vault,
    keys: vaultKeys(vault),
    async unlock() {
      if (vault.state === 'uninitialized') await vault.setup(PASS)
      else await vault.unlock({ passphrase: PASS })
    }
  }
}
