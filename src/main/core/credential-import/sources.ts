import { parse as parseCsv } from 'csv-parse/sync'
import { argon2d, argon2id } from 'hash-wasm'
import kdbxweb from 'kdbxweb'
import { z } from 'zod'
import { fieldError } from '../../../shared/errors'

// Readers for the password managers technicians already keep customer logins in. Each gives the
// same neutral entries; mapping them to providers is provider-map.ts's job. Nothing here saves.

export interface SourceEntry {
  title: string
  url: string
  username: string
  password: string
  /** Custom fields by lower-cased name (client id, client secret, origin, api key…). */
  fields: Record<string, string>
  /** KeePass group / Bitwarden folder: offered as the customer. */
  group: string
}

export type SourceFormat = 'kdbx' | 'bitwarden' | '1password'

const MAX_ENTRIES = 20_000

// kdbxweb leaves Argon2 to the application: hash-wasm's (WebAssembly, no native build).
kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type, version) => {
  if (version !== 0x13) throw new Error('unsupported Argon2 version')
  const options = {
    password: new Uint8Array(password),
    salt: new Uint8Array(salt),
    memorySize: memory,
    iterations,
    hashLength: length,
    parallelism,
    outputType: 'binary' as const
  }
  const out = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? await argon2id(options) : await argon2d(options)
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer
})

export async function readKdbx(file: Buffer, password: string, keyFile?: Buffer): Promise<SourceEntry[]> {
  const credentials = new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password), keyFile ? new Uint8Array(keyFile) : null)
  let db: kdbxweb.Kdbx
  try {
    db = await kdbxweb.Kdbx.load(new Uint8Array(file).buffer, credentials)
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === kdbxweb.Consts.ErrorCodes.InvalidKey) throw fieldError('password', 'The KeePass master password (or key file) is not correct.', { code: 'WRONG_PASSPHRASE' })
    if (code === kdbxweb.Consts.ErrorCodes.BadSignature) throw fieldError('file', 'That file is not a KeePass database (.kdbx).')
    if (code === kdbxweb.Consts.ErrorCodes.InvalidVersion) throw fieldError('file', 'That KeePass database version is not supported (KDBX 3.1 and 4 are).')
    throw fieldError('file', 'The KeePass database could not be read (it may be damaged).')
  }
  const out: SourceEntry[] = []
  const recycleBin = db.meta.recycleBinUuid?.id
  const walk = (group: kdbxweb.KdbxGroup, path: string) => {
    if (recycleBin && group.uuid.id === recycleBin) return
    for (const entry of group.entries) {
      const text = (name: string) => {
        const v = entry.fields.get(name)
        return v === undefined ? '' : typeof v === 'string' ? v : v.getText()
      }
      const fields: Record<string, string> = {}
      for (const [name] of entry.fields) {
        if (['Title', 'URL', 'UserName', 'Password', 'Notes'].includes(name)) continue
        fields[name.trim().toLowerCase()] = text(name)
      }
      out.push({ title: text('Title'), url: text('URL'), username: text('UserName'), password: text('Password'), fields, group: path })
      if (out.length > MAX_ENTRIES) throw fieldError('file', `The file has more than ${MAX_ENTRIES} entries.`)
    }
    for (const sub of group.groups) walk(sub, sub.name ?? '')
  }
  const root = db.getDefaultGroup()
  walk(root, '')
  return out
}

// Bitwarden's unencrypted JSON export (Tools → Export vault → .json).
const BitwardenSchema = z.object({
  encrypted: z.boolean().optional(),
  folders: z.array(z.object({ id: z.string(), name: z.string() }).passthrough()).optional(),
  items: z.array(
    z
      .object({
        type: z.number(),
        name: z.string().nullable().optional(),
        folderId: z.string().nullable().optional(),
        login: z
          .object({
            username: z.string().nullable().optional(),
            password: z.string().nullable().optional(),
            uris: z.array(z.object({ uri: z.string().nullable().optional() }).passthrough()).nullable().optional()
          })
          .passthrough()
          .nullable()
          .optional(),
        fields: z.array(z.object({ name: z.string().nullable().optional(), value: z.string().nullable().optional() }).passthrough()).nullable().optional()
      })
      .passthrough()
  )
})

export function readBitwarden(file: Buffer): SourceEntry[] {
  let raw: unknown
  try {
    raw = JSON.parse(file.toString('utf8'))
  } catch {
    throw fieldError('file', 'That file is not a Bitwarden JSON export.')
  }
  if (raw && typeof raw === 'object' && (raw as { encrypted?: unknown }).encrypted === true) {
    throw fieldError('file', 'That Bitwarden export is encrypted. Export again choosing the unencrypted ".json" format, and delete the file after the import.')
  }
  const parsed = BitwardenSchema.safeParse(raw)
  if (!parsed.success) throw fieldError('file', 'That file is not a Bitwarden JSON export.')
  const folders = new Map((parsed.data.folders ?? []).map((f) => [f.id, f.name]))
  const out: SourceEntry[] = []
  for (const item of parsed.data.items) {
    if (item.type !== 1 || !item.login) continue // 1 = login
    const fields: Record<string, string> = {}
    for (const f of item.fields ?? []) if (f.name) fields[f.name.trim().toLowerCase()] = f.value ?? ''
    out.push({
      title: item.name ?? '',
      url: item.login.uris?.find((u) => u.uri)?.uri ?? '',
      username: item.login.username ?? '',
      password: item.login.password ?? '',
      fields,
      group: (item.folderId && folders.get(item.folderId)) || ''
    })
    if (out.length > MAX_ENTRIES) throw fieldError('file', `The file has more than ${MAX_ENTRIES} entries.`)
  }
  return out
}

// 1Password's CSV export: a header row naming the columns (Title, Url/URL/Website, Username,
// Password, Notes, and others that are ignored).
export function readOnePasswordCsv(file: Buffer): SourceEntry[] {
  let rows: Array<Record<string, string>>
  try {
    rows = parseCsv(file.toString('utf8').replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, trim: false })
  } catch {
    throw fieldError('file', 'That file is not a readable CSV export.')
  }
  const first = rows[0]
  if (!first || !('title' in first) || !('password' in first)) {
    throw fieldError('file', 'That CSV has no Title and Password columns: export from 1Password as CSV with them.')
  }
  if (rows.length > MAX_ENTRIES) throw fieldError('file', `The file has more than ${MAX_ENTRIES} entries.`)
  const known = new Set(['title', 'url', 'website', 'username', 'password', 'notes', 'notesplain', 'otpauth', 'favorite', 'archived', 'tags', 'type'])
  return rows.map((r) => {
    const fields: Record<string, string> = {}
    for (const [k, v] of Object.entries(r)) if (!known.has(k) && v) fields[k] = v
    return {
      title: r['title'] ?? '',
      url: r['url'] ?? r['website'] ?? '',
      username: r['username'] ?? '',
      password: r['password'] ?? '',
      fields,
      group: (r['tags'] ?? '').split(/[,;]/)[0]?.trim() ?? ''
    }
  })
}

export async function readSource(format: SourceFormat, file: Buffer, password?: string): Promise<SourceEntry[]> {
  switch (format) {
    case 'kdbx':
      if (!password) throw fieldError('password', 'Enter the KeePass master password.')
      return readKdbx(file, password)
    case 'bitwarden':
      return readBitwarden(file)
    case '1password':
      return readOnePasswordCsv(file)
  }
}
