import { createHash } from 'node:crypto'
import { z } from 'zod'
import { PROVIDERS } from '../../../shared/model/connection'
import { withSecretOrigin } from '../connections/connection-record'
import {
  deriveKey,
  fromJson,
  open,
  scryptParamsProblem,
  seal,
  toJson,
  type ScryptParams,
  type Sealed
} from './crypto'

// The vault file, one line of JSON:
//
//   {"format":"backdesk-vault","version":3,
//    "header":{"kdf":{"name":"scrypt","N":131072,"r":8,"p":1,"salt":…},
//              "wraps":{"passphrase":{iv,ct,tag},"keychain":"…"?},"createdAt":…},
//    "payload":{iv,ct,tag},"checksum":"<sha256 of everything before it>"}
//
// - payload = AES-256-GCM(dataKey, JSON payload, AAD = JSON of {format, version, header}), so the
//   header (KDF parameters, wraps) cannot be changed without the payload failing to open;
// - wraps.passphrase = AES-256-GCM(scrypt(passphrase, salt, N, r, p), dataKey,
//   AAD = "backdesk-vault:v<version>:wrap:" + JSON of kdf), binding the wrap to its parameters;
// - wraps.keychain = the data key sealed by the OS keychain ("unlock on this device"), optional;
// - checksum + a canonical-form check let any flipped or missing byte be refused before any
//   passphrase is asked for (a changed wrap would otherwise look like a wrong passphrase).
//
// Older versions are read through `migrations` and written back in the current version.

export const VAULT_FORMAT = 'backdesk-vault'
export const CURRENT_VERSION = 3

const B64 = z.string().max(16 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/)
const SealedJsonSchema = z.object({ iv: B64, ct: B64, tag: B64 }).strict()

export const KdfJsonSchema = z
  .object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: B64
  })
  .strict()
export type KdfJson = z.infer<typeof KdfJsonSchema>

export const HeaderV2Schema = z
  .object({
    kdf: KdfJsonSchema,
    wraps: z
      .object({
        passphrase: SealedJsonSchema,
        keychain: B64.optional()
      })
      .strict(),
    createdAt: z.string().max(64)
  })
  .strict()
export type VaultHeader = z.infer<typeof HeaderV2Schema>

// ---- migrations ------------------------------------------------------------------------------

/** v1 (the 0.0.x preview): bare KDF params, one `wrappedKey`, connections with `url`/`fields`/`secrets`. */
const HeaderV1Schema = z
  .object({
    kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: B64 }).strict(),
    wrappedKey: SealedJsonSchema,
    createdAt: z.string().max(64)
  })
  .strict()

const PayloadV1Schema = z
  .object({
    connections: z.array(
      z
        .object({
          id: z.string(),
          // Format 1 knew only the shipped providers, so any kind it holds is one of these.
          provider: z.enum(PROVIDERS),
          name: z.string(),
          url: z.string(),
          customer: z.string().optional(),
          fields: z.record(z.string(), z.string()),
          secrets: z.record(z.string(), z.string()),
          createdAt: z.string()
        })
        .strict()
    )
  })
  .strict()

export interface Migration {
  /** Validates a header of this version and returns it in the next version's shape. */
  header(header: unknown): unknown
  /** The decrypted payload of this version, in the next version's shape. */
  payload(payload: unknown): unknown
}

/** v2: connections without `secretOrigin` (secrets were not yet bound to an origin). */
const PayloadV2Schema = z.object({ connections: z.array(z.unknown()) }).passthrough()

/** migrations[v] turns version v into v + 1. */
export const migrations: Readonly<Record<number, Migration>> = {
  1: {
    header(raw) {
      const h = HeaderV1Schema.parse(raw)
      const next: VaultHeader = {
        kdf: { name: 'scrypt', N: h.kdf.N, r: h.kdf.r, p: h.kdf.p, salt: h.kdf.salt },
        wraps: { passphrase: h.wrappedKey },
        createdAt: h.createdAt
      }
      return next
    },
    payload(raw) {
      const p = PayloadV1Schema.parse(raw)
      return {
        connections: p.connections.map((c) => ({
          provider: c.provider,
          id: c.id,
          name: c.name,
          customer: c.customer ?? '',
          tags: [],
          baseUrl: c.url,
          demo: false,
          createdAt: c.createdAt,
          updatedAt: c.createdAt,
          ...c.fields,
          ...c.secrets
        })),
        nodeCredentials: [],
        settings: { autoLockMinutes: 15 }
      }
    }
  },
  2: {
    // The header is unchanged; each connection's secrets get bound to its base URL's origin, the
    // only place a v2 build ever sent them. v3 also adds the optional team workspace state, which
    // needs nothing converted (an older build, whose payload schema is strict, says "update").
    header: (raw) => HeaderV2Schema.parse(raw),
    payload(raw) {
      const p = PayloadV2Schema.parse(raw)
      return { ...p, connections: p.connections.map(withSecretOrigin) }
    }
  }
}

/** The oldest version this build can read. */
export const OLDEST_VERSION = 1

// ---- reading -----------------------------------------------------------------------------------

/** Why a file was refused. `newer` marks a file written by a later Backdesk. */
export class VaultFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly newer = false
  ) {
    super(reason)
    this.name = 'VaultFormatError'
  }
}

export interface ParsedVaultFile {
  version: number
  /** In the current version's shape (migrated when the file is older). */
  header: VaultHeader
  kdf: ScryptParams
  salt: Buffer
  payloadBox: Sealed
  wrapAad: Buffer
  payloadAad: Buffer
  /** Brings a decrypted payload of this file's version to the current shape. */
  migratePayload(payload: unknown): unknown
}

function checksumOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex')
}

function wrapAad(version: number, rawKdf: unknown): Buffer {
  return Buffer.from(`${VAULT_FORMAT}:v${version}:wrap:${JSON.stringify(rawKdf)}`, 'utf8')
}

function payloadAad(version: number, rawHeader: unknown): Buffer {
  return Buffer.from(JSON.stringify({ format: VAULT_FORMAT, version, header: rawHeader }), 'utf8')
}

/**
 * Structural checks only (no passphrase needed): canonical JSON, checksum, known version, header
 * shape, sane KDF parameters. Throws VaultFormatError.
 */
export function parseVaultFile(raw: Buffer): ParsedVaultFile {
  if (raw.length === 0) throw new VaultFormatError('the file is empty')
  let doc: unknown
  try {
    doc = JSON.parse(raw.toString('utf8'))
  } catch {
    throw new VaultFormatError('the file is not readable (cut short or damaged)')
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new VaultFormatError('the file is not a vault')
  // The file must be byte-for-byte what we would have written: catches changes JSON.parse forgives.
  if (!Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8').equals(raw)) {
    throw new VaultFormatError('the file was modified (it is not in the form Backdesk writes)')
  }
  const { checksum, ...body } = doc as Record<string, unknown>
  if (typeof checksum !== 'string' || Object.keys(doc).at(-1) !== 'checksum') {
    throw new VaultFormatError('the file has no checksum')
  }
  if (checksumOf(body) !== checksum) throw new VaultFormatError('the checksum does not match (bytes were changed)')
  const { format, version, header: rawHeader, payload } = body
  if (format !== VAULT_FORMAT) throw new VaultFormatError('the file is not a Backdesk vault')
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_VERSION) {
    throw new VaultFormatError('unknown vault format version')
  }
  if (version > CURRENT_VERSION) {
    throw new VaultFormatError(`it was written by a newer Backdesk (format ${version}); update Backdesk to open it`, true)
  }
  if (Object.keys(body).join(',') !== 'format,version,header,payload') {
    throw new VaultFormatError('the file has unexpected fields')
  }

  let header: unknown = rawHeader
  try {
    for (let v = version; v < CURRENT_VERSION; v++) {
      const step = migrations[v]
      if (!step) throw new Error(`no migration from version ${v}`)
      header = step.header(header)
    }
  } catch (err) {
    throw new VaultFormatError(`the header is not valid for format ${version} (${(err as Error).message.slice(0, 200)})`)
  }
  const parsedHeader = HeaderV2Schema.safeParse(header)
  if (!parsedHeader.success) throw new VaultFormatError('the header is not valid')
  const box = SealedJsonSchema.safeParse(payload)
  if (!box.success) throw new VaultFormatError('the encrypted payload is malformed')

  const { kdf } = parsedHeader.data
  const params: ScryptParams = { N: kdf.N, r: kdf.r, p: kdf.p }
  const problem = scryptParamsProblem(params)
  if (problem) throw new VaultFormatError(`the key-derivation parameters are not acceptable (${problem})`)

  const rawKdf = (rawHeader as Record<string, unknown>)['kdf']
  return {
    version,
    header: parsedHeader.data,
    kdf: params,
    salt: Buffer.from(kdf.salt, 'base64'),
    payloadBox: fromJson(box.data),
    wrapAad: wrapAad(version, rawKdf),
    payloadAad: payloadAad(version, rawHeader),
    migratePayload(p) {
      let out = p
      for (let v = version; v < CURRENT_VERSION; v++) {
        const step = migrations[v]
        if (!step) throw new Error(`no migration from version ${v}`)
        out = step.payload(out)
      }
      return out
    }
  }
}

/** Opens the passphrase wrap. Throws when the passphrase is wrong. The caller zeroes the result. */
export async function unwrapWithPassphrase(parsed: ParsedVaultFile, passphrase: string): Promise<Buffer> {
  const kek = await deriveKey(passphrase, parsed.salt, parsed.kdf)
  try {
    return open(kek, fromJson(parsed.header.wraps.passphrase), parsed.wrapAad)
  } finally {
    kek.fill(0)
  }
}

export function openPayload(parsed: ParsedVaultFile, dataKey: Buffer): unknown {
  const plain = open(dataKey, parsed.payloadBox, parsed.payloadAad)
  try {
    return JSON.parse(plain.toString('utf8'))
  } finally {
    plain.fill(0)
  }
}

// ---- writing -----------------------------------------------------------------------------------

/** A fresh passphrase wrap of `dataKey` with new salt and the given parameters. */
export async function makePassphraseWrap(
  passphrase: string,
  dataKey: Buffer,
  params: ScryptParams,
  salt: Buffer
): Promise<Pick<VaultHeader, 'kdf'> & { passphrase: VaultHeader['wraps']['passphrase'] }> {
  const kdf: KdfJson = { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') }
  const kek = await deriveKey(passphrase, salt, params)
  try {
    const wrapped = seal(kek, dataKey, wrapAad(CURRENT_VERSION, kdf))
    return { kdf, passphrase: toJson(wrapped) }
  } finally {
    kek.fill(0)
  }
}

/** The bytes of a current-version vault file. */
export function buildVaultFile(header: VaultHeader, dataKey: Buffer, payload: unknown): Buffer {
  // Rebuild the header in a fixed key order: the AAD and checksum are computed over this exact JSON.
  const wraps: VaultHeader['wraps'] = { passphrase: { ...header.wraps.passphrase } }
  if (header.wraps.keychain !== undefined) wraps.keychain = header.wraps.keychain
  const canonicalHeader: VaultHeader = {
    kdf: { name: 'scrypt', N: header.kdf.N, r: header.kdf.r, p: header.kdf.p, salt: header.kdf.salt },
    wraps,
    createdAt: header.createdAt
  }
  const plain = Buffer.from(JSON.stringify(payload), 'utf8')
  let box: Sealed
  try {
    box = seal(dataKey, plain, payloadAad(CURRENT_VERSION, canonicalHeader))
  } finally {
    plain.fill(0)
  }
  const body = { format: VAULT_FORMAT, version: CURRENT_VERSION, header: canonicalHeader, payload: toJson(box) }
  return Buffer.from(`${JSON.stringify({ ...body, checksum: checksumOf(body) })}\n`, 'utf8')
}

/** For tests and fixtures of older versions: the same framing for any body. */
export function frameVaultBody(body: { format: string; version: number; header: unknown; payload: unknown }): Buffer {
  return Buffer.from(`${JSON.stringify({ ...body, checksum: checksumOf(body) })}\n`, 'utf8')
}

export { wrapAad as wrapAadFor, payloadAad as payloadAadFor }
