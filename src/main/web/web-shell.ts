import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createCore, type Core } from '../core/app/core'
import { contentTypeOf, rendererFile } from '../core/app/renderer-files'
import { headlessPlatform, type PlatformServices } from '../core/platform/platform'
import type { LogSink } from '../core/log/logger'
import { WEB_CSP } from '../../shared/csp'
import { bridgeScript } from './bridge-script'
import { DOWNLOAD_PREFIX, OneTimeDownloads } from './one-time-downloads'
import { LINK_PREFIX, OneTimeLinks } from './one-time-links'

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
  /** Request bodies above this many bytes are answered 413. Default 32 MiB. */
  maxBodyBytes?: number
  /** A `--demo` session (see core/demo/throwaway-session.ts). */
  throwaway?: boolean
}

export interface WebShell {
  /** The URL to print, with the one-time sign-in token. */
  readonly url: string
  readonly origin: string
  readonly core: Core
  /**
   * A URL for the browser we open: `/launch/<code>`, with a new random code (not the token) that
   * signs in once or dies after 60 s. Undefined once someone has signed in.
   */
  launchUrl(): string | undefined
  /** One-time downloads of files main made (the core's saveFile and saveFiles ports). */
  readonly downloads: OneTimeDownloads
  /** One-time redirects to links main would open in a browser (the core's handOffLink port). */
  readonly links: OneTimeLinks
  close(): Promise<void>
}

const COOKIE = 'backdesk_session'
const MAX_BODY_BYTES = 32 * 1024 * 1024
const LAUNCH_PATH = '/launch/'
const LAUNCH_TTL_MS = 60_000
const SECURITY_HEADERS = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store'
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** Constant time: both sides are hashed to one length first, so neither a prefix nor a length leaks. */
function sameSecret(offered: string | null | undefined, expected: string | undefined): boolean {
  if (offered === null || offered === undefined || expected === undefined) return false
  return timingSafeEqual(digest(offered), digest(expected))
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

class BodyTooLarge extends Error {}

/**
 * The body, up to `limit` bytes. A declared Content-Length over the limit is refused before
 * reading; a chunked body is counted as it arrives. The rest of a refused body is read and
 * dropped rather than the socket destroyed: a reset would reach the page as a network failure
 * ("Backdesk is not running any more") instead of the 413.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  // Unread, it is discarded by node once the answer is sent.
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > limit) {
        refused = true
        chunks.length = 0
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`
}

/**
 * The browser shell: serves the built renderer and carries the contract's channels (POST
 * /ipc/<channel>) and topics (server-sent events on /events) on 127.0.0.1 only. One browser signs
 * in once, with the token in the printed URL or the launch code of the browser we open; it gets a
 * random session cookie (HttpOnly, SameSite=Strict) that lives as long as this process. Host and
 * Origin are checked on every request so a web page on another origin (or a DNS-rebound name)
 * cannot reach it.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
  // The sign-in credentials. Trading either one spends both: they exist for the same single
  // sign-in, and one left usable afterwards (the token in terminal scrollback, the launch code in
  // the process list) could only let a second, unintended browser in. If someone else wins the
  // race, the user's own browser gets the restart page, so it does not go unnoticed.
  let token: string | undefined = randomBytes(24).toString('base64url')
  let launch: { code: string; timer: ReturnType<typeof setTimeout> } | undefined
  // The session: random, never derived from the token, held in memory only (ends with the process).
  let session: string | undefined
  const ownCore = !options.core
  // Files main hands to the user (export bundles, reports) reach the browser as one-time downloads,
  // dropped when the vault locks.
  const downloads = new OneTimeDownloads()
  // Links main would open in a browser (a CloudAlly download) reach the page as one-time redirects,
  // dropped when the vault locks.
  const links = new OneTimeLinks()
  const core =
    options.core ??
    (await createCore({
      shell: 'web',
      dataDir: options.dataDir,
      ...(options.throwaway ? { throwaway: true } : {}),
      versions: { node: process.versions.node, v8: process.versions.v8 },
      platform: { ...(options.platform ?? headlessPlatform), saveFile: downloads.saveFile, saveFiles: downloads.saveFiles, handOffLink: links.handOffLink },
      ...(options.logSinks ? { logSinks: options.logSinks } : {})
    }))
  const bridge = bridgeScript()
  const rendererRoot = normalize(options.rendererDir)
  const indexHtml = (await readFile(join(rendererRoot, 'index.html'), 'utf8')).replace(
    '<head>',
    '<head>\n    <script src="/bridge.js"></script>'
  )
  const stopDownloads = core.vault.vault.onLock(() => {
    downloads.clear()
    links.clear()
  })
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

  const authorised = (req: IncomingMessage) => sameSecret(readCookie(req, COOKIE), session)

  const spendSignIn = () => {
    token = undefined
    if (launch) clearTimeout(launch.timer)
    launch = undefined
  }
  const home = (res: ServerResponse, extra: Record<string, string> = {}) => send(res, 303, '', 'text/plain', { location: '/', ...extra })
  const signIn = (res: ServerResponse) => {
    spendSignIn()
    session = randomBytes(32).toString('base64url')
    return home(res, { 'set-cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/` })
  }
  /** A used, expired or wrong sign-in: a tab that is already signed in just goes in. */
  const refuseSignIn = (req: IncomingMessage, res: ServerResponse) =>
    authorised(req) ? home(res) : send(res, 401, unauthorisedPage(), 'text/html; charset=utf-8')

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
        // Sessions end with the process: a tab left open across a restart lands here.
        const message = 'This tab is not signed in to Backdesk web (it was restarted, or this is not its tab). Open the link npm run web printed.'
        return send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN_SENDER', message, retryable: false } }), 'application/json')
      }
      let channel: string
      try {
        channel = decodeURIComponent(path.slice('/ipc/'.length))
      } catch {
        channel = ''
      }
      let input: unknown
      try {
        const body = await readBody(req, maxBodyBytes)
        const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {}
        input = parsed !== null && typeof parsed === 'object' ? (parsed as { input?: unknown }).input : Symbol('bad')
        if (typeof input === 'symbol') throw new Error('bad envelope')
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          const message = `This request is too large for Backdesk web (more than ${sizeText(maxBodyBytes)}). Nothing was done.`
          return send(res, 413, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message, retryable: false } }), 'application/json')
        }
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
        // Trade the token for a session cookie and drop it from the address bar. Only a GET
        // spends it (a HEAD is no browser signing in).
        if (req.method === 'GET' && sameSecret(offered, token)) return signIn(res)
        return refuseSignIn(req, res)
      }
      if (!authorised(req)) return send(res, 401, unauthorisedPage(), 'text/html; charset=utf-8')
      return send(res, 200, indexHtml, 'text/html; charset=utf-8')
    }

    if (path.startsWith(LAUNCH_PATH)) {
      if (req.method === 'GET' && sameSecret(path.slice(LAUNCH_PATH.length), launch?.code)) return signIn(res)
      return refuseSignIn(req, res)
    }

    if (path === '/bridge.js') {
      if (!authorised(req)) return send(res, 401, '', 'text/javascript; charset=utf-8')
      return send(res, 200, bridge, 'text/javascript; charset=utf-8')
    }

    if (path.startsWith(DOWNLOAD_PREFIX)) {
      const answer = downloads.answer(path, req, authorised(req))
      return send(res, answer.status, answer.body, answer.type, answer.headers)
    }

    if (path.startsWith(LINK_PREFIX)) {
      const answer = links.answer(path, req, authorised(req))
      return send(res, answer.status, answer.body, 'text/plain; charset=utf-8', answer.headers)
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
    const file = rendererFile(rendererRoot, decoded)
    if (!file) {
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8')
    }
    try {
      const body = await readFile(file)
      return send(res, 200, body, contentTypeOf(file), { 'cache-control': 'no-cache' })
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
    url: `${origin}/?token=${token ?? ''}`,
    origin,
    core,
    launchUrl() {
      if (token === undefined) return undefined
      if (launch) clearTimeout(launch.timer)
      const code = randomBytes(32).toString('base64url')
      const timer = setTimeout(() => {
        if (launch?.code === code) launch = undefined
      }, LAUNCH_TTL_MS)
      timer.unref()
      launch = { code, timer }
      return `${origin}${LAUNCH_PATH}${code}`
    },
    downloads,
    links,
    async close() {
      spendSignIn()
      session = undefined
      clearInterval(heartbeat)
      unsubscribe()
      stopDownloads()
      downloads.clear()
      links.clear()
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
<body><main><h1>Backdesk web</h1><p>This address needs the one-time link printed by <code>npm run web</code>,
and each link signs in only once (the link that opens the browser also expires after a minute).
If it was already used, restart <code>npm run web</code> for a new one.</p></main></body></html>`
}
