import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { UnreadableBody, type BodyStream } from '../../../src/main/core/http/body'
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../../src/main/core/http/http-client'
import { HttpError } from '../../../src/main/core/http/errors'
import { REQUEST_ID_HEADER } from '../../../src/main/core/http/request-id'
import { createLogger } from '../../../src/main/core/log/logger'
import { memorySink } from '../../support/memory-sink'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import { until } from '../../support/until'
import { ManualClock } from './manual-clock'
import { delay, freePort, sendJson, startTestServer, type TestServer } from './test-server'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)()
})

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(handler)
  cleanups.push(() => s.stop())
  return s
}

function client(options: Partial<HttpClientOptions> & { baseUrl: string }): HttpClient {
  const c = createHttpClient({ retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options })
  cleanups.push(() => c.destroy())
  return c
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError)
    return err as HttpError
  }
  throw new Error('expected the call to fail')
}

describe('http client: basics', () => {
  it('sends JSON, form and raw bodies and parses JSON, with a request id on every call', async () => {
    const s = await server((req, res) => sendJson(res, 200, { echo: req.body.toString('utf8'), type: req.headers['content-type'] }))
    const c = client({ baseUrl: `${s.url}/api/` })
    const a = await c.request<{ echo: string; type: string }>({ method: 'POST', path: '/x', json: { a: 1 } })
    expect(JSON.parse(a.body.echo)).toEqual({ a: 1 })
    expect(a.body.type).toMatch(/application\/json/)
    const b = await c.request<{ echo: string; type: string }>({ method: 'POST', path: 'x', form: { grant_type: 'password', username: 'a b&c' } })
    expect(new URLSearchParams(b.body.echo).get('username')).toBe('a b&c')
    expect(b.body.type).toBe('application/x-www-form-urlencoded')
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10])
    await c.request({ method: 'POST', path: '/upload', body: pdf, contentType: 'application/pdf' })
    expect(s.seen[2]?.body.equals(pdf)).toBe(true)
    expect(s.seen[2]?.headers['content-type']).toBe('application/pdf')
    // base path kept, every request carries a distinct request id that the response reports
    expect(s.seen.map((r) => r.url)).toEqual(['/api/x', '/api/x', '/api/upload'])
    const ids = s.seen.map((r) => r.headers[REQUEST_ID_HEADER])
    expect(new Set(ids).size).toBe(3)
    expect(ids[0]).toBe(a.requestId)
  })

  it('encodes query parameters, repeating array keys and leaving out undefined', async () => {
    const s = await server((_req, res) => sendJson(res, 200, {}))
    const c = client({ baseUrl: s.url })
    await c.request({ method: 'GET', path: '/q', query: { types: [0, 100, 400], a: 'x y', skip: undefined, at: new Date('2026-01-02T03:04:05Z') } })
    expect(s.seen[0]?.url).toBe('/q?types=0&types=100&types=400&a=x+y&at=2026-01-02T03%3A04%3A05.000Z')
  })

  it('reuses one keep-alive connection for sequential calls', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { ok: true }))
    const c = client({ baseUrl: s.url })
    for (let i = 0; i < 6; i++) await c.request({ method: 'GET', path: '/k' })
    expect(s.seen).toHaveLength(6)
    // undici may open a second socket while the first is being released; never one per call
    expect(new Set(s.seen.map((r) => r.socketId)).size).toBeLessThanOrEqual(2)
    const one = client({ baseUrl: s.url, connections: 1 })
    for (let i = 0; i < 6; i++) await one.request({ method: 'GET', path: '/k' })
    expect(new Set(s.seen.slice(6).map((r) => r.socketId)).size).toBe(1)
  })

  it('never has more calls in flight at the server than the concurrency limit', async () => {
    // An answer waits until every call the client has let through is at the server, so the server
    // sees each round whole (the limit's worth, or more if the limit leaks) on any machine.
    const s: TestServer = await server(async (_req, res) => {
      await until(() => s.inFlight === c.limiter.active)
      sendJson(res, 200, { ok: true })
    })
    const c = client({ baseUrl: s.url, concurrency: 3 })
    await Promise.all(Array.from({ length: 14 }, () => c.request({ method: 'GET', path: '/slow' })))
    expect(s.seen).toHaveLength(14)
    expect(s.maxInFlight).toBe(3)
  })

  it('reports time on the wire apart from the wait for a slot', async () => {
    const s = await server(async (_req, res) => {
      await delay(40)
      sendJson(res, 200, { ok: true })
    })
    const events: Array<{ durationMs: number; wireMs: number | undefined }> = []
    const c = client({ baseUrl: s.url, concurrency: 1, onResponse: (e) => events.push({ durationMs: e.durationMs, wireMs: e.wireMs }) })
    await Promise.all([c.request({ method: 'GET', path: '/a' }), c.request({ method: 'GET', path: '/b' })])
    expect(events).toHaveLength(2)
    for (const e of events) expect(e.wireMs).toBeGreaterThanOrEqual(35)
    // The second call waited for the first one's slot (its 40 ms at the server) before it was sent.
    const queued = events[1] as { durationMs: number; wireMs: number }
    expect(queued.durationMs - queued.wireMs).toBeGreaterThanOrEqual(30)
  })

  it('returns a body of text, buffer or nothing as asked', async () => {
    const s = await server((req, res) => {
      if (req.url === '/empty') {
        res.writeHead(204)
        res.end()
      } else if (req.url === '/csv') {
        res.writeHead(200, { 'content-type': 'text/csv' })
        res.end('a;b\n1;2\n')
      } else sendJson(res, 200, '1.0.4480.0')
    })
    const c = client({ baseUrl: s.url, retry: { retries: 0 } })
    expect((await c.request({ method: 'DELETE', path: '/empty', allowEmpty: true })).body).toBeUndefined()
    expect((await c.request({ method: 'GET', path: '/csv', responseType: 'text' })).body).toBe('a;b\n1;2\n')
    expect((await c.request({ method: 'GET', path: '/csv', responseType: 'buffer' })).body).toEqual(Buffer.from('a;b\n1;2\n'))
    expect((await c.request({ method: 'GET', path: '/v' })).body).toBe('1.0.4480.0')
  })

  it('refuses to send to another origin', async () => {
    const s = await server((_req, res) => sendJson(res, 200, {}))
    const c = client({ baseUrl: s.url })
    await expect(c.request({ method: 'GET', path: 'https://example.invalid/x' })).rejects.toThrow(/another origin/)
    expect(s.seen).toHaveLength(0)
  })
})

describe('http client: status codes', () => {
  const cases: Array<[number, string]> = [
    [400, 'VALIDATION'],
    [401, 'AUTH_FAILED'],
    [402, 'PLAN_LIMIT'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [422, 'UNPROCESSABLE'],
    [500, 'UPSTREAM']
  ]
  it.each(cases)('HTTP %i → %s with status, request id and a short redacted provider message', async (status, code) => {
    const secrets = new SecretRegistry()
    secrets.add('hunter2-secret')
    const s = await server((_req, res) =>
      sendJson(res, status, { status, code: 'X', message: 'generic', developerMessage: `Failure\nfor password hunter2-secret ${'x'.repeat(400)}` })
    )
    const c = client({ baseUrl: s.url, secrets, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/thing/7' }))
    expect(err.code).toBe(code)
    expect(err.details?.status).toBe(status)
    expect(err.details?.requestId).toBe(s.seen[0]?.headers[REQUEST_ID_HEADER])
    const pm = String(err.details?.providerMessage)
    expect(pm.startsWith('Failure for password [redacted]')).toBe(true)
    expect(pm.length).toBeLessThanOrEqual(200)
    expect(err.message).not.toContain('hunter2')
    expect(JSON.stringify(err.toInfo())).not.toContain('hunter2')
  })

  it('hands back accepted error statuses instead of throwing', async () => {
    const s = await server((_req, res) => sendJson(res, 400, { error: 'invalid_grant' }))
    const c = client({ baseUrl: s.url })
    const r = await c.request({ method: 'POST', path: '/oauth', form: { a: '1' }, acceptStatus: (st) => st === 400 })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ error: 'invalid_grant' })
  })
})

describe('http client: retries', () => {
  it('retries a GET on 429, waiting exactly the Retry-After seconds', async () => {
    let n = 0
    const s = await server((_req, res) => (n++ === 0 ? sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '2' }) : sendJson(res, 200, { ok: 1 })))
    const waits: number[] = []
    const c = client({ baseUrl: s.url, sleep: async (ms) => void waits.push(ms) })
    const r = await c.request({ method: 'GET', path: '/r' })
    expect(r.body).toEqual({ ok: 1 })
    expect(r.attempts).toBe(2)
    expect(waits).toEqual([2000])
    expect(s.seen).toHaveLength(2)
    // both attempts are the same logical call
    expect(s.seen[0]?.headers[REQUEST_ID_HEADER]).toBe(s.seen[1]?.headers[REQUEST_ID_HEADER])
  })

  it('honours Retry-After given as an HTTP date', async () => {
    // The client's clock stands still on a whole second (HTTP dates have one-second resolution).
    const clock = new ManualClock(Date.parse('2026-11-22T10:00:00Z'))
    let n = 0
    const s = await server((_req, res) =>
      n++ === 0 ? sendJson(res, 503, {}, { 'retry-after': new Date(clock.now() + 3000).toUTCString() }) : sendJson(res, 200, {})
    )
    const waits: number[] = []
    const c = client({ baseUrl: s.url, deadlineClock: clock, sleep: async (ms) => void waits.push(ms) })
    await c.request({ method: 'GET', path: '/r' })
    expect(waits).toEqual([3000])
  })

  it('gives up at once with RATE_LIMITED when Retry-After is longer than it will wait', async () => {
    const s = await server((_req, res) => sendJson(res, 429, {}, { 'retry-after': '600' }))
    const c = client({ baseUrl: s.url })
    const err = await failure(c.request({ method: 'GET', path: '/r' }))
    expect(err.code).toBe('RATE_LIMITED')
    expect(err.details?.retryAfterSeconds).toBe(600)
    expect(err.message).toMatch(/600 s/)
    expect(s.seen).toHaveLength(1)
  })

  it('retries a GET on 5xx with growing, jittered, capped backoff and then fails as UPSTREAM', async () => {
    const s = await server((_req, res) => sendJson(res, 502, { message: 'bad gateway' }))
    const waits: number[] = []
    const c = client({
      baseUrl: s.url,
      retry: { retries: 4, baseDelayMs: 100, maxDelayMs: 250 },
      random: () => 0.999,
      sleep: async (ms) => void waits.push(ms)
    })
    const err = await failure(c.request({ method: 'GET', path: '/r' }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.details?.attempts).toBe(5)
    expect(s.seen).toHaveLength(5)
    expect(waits).toEqual([99, 199, 249, 249])
  })

  it('retries PUT and DELETE (idempotent) on 503', async () => {
    let n = 0
    const s = await server((_req, res) => (n++ % 2 === 0 ? sendJson(res, 503, {}) : sendJson(res, 200, {})))
    const c = client({ baseUrl: s.url })
    await c.request({ method: 'PUT', path: '/a', json: { x: 1 } })
    await c.request({ method: 'DELETE', path: '/a' })
    expect(s.seen.map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE', 'DELETE'])
  })

  it('never retries a POST that reached the server (5xx, 429)', async () => {
    const s = await server((req, res) =>
      req.url === '/a' ? sendJson(res, 503, {}) : sendJson(res, 429, {}, { 'retry-after': '1' })
    )
    const c = client({ baseUrl: s.url })
    expect((await failure(c.request({ method: 'POST', path: '/a', json: {} }))).code).toBe('UPSTREAM')
    expect((await failure(c.request({ method: 'POST', path: '/b', json: {} }))).code).toBe('RATE_LIMITED')
    expect(s.seen.map((r) => r.url)).toEqual(['/a', '/b'])
  })

  it('never retries a POST whose connection was reset after sending', async () => {
    const s = await server((_req, _res, raw) => {
      raw.socket.resetAndDestroy()
    })
    const c = client({ baseUrl: s.url })
    const err = await failure(c.request({ method: 'POST', path: '/create', json: { name: 'x' } }))
    expect(err.code).toBe('OFFLINE')
    expect(err.notSent).toBe(false)
    expect(s.seen).toHaveLength(1)
  })

  it('retries a GET whose connection was reset', async () => {
    let n = 0
    const s = await server((_req, res, raw) => {
      if (n++ === 0) raw.socket.resetAndDestroy()
      else sendJson(res, 200, { ok: true })
    })
    const c = client({ baseUrl: s.url })
    expect((await c.request({ method: 'GET', path: '/x' })).body).toEqual({ ok: true })
    expect(s.seen).toHaveLength(2)
  })

  it('retries a POST explicitly marked idempotent (token request) on 503', async () => {
    let n = 0
    const s = await server((_req, res) => (n++ === 0 ? sendJson(res, 503, {}) : sendJson(res, 200, { access_token: 't' })))
    const c = client({ baseUrl: s.url })
    const r = await c.request({ method: 'POST', path: '/oauth', form: { a: '1' }, idempotent: true })
    expect(r.body).toEqual({ access_token: 't' })
    expect(s.seen).toHaveLength(2)
  })

  it('retries a POST when the connection was refused (it never left) and it then reaches the server once', async () => {
    const port = await freePort()
    let late: TestServer | undefined
    const events: number[] = []
    const c = client({
      baseUrl: `http://127.0.0.1:${port}`,
      onRequest: (e) => events.push(e.attempt),
      // The server comes up while the client waits to retry.
      sleep: async () => {
        if (!late) {
          late = await startTestServer((_req, res) => sendJson(res, 201, { created: true }), undefined, port)
          const started = late
          cleanups.push(() => started.stop())
        }
      }
    })
    const r = await c.request({ method: 'POST', path: '/create', json: { name: 'n' } })
    expect(r.status).toBe(201)
    expect(events).toEqual([1, 2])
    expect(late?.seen).toHaveLength(1)
  })

  it('maps a refused connection to OFFLINE once retries run out', async () => {
    const port = await freePort()
    const c = client({ baseUrl: `http://127.0.0.1:${port}`, retry: { retries: 1, baseDelayMs: 1 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('OFFLINE')
    expect(err.notSent).toBe(true)
    expect(err.message).toMatch(/refused/)
    expect(err.details?.attempts).toBe(2)
  })

  it('maps an unknown host to OFFLINE with a DNS message', async () => {
    const c = client({ baseUrl: 'https://no-such-host.backdesk.invalid', retry: { retries: 0 }, proxy: 'none' })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('OFFLINE')
    expect(err.message).toMatch(/DNS/)
    expect(err.notSent).toBe(true)
  })
})

describe('http client: broken answers', () => {
  it('maps an HTML error page to UPSTREAM (after retrying a GET)', async () => {
    const s = await server((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>')
    })
    const c = client({ baseUrl: s.url, retry: { retries: 1, baseDelayMs: 1 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.message).toMatch(/web page/)
    expect(err.details?.providerMessage).toBeUndefined()
    expect(s.seen).toHaveLength(2)
  })

  it('maps an HTML page with status 200 (captive portal) to UNREADABLE', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('<html><head><title>Login</title></head></html>')
    })
    const c = client({ baseUrl: s.url, retry: { retries: 0 }, label: 'Cloutility' })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UNREADABLE')
    expect(err.message).toMatch(/^Cloutility answered \(HTTP 200\) without the data Backdesk expected: it sent a web page/)
    expect(err.details).toMatchObject({ status: 200, contentType: 'text/plain', bodyStart: '<html><head><title>Login</title></head></html>' })
  })

  it('maps an empty success to UNREADABLE unless the call says nothing is a fine answer (a 204 to a DELETE)', async () => {
    const s = await server((req, res) => {
      res.writeHead(req.url === '/gone' ? 204 : 200, req.url === '/list' ? { 'content-type': 'application/json' } : {})
      res.end()
    })
    const c = client({ baseUrl: s.url, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/list' }))
    expect(err.code).toBe('UNREADABLE')
    expect(err.kind).toBe('unreadable')
    expect(err.message).toMatch(/the answer was empty/)
    expect(err.details).toMatchObject({ status: 200, contentType: 'application/json' })
    expect(err.details?.bodyStart).toBeUndefined()
    expect((await failure(c.request({ method: 'DELETE', path: '/gone' }))).code).toBe('UNREADABLE')
    expect((await c.request({ method: 'DELETE', path: '/gone', allowEmpty: true })).body).toBeUndefined()
  })

  it('maps a success that is not JSON to UNREADABLE with the content type and the first bytes, secrets blanked', async () => {
    const secrets = new SecretRegistry()
    secrets.add('Hunter2-Secret')
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`OK user=admin password=Hunter2-Secret token: abc.def Authorization: Bearer eyJhbGciOi.x.y ${'z'.repeat(500)}`)
    })
    const c = client({ baseUrl: s.url, secrets, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UNREADABLE')
    expect(err.message).toMatch(/it sent text\/plain, not JSON/)
    const start = String(err.details?.bodyStart)
    expect(start.startsWith('OK user=admin password=[redacted]')).toBe(true)
    expect(start.length).toBeLessThanOrEqual(120)
    expect(JSON.stringify(err.toInfo())).not.toMatch(/Hunter2|abc\.def|eyJhbGciOi/)
  })

  it('maps an HTML 403 (a proxy or firewall) to "blocked before reaching" the provider, and does not retry it', async () => {
    const s = await server((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' })
      res.end('<!DOCTYPE html><html><body><h1>Access denied</h1><p>Blocked by your organisation.</p></body></html>')
    })
    const c = client({ baseUrl: s.url, label: 'Cloutility', retry: { retries: 3, baseDelayMs: 1 } })
    const err = await failure(c.request({ method: 'GET', path: '/v1/me' }))
    expect(err.kind).toBe('blocked')
    expect(err.code).toBe('OFFLINE')
    expect(err.message).toContain('blocked before reaching Cloutility (HTML answer, status 403)')
    expect(err.details?.status).toBe(403)
    expect(s.seen).toHaveLength(1)
    // A JSON 403 is the provider's own refusal.
    const api = await server((_req, res) => sendJson(res, 403, { message: 'Access denied.' }))
    expect((await failure(client({ baseUrl: api.url }).request({ method: 'GET', path: '/v1/me' }))).code).toBe('FORBIDDEN')
  })

  it('maps malformed JSON to UNREADABLE, and a POST is not repeated for it', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"items": [{"id": 1, "name": "trunc')
    })
    const c = client({ baseUrl: s.url, retry: { retries: 2, baseDelayMs: 1 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UNREADABLE')
    expect(err.message).toMatch(/malformed or incomplete/)
    expect(s.seen).toHaveLength(3)
    await failure(c.request({ method: 'POST', path: '/y', json: {} }))
    expect(s.seen).toHaveLength(4)
  })

  it('maps a truncated body (connection closed before content-length) to UPSTREAM', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"items": [', () => res.socket?.destroy())
    })
    const c = client({ baseUrl: s.url, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.message).toMatch(/cut off/)
  })

  it('refuses a body larger than the limit', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { big: 'x'.repeat(5000) }))
    const c = client({ baseUrl: s.url, maxResponseBytes: 1000, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.message).toMatch(/larger/)
  })
})

/** Whether a promise has settled, read without waiting for it. */
function settledFlag(p: Promise<unknown>): () => boolean {
  let settled = false
  p.then(
    () => (settled = true),
    () => (settled = true)
  )
  return () => settled
}

/** One turn of the event loop: enough for an abort to reach a waiting call. */
const turn = () => new Promise((resolve) => setImmediate(resolve))

// Deadlines run on a ManualClock: the test decides when the time is up, so a call ends at its
// deadline and not earlier however slow the machine is.
describe('http client: time limits', () => {
  it('ends a call whose response never starts at its deadline (TIMEOUT), not before', async () => {
    const s = await server(() => undefined) // never answers
    const clock = new ManualClock()
    const c = client({ baseUrl: s.url, deadlineMs: 300, deadlineClock: clock })
    const call = c.request({ method: 'GET', path: '/hang' })
    const settled = settledFlag(call)
    await until(() => s.seen.length === 1)
    clock.advance(299)
    await turn()
    expect(settled()).toBe(false)
    clock.advance(1)
    const err = await failure(call)
    expect(err.code).toBe('TIMEOUT')
    expect(err.kind).toBe('deadline')
    expect(err.message).toMatch(/within 300 ms/)
  })

  it('ends a call whose body never completes at its deadline, even while data trickles in', async () => {
    let written = 0
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' })
      res.write('[')
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ', () => written++)), 20)
      res.on('close', () => clearInterval(t))
    })
    const clock = new ManualClock()
    const c = client({ baseUrl: s.url, deadlineMs: 400, deadlineClock: clock })
    const call = c.request({ method: 'GET', path: '/trickle' })
    await until(() => written >= 3)
    clock.advance(400)
    const err = await failure(call)
    expect(err.code).toBe('TIMEOUT')
    expect(err.kind).toBe('deadline')
  })

  it('applies the headers timeout per attempt and retries a GET after it', async () => {
    let n = 0
    const s = await server((_req, res) => {
      if (n++ === 0) return // first attempt never answers
      sendJson(res, 200, { ok: true })
    })
    // The first attempt waits out the whole headers timeout (undici's own timer, on the real
    // clock); the second is answered at once, three orders of magnitude inside it. The deadline
    // never fires.
    const c = client({ baseUrl: s.url, headersTimeoutMs: 1_000, deadlineClock: new ManualClock() })
    const r = await c.request({ method: 'GET', path: '/x' })
    expect(r.body).toEqual({ ok: true })
    expect(r.attempts).toBe(2)
  })

  it('maps a body that stalls past the body timeout to TIMEOUT', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"a":')
    })
    const c = client({ baseUrl: s.url, bodyTimeoutMs: 200, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('TIMEOUT')
    expect(err.kind).toBe('timeout')
  })

  it('stops waiting between retries when the deadline has no room left', async () => {
    const s = await server((_req, res) => sendJson(res, 429, {}, { 'retry-after': '5' }))
    const waits: number[] = []
    const c = client({ baseUrl: s.url, deadlineMs: 1000, deadlineClock: new ManualClock(), sleep: async (ms) => void waits.push(ms) })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('RATE_LIMITED')
    expect(s.seen).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('maps a caller abort to CANCELLED, also while queued for a slot', async () => {
    const s = await server(() => undefined)
    const c = client({ baseUrl: s.url, concurrency: 1 })
    const first = new AbortController()
    const second = new AbortController()
    const p1 = c.request({ method: 'GET', path: '/a', signal: first.signal })
    const p2 = c.request({ method: 'GET', path: '/b', signal: second.signal })
    // The first call is at the server and holds the only slot; the second waits for it.
    await until(() => s.seen.length === 1 && c.limiter.waiting === 1)
    second.abort()
    const e2 = await failure(p2)
    expect(e2.code).toBe('CANCELLED')
    expect(c.limiter.waiting).toBe(0)
    first.abort()
    expect((await failure(p1)).code).toBe('CANCELLED')
    expect(s.seen.map((r) => r.url)).toEqual(['/a'])
  })
})

describe('http client: auth hook and logging', () => {
  it('asks the auth hook on 401 and repeats the call once with the new credentials', async () => {
    const s = await server((req, res) =>
      req.headers.authorization === 'Bearer fresh' ? sendJson(res, 200, { ok: true }) : sendJson(res, 401, { message: 'expired' })
    )
    let token = 'stale'
    const seenCounts: number[] = []
    const c = client({
      baseUrl: s.url,
      auth: {
        authorize: async (h) => {
          h.authorization = `Bearer ${token}`
        },
        onUnauthorized: async ({ count, headers }) => {
          seenCounts.push(count)
          expect(headers.authorization).toBe('Bearer stale')
          token = 'fresh'
          return true
        }
      }
    })
    expect((await c.request({ method: 'POST', path: '/x', json: {} })).body).toEqual({ ok: true })
    expect(seenCounts).toEqual([1])
    expect(s.seen.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh'])
  })

  it('fails AUTH_FAILED when the auth hook gives up', async () => {
    const s = await server((_req, res) => sendJson(res, 401, {}))
    const counts: number[] = []
    const c = client({
      baseUrl: s.url,
      auth: { authorize: async (h) => void (h.authorization = 'Bearer x'), onUnauthorized: async ({ count }) => (counts.push(count), count < 2) }
    })
    expect((await failure(c.request({ method: 'GET', path: '/x' }))).code).toBe('AUTH_FAILED')
    expect(counts).toEqual([1, 2])
    expect(s.seen).toHaveLength(2)
  })

  it('logs method, path, status, duration, attempt and request id, and never a secret', async () => {
    const secrets = new SecretRegistry()
    const password = 'S3cret-Pass!word'
    const token = 'tok_abcdefghijklmnop'
    secrets.add(password)
    secrets.add(token)
    const sink = memorySink()
    const logger = createLogger({ sinks: [sink], secrets, level: 'debug' })
    let n = 0
    const s = await server((_req, res) => (n++ === 0 ? sendJson(res, 503, { message: `bad ${token}` }) : sendJson(res, 200, { access_token: token })))
    const stats: Array<{ status: number | undefined; attempt: number }> = []
    const c = client({
      baseUrl: s.url,
      logger,
      secrets,
      name: 'test',
      headers: { authorization: `Bearer ${token}` },
      onResponse: (e) => stats.push({ status: e.status, attempt: e.attempt })
    })
    await c.request({
      method: 'POST',
      path: '/oauth',
      query: { access_token: 'abc-query-token', userId: 5, note: password },
      form: { password, username: 'u' },
      idempotent: true
    })
    const text = JSON.stringify(sink.records)
    expect(text).not.toContain(password)
    expect(text).not.toContain(encodeURIComponent(password))
    expect(text).not.toContain(token)
    expect(text).not.toContain('abc-query-token')
    const last = sink.records.at(-1)?.data as Record<string, unknown>
    expect(last).toMatchObject({ method: 'POST', status: 200, attempt: 2, provider: 'test' })
    expect(last.path).toBe('/oauth?access_token=[redacted]&userId=5&note=[redacted]')
    expect(typeof last.durationMs).toBe('number')
    expect(last.requestId).toBe(s.seen[1]?.headers[REQUEST_ID_HEADER])
    expect(stats).toEqual([
      { status: 503, attempt: 1 },
      { status: 200, attempt: 2 }
    ])
  })
})

describe('http client: the door for bound secrets', () => {
  it('refuses, before anything is sent, a URL, header, body or auth header carrying a secret bound to another origin', async () => {
    const s = await server((_req, res) => sendJson(res, 200, {}))
    const own = new URL(s.url).origin
    const elsewhere = 'https://portal.elsewhere.example'
    const secrets = new SecretRegistry()
    secrets.add('p@ss word "quoted"', elsewhere)
    secrets.add('own-token-0123456789', own)
    const auth = {
      authorize: async (headers: Record<string, string>) => {
        headers.authorization = `Bearer ${auth.token}`
      },
      onUnauthorized: async () => false,
      token: 'own-token-0123456789'
    }
    const sink = memorySink()
    const c = client({ baseUrl: s.url, secrets, auth, logger: createLogger({ sinks: [sink], secrets }) })
    // Bound to this origin, or not bound at all: sent as usual.
    await c.request({ method: 'GET', path: '/ok' })
    secrets.add('unbound-value-42')
    await c.request({ method: 'POST', path: '/ok', json: { v: 'unbound-value-42' } })
    expect(s.seen).toHaveLength(2)
    const value = 'p@ss word "quoted"'
    const attempts: Array<[string, Parameters<HttpClient['request']>[0]]> = [
      ['query string', { method: 'GET', path: '/x', query: { q: value } }],
      ['path', { method: 'GET', path: `/x/${encodeURIComponent(value)}` }],
      ['header', { method: 'GET', path: '/x', headers: { 'client-secret': value } }],
      ['form body', { method: 'POST', path: '/x', form: { password: value } }],
      ['JSON body', { method: 'POST', path: '/x', json: { nested: { password: value } } }],
      ['raw body', { method: 'POST', path: '/x', body: Buffer.from(`pw=${value}`) }]
    ]
    for (const [where, options] of attempts) {
      const err = await c.request(options).then(() => undefined, (e: unknown) => e as { code?: string; message?: string; details?: Record<string, unknown> })
      expect(err, where).toMatchObject({ code: 'FORBIDDEN', details: { target: own, allowed: [elsewhere] } })
      expect(err?.message, where).toBe(`Refusing to send a secret to ${own}: it is only ever sent to ${elsewhere}.`)
    }
    // The auth hook's header is checked on every attempt too.
    auth.token = value
    expect(await c.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e)).toMatchObject({ code: 'FORBIDDEN' })
    expect(s.seen).toHaveLength(2)
    expect(JSON.stringify(sink.records)).not.toContain('quoted')
    expect(sink.records.filter((r) => r.message.includes('refused to send a secret'))).toHaveLength(attempts.length + 1)
  })
})

describe('http client: redirects', () => {
  it.each([301, 302, 303, 307, 308])('HTTP %i is never followed: an error naming the origin it pointed at, not retried', async (status) => {
    const target = await server((_req, res) => sendJson(res, 200, { reached: true }))
    const s = await server((_req, res) => {
      res.writeHead(status, { location: `${target.url}/elsewhere?token=abc` })
      res.end()
    })
    const c = client({ baseUrl: s.url })
    const err = await failure(c.request({ method: 'POST', path: '/login', form: { password: 'x' }, idempotent: true }))
    expect(err).toMatchObject({ code: 'UPSTREAM', status, retryable: false, details: { redirectTo: new URL(target.url).origin } })
    expect(err.message).toBe(`The server redirected the request to ${new URL(target.url).origin} (HTTP ${status}); Backdesk does not follow redirects.`)
    expect(s.seen).toHaveLength(1)
    expect(target.seen).toHaveLength(0)
  })
})

/** A consumer that keeps what it is handed and parses it whole at the end (the door's behaviour is under test, not a parser). */
function collector(options: { resettable?: boolean } = {}) {
  const state = { chunks: [] as Buffer[], resets: 0 }
  const stream: BodyStream<unknown> = {
    write: (chunk) => {
      // A body that cannot be JSON is refused at its first byte, as a streaming parser would.
      if (state.chunks.length === 0 && chunk.length && !/^[\s{["\d\-tfn\uFEFF]/.test(chunk.toString('utf8', 0, 1))) throw new UnreadableBody()
      state.chunks.push(chunk)
    },
    end: () => {
      const text = Buffer.concat(state.chunks).toString('utf8').trim()
      if (!text) throw new UnreadableBody(true)
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new UnreadableBody()
      }
    },
    ...(options.resettable
      ? {
          reset: () => {
            state.resets++
            state.chunks = []
          }
        }
      : {})
  }
  return { stream, state }
}

describe('http client: streamed bodies', () => {
  it('hands a success body to the consumer as it arrives, and answers with what the consumer made of it', async () => {
    const { stream, state } = collector()
    let rest: (() => void) | undefined
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"items": [1, 2,')
      rest = () => res.end(' 3]}')
    })
    const c = client({ baseUrl: s.url })
    const call = c.request({ method: 'GET', path: '/big', stream })
    // The second half is only sent once the consumer holds the first: the body is not waited for whole.
    await until(() => state.chunks.length === 1 && rest !== undefined)
    ;(rest as () => void)()
    const r = await call
    expect(r.body).toEqual({ items: [1, 2, 3] })
    expect(state.chunks.length).toBeGreaterThanOrEqual(2)
  })

  it('reads error statuses whole and retries a GET whose consumer was not fed yet', async () => {
    let n = 0
    const s = await server((_req, res) => (n++ === 0 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, { ok: true })))
    const { stream, state } = collector()
    const r = await client({ baseUrl: s.url }).request({ method: 'GET', path: '/x', stream })
    expect(r).toMatchObject({ body: { ok: true }, attempts: 2 })
    expect(Buffer.concat(state.chunks).toString()).toBe('{"ok":true}')
    // A 404's body is the provider's refusal, never the consumer's data.
    const gone = await server((_req, res) => sendJson(res, 404, { message: 'No such unit.' }))
    const other = collector()
    const err = await failure(client({ baseUrl: gone.url }).request({ method: 'GET', path: '/x', stream: other.stream }))
    expect(err).toMatchObject({ code: 'NOT_FOUND', details: { providerMessage: 'No such unit.' } })
    expect(other.state.chunks).toHaveLength(0)
  })

  it('does not repeat a GET cut off after its consumer was fed, unless the consumer can start over', async () => {
    let n = 0
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      if (n++ === 0) res.write('{"items": [1,', () => res.socket?.destroy())
      else res.end(`{"items": [1, 2]}${' '.repeat(100 - 17)}`)
    })
    const c = client({ baseUrl: s.url, retry: { retries: 2, baseDelayMs: 1 } })
    const once = collector()
    const err = await failure(c.request({ method: 'GET', path: '/x', stream: once.stream }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.message).toMatch(/cut off/)
    expect(s.seen).toHaveLength(1)

    n = 0
    const again = collector({ resettable: true })
    const r = await c.request({ method: 'GET', path: '/x', stream: again.stream })
    expect(r).toMatchObject({ body: { items: [1, 2] }, attempts: 2 })
    expect(again.state.resets).toBe(1)
    expect(s.seen).toHaveLength(3)
  })

  it('never repeats a POST whose answer broke off, even for a consumer that can start over', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"items": [1,', () => res.socket?.destroy())
    })
    const { stream, state } = collector({ resettable: true })
    const err = await failure(client({ baseUrl: s.url, retry: { retries: 2, baseDelayMs: 1 } }).request({ method: 'POST', path: '/x', json: {}, stream }))
    expect(err.code).toBe('UPSTREAM')
    expect(s.seen).toHaveLength(1)
    expect(state.chunks.length).toBeGreaterThan(0)
    expect(state.resets).toBe(0)
  })

  it('words a refused body as a whole one would be: malformed JSON, a web page, other text, nothing', async () => {
    const secrets = new SecretRegistry()
    secrets.add('Hunter2-Secret')
    const bodies: Record<string, [string, string]> = {
      '/json': ['application/json', '{"items": [1, 2'],
      '/page': ['text/plain', '<html><head><title>Login</title></head><body>Hunter2-Secret</body></html>'],
      '/text': ['text/plain', 'OK password=Hunter2-Secret'],
      '/empty': ['application/json', '  \n'],
      '/html-type': ['text/html', '{"looks": "like data"}']
    }
    const s = await server((req, res) => {
      const [type, body] = bodies[req.url] as [string, string]
      res.writeHead(200, { 'content-type': type })
      res.end(body)
    })
    const c = client({ baseUrl: s.url, secrets, label: 'Cloutility', retry: { retries: 0 } })
    const refused = async (path: string, stream = collector().stream) => failure(c.request({ method: 'GET', path, stream }))
    const malformed = collector()
    expect((await refused('/json', malformed.stream)).message).toMatch(/the data was malformed or incomplete/)
    expect(malformed.state.chunks.length).toBeGreaterThan(0)
    const page = await refused('/page')
    expect(page).toMatchObject({ code: 'UNREADABLE', kind: 'unreadable', details: { status: 200, contentType: 'text/plain' } })
    expect(page.message).toMatch(/it sent a web page/)
    expect(JSON.stringify(page.toInfo())).not.toContain('Hunter2')
    expect((await refused('/text')).message).toMatch(/it sent text\/plain, not JSON/)
    expect((await refused('/empty')).message).toMatch(/the answer was empty/)
    expect((await c.request({ method: 'GET', path: '/empty', allowEmpty: true, stream: collector().stream })).body).toBeUndefined()
    // A web page by its content type never reaches the consumer.
    const typed = collector()
    expect((await failure(c.request({ method: 'GET', path: '/html-type', stream: typed.stream }))).message).toMatch(/it sent a web page/)
    expect(typed.state.chunks).toHaveLength(0)
  })

  it('keeps the size limit while streaming', async () => {
    const { stream, state } = collector()
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write(`{"big": "${'x'.repeat(500)}`)
      // The rest goes once the consumer holds the start: the limit is kept across chunks.
      void until(() => state.chunks.length > 0).then(() => res.end(`${'x'.repeat(5000)}"}`))
    })
    const err = await failure(client({ baseUrl: s.url, maxResponseBytes: 1000, retry: { retries: 0 } }).request({ method: 'GET', path: '/x', stream }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.message).toMatch(/larger/)
  })

  it("hands the consumer's own failure back as it is, without trying again", async () => {
    const s = await server((_req, res) => sendJson(res, 200, { ok: true }))
    const bug = new Error('the consumer broke')
    const stream: BodyStream<unknown> = {
      write: () => {
        throw bug
      },
      end: () => undefined,
      reset: () => undefined
    }
    await expect(client({ baseUrl: s.url }).request({ method: 'GET', path: '/x', stream })).rejects.toBe(bug)
    expect(s.seen).toHaveLength(1)
  })

  it('ends a streamed call at its deadline while data trickles in, and at a caller abort', async () => {
    let written = 0
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' })
      res.write('[')
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ', () => written++)), 20)
      res.on('close', () => clearInterval(t))
    })
    const clock = new ManualClock()
    const c = client({ baseUrl: s.url, deadlineMs: 400, deadlineClock: clock })
    const fed = collector()
    const call = c.request({ method: 'GET', path: '/trickle', stream: fed.stream })
    await until(() => written >= 3 && fed.state.chunks.length > 0)
    clock.advance(400)
    expect(await failure(call)).toMatchObject({ code: 'TIMEOUT', kind: 'deadline' })
    const abort = new AbortController()
    const cancelled = collector()
    const second = c.request({ method: 'GET', path: '/trickle', stream: cancelled.stream, signal: abort.signal })
    await until(() => cancelled.state.chunks.length > 0)
    abort.abort()
    expect((await failure(second)).code).toBe('CANCELLED')
  })
})

describe('http client: compressed answers', () => {
  const items = { items: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `node-${i}` })) }
  const packed = (encoding: string, bytes: Buffer) => (encoding === 'gzip' ? gzipSync(bytes) : encoding === 'br' ? brotliCompressSync(bytes) : bytes)

  it('asks for gzip or brotli and reads either, whole or streamed, as the same data', async () => {
    const s = await server((req, res) => {
      const encoding = req.url.slice(1).split('?')[0] as string
      const body = packed(encoding, Buffer.from(JSON.stringify(items)))
      res.writeHead(200, { 'content-type': 'application/json', ...(encoding === 'plain' ? {} : { 'content-encoding': encoding }), 'content-length': String(body.length) })
      res.end(body)
    })
    const c = client({ baseUrl: s.url })
    for (const encoding of ['gzip', 'br', 'plain']) {
      expect((await c.request({ method: 'GET', path: `/${encoding}` })).body).toEqual(items)
      const { stream, state } = collector()
      expect((await c.request({ method: 'GET', path: `/${encoding}`, stream })).body).toEqual(items)
      // The consumer was handed the unpacked text, in chunks as they came.
      expect(Buffer.concat(state.chunks).toString('utf8')).toBe(JSON.stringify(items))
    }
    expect(s.seen.every((r) => r.headers['accept-encoding'] === 'gzip, br')).toBe(true)
  })

  it('counts the unpacked bytes against the size limit, so a small answer cannot unpack past it', async () => {
    const bomb = gzipSync(Buffer.from(`{"pad": "${' '.repeat(4 * 1024 * 1024)}"}`))
    expect(bomb.length).toBeLessThan(10_000)
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) })
      res.end(bomb)
    })
    const c = client({ baseUrl: s.url, maxResponseBytes: 1024 * 1024, retry: { retries: 0 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('UPSTREAM')
    expect(err.message).toMatch(/larger than allowed/)
    const { stream } = collector()
    expect((await failure(c.request({ method: 'GET', path: '/x', stream }))).message).toMatch(/larger than allowed/)
  })

  it('says so when the compression is damaged or of a kind it did not ask for, and a POST is not repeated for it', async () => {
    const s = await server((req, res) => {
      const encoding = req.url === '/zstd' ? 'zstd' : req.url === '/br' ? 'br' : 'gzip'
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
      res.end(Buffer.from('these bytes were never compressed'))
    })
    const c = client({ baseUrl: s.url, retry: { retries: 0 } })
    for (const path of ['/gzip', '/br', '/zstd']) {
      const err = await failure(c.request({ method: 'GET', path }))
      expect(err.code).toBe('UPSTREAM')
      expect(err.message).toMatch(/could not be unpacked/)
    }
    const before = s.seen.length
    await failure(createHttpClient({ baseUrl: s.url }).request({ method: 'POST', path: '/gzip', json: {} }))
    expect(s.seen.length).toBe(before + 1)
  })

  it('reads an empty answer labelled gzip (a 204 some servers send) as nothing', async () => {
    const s = await server((_req, res) => {
      res.writeHead(204, { 'content-encoding': 'gzip' })
      res.end()
    })
    const c = client({ baseUrl: s.url })
    expect((await c.request({ method: 'DELETE', path: '/x', allowEmpty: true })).body).toBeUndefined()
  })
})
