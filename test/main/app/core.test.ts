import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core/app/core'
import { APP_VERSION } from '../../../src/main/core/app/version'
import { headlessPlatform } from '../../../src/main/core/platform/platform'
import { CHANNEL_NAMES } from '../../../src/shared/contract'
import { startSimulator } from '../../simulator/helpers'
import { cleanupDirs, makeCore as makeVaultCore, PASS, tmpDir } from '../vault/helpers'

let core: Core | undefined
let dir: string | undefined
afterEach(async () => {
  await core?.dispose()
  if (dir) rmSync(dir, { recursive: true, force: true })
  core = undefined
  dir = undefined
})

async function makeCore() {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-core-'))
  core = await createCore({ shell: 'web', dataDir: dir, versions: { node: process.versions.node }, platform: headlessPlatform })
  return core
}

describe('core composition', () => {
  it('has a handler for exactly the channels the contract declares', async () => {
    const c = await makeCore()
    expect([...c.router.channelNames].sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('reports the running versions and the package version', async () => {
    const c = await makeCore()
    const result = await c.router.dispatch('app.about', undefined, 'test')
    expect(result).toMatchObject({ ok: true, value: { name: 'Backdesk', shell: 'web', versions: { node: process.versions.node } } })
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(APP_VERSION).toBe(pkg.version)
  })

  it('opens only allowlisted https links', async () => {
    const c = await makeCore()
    const bad = await c.router.dispatch('app.openExternal', { url: 'https://evil.example/' }, 'test')
    expect(bad).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const file = await c.router.dispatch('app.openExternal', { url: 'file:///etc/passwd' }, 'test')
    expect(file).toMatchObject({ ok: false })
    // Allowed, but the headless platform has no browser: a clear NOT_SUPPORTED, not a crash.
    const good = await c.router.dispatch('app.openExternal', { url: 'https://docs.cloudback.it/' }, 'test')
    expect(good).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } })
  })
})

describe('app.openExternal: which hosts open without a question', () => {
  it('opens a connection host only once its Test connection passed; any other https host is asked about, or refused where nothing can ask', async () => {
    const sim = await startSimulator({ scale: 'tiny', seed: 4 })
    const opened: string[] = []
    const asked: string[] = []
    let answer = false
    const platform = {
      openExternal: async (url: string) => void opened.push(url),
      confirmOpenExternal: async (url: string) => {
        asked.push(url)
        return answer
      }
    }
    try {
      const t = await makeVaultCore(tmpDir(), platform)
      await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
      const { id } = await t.ok('connections.create', { provider: 'cloudback', name: 'Cb', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey })
      const download = `${sim.cloudback.url}/downloads/file.zip`

      // Configured but never tested: plain http is refused, https would be asked about.
      expect(await t.call('app.openExternal', { url: download })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await t.ok('app.openExternal', { url: 'https://unknown.example/x' })).toEqual({ opened: false })
      answer = true
      expect(await t.ok('app.openExternal', { url: 'https://unknown.example/y' })).toEqual({ opened: true })
      expect(asked).toEqual(['https://unknown.example/x', 'https://unknown.example/y'])
      expect(opened).toEqual(['https://unknown.example/y'])

      // Documentation hosts open without a question; so does the host of a tested connection.
      expect(await t.ok('app.openExternal', { url: 'https://docs.cloudback.it/' })).toEqual({ opened: true })
      expect((await t.ok('connections.test', { id })).ok).toBe(true)
      expect(await t.ok('app.openExternal', { url: download })).toEqual({ opened: true })
      expect(asked).toHaveLength(2)

      // Moved elsewhere (secrets entered again), the test no longer vouches for the host.
      await t.ok('connections.update', { provider: 'cloudback', id, baseUrl: 'https://moved.example', apiKey: 'another-api-key-1' })
      expect(await t.call('app.openExternal', { url: download })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await t.ok('app.openExternal', { url: 'https://moved.example/file' })).toEqual({ opened: true })
      expect(asked).toEqual(['https://unknown.example/x', 'https://unknown.example/y', 'https://moved.example/file'])
      await t.core.dispose()

      // Where no dialog of main's can ask (the web shell), an unknown host is refused, saying so.
      const web = await makeVaultCore(tmpDir(), { openExternal: platform.openExternal })
      const refused = await web.call('app.openExternal', { url: 'https://unknown.example/z' })
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Copy the link if you trust it') } })
      await web.core.dispose()
    } finally {
      await sim.stop()
      cleanupDirs()
    }
  })
})
