import { act } from '@testing-library/react'
import { onTestFinished } from 'vitest'
import { useStore } from '../../src/renderer/src/store'
import { notLoaded, received } from '../../src/renderer/src/store/resource'
import type { VaultStatus } from '../../src/shared/contract/vault.contract'

const vaultIn = (state: VaultStatus['state']): VaultStatus => ({ state, vaultFile: '/data/vault.json', backupFile: null, deviceUnlock: false, deviceUnlockSupported: false })

/** The store's vault as main reports it when open; put back to not loaded when the test ends. */
export function startUnlocked(): void {
  useStore.setState({ vault: received(notLoaded(), vaultIn('unlocked')) })
  onTestFinished(() => useStore.setState({ vault: notLoaded() }))
}

/** The vault's status event of a lock (idle, OS lock, or the technician's own). */
export function lockVault(): void {
  act(() => useStore.getState().setVault(vaultIn('locked')))
}

export function unlockVault(): void {
  act(() => useStore.getState().setVault(vaultIn('unlocked')))
}
