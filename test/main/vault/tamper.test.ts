import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { frameVaultBody } from '../../../src/main/core/vault/format'
import { memoryStore } from '../../../src/main/core/vault/prefs'
import { PassphraseThrottle } from '../../../src/main/core/vault/throttle'
import type { VaultService } from '../../../src/main/core/vault/vault.service'
import { cleanupDirs, openVault, OTHER_PASS, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** A vault with two saves, so a last-good backup exists. */
async function populated() {
  const dir = tmpDir()
  const { vault } = await openVault(dir)
  await vault.setup(PASS)
  await vault.update((p) => {
    p.settings.autoLockMinutes = 20
  })
  await vault.update((p) => {
    p.settings.autoLockMinutes = 30
  })
  vault.dispose()
  return { dir, path: vault.vaultFile, backupPath: vault.files.backupPath, good: readFileSync(vault.vaultFile) }
}

async function expectRefused(vault: VaultService, path: string, backupPath: string, bytes: Buffer) {
  expect(vault.state).toBe('corrupt')
  const status = await vault.status()
  expect(status.corrupt?.message).toContain(backupPath)
  const err = await vault.unlock({ passphrase: PASS }).then(
    () => null,
    (e: unknown) => e as { code: string; message: string; details?: Record<string, unknown> }
  )
  expect(err?.code).toBe('VAULT_CORRUPT')
  expect(err?.message).toContain(backupPath)
  expect(err?.details?.['backupFile']).toBe(backupPath)
  await expect(vault.update(() => undefined)).rejects.toMatchObject({ code: 'LOCKED' })
  await expect(vault.setup(PASS)).rejects.toMatchObject({ code: 'CONFLICT' })
  // Never overwritten.
  expect(readFileSync(path).equals(bytes)).toBe(true)
}

describe('a damaged or modified vault file is refused and never overwritten', () => {
  it('refuses a byte flipped at any position (property over many random positions and values)', async () => {
    const { dir, path, backupPath, good } = await populated()
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), async (pos, xor) => {
        const bad = Buffer.from(good)
        bad[pos] = (bad[pos] ?? 0) ^ xor
        writeFileSync(path, bad)
        const { vault } = await openVault(dir)
        await expectRefused(vault, path, backupPath, bad)
      }),
      { numRuns: 150 }
    )
  })

  it('refuses a flip at every position of the header region', async () => {
    const { dir, path, backupPath, good } = await populated()
    const end = good.indexOf('"payload"')
    for (let pos = 0; pos < end; pos += 3) {
      const bad = Buffer.from(good)
      bad[pos] = (bad[pos] ?? 0) ^ 0x20
      writeFileSync(path, bad)
      const { vault } = await openVault(dir)
      expect(vault.state, `flip at ${pos}`).toBe('corrupt')
      expect(readFileSync(path).equals(bad)).toBe(true)
    }
    void backupPath
  })

  it('refuses truncation at any length, and an empty file', async () => {
    const { dir, path, backupPath, good } = await populated()
    for (const length of [0, 1, 10, Math.floor(good.length / 2), good.length - 2, good.length - 1]) {
      const bad = good.subarray(0, length)
      writeFileSync(path, bad)
      const { vault } = await openVault(dir)
      await expectRefused(vault, path, backupPath, Buffer.from(bad))
    }
  })

  it('refuses extra bytes appended', async () => {
    const { dir, path, backupPath, good } = await populated()
    const bad = Buffer.concat([good, Buffer.from(' ')])
    writeFileSync(path, bad)
    const { vault } = await openVault(dir)
    await expectRefused(vault, path, backupPath, bad)
  })

  it('refuses a deliberate edit with a recomputed checksum once the payload fails to authenticate', async () => {
    const { dir, path, backupPath, good } = await populated()
    const doc = JSON.parse(good.toString())
    const { checksum: _c, ...body } = doc
    // Change the payload ciphertext but keep everything "well-formed".
    const ct = Buffer.from(body.payload.ct, 'base64')
    ct[0] = (ct[0] ?? 0) ^ 1
    body.payload.ct = ct.toString('base64')
    const forged = frameVaultBody(body)
    writeFileSync(path, forged)
    const { vault } = await openVault(dir)
    expect(vault.state).toBe('locked') // structurally fine...
    const err = await vault.unlock({ passphrase: PASS }).catch((e: { code: string; message: string }) => e)
    expect(err).toMatchObject({ code: 'VAULT_CORRUPT' }) // ...but it does not authenticate
    expect((err as { message: string }).message).toContain(backupPath)
    expect(vault.state).toBe('corrupt')
    expect(readFileSync(path).equals(forged)).toBe(true)
  })

  it('refuses a header edit with a recomputed checksum (the payload AAD covers the header)', async () => {
    const { dir, path, good } = await populated()
    const doc = JSON.parse(good.toString())
    const { checksum: _c, ...body } = doc
    body.header.createdAt = '2020-01-01T00:00:00.000Z' // AAD of the payload covers the header
    const forged = frameVaultBody(body)
    writeFileSync(path, forged)
    const { vault } = await openVault(dir)
    await expect(vault.unlock({ passphrase: PASS })).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    expect(readFileSync(path).equals(forged)).toBe(true)
  })

  it('a forged KDF or wrap edit is damage, not a wrong passphrase, and does not count against the throttle', async () => {
    const edits: Array<[string, (header: { kdf: Record<string, unknown>; wraps: { passphrase: Record<string, string> } }) => void]> = [
      ['kdf.N doubled', (h) => void (h.kdf['N'] = (h.kdf['N'] as number) * 2)],
      ['kdf.r raised', (h) => void (h.kdf['r'] = (h.kdf['r'] as number) + 1)],
      ['kdf.salt replaced', (h) => void (h.kdf['salt'] = Buffer.alloc(16, 7).toString('base64'))],
      ['wrap iv replaced', (h) => void (h.wraps.passphrase['iv'] = Buffer.alloc(12, 9).toString('base64'))]
    ]
    for (const [what, edit] of edits) {
      const { dir, path, backupPath, good } = await populated()
      const { checksum: _c, ...body } = JSON.parse(good.toString())
      edit(body.header)
      const forged = frameVaultBody(body) // the checksum recomputed, as someone who knows the format would
      writeFileSync(path, forged)
      const prefs = memoryStore()
      const { vault } = await openVault(dir, { prefs })
      expect(vault.state, what).toBe('locked') // structurally fine: only the passphrase can tell
      const err = await vault.unlock({ passphrase: PASS }).catch((e: { code: string; message: string }) => e)
      expect(err, what).toMatchObject({ code: 'VAULT_CORRUPT' })
      expect((err as { message: string }).message, what).toContain(backupPath)
      expect(vault.state, what).toBe('corrupt')
      expect((await vault.status()).corrupt, what).toMatchObject({ backupUsable: true })
      expect(new PassphraseThrottle(prefs).state().failures, what).toBe(0)
      expect(readFileSync(path).equals(forged), what).toBe(true)
      // The usual way back: the last good backup opens with the same passphrase.
      await vault.restoreBackup()
      await vault.unlock({ passphrase: PASS })
      expect(vault.state, what).toBe('unlocked')
      vault.dispose()
    }
  })

  it('a really wrong passphrase on a forged file still counts, and still says nothing about the backup', async () => {
    const { dir, path, good } = await populated()
    const { checksum: _c, ...body } = JSON.parse(good.toString())
    body.header.kdf.N *= 2
    writeFileSync(path, frameVaultBody(body))
    const prefs = memoryStore()
    const { vault } = await openVault(dir, { prefs })
    await expect(vault.unlock({ passphrase: OTHER_PASS })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE', details: { failures: 1 } })
    expect(vault.state).toBe('locked')
    expect(new PassphraseThrottle(prefs).state().failures).toBe(1)
  })

  it('an old passphrase after a change is a wrong passphrase, not damage (the backup still opens with it)', async () => {
    const dir = tmpDir()
    const prefs = memoryStore()
    const { vault } = await openVault(dir, { prefs })
    await vault.setup(PASS)
    await vault.update((p) => void (p.settings.autoLockMinutes = 20))
    await vault.changePassphrase(PASS, OTHER_PASS) // vault.json.bak keeps the old wrap
    vault.lock()
    await expect(vault.unlock({ passphrase: PASS })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE', details: { failures: 1 } })
    expect(vault.state).toBe('locked')
    await vault.unlock({ passphrase: OTHER_PASS })
    expect(vault.state).toBe('unlocked')
  })

  it('refuses a file written by a newer Backdesk, naming the reason', async () => {
    const { dir, path, good } = await populated()
    const { checksum: _c, ...body } = JSON.parse(good.toString())
    body.version = 99
    writeFileSync(path, frameVaultBody(body))
    const { vault } = await openVault(dir)
    expect(vault.state).toBe('corrupt')
    expect((await vault.status()).corrupt?.message).toMatch(/newer Backdesk/)
  })

  it('notices damage that happens while running and refuses to write over it', async () => {
    const dir = tmpDir()
    const { vault } = await openVault(dir)
    await vault.setup(PASS)
    const bad = Buffer.from('{"not":"a vault"}\n')
    writeFileSync(vault.vaultFile, bad)
    await expect(vault.update((p) => void (p.settings.autoLockMinutes = 5))).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    expect(vault.state).toBe('corrupt')
    expect(readFileSync(vault.vaultFile).equals(bad)).toBe(true)
  })
})

describe('recovery', () => {
  it('restores the last good backup; the damaged file is kept aside', async () => {
    const { dir, path, backupPath, good } = await populated()
    const backupBytes = readFileSync(backupPath)
    writeFileSync(path, good.subarray(0, 100))
    const { vault } = await openVault(dir)
    expect((await vault.status()).corrupt?.backupUsable).toBe(true)
    const status = await vault.restoreBackup()
    expect(status.state).toBe('locked')
    expect(status.reason).toBe('restored')
    expect(sha(readFileSync(path))).toBe(sha(backupBytes))
    expect(readdirSync(dir).some((f) => f.startsWith('vault.json.damaged-'))).toBe(true)
    await vault.unlock({ passphrase: PASS })
    // The backup is the state before the last save.
    expect(vault.read((p) => p.settings.autoLockMinutes)).toBe(20)
  })

  it('says so when the backup is damaged too, and reset still works', async () => {
    const { dir, path, backupPath, good } = await populated()
    writeFileSync(path, good.subarray(0, 50))
    writeFileSync(backupPath, 'garbage')
    const { vault } = await openVault(dir)
    expect((await vault.status()).corrupt?.backupUsable).toBe(false)
    await expect(vault.restoreBackup()).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    const status = await vault.reset()
    expect(status.state).toBe('uninitialized')
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir).filter((f) => f.includes('.discarded-')).length).toBe(2)
    await vault.setup(PASS)
    expect(vault.state).toBe('unlocked')
  })

  it('a missing vault file with a backup present is reported, not silently re-created', async () => {
    const { dir, path } = await populated()
    const { rmSync } = await import('node:fs')
    rmSync(path)
    const { vault } = await openVault(dir)
    expect(vault.state).toBe('corrupt')
    expect((await vault.status()).corrupt?.message).toMatch(/missing/)
  })
})
