import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Intercepted {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** An answer of the proxy's own: `body` as JSON, or `text` with its `contentType` (a web page, plain text). */
export type Interceptor = (req: Intercepted) => { status: number; body?: unknown; text?: string; contentType?: string } | undefined
export type Rewriter = (req: Intercepted, status: number, body: string) => string | undefined

/**
 * A real HTTP proxy in front of the simulator that can answer some requests itself (to play a
 * server that behaves differently: a seed-only CloudAlly, an old Cloudback, a firewall), rewrite
 * answers, or rewrite the path and query it forwards (`forwardPath`).
 */
export async function startProxy(
  target: string,
  intercept?: Interceptor,
  rewrite?: Rewriter,
  forwardPath?: (pathAndQuery: string) => string
): Promise<{ url: string; seen: Intercepted[]; stop(): Promise<void> }> {
  const t = new URL(target)
  const seen: Intercepted[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const info: Intercepted = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      seen.push(info)
      const answer = intercept?.(info)
      if (answer) {
        const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json', 'content-length': String(Buffer.byteLength(text)) })
        res.end(text)
        return
      }
      const headers = { ...req.headers, host: t.host }
      const path = forwardPath ? forwardPath(req.url ?? '/') : req.url
      const up = httpRequest({ host: t.hostname, port: t.port, method: req.method, path, headers }, (upRes) => {
        const out: Buffer[] = []
        upRes.on('data', (c: Buffer) => out.push(c))
        upRes.on('end', () => {
          let text = Buffer.concat(out).toString('utf8')
          const changed = rewrite?.(info, upRes.statusCode ?? 500, text)
          if (changed !== undefined) text = changed
          const h = { ...upRes.headers, 'content-length': String(Buffer.byteLength(text)) }
          res.writeHead(upRes.statusCode ?? 500, h)
          res.end(text)
        })
      })
      up.on('error', () => {
        res.writeHead(502)
        res.end()
      })
      up.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
