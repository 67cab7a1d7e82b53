import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'

// The vault file on disk, written by hand rather than through conf/electron-store:
// conf also writes atomically, but it cannot keep a last-good backup, refuse to touch a file it
// did not write, or let a test inject a crash between the steps of a write. Non-secret
// preferences (throttle counters) do go through conf / electron-store (see prefs.ts).
//
// A write is: new bytes → temp file → fsync → copy the current (good) file to `.bak` via its own
// temp + fsync + rename → rename temp over the vault → fsync the directory. A crash at any step
// leaves `vault.json` either entirely old or entirely new, and `.bak` a complete older good copy.

export const WRITE_STEPS = [
  'tmp-open',
  'tmp-write',
  'tmp-sync',
  'tmp-close',
  'backup-copy',
  'backup-sync',
  'backup-rename',
  'commit-rename',
  'dir-sync'
] as const
export type WriteStep = (typeof WRITE_STEPS)[number]

/** Called before each step; throwing simulates a crash there (tests only). */
export type WriteFaultHook = (step: WriteStep) => void | Promise<void>

export class VaultFiles {
  readonly path: string
  readonly backupPath: string
  private readonly faultHook: WriteFaultHook | undefined

  constructor(options: { dir: string; fileName?: string; faultHook?: WriteFaultHook }) {
    this.path = join(options.dir, options.fileName ?? 'vault.json')
    this.backupPath = `${this.path}.bak`
    this.faultHook = options.faultHook
  }

  get dir(): string {
    return dirname(this.path)
  }

  /**
   * Removes temp files a crashed write left behind (`vault.json.tmp-*`, `vault.json.bak.tmp-*`).
   * They never hold the only copy of anything: the rename that would have made them current
   * did not happen. Returns the names removed.
   */
  async removeStaleTemps(): Promise<string[]> {
    let names: string[]
    try {
      names = await fs.readdir(this.dir)
    } catch {
      return []
    }
    const base = basename(this.path)
    const stale = names.filter((n) => n.startsWith(`${base}.tmp-`) || n.startsWith(`${base}.bak.tmp-`))
    for (const name of stale) await fs.rm(join(this.dir, name), { force: true }).catch(() => undefined)
    return stale
  }

  /** The file's bytes, or null when there is none. */
  read(): Promise<Buffer | null> {
    return readOrNull(this.path)
  }

  readBackup(): Promise<Buffer | null> {
    return readOrNull(this.backupPath)
  }

  async hasBackup(): Promise<boolean> {
    try {
      return (await fs.stat(this.backupPath)).isFile()
    } catch {
      return false
    }
  }

  /** Atomic replace with the previous file kept as `.bak`. See the file comment for the steps. */
  async write(bytes: Buffer): Promise<void> {
    const step = async (name: WriteStep) => {
      if (this.faultHook) await this.faultHook(name)
    }
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 })
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`
    const tmp = `${this.path}.tmp-${tag}`
    const bakTmp = `${this.backupPath}.tmp-${tag}`
    try {
      await step('tmp-open')
      const handle = await fs.open(tmp, 'wx', 0o600)
      try {
        await step('tmp-write')
        await handle.writeFile(bytes)
        await step('tmp-sync')
        await handle.sync()
        await step('tmp-close')
      } finally {
        await handle.close()
      }
      const current = await readOrNull(this.path)
      if (current !== null) {
        await step('backup-copy')
        const bak = await fs.open(bakTmp, 'wx', 0o600)
        try {
          await bak.writeFile(current)
          await step('backup-sync')
          await bak.sync()
        } finally {
          await bak.close()
        }
        await step('backup-rename')
        await fs.rename(bakTmp, this.backupPath)
      }
      await step('commit-rename')
      await fs.rename(tmp, this.path)
      await step('dir-sync')
      await syncDir(this.dir)
    } finally {
      await fs.rm(tmp, { force: true }).catch(() => undefined)
      await fs.rm(bakTmp, { force: true }).catch(() => undefined)
    }
  }

  /**
   * Renames the vault file (and with `withBackup` its backup) out of the way, keeping them for
   * forensics: `vault.json` → `vault.json.<label>-<time>`. Returns the new paths.
   */
  async moveAside(label: string, options: { withBackup?: boolean } = {}): Promise<string[]> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const moved: string[] = []
    const targets = options.withBackup ? [this.path, this.backupPath] : [this.path]
    for (const source of targets) {
      const target = join(this.dir, `${basename(source)}.${label}-${stamp}`)
      try {
        await fs.rename(source, target)
        moved.push(target)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
    if (moved.length > 0) await syncDir(this.dir)
    return moved
  }
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** Makes a rename durable. Not possible on Windows (EPERM/EISDIR); the rename is atomic there anyway. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined)
  }
}
