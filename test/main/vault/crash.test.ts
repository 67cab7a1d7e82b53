import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { WRITE_STEPS, type WriteStep } from '../../../src/main/core/vault/vault-files'
import { cleanupDirs, openVault, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

class Crash extends Error {}

describe('an interrupted write never loses the previous state', () => {
  for (const step of WRITE_STEPS) {
    it(`crash before "${step}"`, async () => {
      const dir = tmpDir()
      let armed: WriteStep | null = null
      const { vault } = await openVault(dir, {
        faultHook: (s) => {
          if (s === armed) {
            armed = null
            throw new Crash(`simulated crash before ${s}`)
          }
        }
      })
      await vault.setup(PASS)
      await vault.update((p) => void (p.settings.autoLockMinutes = 20)) // state A (a backup now exists)
      const stateA = readFileSync(vault.vaultFile)

      armed = step
      const attempt = vault.update((p) => void (p.settings.autoLockMinutes = 45)) // state B
      const committed = step === 'dir-sync' // the rename already happened: B is on disk
      if (committed) {
        await attempt
        expect(vault.read((p) => p.settings.autoLockMinutes)).toBe(45)
      } else {
        await expect(attempt).rejects.toMatchObject({ code: 'INTERNAL' })
        // In memory nothing changed either.
        expect(vault.read((p) => p.settings.autoLockMinutes)).toBe(20)
        expect(readFileSync(vault.vaultFile).equals(stateA)).toBe(true)
      }
      // No temp files left behind.
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([])

      // "Restart": a fresh service reads a good vault holding A or B, never a damaged one.
      const restarted = await openVault(dir)
      expect(restarted.vault.state).toBe('locked')
      await restarted.vault.unlock({ passphrase: PASS })
      expect(restarted.vault.read((p) => p.settings.autoLockMinutes)).toBe(committed ? 45 : 20)
      restarted.vault.dispose()

      // The running service keeps working after the failure (no false "changed on disk").
      await vault.update((p) => void (p.settings.autoLockMinutes = 60))
      const again = await openVault(dir)
      await again.vault.unlock({ passphrase: PASS })
      expect(again.vault.read((p) => p.settings.autoLockMinutes)).toBe(60)
    })
  }

  it('a crash during setup leaves no vault (and setup can be retried)', async () => {
    const dir = tmpDir()
    let armed = true
    const { vault } = await openVault(dir, {
      faultHook: (s) => {
        if (armed && s === 'commit-rename') {
          armed = false
          throw new Crash('crash')
        }
      }
    })
    await expect(vault.setup(PASS)).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(vault.state).toBe('uninitialized')
    expect(readdirSync(dir).filter((f) => f.startsWith('vault.json'))).toEqual([])
    await vault.setup(PASS)
    expect(vault.state).toBe('unlocked')
  })
})
