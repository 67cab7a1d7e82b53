// A small real HTTP(S) server for HTTP-layer tests: scripted per request, it records what it saw
// (method, url, headers, body, socket) and how many requests were in flight at once.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
  /** Identifies the TCP connection the request came on. */
  socketId: number
}

export type TestHandler = (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>

export interface TestServer {
  url: string
  port: number
  seen: SeenRequest[]
  inFlight: number
  maxInFlight: number
  handler: TestHandler
  stop(): Promise<void>
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), ...headers })
  res.end(bytes)
}

export async function startTestServer(
  handler: TestHandler,
  tls?: { key: string; cert: string },
  listenPort = 0
): Promise<TestServer> {
  const sockets = new Set<Socket>()
  const socketIds = new WeakMap<Socket, number>()
  let nextSocketId = 1
  const state: TestServer = {
    url: '',
    port: 0,
    seen: [],
    inFlight: 0,
    maxInFlight: 0,
    handler,
    stop: async () => undefined
  }
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const socket = req.socket
      let id = socketIds.get(socket)
      if (id === undefined) {
        id = nextSocketId++
        socketIds.set(socket, id)
      }
      const seen: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks), socketId: id }
      state.seen.push(seen)
      state.inFlight++
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
      let done = false
      const finish = () => {
        if (done) return
        done = true
        state.inFlight--
      }
      res.on('finish', finish)
      res.on('close', finish)
      Promise.resolve(state.handler(seen, res, req)).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: String(err) })
      })
    })
  }
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest) : createServer(onRequest)
  server.keepAliveTimeout = 30_000
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  state.port = port
  state.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`
  state.stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return state
}

/** A port with nothing listening on it (for ECONNREFUSED). */
export async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
