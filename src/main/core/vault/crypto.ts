import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// The primitives the vault and export bundles share: scrypt to turn a passphrase into a
// key-encryption key, AES-256-GCM to wrap a random data key and to seal the payload.

export interface ScryptParams {
  N: number
  r: number
  p: number
}

/** OWASP's scrypt floor (N=2^17, r=8, p=1): ~0.3–0.5 s and 128 MiB on the 2-core test machines. */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 })

/**
 * Bounds on what a file may ask for. The lower bound lets tests use cheap parameters; files
 * below the current defaults are re-wrapped at the next unlock. The upper bound stops a crafted
 * file from asking for gigabytes of memory.
 */
export const SCRYPT_LIMITS = { minLogN: 10, maxLogN: 22, maxR: 32, maxP: 16, maxMemoryBytes: 1024 * 1024 * 1024 } as const

export const KEY_BYTES = 32
export const IV_BYTES = 12
export const TAG_BYTES = 16
export const SALT_BYTES = 16

export function scryptParamsProblem(params: ScryptParams): string | null {
  const { N, r, p } = params
  if (!Number.isInteger(N) || N < 2 || (N & (N - 1)) !== 0) return 'N must be a power of two'
  const logN = Math.log2(N)
  if (logN < SCRYPT_LIMITS.minLogN || logN > SCRYPT_LIMITS.maxLogN) return `N out of range (2^${logN})`
  if (!Number.isInteger(r) || r < 1 || r > SCRYPT_LIMITS.maxR) return 'r out of range'
  if (!Number.isInteger(p) || p < 1 || p > SCRYPT_LIMITS.maxP) return 'p out of range'
  if (128 * N * r > SCRYPT_LIMITS.maxMemoryBytes) return 'needs too much memory'
  return null
}

/** True when `stored` is weaker than `current` in any parameter: time to re-wrap. */
export function isWeaker(stored: ScryptParams, current: ScryptParams): boolean {
  return stored.N < current.N || stored.r < current.r || stored.p < current.p
}

/** scrypt needs ~128·N·r·p bytes; Node's default maxmem (32 MiB) is too small for N=2^17. */
export function scryptMaxmem(params: ScryptParams): number {
  return 128 * params.N * params.r * params.p + 32 * 1024 * 1024
}

/** Derives a key-encryption key. Runs on libuv's thread pool, so the event loop stays free. */
export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const problem = scryptParamsProblem(params)
  if (problem) return Promise.reject(new Error(`Refusing scrypt parameters: ${problem}`))
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(
      secret,
      salt,
      KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) },
      (err, key) => {
        secret.fill(0)
        if (err) reject(err)
        else resolve(key)
      }
    )
  })
}

export interface Sealed {
  iv: Buffer
  ct: Buffer
  tag: Buffer
}

export function seal(key: Buffer, plain: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const ct = Buffer.concat([cipher.update(plain), cipher.final()])
  return { iv, ct, tag: cipher.getAuthTag() }
}

/** Throws when the key is wrong or any byte of iv, ciphertext, tag or AAD was changed. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) throw new Error('Malformed sealed box')
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.tag)
  return Buffer.concat([decipher.update(sealed.ct), decipher.final()])
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES)
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Sealed box as it appears in JSON files. */
export interface SealedJson {
  iv: string
  ct: string
  tag: string
}

export function toJson(sealed: Sealed): SealedJson {
  return { iv: sealed.iv.toString('base64'), ct: sealed.ct.toString('base64'), tag: sealed.tag.toString('base64') }
}

export function fromJson(json: SealedJson): Sealed {
  return { iv: Buffer.from(json.iv, 'base64'), ct: Buffer.from(json.ct, 'base64'), tag: Buffer.from(json.tag, 'base64') }
}
