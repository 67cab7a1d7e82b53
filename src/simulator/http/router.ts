import type { Handler, SimRequest, SimResponse } from './types'

interface Route {
  method: string
  segments: string[]
  handler: Handler
}

/**
 * Minimal path router: patterns like `/v1/bunits/:id/consumers/:cid`. Matching can be made
 * case-insensitive because ASP.NET (Cloutility) routes ignore case.
 */
export class Router {
  private readonly routes: Route[] = []
  private readonly writeListeners: Array<(req: SimRequest) => void> = []
  constructor(private readonly caseInsensitive = false) {}

  /** `listener` runs after every handler of a method other than GET and HEAD, even one that threw (it may have changed data). */
  onWrite(listener: (req: SimRequest) => void): this {
    this.writeListeners.push(listener)
    return this
  }

  /** For dispatch(): tells the write listeners that `req` was handled. */
  wrote(req: SimRequest): void {
    if (req.method === 'GET' || req.method === 'HEAD') return
    for (const listener of this.writeListeners) listener(req)
  }

  on(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter(Boolean)
    this.routes.push({ method: method.toUpperCase(), segments, handler })
    return this
  }
  get(pattern: string, handler: Handler): this {
    return this.on('GET', pattern, handler)
  }
  post(pattern: string, handler: Handler): this {
    return this.on('POST', pattern, handler)
  }
  put(pattern: string, handler: Handler): this {
    return this.on('PUT', pattern, handler)
  }
  delete(pattern: string, handler: Handler): this {
    return this.on('DELETE', pattern, handler)
  }

  /** Every registered route as [METHOD, pattern], for docs and route-sweeping tests. */
  list(): Array<[string, string]> {
    return this.routes.map((r) => [r.method, `/${r.segments.join('/')}`])
  }

  /** Finds the route; `methodNotAllowed` when the path exists under another method. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'methodNotAllowed' | undefined {
    const parts = path.split('/').filter(Boolean)
    let pathMatched = false
    for (const route of this.routes) {
      const params = this.matchSegments(route.segments, parts)
      if (!params) continue
      if (route.method === method.toUpperCase()) return { handler: route.handler, params }
      pathMatched = true
    }
    return pathMatched ? 'methodNotAllowed' : undefined
  }

  private matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
    if (pattern.length !== parts.length) return undefined
    const params: Record<string, string> = {}
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i] as string
      const v = parts[i] as string
      if (p.startsWith(':')) {
        params[p.slice(1)] = v
      } else if (this.caseInsensitive ? p.toLowerCase() !== v.toLowerCase() : p !== v) {
        return undefined
      }
    }
    return params
  }
}

export async function dispatch(
  router: Router,
  req: Omit<SimRequest, 'params'>,
  notFound: (req: SimRequest) => SimResponse,
  methodNotAllowed: (req: SimRequest) => SimResponse
): Promise<SimResponse> {
  const m = router.match(req.method, req.path)
  if (m === undefined) return notFound({ ...req, params: {} })
  if (m === 'methodNotAllowed') return methodNotAllowed({ ...req, params: {} })
  const routed = { ...req, params: m.params }
  try {
    return await m.handler(routed)
  } finally {
    router.wrote(routed)
  }
}
