import { z } from 'zod'
import { AppError, fieldError } from '../../../shared/errors'
import type { ConnectionRecord } from '../connections/connection-record'
import type { ConnectionsContent } from '../connections/connection-store'
import { deriveKey, fromJson, newDataKey, newSalt, open, scryptParamsProblem, seal, toJson, type ScryptParams } from './crypto'
import { NodeCredentialRecordSchema } from './payload'

// Export bundles: the same crypto as the vault (random data key, AES-256-GCM; the key wrapped by
// scrypt of the bundle's own passphrase), armored as text. Main hands it to the user as a file
// (vault-export.ts); the renderer only reads it back as an upload for import.

export const BUNDLE_FORMAT = 'backdesk-bundle'
export const BUNDLE_VERSION = 1
const BEGIN = '-----BEGIN BACKDESK BUNDLE-----'
const END = '-----END BACKDESK BUNDLE-----'

const B64 = z.string().max(16 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/)
const Sealed = z.object({ iv: B64, ct: B64, tag: B64 }).strict()
const Kdf = z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: B64 }).strict()
const Envelope = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    exportedAt: z.string().max(64),
    kdf: Kdf,
    wrap: Sealed,
    payload: Sealed
  })
  .strict()

const contentSchema = (record: z.ZodType<ConnectionRecord>) =>
  z
    .object({
      // `record` is ConnectionRecords.storedSchema: bundles exported before secrets were bound to
      // an origin get their base URL's.
      connections: z.array(record).max(100_000),
      nodeCredentials: z.array(NodeCredentialRecordSchema).max(1_000_000)
    })
    .strict()

const wrapAad = (kdf: unknown) => Buffer.from(`${BUNDLE_FORMAT}:v${BUNDLE_VERSION}:wrap:${JSON.stringify(kdf)}`, 'utf8')
const payloadAad = (env: { format: unknown; version: unknown; exportedAt: unknown; kdf: unknown; wrap: unknown }) =>
  Buffer.from(
    JSON.stringify({ format: env.format, version: env.version, exportedAt: env.exportedAt, kdf: env.kdf, wrap: env.wrap }),
    'utf8'
  )

export async function createBundle(
  content: ConnectionsContent,
  passphrase: string,
  params: ScryptParams,
  exportedAt: string
): Promise<string> {
  const salt = newSalt()
  const kdf = { name: 'scrypt' as const, N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') }
  const dataKey = newDataKey()
  const kek = await deriveKey(passphrase, salt, params)
  try {
    const wrap = toJson(seal(kek, dataKey, wrapAad(kdf)))
    const head = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt, kdf, wrap }
    const plain = Buffer.from(JSON.stringify(content), 'utf8')
    const payload = toJson(seal(dataKey, plain, payloadAad(head)))
    plain.fill(0)
    const b64 = Buffer.from(JSON.stringify({ ...head, payload }), 'utf8').toString('base64')
    const lines = b64.match(/.{1,64}/g) ?? []
    return `${BEGIN}\n${lines.join('\n')}\n${END}\n`
  } finally {
    kek.fill(0)
    dataKey.fill(0)
  }
}

function notABundle(): AppError {
  return fieldError('bundle', 'This is not a Backdesk export bundle, or it was cut short.')
}

export async function openBundle(
  text: string,
  passphrase: string,
  record: z.ZodType<ConnectionRecord>
): Promise<{ exportedAt: string; content: ConnectionsContent }> {
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw notABundle()
  const body = text.slice(start + BEGIN.length, end).replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw notABundle()
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<string, unknown>
  } catch {
    throw notABundle()
  }
  const env = Envelope.safeParse(raw)
  if (!env.success) throw notABundle()
  const params = { N: env.data.kdf.N, r: env.data.kdf.r, p: env.data.kdf.p }
  const problem = scryptParamsProblem(params)
  if (problem) throw fieldError('bundle', `This bundle asks for unacceptable key-derivation parameters (${problem}).`)

  const kek = await deriveKey(passphrase, Buffer.from(env.data.kdf.salt, 'base64'), params)
  let dataKey: Buffer
  try {
    dataKey = open(kek, fromJson(env.data.wrap), wrapAad(raw['kdf']))
  } catch {
    throw fieldError('passphrase', 'The bundle passphrase is wrong, or the bundle was changed.', { code: 'WRONG_PASSPHRASE' })
  } finally {
    kek.fill(0)
  }
  let plain: Buffer
  try {
    plain = open(dataKey, fromJson(env.data.payload), payloadAad(raw as never))
  } catch {
    throw fieldError('bundle', 'The bundle was changed after it was exported and cannot be trusted.')
  } finally {
    dataKey.fill(0)
  }
  try {
    const content = contentSchema(record).safeParse(JSON.parse(plain.toString('utf8')))
    if (!content.success) throw fieldError('bundle', 'The bundle opened but its contents are not valid for this Backdesk.')
    return { exportedAt: env.data.exportedAt, content: content.data }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw fieldError('bundle', 'The bundle opened but its contents are not readable.')
  } finally {
    plain.fill(0)
  }
}
