import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '../../../src/main/web/web-shell'
import { CHANNEL_NAMES, TOPIC_NAMES } from '../../../src/shared/contract'

let shell: WebShell
let dir: string
let cookie: string

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

// node:http rather than fetch: fetch forbids setting Host and Origin, which these tests forge.
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(shell.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

function ipc(channel: string, input: unknown, headers: Record<string, string> = {}) {
  return raw(`/ipc/${channel}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-backdesk-bridge': '1',
      origin: shell.origin,
      cookie,
      ...headers
    },
    body: JSON.stringify({ input })
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-web-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  shell = await startWebShell({ dataDir: join(dir, 'data'), rendererDir: renderer })
  const token = new URL(shell.url).searchParams.get('token')!
  const login = await raw(`/?token=${token}`)
  expect(login.status).toBe(303)
  const setCookie = String(login.headers['set-cookie'])
  expect(setCookie).toMatch(/HttpOnly/)
  expect(setCookie).toMatch(/SameSite=Strict/)
  cookie = setCookie.split(';')[0]!
})

afterAll(async () => {
  await shell.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('web shell', () => {
  it('binds to loopback and prints a tokenised URL', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('refuses the page without the token and with a wrong one', async () => {
    expect((await raw('/')).status).toBe(401)
    expect((await raw('/?token=wrong')).status).toBe(401)
  })

  it('serves the page with the CSP header and the external bridge script', async () => {
    const page = await raw('/', { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(page.body).toContain('<script src="/bridge.js"></script>')
    const bridge = await raw('/bridge.js', { headers: { cookie } })
    expect(bridge.headers['content-type']).toMatch(/text\/javascript/)
    for (const name of CHANNEL_NAMES) expect(bridge.body).toContain(JSON.stringify(name))
    for (const topic of TOPIC_NAMES) expect(bridge.body).toContain(JSON.stringify(topic))
  })

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const reply = await raw('/', { headers: { cookie, host: 'evil.example:80' } })
    expect(reply.status).toBe(421)
  })

  it('rejects calls from another origin, without the cookie, or without the bridge header', async () => {
    expect((await ipc('app.ping', {}, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await ipc('app.ping', {}, { cookie: 'backdesk_session=nope' })).status).toBe(403)
    expect((await ipc('app.ping', {}, { 'x-backdesk-bridge': '0' })).status).toBe(403)
  })

  it('carries a contract call and its envelope', async () => {
    const reply = await ipc('app.ping', undefined)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { pong: true } })
    const unknown = await ipc('no.such', {})
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    const invalid = await ipc('app.openExternal', { url: 42 })
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('answers a malformed body with a validation envelope', async () => {
    const reply = await raw('/ipc/app.ping', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-backdesk-bridge': '1', origin: shell.origin, cookie },
      body: '{not json'
    })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('serves static files only from the renderer folder', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200)
    expect((await raw('/..%2f..%2fetc%2fpasswd')).status).toBe(404)
    expect((await raw('/../../etc/passwd')).status).toBe(404)
  })

  it('streams events to an authorised subscriber', async () => {
    const url = new URL(shell.origin)
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/events', headers: { cookie } }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
          if (text.includes(': connected')) shell.core.events.emit('app.notice', { level: 'info', message: 'hello' })
          if (text.includes('hello')) {
            req.destroy()
            resolve(text)
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(received).toContain('"topic":"app.notice"')
  })
})
