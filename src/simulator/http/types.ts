import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

export type ProviderName = 'cloutility' | 'cloudally' | 'cloudback'
export const PROVIDERS: readonly ProviderName[] = ['cloutility', 'cloudally', 'cloudback']

/** What a route handler sees: the request already read and parsed as far as is provider-neutral. */
export interface SimRequest {
  method: string
  /** Decoded path without the query string. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  params: Record<string, string>
  /** Base URL of this provider's server, e.g. http://127.0.0.1:40123 (for hrefs). */
  baseUrl: string
  raw: IncomingMessage
}

/** What a route handler returns. `body` is JSON-encoded unless it is a Buffer or `text` is set. */
export interface SimResponse {
  status: number
  body?: unknown
  text?: string
  headers?: Record<string, string>
  contentType?: string
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>

/** Each provider formats its own errors; the HTTP layer uses this for injected faults. */
export type ErrorFormatter = (status: number, message: string, req: SimRequest) => unknown

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return headers ? { status, body, headers } : { status, body }
}

/** Case-insensitive header value (Node lower-cases names already; joins repeated headers). */
export function header(req: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  if (Array.isArray(v)) return v.join(', ')
  return v
}

/** Thrown by handlers; the server turns it into `body` or the provider's error format. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
    readonly headers?: Record<string, string>
  ) {
    super(message)
  }
}
