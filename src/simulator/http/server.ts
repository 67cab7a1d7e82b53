import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { constants as zlib, gzipSync } from 'node:zlib'
import { dispatch, type Router } from './router'
import type { FaultController, ActiveFaultRule } from './faults'
import type { LatencyControl } from './latency'
import type { RequestStats } from './stats'
import { HttpError, type ErrorFormatter, type ProviderName, type SimRequest, type SimResponse } from './types'

export interface ProviderServerOptions {
  provider: ProviderName
  host: string
  port: number
  router: Router
  formatError: ErrorFormatter
  faults: FaultController
  latency: LatencyControl
  stats: RequestStats
  now: () => number
  /** Called for an 'expire-token' fault before the request is routed normally. */
  expireTokens: (req: SimRequest) => void
  /** Largest request body accepted (invoice PDF uploads). */
  maxBodyBytes?: number
  /** Gzip answers of 1 KiB or more for clients that accept it (SimulatorOptions.compress). */
  compress?: boolean
}

const COMPRESS_FROM_BYTES = 1024

export interface ProviderServer {
  url: string
  stop(): Promise<void>
}

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><h1>502 Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p><hr><address>nginx</address></body></html>
`

function serialize(res: SimResponse): { bytes: Buffer; contentType: string | undefined } {
  if (res.status === 204 || (res.body === undefined && res.text === undefined)) return { bytes: Buffer.alloc(0), contentType: res.contentType }
  if (Buffer.isBuffer(res.body)) return { bytes: res.body, contentType: res.contentType ?? 'application/octet-stream' }
  if (res.text !== undefined) return { bytes: Buffer.from(res.text), contentType: res.contentType ?? 'text/plain; charset=utf-8' }
  return { bytes: Buffer.from(JSON.stringify(res.body)), contentType: res.contentType ?? 'application/json; charset=utf-8' }
}

/** One provider's HTTP server: stats, latency, faults, then the provider's router. */
export async function startProviderServer(opts: ProviderServerOptions): Promise<ProviderServer> {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let stopping = false
  let baseUrl = ''

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t)
        resolve()
      }, ms)
      timers.add(t)
    })

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      const limit = opts.maxBodyBytes ?? 32 * 1024 * 1024
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > limit) {
          reject(new Error('body too large'))
          req.destroy()
          return
        }
        chunks.push(c)
      })
      req.on('end', () => resolve(Buffer.concat(chunks)))
      req.on('error', reject)
    })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = opts.now()
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- only a base for parsing the request path
    const url = new URL(req.url ?? '/', 'http://simulator.invalid')
    let path = url.pathname
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      /* keep the raw path */
    }
    const method = (req.method ?? 'GET').toUpperCase()
    let recorded = false
    const record = (status: number) => {
      if (recorded) return
      recorded = true
      const encoding = res.getHeader('content-encoding')
      opts.stats.record({ provider: opts.provider, method, path, url: req.url ?? '/', status, at, ...(typeof encoding === 'string' ? { encoding } : {}) })
    }
    res.on('finish', () => record(res.statusCode))
    res.on('close', () => record(res.writableFinished ? res.statusCode : 0))

    let body: Buffer
    try {
      body = await readBody(req)
    } catch {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify(opts.formatError(413, 'Request body too large', { method, path } as SimRequest)))
      }
      return
    }
    const simReq: Omit<SimRequest, 'params'> = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      baseUrl,
      raw: req
    }
    const decision = opts.faults.decide(opts.provider, method, path)
    const delay = opts.latency.delayFor(opts.provider) + decision.delayMs
    if (delay > 0) await sleep(delay)
    if (stopping || res.destroyed) return

    const fault: ActiveFaultRule | undefined = decision.fault
    const reqForErrors = { ...simReq, params: {} } as SimRequest
    if (fault) {
      switch (fault.kind) {
        case 'reset':
          record(0)
          req.socket.resetAndDestroy()
          return
        case 'hang':
          record(0) // headers never sent; the socket stays open until the client gives up or stop()
          return
        case '429':
          return send(res, {
            status: 429,
            headers: { 'retry-after': String(fault.retryAfter ?? 1) },
            body: opts.formatError(429, 'Too many requests', reqForErrors)
          })
        case '500':
        case '502':
        case '503': {
          const status = Number(fault.kind)
          const message = status === 500 ? 'Internal server error' : status === 502 ? 'Bad gateway' : 'Service unavailable'
          return send(res, { status, body: opts.formatError(status, message, reqForErrors) })
        }
        case 'html':
          return send(res, { status: 502, text: HTML_ERROR_PAGE, contentType: 'text/html; charset=utf-8' })
        case 'malformed':
          return send(res, { status: 200, text: '{"items": [{"id": 1, "name": "trunc', contentType: 'application/json; charset=utf-8' })
        case 'expire-token':
          opts.expireTokens(reqForErrors)
          break
        case 'truncated':
        case 'latency':
          break
      }
    }

    let response: SimResponse
    try {
      response = await dispatch(
        opts.router,
        simReq,
        (r) => ({ status: 404, body: opts.formatError(404, `No route for ${r.method} ${r.path}`, r) }),
        (r) => ({ status: 405, body: opts.formatError(405, `Method ${r.method} not allowed on ${r.path}`, r) })
      )
    } catch (err) {
      if (err instanceof HttpError) {
        const base = { status: err.status, body: err.body ?? opts.formatError(err.status, err.message, reqForErrors) }
        response = err.headers ? { ...base, headers: err.headers } : base
      } else {
        response = { status: 500, body: opts.formatError(500, `Simulator error: ${(err as Error).message}`, reqForErrors) }
      }
    }
    if (stopping || res.destroyed) return

    if (fault?.kind === 'truncated') {
      const { bytes, contentType } = serialize(response)
      const full = bytes.length >= 2 ? bytes : Buffer.from('{"padding":"xxxxxxxx"}')
      res.writeHead(200, { 'content-type': contentType ?? 'application/json; charset=utf-8', 'content-length': String(full.length) })
      res.write(full.subarray(0, Math.floor(full.length / 2)), () => {
        record(0)
        req.socket.destroy()
      })
      return
    }
    send(res, response, req)
  }

  function send(res: ServerResponse, response: SimResponse, req?: IncomingMessage): void {
    const serialized = serialize(response)
    const contentType = serialized.contentType
    let bytes = serialized.bytes
    const headers: Record<string, string> = { ...(response.headers ?? {}) }
    if (opts.compress && req && bytes.length >= COMPRESS_FROM_BYTES && /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) {
      bytes = gzipSync(bytes, { level: zlib.Z_BEST_SPEED })
      // Set on the response (not only passed to writeHead) so that the request log can read it.
      res.setHeader('content-encoding', 'gzip')
      res.setHeader('vary', 'accept-encoding')
    }
    if (contentType && bytes.length) headers['content-type'] = contentType
    headers['content-length'] = String(bytes.length)
    res.writeHead(response.status, headers)
    res.end(bytes)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(String(err))
      }
    })
  })
  // Idle keep-alive connections stay open a minute, as the providers' front ends keep them (IIS
  // and nginx: one to two minutes), not Node's 5 s. With 5 s, a client process that stalls for
  // seconds on a loaded machine (several simulators and clients in one test process) sends a POST
  // on a connection the server closes as it arrives, and that POST must fail ("may have landed").
  server.keepAliveTimeout = 60_000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // A client error (e.g. a bad request line) must not crash the process.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n')
    else socket.destroy()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('server has no TCP address')
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address
  // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- plain HTTP on loopback, like any local test server
  baseUrl = `http://${hostForUrl}:${address.port}`

  return {
    url: baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true
        for (const t of timers) clearTimeout(t)
        timers.clear()
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
      })
  }
}
