import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { runWebCli, type BrowserOpener } from '../../../src/main/web/cli'
import type { WebShell } from '../../../src/main/web/web-shell'

let dir: string
let rendererDir: string
let shell: WebShell | undefined

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-cli-'))
  rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
})
afterEach(async () => {
  vi.useRealTimers()
  await shell?.close()
  shell = undefined
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Launched {
  printed: string
  token: string
  origin: string
  /** Every argv the opener was given: [command, ...args]. */
  argvs: string[][]
}

async function launch(flags: string[], platform: NodeJS.Platform = 'linux'): Promise<Launched> {
  const argvs: string[][] = []
  const open: BrowserOpener = (command, args) => {
    argvs.push([command, ...args])
  }
  let printed = ''
  shell = await runWebCli(['--data-dir', mkdtempSync(join(dir, 'data-')), '--quiet', ...flags], {
    open,
    print: (text) => (printed += text),
    rendererDir,
    platform
  })
  const url = /^Backdesk web: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(printed)?.[1]
  expect(url, printed).toBeDefined()
  const parsed = new URL(url!)
  return { printed, token: parsed.searchParams.get('token')!, origin: parsed.origin, argvs }
}

function get(url: string, cookie?: string): Promise<{ status: number; setCookie?: string }> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers['set-cookie'] ? { setCookie: String(res.headers['set-cookie']) } : {}) }))
    })
    req.on('error', reject)
    req.end()
  })
}

function launchUrlIn(argv: string[], origin: string): string {
  const found = argv.find((arg) => arg.startsWith(`${origin}/launch/`))
  expect(found, argv.join(' ')).toBeDefined()
  return found!
}

describe('npm run web', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('opens the browser (%s) on a one-time launch URL: no argv holds the token', async (platform) => {
    const run = await launch([], platform)
    expect(run.argvs).toHaveLength(1)
    const argv = run.argvs[0]!
    for (const arg of argv) expect(arg).not.toContain(run.token)
    const url = launchUrlIn(argv, run.origin)

    const first = await get(url)
    expect(first.status).toBe(303)
    expect(first.setCookie).toMatch(/^backdesk_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/)
    expect(first.setCookie).not.toContain(run.token)
    // The code is spent: a second use (someone who read the process list) is refused…
    expect((await get(url)).status).toBe(401)
    // …and so is the printed token, since the one sign-in has happened.
    expect((await get(`${run.origin}/?token=${run.token}`)).status).toBe(401)
  })

  it('lets the launch code die after 60 s unused, leaving the printed link to sign in', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const run = await launch([])
    const url = launchUrlIn(run.argvs[0]!, run.origin)
    vi.advanceTimersByTime(60_000)
    expect((await get(url)).status).toBe(401)
    expect((await get(`${run.origin}/?token=${run.token}`)).status).toBe(303)
  })

  it('keeps the launch code alive until its 60 s are up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const run = await launch([])
    vi.advanceTimersByTime(59_999)
    expect((await get(launchUrlIn(run.argvs[0]!, run.origin))).status).toBe(303)
  })

  it('with --no-open opens nothing and prints the URL that signs in', async () => {
    const run = await launch(['--no-open'])
    expect(run.argvs).toEqual([])
    expect((await get(`${run.origin}/?token=${run.token}`)).status).toBe(303)
  })

  it('with --demo opens a throwaway session: demo connections, a passphrase printed once, and nothing left after it stops', async () => {
    let printed = ''
    const started = await runWebCli(['--demo', '--no-open', '--quiet'], { print: (text) => (printed += text), rendererDir })
    shell = started
    const passphrase = /^Vault passphrase for this session \(shown once, to unlock after the auto-lock\): (\S+)$/m.exec(printed)?.[1]
    expect(passphrase, printed).toBeDefined()
    expect(printed.split(passphrase!).length - 1).toBe(1)
    expect(printed).toMatch(/^Backdesk web: http:\/\/127\.0\.0\.1:\d+\/\?token=/m)

    const core = started!.core
    const about = (await core.router.dispatch('app.about', undefined, 'test')) as { ok: true; value: { dataDir: string; throwaway?: boolean } }
    expect(about.value.throwaway).toBe(true)
    const dataDir = about.value.dataDir
    expect(existsSync(dataDir)).toBe(true)
    expect((await core.vault.vault.status()).state).toBe('unlocked')
    expect(new Set(core.vault.connections.list().filter((c) => c.demo).map((c) => c.provider))).toEqual(new Set(['cloutility', 'cloudally', 'cloudback']))

    // The printed passphrase is the vault's: it unlocks it after a lock.
    core.vault.vault.lock()
    await core.vault.vault.unlock({ passphrase: passphrase! })
    expect((await core.vault.vault.status()).state).toBe('unlocked')

    await started!.close()
    shell = undefined
    expect(existsSync(dataDir)).toBe(false)
  })

  it('refuses --demo together with --data-dir, which it would not keep', async () => {
    await expect(runWebCli(['--demo', '--data-dir', dir, '--no-open', '--quiet'], { print: () => undefined, rendererDir })).rejects.toThrow(/leave out --data-dir/)
  })
})
