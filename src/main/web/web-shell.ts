import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createCore, type Core } from '../core/app/core'
import { headlessPlatform, type PlatformServices } from '../core/platform/platform'
import type { LogSink } from '../core/log/logger'
import { WEB_CSP } from '../../shared/csp'
import { bridgeScript } from './bridge-script'
import { Downloads } from './downloads'

export interface WebShellOptions {
  dataDir: string
  /** Built renderer (out/renderer). */
  rendererDir: string
  /** 0 = any free port. Always bound to 127.0.0.1. */
  port?: number
  platform?: PlatformServices
  logSinks?: LogSink[]
  /** An existing core (tests); otherwise one is created for dataDir. */
  core?: Core
}

export interface WebShell {
  /** The URL to open, with the per-launch token. */
  readonly url: string
  readonly origin: string
  readonly core: Core
  /** One-time downloads of files main made (the core's saveFiles port). */
  readonly downloads: Downloads
  close(): Promise<void>
}

const COOKIE = 'backdesk_session'
const MAX_BODY_BYTES = 32 * 1024 * 1024
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}
const SECURITY_HEADERS = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store'
}

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * The browser shell: serves the built renderer and carries the contract's channels (POST
 * /ipc/<channel>) and topics (server-sent events on /events) on 127.0.0.1 only. A random token in
 * the printed URL becomes an HttpOnly SameSite=Strict cookie; Host and Origin are checked on every
 * request so a web page on another origin (or a DNS-rebound name) cannot reach it.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = randomBytes(24).toString('base64url')
  const ownCore = !options.core
  // Files main makes for the user (reports) leave as one-time downloads.
  const downloads = new Downloads()
  const core =
    options.core ??
    (await createCore({
      shell: 'web',
      dataDir: options.dataDir,
      versions: { node: process.versions.node, v8: process.versions.v8 },
      platform: { saveFiles: downloads.saveFiles, ...(options.platform ?? headlessPlatform) },
      ...(options.logSinks ? { logSinks: options.logSinks } : {})
    }))
  const bridge = bridgeScript()
  const rendererRoot = normalize(options.rendererDir)
  const indexHtml = (await readFile(join(rendererRoot, 'index.html'), 'utf8')).replace(
    '<head>',
    '<head>\n    <script src="/bridge.js"></script>'
  )
  const streams = new Set<ServerResponse>()
  let allowedHosts = new Set<string>()
  let origins = new Set<string>()

  const unsubscribe = core.events.subscribe((topic, payload) => {
    const frame = `data: ${JSON.stringify({ topic, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  })
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n')
  }, 15_000)
  heartbeat.unref()

  const authorised = (req: IncomingMessage) => sameSecret(readCookie(req, COOKIE), token)

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
    if (!allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      return send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8')
    }
    const origin = req.headers.origin
    if (origin !== undefined && !origins.has(origin)) {
      return send(res, 403, 'Forbidden origin', 'text/plain; charset=utf-8')
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname

    if (req.method === 'POST' && path.startsWith('/ipc/')) {
      // A cross-site form cannot set this header, and fetch() from another origin would need a
      // preflight we never answer.
      if (!authorised(req) || req.headers['x-backdesk-bridge'] !== '1' || origin === undefined) {
        return send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Not authorised.', retryable: false } }), 'application/json')
      }
      let channel: string
      try {
        channel = decodeURIComponent(path.slice('/ipc/'.length))
      } catch {
        channel = ''
      }
      let input: unknown
      try {
        const body = await readBody(req)
        const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {}
        input = parsed !== null && typeof parsed === 'object' ? (parsed as { input?: unknown }).input : Symbol('bad')
        if (typeof input === 'symbol') throw new Error('bad envelope')
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.', retryable: false } }), 'application/json')
      }
      const json = await core.router.dispatchJson(channel, input, 'web')
      return send(res, 200, json, 'application/json')
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8')
    }

    if (path === '/' || path === '/index.html') {
      const offered = url.searchParams.get('token')
      if (offered !== null) {
        if (!sameSecret(offered, token)) return send(res, 401, unauthorisedPage(), 'text/html; charset=utf-8')
        // Trade the token for a cookie and drop it from the address bar.
        return send(res, 303, '', 'text/plain', {
          location: '/',
          'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
        })
      }
      if (!authorised(req)) return send(res, 401, unauthorisedPage(), 'text/html; charset=utf-8')
      return send(res, 200, indexHtml, 'text/html; charset=utf-8')
    }

    if (path === '/bridge.js') {
      if (!authorised(req)) return send(res, 401, '', 'text/javascript; charset=utf-8')
      return send(res, 200, bridge, 'text/javascript; charset=utf-8')
    }

    if (path.startsWith('/download/')) {
      const file = authorised(req) ? downloads.take(path.slice('/download/'.length)) : undefined
      if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8')
      return send(res, 200, Buffer.from(file.data), file.type, {
        'content-disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`
      })
    }

    if (path === '/events') {
      if (!authorised(req)) return send(res, 401, '', 'text/plain; charset=utf-8')
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }

    // Static files of the renderer build: public, but only from inside its folder.
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return send(res, 400, 'Bad path', 'text/plain; charset=utf-8')
    }
    const file = normalize(join(rendererRoot, decoded))
    if (!file.startsWith(rendererRoot + sep) || decoded.includes('\0')) {
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8')
    }
    try {
      const body = await readFile(file)
      return send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream', { 'cache-control': 'no-cache' })
    } catch {
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8')
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8')
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/?token=${token}`,
    origin,
    core,
    downloads,
    async close() {
      clearInterval(heartbeat)
      unsubscribe()
      for (const stream of streams) stream.end()
      streams.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      if (ownCore) await core.dispose()
    }
  }
}

function unauthorisedPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Backdesk</title></head>
<body><main><h1>Backdesk web</h1><p>This address needs the one-time link printed by <code>npm run web</code>.
Open that link, or restart <code>npm run web</code> for a new one.</p></main></body></html>`
}
