import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_SCRYPT,
  deriveKey,
  isWeaker,
  newDataKey,
  newSalt,
  open,
  scryptMaxmem,
  scryptParamsProblem,
  seal
} from '../../../src/main/core/vault/crypto'
import { parseVaultFile } from '../../../src/main/core/vault/format'
import { cleanupDirs, FAST_KDF, openVault, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

describe('AES-256-GCM seal/open', () => {
  it('round-trips and refuses any change to iv, ciphertext, tag, AAD or key', () => {
    const key = newDataKey()
    const aad = Buffer.from('header')
    const plain = Buffer.from('the payload with secrets')
    const box = seal(key, plain, aad)
    expect(open(key, box, aad).toString()).toBe('the payload with secrets')
    expect(box.ct.equals(plain)).toBe(false)
    const flip = (b: Buffer, i: number) => {
      const c = Buffer.from(b)
      c[i] = (c[i] ?? 0) ^ 0x01
      return c
    }
    expect(() => open(key, { ...box, iv: flip(box.iv, 0) }, aad)).toThrow()
    expect(() => open(key, { ...box, ct: flip(box.ct, 3) }, aad)).toThrow()
    expect(() => open(key, { ...box, tag: flip(box.tag, 15) }, aad)).toThrow()
    expect(() => open(key, box, Buffer.from('headeR'))).toThrow()
    expect(() => open(newDataKey(), box, aad)).toThrow()
  })

  it('uses a fresh IV every time', () => {
    const key = newDataKey()
    const a = seal(key, Buffer.from('x'), Buffer.alloc(0))
    const b = seal(key, Buffer.from('x'), Buffer.alloc(0))
    expect(a.iv.equals(b.iv)).toBe(false)
  })
})

describe('scrypt parameters', () => {
  it('defaults to at least N=2^17, r=8, p=1', () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17)
    expect(DEFAULT_SCRYPT.r).toBeGreaterThanOrEqual(8)
    expect(DEFAULT_SCRYPT.p).toBeGreaterThanOrEqual(1)
    expect(scryptParamsProblem(DEFAULT_SCRYPT)).toBeNull()
    // maxmem must cover 128·N·r or Node refuses N=2^17.
    expect(scryptMaxmem(DEFAULT_SCRYPT)).toBeGreaterThan(128 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r)
  })

  it('refuses nonsense or abusive parameters', () => {
    expect(scryptParamsProblem({ N: 1000, r: 8, p: 1 })).toMatch(/power of two/)
    expect(scryptParamsProblem({ N: 2 ** 8, r: 8, p: 1 })).toMatch(/range/)
    expect(scryptParamsProblem({ N: 2 ** 23, r: 8, p: 1 })).toMatch(/range/)
    expect(scryptParamsProblem({ N: 2 ** 22, r: 32, p: 1 })).toMatch(/memory/)
    expect(scryptParamsProblem({ N: 2 ** 14, r: 0, p: 1 })).toMatch(/r/)
    expect(scryptParamsProblem({ N: 2 ** 14, r: 8, p: 99 })).toMatch(/p/)
  })

  it('compares strength per parameter', () => {
    expect(isWeaker({ N: 2 ** 16, r: 8, p: 1 }, DEFAULT_SCRYPT)).toBe(true)
    expect(isWeaker({ N: 2 ** 17, r: 4, p: 1 }, DEFAULT_SCRYPT)).toBe(true)
    expect(isWeaker({ N: 2 ** 18, r: 8, p: 1 }, DEFAULT_SCRYPT)).toBe(false)
    expect(isWeaker(DEFAULT_SCRYPT, DEFAULT_SCRYPT)).toBe(false)
  })

  it('derives the same key for the same inputs and different keys otherwise', async () => {
    const salt = newSalt()
    const a = await deriveKey('pass phrase', salt, FAST_KDF)
    const b = await deriveKey('pass phrase', salt, FAST_KDF)
    const c = await deriveKey('pass phrasE', salt, FAST_KDF)
    const d = await deriveKey('pass phrase', newSalt(), FAST_KDF)
    expect(a.equals(b)).toBe(true)
    expect(a.equals(c)).toBe(false)
    expect(a.equals(d)).toBe(false)
    await expect(deriveKey('x', salt, { N: 3, r: 8, p: 1 })).rejects.toThrow(/scrypt/)
  })
})

describe('vault file with real parameters', () => {
  it('stores N=2^17, r=8, p=1 and the salt in the file and round-trips with the real defaults', async () => {
    const dir = tmpDir()
    const { vault } = await openVault(dir, { kdf: DEFAULT_SCRYPT })
    await vault.setup(PASS)
    const raw = readFileSync(vault.vaultFile)
    const parsed = parseVaultFile(raw)
    expect(parsed.kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 })
    expect(parsed.salt.length).toBe(16)
    expect(parsed.version).toBe(3)
    vault.lock()
    const again = await openVault(dir, { kdf: DEFAULT_SCRYPT })
    await expect(again.vault.unlock({ passphrase: 'not-the-passphrase' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    const status = await again.vault.unlock({ passphrase: PASS })
    expect(status.state).toBe('unlocked')
  })
})

describe('re-wrap when parameters are raised', () => {
  it('re-wraps at unlock when the stored parameters are below the current defaults', async () => {
    const dir = tmpDir()
    const first = await openVault(dir, { kdf: FAST_KDF })
    await first.vault.setup(PASS)
    const salt1 = parseVaultFile(readFileSync(first.vault.vaultFile)).salt
    first.vault.dispose()

    const raised = { N: 2 ** 11, r: 8, p: 1 }
    const second = await openVault(dir, { kdf: raised })
    await second.vault.unlock({ passphrase: PASS })
    const after = parseVaultFile(readFileSync(second.vault.vaultFile))
    expect(after.kdf).toEqual(raised)
    expect(after.salt.equals(salt1)).toBe(false)
    // The previous file is the backup, and the new one opens with the same passphrase.
    expect(parseVaultFile(readFileSync(second.vault.files.backupPath)).kdf).toEqual(FAST_KDF)
    second.vault.dispose()
    const third = await openVault(dir, { kdf: raised })
    expect((await third.vault.unlock({ passphrase: PASS })).state).toBe('unlocked')
  })

  it('does not re-wrap (or write at all) when the parameters are current', async () => {
    const dir = tmpDir()
    const first = await openVault(dir)
    await first.vault.setup(PASS)
    const before = readFileSync(first.vault.vaultFile)
    first.vault.dispose()
    const second = await openVault(dir)
    await second.vault.unlock({ passphrase: PASS })
    expect(readFileSync(second.vault.vaultFile).equals(before)).toBe(true)
  })
})
