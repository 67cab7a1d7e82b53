import { describe, expect, it } from 'vitest'
import type { VaultStatus } from '../../../src/shared/contract/vault.contract'
import { createAppStore, selectVaultState } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const vault = (state: VaultStatus['state'], autoLockAt?: string): VaultStatus =>
  ({ state, vaultFile: '/v', backupFile: null, ...(autoLockAt ? { autoLockAt } : {}) }) as unknown as VaultStatus

describe('vault slice', () => {
  it('has no state until main answers, then the one it read', async () => {
    const answer = deferred<VaultStatus>()
    installFakeBridge({ 'vault.status': () => answer.promise })
    const store = createAppStore()
    expect(selectVaultState(store.getState())).toBeUndefined()
    const loading = store.getState().refreshVault()
    expect(store.getState().vault.loading).toBe(true)
    answer.resolve(vault('locked'))
    await loading
    expect(selectVaultState(store.getState())).toBe('locked')
    expect(store.getState().vault.loadedAt).toBeDefined()
  })

  it('keeps the state when a lock fails and says why; an unlock answer clears the reason', async () => {
    installFakeBridge({
      'vault.lock': () => {
        throw new MainError({ code: 'INTERNAL', message: 'The vault could not be locked.', retryable: true })
      }
    })
    const store = createAppStore()
    store.getState().setVault(vault('unlocked', '2026-03-04T10:15:00Z'))
    await store.getState().lockVault()
    expect(store.getState().vault).toMatchObject({ value: { state: 'unlocked' }, error: 'The vault could not be locked.' })
    store.getState().setVault(vault('unlocked'))
    expect(store.getState().vault.error).toBeUndefined()
  })

  it('moves the idle lock of an unlocked vault only, without changing when the state was read', () => {
    const store = createAppStore()
    store.getState().setVault(vault('unlocked', '2026-03-04T10:15:00Z'))
    const loadedAt = store.getState().vault.loadedAt
    store.getState().setAutoLockAt('2026-03-04T10:40:00Z')
    expect(store.getState().vault).toMatchObject({ value: { autoLockAt: '2026-03-04T10:40:00Z' }, loadedAt })
    store.getState().setVault(vault('locked'))
    store.getState().setAutoLockAt('2026-03-04T11:00:00Z')
    expect(store.getState().vault.value).toEqual(vault('locked'))
  })

  it('reads once at a time, once more for asks made during a read', async () => {
    const answers = [deferred<VaultStatus>(), deferred<VaultStatus>()]
    const bridge = installFakeBridge({ 'vault.status': () => answers[bridge!.callsTo('vault.status').length - 1]!.promise })
    const store = createAppStore()
    const reads = [store.getState().refreshVault(), store.getState().refreshVault(), store.getState().refreshVault()]
    expect(bridge.callsTo('vault.status')).toHaveLength(1)
    answers[0]!.resolve(vault('locked'))
    answers[1]!.resolve(vault('unlocked'))
    await Promise.all(reads)
    expect(bridge.callsTo('vault.status')).toHaveLength(2)
    expect(selectVaultState(store.getState())).toBe('unlocked')
  })
})
