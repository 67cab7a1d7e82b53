import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../../src/main/core/log/logger'
import { memorySink } from '../../support/memory-sink'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import { secureDataFolder } from '../../../src/main/core/storage/data-folder'
import { SealedJsonFile } from '../../../src/main/core/storage/sealed-json-file'
import { vaultIn, type KeyedVaultHandle } from './vault-keys'

interface Doc {
  version: 1
  names: string[]
}
const valid = (v: unknown): Doc | undefined => {
  const d = v as Partial<Doc> | null
  return d && d.version === 1 && Array.isArray(d.names) ? (d as Doc) : undefined
}
const empty = (): Doc => ({ version: 1, names: [] })

let dir: string
let handle: KeyedVaultHandle
const handles: KeyedVaultHandle[] = []

async function vault(where = dir): Promise<KeyedVaultHandle> {
  const h = await vaultIn(where)
  handles.push(h)
  return h
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-sealed-'))
  handle = await vault()
  await handle.unlock()
})
afterEach(() => {
  for (const h of handles.splice(0)) h.vault.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const fileIn = (h: KeyedVaultHandle, logger?: ReturnType<typeof createLogger>) =>
  new SealedJsonFile<Doc>(join(dir, 'things.sealed.json'), {
    keys: h.keys,
    purpose: 'test/things/v1',
    legacyPath: join(dir, 'things.json'),
    ...(logger ? { logger } : {})
  })

describe('sealed JSON file', () => {
  it('keeps its document sealed under the vault and reads it back after a restart', async () => {
    await fileIn(handle).write({ version: 1, names: ['Northwind Traders', 'ops@contoso.example'] })
    const text = readFileSync(join(dir, 'things.sealed.json'), 'utf8')
    expect(text).not.toContain('Northwind')
    expect(text).not.toContain('contoso')
    expect(JSON.parse(text)).toMatchObject({ format: 'backdesk-sealed-json', v: 1 })
    expect(statSync(join(dir, 'things.sealed.json')).mode & 0o777).toBe(0o600)

    handle.vault.dispose()
    const again = await vault()
    await again.unlock()
    expect(await fileIn(again).read(empty, valid)).toEqual({ version: 1, names: ['Northwind Traders', 'ops@contoso.example'] })
  })

  it('answers LOCKED to reads and writes while the vault is locked, with or without a file, and writes nothing', async () => {
    const file = fileIn(handle)
    handle.vault.lock()
    await expect(file.read(empty, valid)).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(file.write({ version: 1, names: ['x'] })).rejects.toMatchObject({ code: 'LOCKED' })
    expect(existsSync(join(dir, 'things.sealed.json'))).toBe(false)
    await handle.unlock()
    await file.write({ version: 1, names: ['x'] })
    handle.vault.lock()
    await expect(file.read(empty, valid)).rejects.toMatchObject({ code: 'LOCKED' })
  })

  it('sets aside a file it cannot open (another vault, or changed) and starts empty', async () => {
    await fileIn(handle).write({ version: 1, names: ['a'] })
    const other = await vault(mkdtempSync(join(dir, 'other-')))
    await other.unlock()
    const sink = memorySink()
    expect(await fileIn(other, createLogger({ sinks: [sink], secrets: new SecretRegistry() })).read(empty, valid)).toEqual(empty())
    expect(readdirSync(dir).some((n) => n.startsWith('things.sealed.json.damaged-'))).toBe(true)
    expect(sink.records.some((r) => /does not open/.test(r.message))).toBe(true)

    await fileIn(handle).write({ version: 1, names: ['b'] })
    const path = join(dir, 'things.sealed.json')
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { ct: string }
    const ct = Buffer.from(doc.ct, 'base64')
    ct[0] = (ct[0] ?? 0) ^ 1
    writeFileSync(path, JSON.stringify({ ...doc, ct: ct.toString('base64') }))
    expect(await fileIn(handle).read(empty, valid)).toEqual(empty())
  })

  it('is set aside when the vault is reset, and a new vault starts empty', async () => {
    const file = fileIn(handle)
    await file.write({ version: 1, names: ['a'] })
    await file.discard()
    await handle.vault.reset()
    await handle.unlock()
    expect(await fileIn(handle).read(empty, valid)).toEqual(empty())
    expect(readdirSync(dir).some((n) => n.startsWith('things.sealed.json.discarded-'))).toBe(true)
  })

  it('moves the plaintext file of an earlier version under the key and removes it', async () => {
    writeFileSync(join(dir, 'things.json'), JSON.stringify({ version: 1, names: ['Northwind Traders'] }))
    expect(await fileIn(handle).read(empty, valid)).toEqual({ version: 1, names: ['Northwind Traders'] })
    expect(existsSync(join(dir, 'things.json'))).toBe(false)
    expect(readFileSync(join(dir, 'things.sealed.json'), 'utf8')).not.toContain('Northwind')
    expect(await fileIn(handle).read(empty, valid)).toEqual({ version: 1, names: ['Northwind Traders'] })
  })

  it('removes a plaintext copy left beside the sealed file by an interrupted move; the sealed one counts', async () => {
    await fileIn(handle).write({ version: 1, names: ['sealed'] })
    writeFileSync(join(dir, 'things.json'), JSON.stringify({ version: 1, names: ['plain'] }))
    expect(await fileIn(handle).read(empty, valid)).toEqual({ version: 1, names: ['sealed'] })
    expect(existsSync(join(dir, 'things.json'))).toBe(false)
  })
})

describe('data folder permissions', () => {
  it.skipIf(process.platform === 'win32')('makes the folder, its files and our sub-folders user-only, leaving links and foreign folders alone', async () => {
    const data = mkdtempSync(join(dir, 'data-'))
    chmodSync(data, 0o755)
    writeFileSync(join(data, 'vault-prefs.json'), '{}', { mode: 0o644 })
    mkdirSync(join(data, 'snapshots'), { mode: 0o755 })
    writeFileSync(join(data, 'snapshots', 'a.snap.json'), '{}', { mode: 0o644 })
    mkdirSync(join(data, 'GPUCache'), { mode: 0o755 })
    const target = join(dir, 'elsewhere.txt')
    writeFileSync(target, 'x', { mode: 0o644 })
    symlinkSync(target, join(data, 'SingletonCookie'))

    await secureDataFolder(data)
    const mode = (p: string) => statSync(p).mode & 0o777
    expect(mode(data)).toBe(0o700)
    expect(mode(join(data, 'vault-prefs.json'))).toBe(0o600)
    expect(mode(join(data, 'snapshots'))).toBe(0o700)
    expect(mode(join(data, 'snapshots', 'a.snap.json'))).toBe(0o600)
    expect(mode(join(data, 'GPUCache'))).toBe(0o755)
    expect(mode(target)).toBe(0o644)
  })
})
