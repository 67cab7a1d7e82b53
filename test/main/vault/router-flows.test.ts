import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, channels } from '../../../src/shared/contract'
import { cleanupDirs, fakeKeychain, makeCore, OTHER_PASS, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

describe('vault channels through the router (createCore wiring)', () => {
  it('declares every vault and connections channel with a handler; state changers are marked mutates', async () => {
    const { core } = await makeCore(tmpDir())
    for (const name of CHANNEL_NAMES.filter((n) => n.startsWith('vault.') || n.startsWith('connections.'))) {
      expect(core.router.channelNames, name).toContain(name)
    }
    for (const name of ['vault.setup', 'vault.unlock', 'vault.lock', 'vault.reset', 'vault.import', 'connections.create', 'connections.delete'] as const) {
      expect(channels[name].mutates, name).toBe(true)
    }
    expect(channels['connections.list'].mutates).toBe(false)
  })

  it('setup (with confirmation), lock, unlock, change passphrase, settings', async () => {
    const { ok, call, events } = await makeCore(tmpDir(), { keychain: fakeKeychain() })
    expect((await ok('vault.status')).state).toBe('uninitialized')
    expect(await call('vault.setup', { passphrase: PASS, confirm: `${PASS}x` })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const weak = await call('vault.setup', { passphrase: 'password12', confirm: 'password12' })
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { score: expect.any(Number), hints: expect.any(Array) } } })
    expect((await ok('vault.setup', { passphrase: PASS, confirm: PASS })).state).toBe('unlocked')
    expect(await ok('vault.settings.get')).toEqual({ autoLockMinutes: 15, rememberOnDevice: false, deviceUnlockSupported: true })
    expect(await ok('vault.settings.set', { autoLockMinutes: 5, rememberOnDevice: true })).toEqual({
      autoLockMinutes: 5,
      rememberOnDevice: true,
      deviceUnlockSupported: true
    })
    expect(await call('vault.settings.set', { autoLockMinutes: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect((await ok('vault.touch')).autoLockAt).toEqual(expect.any(String))
    expect((await ok('vault.lock')).state).toBe('locked')
    expect((await ok('vault.status')).deviceUnlock).toBe(true)
    expect(await call('vault.unlock', { passphrase: 'wrong-passphrase!' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } })
    expect((await ok('vault.unlock', { useDevice: true })).state).toBe('unlocked')
    expect(await call('vault.changePassphrase', { current: PASS, next: OTHER_PASS, confirm: PASS })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await ok('vault.changePassphrase', { current: PASS, next: OTHER_PASS, confirm: OTHER_PASS })).toEqual({ changed: true })
    await ok('vault.lock')
    expect((await ok('vault.unlock', { passphrase: OTHER_PASS })).state).toBe('unlocked')
    expect(events.filter((e) => e.topic === 'vault.state').map((e) => (e.payload as { state: string }).state)).toEqual([
      'unlocked',
      'locked',
      'unlocked',
      'locked',
      'unlocked'
    ])
  })

  it('damaged file → VAULT_CORRUPT naming the backup → restoreBackup; reset needs confirm RESET', async () => {
    const dir = tmpDir()
    const first = await makeCore(dir)
    await first.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await first.ok('connections.create', { provider: 'cloudback', name: 'One', baseUrl: 'https://one.example', apiKey: 'one-key-1234' })
    await first.ok('connections.create', { provider: 'cloudback', name: 'Two', baseUrl: 'https://two.example', apiKey: 'two-key-1234' })
    await first.core.dispose()
    const path = `${dir}/vault.json`
    const bytes = readFileSync(path)
    const mid = Math.floor(bytes.length / 2)
    bytes[mid] = (bytes[mid] ?? 0) ^ 0x04
    writeFileSync(path, bytes)

    const second = await makeCore(dir)
    const status = await second.ok('vault.status')
    expect(status.state).toBe('corrupt')
    expect(status.backupFile).toBe(`${dir}/vault.json.bak`)
    expect(status.corrupt.message).toContain(`${dir}/vault.json.bak`)
    const unlock = await second.call('vault.unlock', { passphrase: PASS })
    expect(unlock).toMatchObject({ ok: false, error: { code: 'VAULT_CORRUPT', message: expect.stringContaining('vault.json.bak') } })
    expect(await second.call('connections.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(readFileSync(path).equals(bytes)).toBe(true)

    expect(await second.call('vault.reset', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await second.call('vault.reset', { confirm: 'reset' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect((await second.ok('vault.restoreBackup')).state).toBe('locked')
    await second.ok('vault.unlock', { passphrase: PASS })
    expect((await second.ok('connections.list')).map((c: { name: string }) => c.name)).toEqual(['One'])

    expect((await second.ok('vault.reset', { confirm: 'RESET' })).state).toBe('uninitialized')
    expect(await second.call('connections.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  })
})
