import type { StateCreator } from 'zustand'
import type { VaultStatus } from '../../../shared/contract/vault.contract'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

export interface VaultSlice {
  vault: VaultStatus | null
  vaultError: string | null
  refreshVault(): Promise<void>
  setVault(status: VaultStatus): void
  /** Main moved the idle lock (`vault.autoLock`, or a `vault.touch` answer). */
  setAutoLockAt(autoLockAt: string | null): void
  lockVault(): Promise<void>
}

export const createVaultSlice: StateCreator<AppState, [], [], VaultSlice> = (set) => ({
  vault: null,
  vaultError: null,
  async refreshVault() {
    try {
      set({ vault: await call('vault.status'), vaultError: null })
    } catch (error) {
      set({ vaultError: errorMessage(error) })
    }
  },
  setVault: (vault) => set({ vault, vaultError: null }),
  setAutoLockAt: (autoLockAt) => set((s) => (s.vault && s.vault.state === 'unlocked' ? { vault: { ...s.vault, autoLockAt } } : {})),
  async lockVault() {
    try {
      set({ vault: await call('vault.lock') })
    } catch (error) {
      set({ vaultError: errorMessage(error) })
    }
  }
})
