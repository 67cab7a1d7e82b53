import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes `data` to `path` whole or not at all: into a file beside it, then renamed over it (a
 * reader sees the old file or the new one, never half of one). The folder is made owner-only
 * (0700) and the file written owner-only (0600). Not synced to disk: the vault file, which must
 * survive a power cut, writes and syncs its own (vault/vault-files.ts).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  // The process id keeps two processes on one data folder (a second window, a test) off each other's file.
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, data, { mode: 0o600 })
  await rename(tmp, path)
}
