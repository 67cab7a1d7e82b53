// Customer metadata kept in the data folder as one JSON document per file (restore history,
// tracked Cloudback definitions, the fleet review queue), sealed with AES-256-GCM under a key
// derived from the vault's data key for the file's purpose: nothing in it can be read while the
// vault is locked, or with another vault. Reading and writing both need the key, so both answer
// LOCKED while locked, even when there is no file yet.
//
// Writes are sealed when they are asked for, then written atomically (temp file + rename) one at a
// time. A file that does not open (changed, or sealed by another vault) is set aside as
// *.damaged-<time> and an empty state used, so the app still starts. The plaintext file an
// earlier version wrote (`legacyPath`) is read once, re-written sealed and removed.

import { readFile, rename, rm } from 'node:fs/promises'
import { fromJson, open, seal, toJson, type SealedJson } from '../vault/crypto'
import { silentLogger, type Logger } from '../log/logger'
import { writeFileAtomic } from './write-file-atomic'
import type { VaultKeys } from './vault-keys'

const FORMAT = 'backdesk-sealed-json'
const VERSION = 1

interface SealedDocument extends SealedJson {
  format: typeof FORMAT
  v: typeof VERSION
}

export interface SealedJsonFileOptions {
  keys: Pick<VaultKeys, 'deriveKey'>
  /** Names the key (and is bound into every file as associated data). */
  purpose: string
  /** Where an earlier version kept the same data in plaintext. */
  legacyPath?: string
  logger?: Logger
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

function isSealedDocument(value: unknown): value is SealedDocument {
  const v = value as Partial<SealedDocument> | null
  return (
    typeof v === 'object' && v !== null && v.format === FORMAT && v.v === VERSION && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.ct === 'string'
  )
}

export class SealedJsonFile<T> {
  private chain: Promise<void> = Promise.resolve()
  private readonly logger: Logger

  constructor(
    readonly path: string,
    private readonly options: SealedJsonFileOptions
  ) {
    this.logger = options.logger ?? silentLogger
  }

  private aad(): Buffer {
    return Buffer.from(`${FORMAT}/v${VERSION}\n${this.options.purpose}`, 'utf8')
  }

  /** The key for one use; the caller zeroes it. Throws LOCKED while locked. */
  private key(): Buffer {
    return this.options.keys.deriveKey(this.options.purpose)
  }

  /**
   * The stored value, or `fallback()` when there is none. Moves a plaintext file from an earlier
   * version under the key (and removes it). LOCKED while the vault is locked.
   */
  async read(fallback: () => T, validate: (value: unknown) => T | undefined): Promise<T> {
    this.key().fill(0) // LOCKED now, whether or not a file exists
    await this.chain // a queued write lands first
    const text = await readText(this.path)
    if (text !== null) {
      const value = this.openText(text, validate)
      if (value !== undefined) {
        // A plaintext copy beside a sealed file is what an interrupted move leaves behind.
        if (this.options.legacyPath) await rm(this.options.legacyPath, { force: true })
        return value
      }
      await this.setAside(this.path, 'does not open (changed, or sealed under another vault)')
      return fallback()
    }
    const legacyPath = this.options.legacyPath
    const legacy = legacyPath ? await readText(legacyPath) : null
    if (legacyPath && legacy !== null) {
      let value: T | undefined
      try {
        value = validate(JSON.parse(legacy))
      } catch {
        value = undefined
      }
      if (value === undefined) {
        await this.setAside(legacyPath, 'could not be read')
        return fallback()
      }
      await this.write(value)
      await rm(legacyPath, { force: true })
      this.logger.info(`moved ${legacyPath} under the vault's key into ${this.path}`)
      return value
    }
    return fallback()
  }

  private openText(text: string, validate: (value: unknown) => T | undefined): T | undefined {
    const key = this.key()
    try {
      const doc: unknown = JSON.parse(text)
      if (!isSealedDocument(doc)) return undefined
      return validate(JSON.parse(open(key, fromJson(doc), this.aad()).toString('utf8')))
    } catch {
      return undefined
    } finally {
      key.fill(0)
    }
  }

  private async setAside(path: string, why: string): Promise<void> {
    const aside = `${path}.damaged-${Date.now()}`
    this.logger.warn(`${path} ${why}; kept it as ${aside} and started empty`)
    await rename(path, aside).catch(() => undefined)
  }

  /**
   * Seals `value` now (LOCKED while locked: nothing is queued) and queues its write. Every write
   * is whole and atomic; the latest call wins.
   */
  write(value: T): Promise<void> {
    let text: string
    try {
      text = this.sealText(value)
    } catch (err) {
      return Promise.reject(err as Error)
    }
    const run = async () => {
      await writeFileAtomic(this.path, text)
    }
    const next = this.chain.then(run, run)
    this.chain = next.catch((err: unknown) => {
      this.logger.error(`could not write ${this.path}`, { err })
    })
    return next
  }

  private sealText(value: T): string {
    const key = this.key()
    try {
      const doc: SealedDocument = { format: FORMAT, v: VERSION, ...toJson(seal(key, Buffer.from(JSON.stringify(value), 'utf8'), this.aad())) }
      return `${JSON.stringify(doc)}\n`
    } finally {
      key.fill(0)
    }
  }

  /**
   * After a vault reset: the file can never be opened again, so it is renamed aside
   * (*.discarded-<time>, as the vault file itself is) rather than read as damaged later.
   */
  discard(): Promise<void> {
    const run = async () => {
      await rename(this.path, `${this.path}.discarded-${Date.now()}`).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      })
    }
    const next = this.chain.then(run, run)
    this.chain = next.catch((err: unknown) => {
      this.logger.error(`could not set ${this.path} aside`, { err })
    })
    return next
  }

  /** Resolves when every queued write has finished. */
  flush(): Promise<void> {
    return this.chain
  }
}
