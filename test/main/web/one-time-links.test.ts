import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startWebShell, type WebShell } from '../../../src/main/web/web-shell'
import { LINK_TTL_MS, OneTimeLinks } from '../../../src/main/web/one-time-links'

// A link main would open in a browser (a CloudAlly download's pre-signed URL) leaves the web shell
// as a one-time redirect: only the page's own session, only a navigation, only once.

const SIGNED = 'https://download.example/v1/restore/42/download?token=pre-signed-secret'

let shell: WebShell
let dir: string
let cookie: string

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function get(path: string, options: { cookie?: string | undefined; navigate?: boolean; host?: string } = {}): Promise<Answer> {
  const url = new URL(shell.origin)
  const headers: Record<string, string> = {}
  if (options.cookie) headers.cookie = options.cookie
  if (options.navigate !== false) headers['sec-fetch-mode'] = 'navigate'
  if (options.host) headers.host = options.host
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-web-links-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(renderer, { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  shell = await startWebShell({ dataDir: join(dir, 'data'), rendererDir: renderer })
  const token = new URL(shell.url).searchParams.get('token')!
  const login = await get(`/?token=${token}`)
  cookie = String(login.headers['set-cookie']).split(';')[0] as string
})
afterAll(async () => {
  await shell.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('web shell one-time links', () => {
  it('redirects the session’s navigation once; refuses it without the session, to a script, and after use', async () => {
    const { open } = await shell.links.handOffLink(SIGNED)
    expect(open).toMatch(/^\/go\/[A-Za-z0-9_-]{40,}$/)
    expect(open).not.toContain('pre-signed-secret')

    // Refusals do not spend it.
    expect((await get(open)).status).toBe(401)
    expect((await get(open, { cookie: 'backdesk_session=guess' })).status).toBe(401)
    expect((await get(open, { cookie, navigate: false })).status).toBe(403)
    expect((await get(open, { cookie, host: 'evil.example' })).status).toBe(421)

    const used = await get(open, { cookie })
    expect(used.status).toBe(303)
    expect(used.headers.location).toBe(SIGNED)
    expect(used.headers['referrer-policy']).toBe('no-referrer')
    expect(used.body).not.toContain('pre-signed-secret')

    const again = await get(open, { cookie })
    expect(again.status).toBe(404)
    expect(again.headers.location).toBeUndefined()
    expect(again.body).toContain('already been opened or has expired')
  })

  it('forgets every link when the vault locks', async () => {
    await shell.core.router.dispatch('vault.setup', { passphrase: 'amber-tractor-violin-42', confirm: 'amber-tractor-violin-42' }, 'test')
    const { open } = await shell.links.handOffLink(SIGNED)
    expect(shell.links.size).toBe(1)
    shell.core.vault.vault.lock('user')
    expect(shell.links.size).toBe(0)
    expect((await get(open, { cookie })).status).toBe(404)
  })
})

describe('OneTimeLinks', () => {
  it('drops a link nobody opened after its time', () => {
    vi.useFakeTimers()
    try {
      const links = new OneTimeLinks()
      links.put(SIGNED)
      vi.advanceTimersByTime(LINK_TTL_MS - 1)
      expect(links.size).toBe(1)
      vi.advanceTimersByTime(1)
      expect(links.size).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
