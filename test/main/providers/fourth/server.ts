// The fourth provider's API: a tiny node:http server. GET /items lists the protected items and
// wants the API key in `x-api-key`; anything else is a 404.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FourthItem {
  id: string
  name: string
  status: 'ok' | 'failed'
  lastBackup: string
}

export interface FourthServer {
  readonly url: string
  readonly apiKey: string
  readonly items: FourthItem[]
  /** Requests seen, with the key each carried (to prove where a secret went). */
  readonly seen: Array<{ path: string; key: string | undefined }>
  close(): Promise<void>
}

export async function startFourthServer(apiKey: string, items: FourthItem[]): Promise<FourthServer> {
  const seen: FourthServer['seen'] = []
  const server: Server = createServer((req, res) => {
    const key = req.headers['x-api-key']
    seen.push({ path: req.url ?? '', key: typeof key === 'string' ? key : undefined })
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method !== 'GET' || req.url !== '/items') return send(404, { error: 'not found' })
    if (key !== apiKey) return send(401, { error: 'bad key' })
    send(200, items)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    items,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
