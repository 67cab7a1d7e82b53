import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { canTransition, TRANSITIONS, VaultStateMachine } from '../../../src/main/core/vault/state'
import { cleanupDirs, FAST_KDF, fakeKeychain, openVault, OTHER_PASS, PASS, tmpDir } from './helpers'

afterEach(() => {
  vi.useRealTimers()
  cleanupDirs()
})

describe('state machine table', () => {
  it('allows the documented transitions and nothing else', () => {
    expect(canTransition('uninitialized', 'unlocked')).toBe(true)
    expect(canTransition('locked', 'unlocked')).toBe(true)
    expect(canTransition('unlocked', 'locked')).toBe(true)
    expect(canTransition('corrupt', 'locked')).toBe(true)
    expect(canTransition('corrupt', 'unlocked')).toBe(false) // must restore or reset first
    expect(canTransition('uninitialized', 'locked')).toBe(false)
    for (const from of Object.keys(TRANSITIONS) as Array<keyof typeof TRANSITIONS>) {
      if (from !== 'uninitialized') expect(canTransition(from, 'uninitialized')).toBe(true) // reset
    }
    const m = new VaultStateMachine('corrupt')
    expect(() => m.to('unlocked')).toThrow(/Illegal/)
  })
})

describe('life cycle', () => {
  it('reports what checking the passphrase cost here while unlocked, with the parameters of the file', async () => {
    const dir = tmpDir()
    const { vault } = await openVault(dir)
    await vault.setup(PASS)
    const afterSetup = (await vault.status()).unlockCost
    expect(afterSetup?.kdf).toEqual({ N: FAST_KDF.N, r: FAST_KDF.r, p: FAST_KDF.p })
    expect(afterSetup?.ms).toBeGreaterThanOrEqual(0)
    vault.lock('user')
    expect((await vault.status()).unlockCost).toBeUndefined()
    await expect(vault.unlock({ passphrase: OTHER_PASS })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    await vault.unlock({ passphrase: PASS })
    expect((await vault.status()).unlockCost?.kdf).toEqual({ N: FAST_KDF.N, r: FAST_KDF.r, p: FAST_KDF.p })
    // The cost is for the parameters the file had when checked: stronger defaults raise the file
    // on this unlock, and the next unlock reports what the raised parameters cost.
    vault.lock('user')
    const strong = { N: FAST_KDF.N * 2, r: FAST_KDF.r, p: FAST_KDF.p }
    const reopened = await openVault(dir, { kdf: strong })
    await reopened.vault.unlock({ passphrase: PASS })
    expect((await reopened.vault.status()).unlockCost?.kdf).toEqual(FAST_KDF)
    reopened.vault.lock('user')
    await reopened.vault.unlock({ passphrase: PASS })
    expect((await reopened.vault.status()).unlockCost?.kdf).toEqual(strong)
  })

  it('setup → unlocked → lock → locked → unlock, with events, lock listeners and secrets dropped', async () => {
    const dir = tmpDir()
    const { vault, secrets, seen } = await openVault(dir)
    expect(vault.state).toBe('uninitialized')
    expect(() => vault.requireUnlocked()).toThrow(expect.objectContaining({ code: 'LOCKED' }))
    await vault.setup(PASS)
    expect(vault.state).toBe('unlocked')
    await vault.update((p) => {
      p.nodeCredentials.push({ connectionId: 'x', nodeId: 'n', nodeName: 'N', password: 'node-secret-123', capturedAt: 'now' })
    })
    expect(secrets.redactText('x node-secret-123 y')).toBe('x [redacted] y')
    const locks: string[] = []
    vault.onLock((reason) => locks.push(reason))
    vault.lock('user')
    expect(vault.state).toBe('locked')
    expect(locks).toEqual(['user'])
    expect(secrets.size).toBe(0)
    expect(() => vault.read(() => 1)).toThrow(expect.objectContaining({ code: 'LOCKED' }))
    // No reference to the payload or key survives.
    const internals = vault as unknown as { payload: unknown; dataKey: unknown }
    expect(internals.payload).toBeNull()
    expect(internals.dataKey).toBeNull()
    await vault.unlock({ passphrase: PASS })
    expect(vault.read((p) => p.nodeCredentials.length)).toBe(1)
    expect(seen.filter((e) => e.topic === 'vault.state').map((e) => e.payload)).toEqual([
      { state: 'unlocked', reason: 'setup' },
      { state: 'locked', reason: 'user' },
      { state: 'unlocked', reason: 'unlock' }
    ])
  })

  it('zeroes the data key buffer it owned on lock', async () => {
    const { vault } = await openVault(tmpDir())
    await vault.setup(PASS)
    const key = (vault as unknown as { dataKey: Buffer }).dataKey
    expect(key.some((b) => b !== 0)).toBe(true)
    vault.lock()
    expect(key.every((b) => b === 0)).toBe(true)
  })

  it('refuses weak or short passphrases at setup with strength hints', async () => {
    const { vault } = await openVault(tmpDir())
    await expect(vault.setup('short')).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(vault.setup('password123')).rejects.toMatchObject({ code: 'VALIDATION', details: { hints: expect.any(Array) } })
    await expect(vault.setup('aaaaaaaaaaaaaaaa')).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(vault.state).toBe('uninitialized')
  })

  it('setup twice is a conflict; unlock with no vault is NOT_FOUND', async () => {
    const { vault } = await openVault(tmpDir())
    await expect(vault.unlock({ passphrase: PASS })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await vault.setup(PASS)
    vault.lock()
    await expect(vault.setup(PASS)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('changes the passphrase: verifies the old one, re-wraps the same data', async () => {
    const dir = tmpDir()
    const { vault } = await openVault(dir)
    await vault.setup(PASS)
    await vault.update((p) => void (p.settings.autoLockMinutes = 7))
    await expect(vault.changePassphrase('wrong-passphrase-here', OTHER_PASS)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    await expect(vault.changePassphrase(PASS, 'weak')).rejects.toMatchObject({ code: 'VALIDATION' })
    await vault.changePassphrase(PASS, OTHER_PASS)
    vault.dispose()
    const again = await openVault(dir)
    await expect(again.vault.unlock({ passphrase: PASS })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    await again.vault.unlock({ passphrase: OTHER_PASS })
    expect(again.vault.read((p) => p.settings.autoLockMinutes)).toBe(7)
  })

  it('a lock that arrives while unlocking wins', async () => {
    const dir = tmpDir()
    const first = await openVault(dir)
    await first.vault.setup(PASS)
    first.vault.dispose()
    const { vault } = await openVault(dir)
    const pending = vault.unlock({ passphrase: PASS })
    vault.lockNow('suspend')
    await expect(pending).rejects.toMatchObject({ code: 'LOCKED' })
    expect(vault.state).toBe('locked')
  })

  it('remembers on this device through the OS keychain, and refuses when there is none', async () => {
    const dir = tmpDir()
    const keychain = fakeKeychain(true)
    const { vault } = await openVault(dir, { keychain })
    await vault.setup(PASS)
    expect(vault.getSettings()).toMatchObject({ rememberOnDevice: false, deviceUnlockSupported: true })
    await vault.setSettings({ rememberOnDevice: true })
    vault.lock()
    expect((await vault.status()).deviceUnlock).toBe(true)
    await vault.unlock({ useDevice: true })
    expect(vault.state).toBe('unlocked')
    vault.lock()
    // Another device (different keychain key) cannot use it; nor can a basic_text backend.
    const elsewhere = await openVault(dir, { keychain: fakeKeychain(true) })
    await expect(elsewhere.vault.unlock({ useDevice: true })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' })
    keychain.available = false
    const basic = await openVault(dir, { keychain })
    expect((await basic.vault.status()).deviceUnlock).toBe(false)
    await expect(basic.vault.unlock({ useDevice: true })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' })
    await basic.vault.unlock({ passphrase: PASS })
    await expect(basic.vault.setSettings({ rememberOnDevice: true })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' })
    await basic.vault.setSettings({ rememberOnDevice: false })
    expect(basic.vault.getSettings().rememberOnDevice).toBe(false)
  })
})

describe('auto-lock (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    // The top of a minute: a test that moves a few seconds must not cross a minute boundary the
    // real clock happened to be near.
    vi.setSystemTime(new Date('2026-03-02T09:00:00.000Z'))
  })

  it('locks after 15 idle minutes by default; activity restarts the clock', async () => {
    const { vault, seen } = await openVault(tmpDir())
    await vault.setup(PASS)
    expect((await vault.status()).autoLockMinutes).toBe(15)
    vi.advanceTimersByTime(14 * 60_000)
    expect(vault.state).toBe('unlocked')
    vault.noteActivity()
    vi.advanceTimersByTime(14 * 60_000)
    expect(vault.state).toBe('unlocked')
    const { autoLockAt } = vault.touch()
    expect(Date.parse(autoLockAt as string) - Date.now()).toBe(15 * 60_000)
    vi.advanceTimersByTime(15 * 60_000 - 1)
    expect(vault.state).toBe('unlocked')
    vi.advanceTimersByTime(1)
    expect(vault.state).toBe('locked')
    expect((await vault.status()).reason).toBe('idle')
    expect(seen.at(-1)?.payload).toEqual({ state: 'locked', reason: 'idle' })
  })

  it('follows the configured idle time, and 0 means never', async () => {
    const { vault } = await openVault(tmpDir())
    await vault.setup(PASS)
    await vault.setSettings({ autoLockMinutes: 1 })
    vi.advanceTimersByTime(60_000)
    expect(vault.state).toBe('locked')
    await vault.unlock({ passphrase: PASS })
    await vault.setSettings({ autoLockMinutes: 0 })
    vi.advanceTimersByTime(48 * 3600_000)
    expect(vault.state).toBe('unlocked')
    expect((await vault.status()).autoLockAt).toBeNull()
  })

  it('tells the renderer when the idle lock moves to another minute: activity, a new setting, never', async () => {
    const { vault, seen } = await openVault(tmpDir())
    await vault.setup(PASS)
    const announced = () => seen.filter((e) => e.topic === 'vault.autoLock').map((e) => (e.payload as { autoLockAt: string | null }).autoLockAt)
    expect(announced()).toEqual([new Date(Date.now() + 15 * 60_000).toISOString()])
    // Activity within the same minute changes nothing the status bar shows: no event per IPC call.
    vi.advanceTimersByTime(1_000)
    vault.noteActivity()
    vault.noteActivity()
    expect(announced()).toHaveLength(1)
    vi.advanceTimersByTime(2 * 60_000)
    vault.noteActivity()
    expect(announced()).toHaveLength(2)
    expect(announced().at(-1)).toBe(new Date(Date.now() + 15 * 60_000).toISOString())
    await vault.setSettings({ autoLockMinutes: 5 })
    expect(announced().at(-1)).toBe(new Date(Date.now() + 5 * 60_000).toISOString())
    await vault.setSettings({ autoLockMinutes: 0 })
    expect(announced().at(-1)).toBeNull()
    // After a lock and an unlock the time is announced again, even if it falls in an announced minute.
    await vault.setSettings({ autoLockMinutes: 5 })
    vault.lock()
    const before = announced().length
    await vault.unlock({ passphrase: PASS })
    expect(announced()).toHaveLength(before + 1)
  })

  it('no timer survives a lock (an old timer cannot lock a later session early)', async () => {
    const { vault } = await openVault(tmpDir())
    await vault.setup(PASS)
    vi.advanceTimersByTime(10 * 60_000)
    vault.lockNow('os-lock')
    await vault.unlock({ passphrase: PASS })
    vi.advanceTimersByTime(6 * 60_000) // the first session's timer would have fired here
    expect(vault.state).toBe('unlocked')
    vi.advanceTimersByTime(9 * 60_000)
    expect(vault.state).toBe('locked')
  })
})
