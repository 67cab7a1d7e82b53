// A stranger on another loopback port: a plain node:http server that records every request it
// gets (method, URL, headers, body) and answers 200 with token-shaped JSON, so a client that got
// through would carry on and send more. The secret-origin suites point connections at it and
// check that nothing secret ever arrives.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface RecordingListener {
  url: string
  /** `URL.origin` of `url`. */
  origin: string
  requests: RecordedRequest[]
  /** Everything received, as one text to search. */
  text(): string
  close(): Promise<void>
}

const ANSWER = JSON.stringify({
  access_token: 'listener-issued-token-0001',
  refresh_token: 'listener-issued-refresh-0001',
  accessToken: 'listener-issued-token-0001',
  refreshToken: 'listener-issued-refresh-0001',
  expires_in: 3600,
  expiresIn: 3600
})

export async function startRecordingListener(): Promise<RecordingListener> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200, { 'content-type': 'application/json' }).end(ANSWER)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    origin: new URL(url).origin,
    requests,
    text: () => requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n\n'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A server that answers every request with a redirect to `target` (same path). */
export async function startRedirector(target: string, status = 307): Promise<{ url: string; origin: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(status, { location: `${target}${req.url ?? '/'}` }).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    origin: new URL(url).origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A secret as it travels: raw, URL-encoded both ways, JSON-escaped. */
export function formsOf(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)])]
}
