import { afterEach, describe, expect, it } from 'vitest'
import { openConfStore } from '../../../src/main/core/vault/prefs'
import { FREE_ATTEMPTS, MAX_DELAY_MS, throttleDelayMs } from '../../../src/main/core/vault/throttle'
import { cleanupDirs, openVault, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

describe('wrong-passphrase throttling', () => {
  it('has no delay for the first attempts, then doubles, capped', () => {
    for (let f = 0; f < FREE_ATTEMPTS; f++) expect(throttleDelayMs(f)).toBe(0)
    expect(throttleDelayMs(3)).toBe(1000)
    expect(throttleDelayMs(4)).toBe(2000)
    expect(throttleDelayMs(5)).toBe(4000)
    expect(throttleDelayMs(40)).toBe(MAX_DELAY_MS)
  })

  it('answers THROTTLED with retry-after after 3 failures, persists across restarts, and resets on success', async () => {
    const dir = tmpDir()
    let clock = 1_000_000
    const now = () => clock
    const setup = await openVault(dir, { prefs: openConfStore(dir), now })
    await setup.vault.setup(PASS)
    setup.vault.dispose()

    const { vault } = await openVault(dir, { prefs: openConfStore(dir), now })
    for (let i = 1; i <= 3; i++) {
      await expect(vault.unlock({ passphrase: `wrong-passphrase-${i}` })).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
        details: { failures: i }
      })
    }
    // Even the right passphrase is not tried while throttled.
    await expect(vault.unlock({ passphrase: PASS })).rejects.toMatchObject({
      code: 'THROTTLED',
      retryable: true,
      details: { retryAfterMs: 1000, failures: 3 }
    })
    clock += 1000
    await expect(vault.unlock({ passphrase: 'wrong-passphrase-4' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    clock += 1500
    const status = await vault.status()
    expect(status.throttle).toEqual({ failures: 4, retryAfterMs: 500 })

    // A restart does not reset the counter: it lives in <dataDir>/vault-prefs.json.
    vault.dispose()
    const restarted = await openVault(dir, { prefs: openConfStore(dir), now })
    await expect(restarted.vault.unlock({ passphrase: PASS })).rejects.toMatchObject({
      code: 'THROTTLED',
      details: { retryAfterMs: 500 }
    })
    clock += 500
    await restarted.vault.unlock({ passphrase: PASS })
    expect(restarted.vault.state).toBe('unlocked')
    expect((await restarted.vault.status()).throttle).toBeUndefined()
    restarted.vault.lock()
    await expect(restarted.vault.unlock({ passphrase: 'wrong-again-1' })).rejects.toMatchObject({ details: { failures: 1 } })
  })

  it('a wrong current passphrase in changePassphrase counts too', async () => {
    let clock = 0
    const { vault } = await openVault(tmpDir(), { now: () => clock })
    await vault.setup(PASS)
    for (let i = 0; i < 3; i++) {
      await expect(vault.changePassphrase('not-my-passphrase', 'brand-new-phrase-99')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    }
    await expect(vault.changePassphrase(PASS, 'brand-new-phrase-99')).rejects.toMatchObject({ code: 'THROTTLED' })
    clock += 1000
    await expect(vault.changePassphrase(PASS, 'brand-new-phrase-99')).resolves.toEqual({ changed: true })
  })

  it('a wrong master passphrase before an export counts in the same counter as unlock', async () => {
    let clock = 0
    const { vault } = await openVault(tmpDir(), { now: () => clock })
    await vault.setup(PASS)
    for (let i = 1; i <= 2; i++) {
      await expect(vault.confirmPassphrase(`not-my-passphrase-${i}`)).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
        details: { failures: i, retryAfterMs: 0 }
      })
    }
    vault.lock()
    expect((await vault.status()).throttle).toEqual({ failures: 2, retryAfterMs: 0 })
    await expect(vault.unlock({ passphrase: 'not-my-passphrase-3' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      details: { failures: 3, retryAfterMs: 1000 }
    })
    clock += 1000
    await vault.unlock({ passphrase: PASS })
    for (let i = 1; i <= 3; i++) await expect(vault.confirmPassphrase('still-not-it')).rejects.toMatchObject({ details: { failures: i } })
    // Throttled: even the right passphrase is not tried, at export as at unlock.
    await expect(vault.confirmPassphrase(PASS)).rejects.toMatchObject({ code: 'THROTTLED', details: { retryAfterMs: 1000, failures: 3 } })
    clock += 1000
    await expect(vault.confirmPassphrase(PASS)).resolves.toBeUndefined()
    vault.lock()
    expect((await vault.status()).throttle).toBeUndefined()
  })

  it('a clock set backwards never extends the wait beyond the delay', async () => {
    let clock = 10_000_000
    const { vault } = await openVault(tmpDir(), { now: () => clock })
    await vault.setup(PASS)
    vault.lock()
    for (let i = 0; i < 3; i++) await vault.unlock({ passphrase: 'nope-nope-nope' }).catch(() => undefined)
    clock -= 5_000_000
    expect((await vault.status()).throttle?.retryAfterMs).toBeLessThanOrEqual(1000)
  })
})
