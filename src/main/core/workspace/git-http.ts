import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git'
import { request } from 'undici'
import { isLoopbackHost } from '../../../shared/contract/connections.contract'
import { AppError } from '../../../shared/errors'

// isomorphic-git's HTTP plugin, written over undici so that the workspace token is bound to the
// remote's origin: it is added here, only to requests for that exact origin (scheme, host, port),
// and a request anywhere else is refused before it leaves. Redirects are never followed (a
// redirect to another host is how a token usually leaks; undici follows none by default).
// isomorphic-git itself never sees the token.

export interface RemoteAuth {
  username?: string | undefined
  token?: string | undefined
}

/** Why a remote URL is not acceptable, or null: https anywhere, http only to this computer, no credentials in it. */
export function remoteUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter the repository URL (https://…) or a folder path'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The repository URL must start with https://'
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'Use https://; plain http is only allowed for this computer'
  if (url.username || url.password) return 'Do not put a user name or token in the URL: enter the token in its own field'
  if (url.search || url.hash) return 'The repository URL cannot have a query or fragment'
  return null
}

export function originBoundHttp(remoteUrl: string, auth: RemoteAuth, options: { timeoutMs?: number } = {}): HttpClient {
  const origin = new URL(remoteUrl).origin
  const timeoutMs = options.timeoutMs ?? 60_000
  return {
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      const target = new URL(req.url)
      if (target.origin !== origin) {
        throw new AppError('FORBIDDEN', `Refusing to contact ${target.host}: the workspace token is only sent to ${new URL(origin).host}.`)
      }
      const headers: Record<string, string> = { ...(req.headers ?? {}) }
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name]
      if (auth.token) {
        headers['authorization'] = `Basic ${Buffer.from(`${auth.username || 'backdesk'}:${auth.token}`).toString('base64')}`
      }
      let body: Buffer | undefined
      if (req.body) {
        const chunks: Uint8Array[] = []
        for await (const chunk of req.body as AsyncIterable<Uint8Array>) chunks.push(chunk)
        body = Buffer.concat(chunks)
      }
      const res = await request(target, {
        method: (req.method ?? 'GET') as 'GET' | 'POST',
        headers,
        ...(body ? { body } : {}),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
      })
      const bytes = new Uint8Array(await res.body.arrayBuffer())
      const outHeaders: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) outHeaders[k] = Array.isArray(v) ? v.join(', ') : String(v)
      if (res.statusCode >= 300 && res.statusCode < 400) {
        throw new AppError('FORBIDDEN', `The git server answered with a redirect (${res.statusCode}); Backdesk does not follow it. Use the repository's final URL.`)
      }
      return {
        url: req.url,
        method: req.method ?? 'GET',
        headers: outHeaders,
        body: oneChunk(bytes),
        statusCode: res.statusCode,
        statusMessage: String(res.statusCode)
      }
    }
  }
}

async function* oneChunk(bytes: Uint8Array): AsyncIterableIterator<Uint8Array> {
  yield bytes
}
