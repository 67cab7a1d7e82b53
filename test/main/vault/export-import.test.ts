import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionsContent } from '../../../src/main/core/connections/connection-store'
import { createBundle } from '../../../src/main/core/vault/bundle'
import { DOWNLOAD_PREFIX, OneTimeDownloads } from '../../../src/main/web/one-time-downloads'
import { cleanupDirs, FAST_KDF, makeCore, PASS, tmpDir } from './helpers'

afterEach(cleanupDirs)

const BUNDLE_PASS = 'bundle-otter-piano-31'
const SECRET = 'export-secret-key-8d2f'

/** A vault with two connections and a node credential; bundles leave through the web shell's one-time downloads. */
async function source() {
  const downloads = new OneTimeDownloads()
  const t = await makeCore(tmpDir(), { saveFile: downloads.saveFile })
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  const a = await t.ok('connections.create', { provider: 'cloudback', name: 'Alpha', baseUrl: 'https://a.example', apiKey: SECRET })
  const b = await t.ok('connections.create', {
    provider: 'cloutility', name: 'Beta', baseUrl: 'https://b.example', clientId: 'cid', origin: 'https://b.example', username: 'u', password: 'beta-password-1'
  })
  await t.core.vault.nodeCredentials.put({ connectionId: b.id, nodeId: 'node-1', nodeName: 'NODE-1', password: 'node-password-1' })
  /** Exports through the router and fetches the bundle the way the browser would, once. */
  const exportBundle = async (input: Record<string, unknown> = {}) => {
    const result = await t.ok('vault.export', { masterPassphrase: PASS, passphrase: BUNDLE_PASS, confirm: BUNDLE_PASS, ...input })
    expect(result.download).toMatch(new RegExp(`^${DOWNLOAD_PREFIX}[\\w-]{40,}$`))
    const file = downloads.take(String(result.download).slice(DOWNLOAD_PREFIX.length))
    if (!file) throw new Error('the export registered no download')
    return { result, bundle: file.bytes.toString('utf8') }
  }
  return { ...t, a, b, downloads, exportBundle }
}

describe('export / import bundles', () => {
  it('round-trips all connections with secrets and node credentials into another vault', async () => {
    const src = await source()
    const { result: exported, bundle } = await src.exportBundle({ includeNodeCredentials: true })
    expect(exported).toMatchObject({ connections: 2, nodeCredentials: 1, fileName: expect.stringMatching(/\.backdesk-bundle$/) })
    // The answer says where the bundle went; the bundle itself never crosses IPC.
    expect(Object.keys(exported).sort()).toEqual(['connections', 'download', 'fileName', 'nodeCredentials'])
    expect(src.answers.join('\n')).not.toContain('BACKDESK BUNDLE')
    expect(bundle).toMatch(/^-----BEGIN BACKDESK BUNDLE-----\n/)
    expect(bundle).not.toContain(SECRET)
    expect(Buffer.from(bundle.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString()).not.toContain(SECRET)

    const dst = await makeCore(tmpDir())
    await dst.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    const preview = await dst.ok('vault.importPreview', { bundle, passphrase: BUNDLE_PASS })
    expect(preview.connections.map((c: { name: string; provider: string; conflict: string }) => [c.name, c.provider, c.conflict])).toEqual([
      ['Alpha', 'cloudback', 'none'],
      ['Beta', 'cloutility', 'none']
    ])
    expect(preview.nodeCredentials).toBe(1)
    expect(JSON.stringify(preview)).not.toContain(SECRET)

    const result = await dst.ok('vault.import', { mode: 'merge', bundle, passphrase: BUNDLE_PASS })
    expect(result).toEqual({ mode: 'merge', added: 2, overwritten: 0, skipped: 0, total: 2 })
    const imported = dst.core.vault.connections.get(src.a.id)
    expect(imported.provider === 'cloudback' && imported.apiKey).toBe(SECRET)
    expect(dst.core.vault.nodeCredentials.get(src.b.id, 'node-1').password).toBe('node-password-1')
  })

  it('leaves node credentials out unless asked for them', async () => {
    const src = await source()
    const { result, bundle } = await src.exportBundle()
    expect(result).toMatchObject({ connections: 2, nodeCredentials: 0 })
    const dst = await makeCore(tmpDir())
    await dst.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    expect(await dst.ok('vault.importPreview', { bundle, passphrase: BUNDLE_PASS })).toMatchObject({ nodeCredentials: 0 })
    await dst.ok('vault.import', { mode: 'merge', bundle, passphrase: BUNDLE_PASS })
    expect(await dst.ok('vault.nodeCredential.list')).toEqual([])
    expect((await dst.ok('connections.list')).length).toBe(2)
  })

  it('exports only the selected connections', async () => {
    const src = await source()
    const { result: exported } = await src.exportBundle({ connectionIds: [src.a.id], includeNodeCredentials: true })
    expect(exported).toMatchObject({ connections: 1, nodeCredentials: 0 })
    const missing = { masterPassphrase: PASS, passphrase: BUNDLE_PASS, confirm: BUNDLE_PASS, connectionIds: ['missing'] }
    expect(await src.call('vault.export', missing)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(src.downloads.size).toBe(0)
  })

  it('refuses a wrong bundle passphrase, a weak one, mismatched confirmation, and a tampered bundle', async () => {
    const src = await source()
    const master = { masterPassphrase: PASS }
    expect(await src.call('vault.export', { ...master, passphrase: 'short', confirm: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await src.call('vault.export', { ...master, passphrase: BUNDLE_PASS, confirm: 'other-passphrase-x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(src.downloads.size).toBe(0)
    const { bundle } = await src.exportBundle()
    expect(await src.call('vault.importPreview', { bundle, passphrase: 'not-the-bundle-pass' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', details: { issues: [{ path: 'passphrase' }] } }
    })
    expect(await src.call('vault.importPreview', { bundle: 'hello', passphrase: BUNDLE_PASS })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'bundle' }] } } })
    // Flip one character of the armored body (keeping it base64).
    const lines = bundle.split('\n')
    const line = lines[5] as string
    lines[5] = line.slice(0, 10) + (line[10] === 'A' ? 'B' : 'A') + line.slice(11)
    const tampered = lines.join('\n')
    expect(tampered).not.toBe(bundle)
    const res = await src.call('vault.importPreview', { bundle: tampered, passphrase: BUNDLE_PASS })
    expect(res.ok).toBe(false)
    expect(['VALIDATION', 'WRONG_PASSPHRASE']).toContain(res.ok ? '' : res.error.code)
    // Cut short.
    expect(await src.call('vault.importPreview', { bundle: bundle.slice(0, bundle.length / 2), passphrase: BUNDLE_PASS })).toMatchObject({ ok: false })
  })

  it('merge handles conflicts (keepBoth, overwrite, skip); replace needs confirmation', async () => {
    const src = await source()
    const { bundle } = await src.exportBundle({ includeNodeCredentials: true })
    await src.ok('connections.update', { id: src.a.id, provider: 'cloudback', name: 'Alpha (edited)' })
    const preview = await src.ok('vault.importPreview', { bundle, passphrase: BUNDLE_PASS })
    expect(preview.connections.map((c: { conflict: string }) => c.conflict)).toEqual(['same-id', 'same-id'])

    expect(await src.ok('vault.import', { mode: 'merge', conflicts: 'skip', bundle, passphrase: BUNDLE_PASS })).toMatchObject({ added: 0, skipped: 2 })
    expect(await src.ok('vault.import', { mode: 'merge', conflicts: 'overwrite', bundle, passphrase: BUNDLE_PASS })).toMatchObject({ overwritten: 2 })
    expect((await src.ok('connections.get', { id: src.a.id })).name).toBe('Alpha')
    expect(await src.ok('vault.import', { mode: 'merge', bundle, passphrase: BUNDLE_PASS })).toMatchObject({ added: 2 }) // keepBoth default
    expect((await src.ok('connections.list')).length).toBe(4)
    expect((await src.ok('vault.nodeCredential.list')).length).toBe(2)

    expect(await src.call('vault.import', { mode: 'replace', bundle, passphrase: BUNDLE_PASS })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect((await src.ok('connections.list')).length).toBe(4)
    expect(await src.ok('vault.import', { mode: 'replace', confirm: 'REPLACE', bundle, passphrase: BUNDLE_PASS })).toMatchObject({ added: 2 })
    expect((await src.ok('connections.list')).length).toBe(2)
  })

  it('import and export need an unlocked vault', async () => {
    const src = await source()
    const { bundle } = await src.exportBundle()
    await src.ok('vault.lock')
    expect(await src.call('vault.importPreview', { bundle, passphrase: BUNDLE_PASS })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(await src.call('vault.export', { masterPassphrase: PASS, passphrase: BUNDLE_PASS, confirm: BUNDLE_PASS })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  })

  it('keeps the secret binding of each record; a bundle from before bindings gets its base URL origin', async () => {
    const src = await source()
    const { bundle } = await src.exportBundle({ connectionIds: [src.a.id] })
    const dst = await makeCore(tmpDir())
    await dst.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await dst.ok('vault.import', { mode: 'merge', bundle, passphrase: BUNDLE_PASS })
    expect(await dst.ok('connections.get', { id: src.a.id })).toMatchObject({ baseUrl: 'https://a.example', secretOrigin: 'https://a.example' })
    expect([...dst.core.secrets.originsOf(SECRET)]).toEqual(['https://a.example'])

    // Written by a build that had no secretOrigin yet.
    const at = '2026-05-01T00:00:00.000Z'
    const old = {
      connections: [{ provider: 'cloudback', id: 'old-1', name: 'Old', customer: '', tags: [], baseUrl: 'https://old.example:9443/x', demo: false, createdAt: at, updatedAt: at, apiKey: 'old-bundle-key-1' }],
      nodeCredentials: []
    } as unknown as ConnectionsContent
    const oldBundle = await createBundle(old, BUNDLE_PASS, FAST_KDF, at)
    await dst.ok('vault.import', { mode: 'merge', bundle: oldBundle, passphrase: BUNDLE_PASS })
    expect(await dst.ok('connections.get', { id: 'old-1' })).toMatchObject({ secretOrigin: 'https://old.example:9443' })

    // A record whose binding names no origin is refused, and nothing is imported.
    const bad = { ...old, connections: [{ ...old.connections[0], id: 'bad-1', secretOrigin: 'not an origin' }] } as unknown as ConnectionsContent
    const badBundle = await createBundle(bad, BUNDLE_PASS, FAST_KDF, at)
    expect(await dst.call('vault.import', { mode: 'merge', bundle: badBundle, passphrase: BUNDLE_PASS })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await dst.call('connections.get', { id: 'bad-1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
