/* eslint-disable @microsoft/sdl/no-insecure-url -- proxy selection is tested for plain-http targets too; no request goes to these hosts except through the local test proxy */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../../src/main/core/http/http-client'
import { HttpError } from '../../../src/main/core/http/errors'
import { isLoopbackHost, matchesNoProxy, proxyFor } from '../../../src/main/core/http/proxy'
import { sendJson, startTestServer, type TestServer } from './test-server'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)()
})

function client(options: HttpClientOptions): HttpClient {
  const c = createHttpClient({ retry: { retries: 0 }, ...options })
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

describe('proxy selection', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'http://plain.corp:8080', NO_PROXY: '.internal.example, db.example:8443,[::2]' }

  it('uses HTTPS_PROXY for https, HTTP_PROXY for http, either case', () => {
    expect(proxyFor(new URL('https://api.example.com/v1'), 'env', env)).toBe('http://proxy.corp:3128')
    expect(proxyFor(new URL('http://api.example.com/v1'), 'env', env)).toBe('http://plain.corp:8080')
    expect(proxyFor(new URL('https://api.example.com'), 'env', { https_proxy: 'http://p:1' })).toBe('http://p:1')
    expect(proxyFor(new URL('https://api.example.com'), 'env', {})).toBeUndefined()
  })

  it('honours NO_PROXY (suffix, host:port, IPv6, *) and always goes direct to loopback', () => {
    expect(proxyFor(new URL('https://a.internal.example'), 'env', env)).toBeUndefined()
    expect(proxyFor(new URL('https://internal.example'), 'env', env)).toBeUndefined()
    expect(proxyFor(new URL('https://db.example:8443'), 'env', env)).toBeUndefined()
    expect(proxyFor(new URL('https://db.example'), 'env', env)).toBe('http://proxy.corp:3128')
    expect(proxyFor(new URL('https://notinternal.example'), 'env', env)).toBe('http://proxy.corp:3128')
    expect(proxyFor(new URL('https://[::2]/'), 'env', env)).toBeUndefined()
    expect(matchesNoProxy(new URL('https://anything'), '*')).toBe(true)
    for (const h of ['http://127.0.0.1:9', 'http://localhost:9', 'http://[::1]:9', 'http://127.1.2.3']) {
      expect(proxyFor(new URL(h), 'env', env)).toBeUndefined()
    }
    expect(isLoopbackHost('localhost.example.com')).toBe(false)
  })

  it("uses a connection's explicit proxy and 'none'", () => {
    expect(proxyFor(new URL('https://x.example'), { url: 'http://p:1', noProxy: 'x.example' })).toBeUndefined()
    expect(proxyFor(new URL('https://y.example'), { url: 'http://p:1' })).toBe('http://p:1')
    expect(proxyFor(new URL('https://y.example'), 'none', env)).toBeUndefined()
  })
})

/** A small HTTP proxy (CONNECT tunnels and absolute-URI forwarding) that resolves *.test to loopback. */
async function startProxy(): Promise<{ url: string; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = []
  const sockets = new Set<Socket>()
  const mapHost = (host: string) => (host.endsWith('.test') ? '127.0.0.1' : host)
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '')
    seen.push(`FORWARD ${target.host}`)
    const up = httpRequest(
      { host: mapHost(target.hostname), port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers)
        upRes.pipe(res)
      }
    )
    req.pipe(up)
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`)
    sockets.add(client)
    const [host, port] = (req.url ?? '').split(':')
    const upstream = connect(Number(port), mapHost(host ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (s: Socket) => sockets.add(s))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

describe('proxy in use', () => {
  it('goes through HTTP_PROXY for a non-loopback host, and direct when NO_PROXY names it', async () => {
    const target = await startTestServer((req, res) => sendJson(res, 200, { via: req.headers.host }))
    cleanups.push(() => target.stop())
    const proxy = await startProxy()
    cleanups.push(() => proxy.stop())
    const baseUrl = `http://backdesk-upstream.test:${target.port}`

    const viaProxy = client({ baseUrl, env: { HTTP_PROXY: proxy.url } })
    const r = await viaProxy.request<{ via: string }>({ method: 'GET', path: '/v1/me' })
    expect(r.body.via).toBe(`backdesk-upstream.test:${target.port}`)
    expect(proxy.seen.length).toBeGreaterThan(0)
    expect(proxy.seen[0]).toMatch(/backdesk-upstream\.test/)

    // NO_PROXY: the client resolves the name itself, which fails (it only exists behind the proxy).
    const before = proxy.seen.length
    const direct = client({ baseUrl, env: { HTTP_PROXY: proxy.url, NO_PROXY: 'backdesk-upstream.test' } })
    const err = await failure(direct.request({ method: 'GET', path: '/v1/me' }))
    expect(err.code).toBe('OFFLINE')
    expect(proxy.seen.length).toBe(before)
  })

  it('never proxies loopback even with HTTP_PROXY set', async () => {
    const target = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }))
    cleanups.push(() => target.stop())
    const proxy = await startProxy()
    cleanups.push(() => proxy.stop())
    const c = client({ baseUrl: target.url, env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } })
    await c.request({ method: 'GET', path: '/x' })
    expect(proxy.seen).toEqual([])
    expect(target.seen).toHaveLength(1)
  })

  it('reports a proxy that is down as OFFLINE', async () => {
    const c = client({ baseUrl: 'http://backdesk-upstream.test:1', env: { HTTP_PROXY: 'http://127.0.0.1:1' } })
    expect((await failure(c.request({ method: 'GET', path: '/x' }))).code).toBe('OFFLINE')
  })
})

describe('custom CA', () => {
  let dir: string
  let tls: { key: string; cert: string }
  let server: TestServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-tls-'))
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:backdesk-upstream.test'
    ], { stdio: 'ignore' })
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') }
    server = await startTestServer((_req, res) => sendJson(res, 200, { secure: true }), tls)
  })
  afterAll(async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('rejects an untrusted certificate as TLS, never retried', async () => {
    const c = client({ baseUrl: server.url, retry: { retries: 3, baseDelayMs: 1 } })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('TLS')
    expect(err.retryable).toBe(false)
    expect(err.message).toMatch(/not signed by a trusted certificate authority/)
    expect(server.seen).toHaveLength(0)
  })

  it("trusts the connection's CA", async () => {
    const c = client({ baseUrl: server.url, ca: tls.cert })
    expect((await c.request({ method: 'GET', path: '/x' })).body).toEqual({ secure: true })
  })

  it('tunnels HTTPS through HTTPS_PROXY and still checks the certificate against the connection CA', async () => {
    const proxy = await startProxy()
    cleanups.push(() => proxy.stop())
    const baseUrl = `https://backdesk-upstream.test:${server.port}`
    const trusted = client({ baseUrl, ca: tls.cert, env: { HTTPS_PROXY: proxy.url } })
    expect((await trusted.request({ method: 'GET', path: '/x' })).body).toEqual({ secure: true })
    expect(proxy.seen[0]).toBe(`CONNECT backdesk-upstream.test:${server.port}`)
    const untrusted = client({ baseUrl, env: { HTTPS_PROXY: proxy.url } })
    expect((await failure(untrusted.request({ method: 'GET', path: '/x' }))).code).toBe('TLS')
  })

  it('names a host-name mismatch', async () => {
    const c = client({ baseUrl: server.url.replace('127.0.0.1', 'localhost'), ca: tls.cert })
    const err = await failure(c.request({ method: 'GET', path: '/x' }))
    expect(err.code).toBe('TLS')
    expect(err.message).toMatch(/different host name/)
  })
})
