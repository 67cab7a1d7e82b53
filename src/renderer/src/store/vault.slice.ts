import type { StateCreator } from 'zustand'
import type { VaultStatus } from '../../../shared/contract/vault.contract'
import { call } from '../api'
import type { AppState } from './index'
import { failed, latestReader, notLoaded, received, type Loadable } from './resource'

export interface VaultSlice {
  /** The vault's state; `error` also says why the last lock failed. */
  vault: Loadable<VaultStatus>
  /** Reads the state again (`vault.state`); one read at a time. */
  refreshVault(): Promise<void>
  /** An unlock, setup or reset answered with the new state. */
  setVault(status: VaultStatus): void
  /** Main moved the idle lock (`vault.autoLock`, or a `vault.touch` answer). */
  setAutoLockAt(autoLockAt: string | null): void
  lockVault(): Promise<void>
}

/** The vault's state, undefined until main first answered. */
export const selectVaultState = (s: AppState): VaultStatus['state'] | undefined => s.vault.value?.state

export const createVaultSlice: StateCreator<AppState, [], [], VaultSlice> = (set, get) => ({
  vault: notLoaded(),
  refreshVault: latestReader({ read: () => get().vault, write: (vault) => set({ vault }) }, () => call('vault.status')),
  setVault: (vault) => set((s) => ({ vault: received(s.vault, vault) })),
  setAutoLockAt: (autoLockAt) =>
    set((s) => {
      const vault = s.vault.value
      return vault?.state === 'unlocked' ? { vault: { ...s.vault, value: { ...vault, autoLockAt } } } : {}
    }),
  async lockVault() {
    try {
      get().setVault(await call('vault.lock'))
    } catch (error) {
      set((s) => ({ vault: failed(s.vault, error) }))
    }
  }
})
