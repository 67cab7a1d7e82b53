import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanupDirs, openVault, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'crash-child.ts')

/** Runs the child until it reaches `step`, then kills it with SIGKILL (no cleanup code runs). */
function crashAt(dir: string, step: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, step], {
      env: { ...process.env, VAULT_PASS: PASS },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('AT_STEP')) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && out.includes('AT_STEP')) resolve()
      else reject(new Error(`child did not reach ${step}: ${out} ${err.slice(0, 500)}`))
    })
  })
}

describe('a process killed in the middle of a save (SIGKILL, no cleanup)', () => {
  for (const step of ['tmp-sync', 'backup-rename', 'commit-rename', 'dir-sync'] as const) {
    it(`killed before "${step}": the vault opens with the previous or the new state`, async () => {
      const dir = tmpDir()
      const { vault } = await openVault(dir)
      await vault.setup(PASS)
      await vault.update((p) => void (p.settings.autoLockMinutes = 20))
      vault.dispose()

      await crashAt(dir, step)
      const leftovers = readdirSync(dir).filter((f) => f.includes('.tmp-'))
      if (step !== 'dir-sync') expect(leftovers.length).toBeGreaterThan(0) // a real crash leaves its temp file

      const restarted = await openVault(dir)
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]) // cleaned at start
      expect(restarted.vault.state).toBe('locked')
      await restarted.vault.unlock({ passphrase: PASS })
      expect(restarted.vault.read((p) => p.settings.autoLockMinutes)).toBe(step === 'dir-sync' ? 45 : 20)
      await restarted.vault.update((p) => void (p.settings.autoLockMinutes = 60))
    })
  }
})
