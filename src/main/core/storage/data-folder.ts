// Everything Backdesk keeps in its data folder is for this user only: files 0600, folders 0700.
// Each writer creates its files that way; this tightens, once at start, what an earlier version
// left wider (its preferences file was 0644) or a folder made by someone else: the folder itself,
// the regular files directly in it and our own sub-folders. Electron's userData also holds
// Chromium's folders, which are left as Chromium made them.

import { chmod, lstat, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../log/logger'

export const FILE_MODE = 0o600
export const FOLDER_MODE = 0o700
/** Sub-folders of the data folder that Backdesk writes. */
const OWN_FOLDERS = ['snapshots']

async function tighten(path: string, mode: number): Promise<void> {
  const stat = await lstat(path)
  // Symbolic links are never followed (chmod would change their target).
  if (stat.isSymbolicLink()) return
  if ((stat.mode & 0o777) !== mode) await chmod(path, mode)
}

export async function secureDataFolder(dir: string, logger?: Logger): Promise<void> {
  if (process.platform === 'win32') return // POSIX modes; the profile folder's ACL protects it there
  try {
    await mkdir(dir, { recursive: true, mode: FOLDER_MODE })
    await tighten(dir, FOLDER_MODE)
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isFile()) await tighten(path, FILE_MODE)
      else if (entry.isDirectory() && OWN_FOLDERS.includes(entry.name)) {
        await tighten(path, FOLDER_MODE)
        for (const inner of await readdir(path, { withFileTypes: true })) {
          if (inner.isFile()) await tighten(join(path, inner.name), FILE_MODE)
        }
      }
    }
  } catch (err) {
    logger?.warn('could not make the data folder user-only', { err })
  }
}
