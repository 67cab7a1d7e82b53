import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type ClientRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '../../../src/main/web/web-shell'
import { CHANNEL_NAMES, TOPIC_NAMES } from '../../../src/shared/contract'

let shell: WebShell
let dir: string
let cookie: string
const BODY_LIMIT = 64 * 1024

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

// node:http rather than fetch: fetch forbids setting Host and Origin, which these tests forge.
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; chunks?: string[]; on?: WebShell } = {}
): Promise<Reply> {
  const url = new URL((options.on ?? shell).origin)
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
    for (const chunk of options.chunks ?? []) req.write(chunk)
    req.end()
  })
}

/** The session cookie a sign-in set, as a Cookie header value; checks its attributes. */
function sessionCookie(reply: Reply): string {
  const setCookie = String(reply.headers['set-cookie'])
  expect(setCookie).toMatch(/; HttpOnly/)
  expect(setCookie).toMatch(/; SameSite=Strict/)
  expect(setCookie).toMatch(/; Path=\/(;|$)/)
  return setCookie.split(';')[0]!
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
  shell = await startWebShell({ dataDir: join(dir, 'data'), rendererDir: renderer, maxBodyBytes: BODY_LIMIT })
  const token = new URL(shell.url).searchParams.get('token')!
  const login = await raw(`/?token=${token}`)
  expect(login.status).toBe(303)
  cookie = sessionCookie(login)
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

  it('answers a body declared over the limit with 413 and a JSON error, before reading it', async () => {
    const url = new URL(shell.origin)
    // Only the headers are sent: the answer must not wait for a body it is going to refuse.
    let req: ClientRequest | undefined
    const reply = await new Promise<Reply>((resolve, reject) => {
      req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: '/ipc/app.ping',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-backdesk-bridge': '1', origin: shell.origin, cookie, 'content-length': String(BODY_LIMIT + 1) }
        },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (body += c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        }
      )
      req.on('error', reject)
      req.flushHeaders()
    })
    req?.on('error', () => undefined).destroy()
    expect(reply.status).toBe(413)
    expect(reply.headers['content-type']).toMatch(/application\/json/)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/too large.*64 KiB/) } })
  })

  it('counts the bytes of a chunked body and answers 413 past the limit, without resetting the connection', async () => {
    const headers = { 'content-type': 'application/json', 'x-backdesk-bridge': '1', origin: shell.origin, cookie, 'transfer-encoding': 'chunked' }
    const reply = await raw('/ipc/app.ping', { method: 'POST', headers, chunks: Array.from({ length: 6 }, () => 'x'.repeat(16 * 1024)) })
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // Just under the limit is still carried.
    const fits = await raw('/ipc/app.ping', { method: 'POST', headers, chunks: ['{"input":', `{"pad":"${'y'.repeat(BODY_LIMIT - 64)}"}`, '}'] })
    expect(fits.status).toBe(200)
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

describe('one-time sign-in', () => {
  let fresh: WebShell
  const on = () => ({ on: fresh })
  const tokenOf = (s: WebShell) => new URL(s.url).searchParams.get('token')!

  beforeEach(async () => {
    fresh = await startWebShell({ dataDir: mkdtempSync(join(dir, 'data-')), rendererDir: join(dir, 'renderer') })
  })
  afterEach(() => fresh.close())

  it('lets the printed token in once, as a separate random session cookie', async () => {
    const token = tokenOf(fresh)
    const first = await raw(`/?token=${token}`, on())
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const session = sessionCookie(first)
    const value = session.slice(session.indexOf('=') + 1)
    expect(value).not.toContain(token)
    expect(token).not.toContain(value)
    expect(value.length).toBeGreaterThanOrEqual(40)
    expect((await raw('/', { ...on(), headers: { cookie: session } })).status).toBe(200)
    // The token is not a session.
    expect((await raw('/', { ...on(), headers: { cookie: `backdesk_session=${token}` } })).status).toBe(401)

    // Traded a second time (another local user who read it): refused, with what to do.
    const again = await raw(`/?token=${token}`, on())
    expect(again.status).toBe(401)
    expect(again.headers['set-cookie']).toBeUndefined()
    expect(again.body).toMatch(/restart <code>npm run web<\/code>/i)
    // The printed link clicked again in a tab that is already signed in: just go in.
    const signedIn = await raw(`/?token=${token}`, { ...on(), headers: { cookie: session } })
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.location).toBe('/')
    expect(signedIn.headers['set-cookie']).toBeUndefined()
  })

  it('signs in once through a launch code that is not the token, and spends the token with it', async () => {
    const token = tokenOf(fresh)
    const launch = fresh.launchUrl()
    expect(launch).toMatch(new RegExp(`^${fresh.origin}/launch/[\\w-]{32,}$`))
    expect(launch).not.toContain(token)
    const path = new URL(launch!).pathname
    expect(path.slice('/launch/'.length)).not.toContain(token.slice(0, 8))

    const first = await raw(path, on())
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const session = sessionCookie(first)
    expect(session).not.toContain(token)
    expect((await raw('/', { ...on(), headers: { cookie: session } })).status).toBe(200)

    const again = await raw(path, on())
    expect(again.status).toBe(401)
    expect(again.body).toMatch(/restart <code>npm run web<\/code>/i)
    expect((await raw(`/?token=${token}`, on())).status).toBe(401)
    expect(fresh.launchUrl()).toBeUndefined()
  })

  it('spends an unused launch code when the printed token is traded', async () => {
    const launch = fresh.launchUrl()!
    expect((await raw(`/?token=${tokenOf(fresh)}`, on())).status).toBe(303)
    expect((await raw(new URL(launch).pathname, on())).status).toBe(401)
  })

  it('does not spend a launch code on a HEAD request', async () => {
    const path = new URL(fresh.launchUrl()!).pathname
    expect((await raw(path, { ...on(), method: 'HEAD' })).status).toBe(401)
    expect((await raw(path, on())).status).toBe(303)
  })
})
