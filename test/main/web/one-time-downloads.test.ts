// The web shell hands an export bundle to the browser as a one-time download: over real HTTP
// against the web shell, with its real core and vault.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DOWNLOAD_PREFIX, DOWNLOAD_TTL_MS } from '../../../src/main/web/one-time-downloads'
import { startWebShell, type WebShell } from '../../../src/main/web/web-shell'

const MASTER = 'amber-tractor-violin-42'
const BUNDLE_PASS = 'bundle-otter-piano-31'
const API_KEY = 'download-test-api-key-5f1c'

let shell: WebShell
let dir: string
let cookie: string

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(shell.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
async function ipc(channel: string, input?: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string } }> {
  const reply = await raw(`/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-backdesk-bridge': '1', origin: shell.origin, cookie },
    body: JSON.stringify({ input })
  })
  return JSON.parse(reply.body)
}

/** What the browser sends when the page navigates a link to the download. */
const navigation = () => ({ cookie, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })

async function exportNow(): Promise<string> {
  const answer = await ipc('vault.export', { masterPassphrase: MASTER, passphrase: BUNDLE_PASS, confirm: BUNDLE_PASS })
  expect(answer.ok).toBe(true)
  expect(answer.value).toMatchObject({ connections: 1, nodeCredentials: 0, download: expect.stringMatching(new RegExp(`^${DOWNLOAD_PREFIX}[\\w-]{40,}$`)) })
  expect(JSON.stringify(answer)).not.toContain('BACKDESK BUNDLE')
  return answer.value.download as string
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-web-download-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(renderer, { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  shell = await startWebShell({ dataDir: join(dir, 'data'), rendererDir: renderer })
  const token = new URL(shell.url).searchParams.get('token')!
  cookie = String((await raw(`/?token=${token}`)).headers['set-cookie']).split(';')[0]!
  expect((await ipc('vault.setup', { passphrase: MASTER, confirm: MASTER })).ok).toBe(true)
  expect((await ipc('connections.create', { provider: 'cloudback', name: 'Alpha', baseUrl: 'https://a.example', apiKey: API_KEY })).ok).toBe(true)
}, 60_000)

afterAll(async () => {
  await shell.close()
  rmSync(dir, { recursive: true, force: true })
})

afterEach(async () => {
  vi.useRealTimers()
  if ((await ipc('vault.status')).value.state === 'locked') await ipc('vault.unlock', { passphrase: MASTER })
})

// Every export runs scrypt twice at the production cost (the master passphrase, the bundle).
describe('one-time export downloads (web shell)', () => {
  it('serves the bundle once, as an attachment, to a navigation with the session cookie', async () => {
    const url = await exportNow()
    const first = await raw(url, { headers: navigation() })
    expect(first.status).toBe(200)
    expect(first.headers['content-disposition']).toMatch(/^attachment; filename="backdesk-\d{4}-\d{2}-\d{2}\.backdesk-bundle"/)
    expect(first.headers['cache-control']).toBe('no-store')
    expect(first.headers['content-type']).toBe('application/octet-stream')
    expect(first.body).toMatch(/^-----BEGIN BACKDESK BUNDLE-----\n/)
    expect(first.body).not.toContain(API_KEY)
    expect((await raw(url, { headers: navigation() })).status).toBe(404)
    // What was downloaded is a real bundle: it opens with its passphrase.
    const preview = await ipc('vault.importPreview', { bundle: first.body, passphrase: BUNDLE_PASS })
    expect(preview).toMatchObject({ ok: true, value: { connections: [{ name: 'Alpha', conflict: 'same-id' }] } })
  })

  it('refuses without the cookie, to a script (fetch), and to HEAD, without using the download up', async () => {
    const url = await exportNow()
    expect((await raw(url, { headers: { 'sec-fetch-mode': 'navigate' } })).status).toBe(401)
    expect((await raw(url, { headers: { cookie: 'backdesk_session=forged', 'sec-fetch-mode': 'navigate' } })).status).toBe(401)
    expect((await raw(url, { headers: { cookie, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } })).status).toBe(403)
    expect((await raw(url, { headers: { cookie, 'sec-fetch-mode': 'same-origin' } })).status).toBe(403)
    expect((await raw(url, { headers: { cookie } })).status).toBe(403)
    expect((await raw(url, { method: 'HEAD', headers: navigation() })).status).toBe(405)
    expect((await raw(url, { headers: { ...navigation(), host: 'evil.example:80' } })).status).toBe(421)
    expect((await raw(`${DOWNLOAD_PREFIX}not-an-id`, { headers: navigation() })).status).toBe(404)
    expect((await raw(url, { headers: navigation() })).status).toBe(200)
  })

  it('drops unfetched downloads when the vault locks', async () => {
    const url = await exportNow()
    expect((await ipc('vault.lock')).ok).toBe(true)
    expect((await raw(url, { headers: navigation() })).status).toBe(404)
  })

  it('drops unfetched downloads after a minute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const fetchedInTime = await exportNow()
    const fetchedLate = await exportNow()
    vi.advanceTimersByTime(DOWNLOAD_TTL_MS - 1)
    expect((await raw(fetchedInTime, { headers: navigation() })).status).toBe(200)
    vi.advanceTimersByTime(1)
    expect((await raw(fetchedLate, { headers: navigation() })).status).toBe(404)
  })
})
