// Small plaintext JSON files in the data folder, for state that names no customer and must be
// read while the vault is locked (the offline snapshot settings); customer metadata goes through
// storage/sealed-json-file.ts instead. Writes are atomic (temp file + rename, user-only) and
// serialised per file; a damaged file is set aside (renamed *.damaged-<time>) and an empty state
// used, so the app still starts.

import { readFile, rename } from 'node:fs/promises'
import { writeFileAtomic } from './write-file-atomic'
import type { Logger } from '../log/logger'

export class JsonFile<T> {
  private chain: Promise<void> = Promise.resolve()

  constructor(
    readonly path: string,
    private readonly logger?: Logger
  ) {}

  async read(fallback: () => T, validate: (value: unknown) => T | undefined): Promise<T> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return fallback()
      throw err
    }
    try {
      const value = validate(JSON.parse(text))
      if (value !== undefined) return value
    } catch {
      // fall through: damaged
    }
    const aside = `${this.path}.damaged-${Date.now()}`
    this.logger?.warn(`${this.path} could not be read; kept it as ${aside} and started empty`)
    await rename(this.path, aside).catch(() => undefined)
    return fallback()
  }

  /** Queues a write of `value` (the latest call wins; every write is whole and atomic). */
  write(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`
    const run = async () => {
      await writeFileAtomic(this.path, text)
    }
    const next = this.chain.then(run, run)
    this.chain = next.catch((err: unknown) => {
      this.logger?.error(`could not write ${this.path}`, { err })
    })
    return next
  }

  /** Resolves when every queued write has finished. */
  flush(): Promise<void> {
    return this.chain
  }
}
