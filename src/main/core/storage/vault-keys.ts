// What the stores of customer metadata need from the vault: a key per purpose, derived from the
// vault's data key (LOCKED while locked), and the moments the vault locks and unlocks.

import type { VaultReason, VaultState } from '../../../shared/contract/vault.contract'

export interface VaultKeys {
  /** 32 bytes for `purpose`; the same vault always gives the same key. Throws LOCKED while locked. */
  deriveKey(purpose: string): Buffer
  /** Called when the vault stops being unlocked. Answers an unsubscribe. */
  onLock(listener: () => void): () => void
  /** Called each time the vault is unlocked (or set up). Answers an unsubscribe. */
  onUnlock(listener: () => void): () => void
  /** Called when the vault is reset: what was sealed under its keys can never be opened again. */
  onReset(listener: () => void): () => void
}

/** The slice of VaultService this needs (kept narrow so tests can pass a real vault). */
export interface KeyedVault {
  deriveKey(purpose: string): Buffer
  onLock(listener: (reason: VaultReason) => void): () => void
  onStateChange(listener: (state: VaultState, reason: VaultReason | undefined) => void): () => void
}

export function vaultKeys(vault: KeyedVault): VaultKeys {
  return {
    deriveKey: (purpose) => vault.deriveKey(purpose),
    onLock: (listener) => vault.onLock(() => listener()),
    onUnlock: (listener) =>
      vault.onStateChange((state) => {
        if (state === 'unlocked') listener()
      }),
    onReset: (listener) =>
      vault.onStateChange((state, reason) => {
        if (state === 'uninitialized' && reason === 'reset') listener()
      })
  }
}
