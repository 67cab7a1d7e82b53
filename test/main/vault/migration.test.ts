import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { deriveKey, newDataKey, newSalt, seal, toJson } from '../../../src/main/core/vault/crypto'
import { CURRENT_VERSION, frameVaultBody, migrations, parseVaultFile, payloadAadFor, wrapAadFor } from '../../../src/main/core/vault/format'
import { vaultPayloadSchema } from '../../../src/main/core/vault/payload'
import { testRecords } from '../vault/helpers'
import { makeV1File, V1_PASSPHRASE, V1_PAYLOAD } from './fixtures/make-v1'
import { cleanupDirs, openVault, tmpDir } from './helpers'

afterEach(cleanupDirs)

const FIXTURE = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'vault-v1.json')

describe('format migrations', () => {
  it('has a step for every older version', () => {
    for (let v = 1; v < CURRENT_VERSION; v++) expect(migrations[v], `migration from v${v}`).toBeDefined()
  })

  it('maps a v1 payload to a valid current payload', () => {
    const out = migrations[2]!.payload(migrations[1]!.payload(V1_PAYLOAD))
    const parsed = vaultPayloadSchema(testRecords().schema).parse(out)
    expect(parsed.connections[0]).toMatchObject({
      provider: 'cloutility',
      baseUrl: 'https://portal.acme.example',
      secretOrigin: 'https://portal.acme.example',
      clientId: 'acme-client',
      password: 'v1-cloutility-password',
      tags: []
    })
    expect(parsed.settings.autoLockMinutes).toBe(15)
  })

  it('opens the committed v1 fixture, migrates it and writes it back as the current version (v1 kept as backup)', async () => {
    const dir = tmpDir()
    const fixture = readFileSync(FIXTURE)
    copyFileSync(FIXTURE, join(dir, 'vault.json'))
    const { vault } = await openVault(dir)
    expect(vault.state).toBe('locked')
    await vault.unlock({ passphrase: V1_PASSPHRASE })
    const connections = vault.read((p) => p.connections)
    expect(connections.map((c) => [c.provider, c.name, c.baseUrl])).toEqual([
      ['cloutility', 'Acme Cloutility', 'https://portal.acme.example'],
      ['cloudback', 'Beta Cloudback', 'https://app.cloudback.example']
    ])
    expect(connections[1]).toMatchObject({ apiKey: 'v1-cloudback-api-key', customer: '' })
    expect(parseVaultFile(readFileSync(join(dir, 'vault.json'))).version).toBe(CURRENT_VERSION)
    expect(readFileSync(join(dir, 'vault.json.bak')).equals(fixture)).toBe(true)
    vault.dispose()
    const again = await openVault(dir)
    await again.vault.unlock({ passphrase: V1_PASSPHRASE })
    expect(again.vault.read((p) => p.connections.length)).toBe(2)
  })

  it('if the upgrade write fails, later writes are refused rather than producing an unopenable file', async () => {
    const dir = tmpDir()
    copyFileSync(FIXTURE, join(dir, 'vault.json'))
    let fail = true
    const { vault } = await openVault(dir, {
      faultHook: (step) => {
        if (fail && step === 'commit-rename') throw new Error('disk full')
      }
    })
    await vault.unlock({ passphrase: V1_PASSPHRASE })
    expect(parseVaultFile(readFileSync(join(dir, 'vault.json'))).version).toBe(1)
    fail = false
    await expect(vault.update((p) => void (p.settings.autoLockMinutes = 3))).rejects.toMatchObject({ code: 'CONFLICT' })
    vault.lock()
    await vault.unlock({ passphrase: V1_PASSPHRASE }) // upgrade succeeds now
    await vault.update((p) => void (p.settings.autoLockMinutes = 3))
    vault.dispose()
    const again = await openVault(dir)
    await again.vault.unlock({ passphrase: V1_PASSPHRASE })
    expect(again.vault.read((p) => p.settings.autoLockMinutes)).toBe(3)
  })

  it('opens a v2 file (before secrets were bound to an origin): each binding is its base URL origin, registered as such', async () => {
    // A v2 file as a v2 build wrote it: the same framing, payload records without secretOrigin.
    const passphrase = 'fixture-passphrase-v2'
    const params = { N: 2 ** 10, r: 8, p: 1 }
    const salt = newSalt()
    const kdf = { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') }
    const dataKey = newDataKey()
    const kek = await deriveKey(passphrase, salt, params)
    const header = { kdf, wraps: { passphrase: toJson(seal(kek, dataKey, wrapAadFor(2, kdf))) }, createdAt: '2026-05-01T00:00:00.000Z' }
    const at = '2026-05-01T00:00:00.000Z'
    const v2Payload = {
      connections: [
        { provider: 'cloudback', id: 'c-v2', name: 'Old Cloudback', customer: '', tags: [], baseUrl: 'https://backup.example.com:8443/api', demo: false, createdAt: at, updatedAt: at, apiKey: 'v2-cloudback-api-key' }
      ],
      nodeCredentials: [],
      settings: { autoLockMinutes: 15 }
    }
    const payload = toJson(seal(dataKey, Buffer.from(JSON.stringify(v2Payload)), payloadAadFor(2, header)))
    const dir = tmpDir()
    writeFileSync(join(dir, 'vault.json'), frameVaultBody({ format: 'backdesk-vault', version: 2, header, payload }))
    const { vault, secrets } = await openVault(dir)
    await vault.unlock({ passphrase })
    expect(vault.read((p) => p.connections[0])).toMatchObject({ baseUrl: 'https://backup.example.com:8443/api', secretOrigin: 'https://backup.example.com:8443' })
    expect([...secrets.originsOf('v2-cloudback-api-key')]).toEqual(['https://backup.example.com:8443'])
    expect(parseVaultFile(readFileSync(join(dir, 'vault.json'))).version).toBe(CURRENT_VERSION)
    vault.dispose()
  })

  it('refuses a v1 file whose bytes were changed', async () => {
    const dir = tmpDir()
    const raw = await makeV1File()
    raw[40] = (raw[40] ?? 0) ^ 1
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dir, 'vault.json'), raw)
    const { vault } = await openVault(dir)
    expect(vault.state).toBe('corrupt')
  })
})
