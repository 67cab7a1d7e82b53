// `--demo` (npm start, npm run web): a console that works in one command, keeping nothing. A fresh
// data folder under the OS temp folder, a vault made with a random passphrase (printed once, so the
// user can unlock again after the auto-lock), the Demo workspace loaded, and the folder deleted when
// the shell stops. The renderer shows a banner (AboutInfo.throwaway) so nobody enters real logins
// into a vault that is about to disappear.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DemoStatus } from '../../../shared/contract/demo.contract'

/** A new, private folder for one throwaway session. */
export function throwawayDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'backdesk-demo-'))
}

/** Deletes a throwaway session's folder (the vault, its keys, scans, everything). */
export function removeThrowawayDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** 144 random bits as four groups of six characters: far past any strength check, easy to copy. */
export function randomPassphrase(): string {
  return (randomBytes(18).toString('base64url').match(/.{6}/g) as string[]).join('-')
}

/** What a throwaway session needs of the core. */
export interface ThrowawayCore {
  vault: { vault: { setup(passphrase: string): Promise<unknown> } }
  demo: { start(): Promise<DemoStatus> }
}

/** Creates the vault and loads the Demo workspace; answers the passphrase, to be shown once. */
export async function openThrowawayDemo(core: ThrowawayCore): Promise<{ passphrase: string; demo: DemoStatus }> {
  const passphrase = randomPassphrase()
  await core.vault.vault.setup(passphrase)
  const demo = await core.demo.start()
  if (demo.error) throw new Error(demo.error)
  return { passphrase, demo }
}
