import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core/app/core'
import { APP_VERSION } from '../../../src/main/core/app/version'
import { headlessPlatform } from '../../../src/main/core/platform/platform'
import { CHANNEL_NAMES } from '../../../src/shared/contract'

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
