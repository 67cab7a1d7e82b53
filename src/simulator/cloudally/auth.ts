import { randomBytes, timingSafeEqual } from 'node:crypto'
import { isRecord, parseJsonBody } from '../http/request'
import { header, json, type SimRequest, type SimResponse } from '../http/types'
import type { AccountUser, CloudAllyData } from './data'
import { caError } from './errors'

// /auth (portal user; strict mode also wants the client-id/client-secret headers there),
// /auth/partner (client-id/client-secret headers + partner user, or the seed's body
// {clientId, clientSecret}), /auth/refresh. Tokens last ACCESS_TOKEN_SECONDS; the
// refresh token stays the same for the session (rotation is unpublished).

export const ACCESS_TOKEN_SECONDS = 3600

export type Principal = { kind: 'partner' } | { kind: 'user'; user: AccountUser }

interface Issued {
  principal: Principal
  expiresAt: number
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export class CloudAllyAuth {
  private readonly tokens = new Map<string, Issued>()
  private readonly refreshTokens = new Map<string, Principal>()

  constructor(
    private readonly data: CloudAllyData,
    private readonly now: () => number,
    /** Strict mode: the portal-user login wants the client headers too (the real clients send them). */
    private readonly strict = false
  ) {}

  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = this.now() - 1
  }

  expireFromRequest(req: SimRequest): void {
    const t = this.tokens.get(this.bearer(req) ?? '')
    if (t) t.expiresAt = this.now() - 1
    else this.expireAll()
  }

  /** Long benchmark runs log in many times: drop expired tokens now and then. */
  private prune(): void {
    if (this.tokens.size < 10_000) return
    const now = this.now()
    for (const [k, v] of this.tokens) if (v.expiresAt <= now) this.tokens.delete(k)
  }

  private issue(principal: Principal): SimResponse {
    this.prune()
    const accessToken = randomBytes(32).toString('base64url')
    const refreshToken = randomBytes(32).toString('base64url')
    this.tokens.set(accessToken, { principal, expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000 })
    this.refreshTokens.set(refreshToken, principal)
    return json(200, { accessToken, tokenType: 'Bearer', refreshToken, expiresIn: ACCESS_TOKEN_SECONDS })
  }

  private credentials(req: SimRequest): { email: string; password: string } {
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw caError(400, 'Request body must be a JSON object.', req.path)
    const { email, password } = body
    if (typeof email !== 'string' || !email || typeof password !== 'string' || !password) throw caError(400, 'email and password are required.', req.path)
    return { email, password }
  }

  /** client-id / client-secret headers, when present, must be the partner's. */
  private checkClientHeaders(req: SimRequest, required: boolean): boolean {
    const id = header(req, 'client-id')
    const secret = header(req, 'client-secret')
    if (id === undefined && secret === undefined) {
      if (required) throw caError(401, 'client-id and client-secret headers are required.', req.path)
      return false
    }
    if (!id || !secret || !same(id, this.data.clientId) || !same(secret, this.data.clientSecret)) throw caError(401, 'Invalid client credentials.', req.path)
    return true
  }

  login(req: SimRequest): SimResponse {
    this.checkClientHeaders(req, this.strict)
    const { email, password } = this.credentials(req)
    const user = this.data.users.find((u) => u.email.toLowerCase() === email.toLowerCase())
    if (!user || !same(user.password, password)) throw caError(401, 'Bad credentials', req.path)
    if (user.status === 'SUSPENDED') throw caError(403, 'Account suspended', req.path)
    return this.issue({ kind: 'user', user })
  }

  partnerLogin(req: SimRequest): SimResponse {
    if (this.checkClientHeaders(req, false)) {
      const { email, password } = this.credentials(req)
      const p = this.data.partner
      if (email.toLowerCase() !== p.email.toLowerCase() || !same(password, p.password)) throw caError(401, 'Bad credentials', req.path)
      return this.issue({ kind: 'partner' })
    }
    // The seed's form: { clientId, clientSecret } in the body.
    const body = parseJsonBody(req)
    if (!isRecord(body) || typeof body.clientId !== 'string' || typeof body.clientSecret !== 'string') {
      throw caError(401, 'client-id and client-secret headers (or clientId/clientSecret) are required.', req.path)
    }
    if (!same(body.clientId, this.data.clientId) || !same(body.clientSecret, this.data.clientSecret)) throw caError(401, 'Invalid client credentials.', req.path)
    return this.issue({ kind: 'partner' })
  }

  refresh(req: SimRequest): SimResponse {
    const body = parseJsonBody(req)
    const token = isRecord(body) ? body.refreshToken : undefined
    if (typeof token !== 'string' || !token) throw caError(400, 'refreshToken is required.', req.path)
    const principal = this.refreshTokens.get(token)
    if (!principal) throw caError(401, 'Invalid refresh token', req.path)
    this.prune()
    const accessToken = randomBytes(32).toString('base64url')
    this.tokens.set(accessToken, { principal, expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000 })
    return json(200, { accessToken, tokenType: 'Bearer', refreshToken: token, expiresIn: ACCESS_TOKEN_SECONDS })
  }

  private bearer(req: SimRequest): string | undefined {
    const raw = (header(req, 'authorization') ?? '').trim()
    if (!raw) return undefined
    const m = /^Bearer\s+(.+)$/i.exec(raw)
    return m ? m[1]?.trim() : raw // the n8n node sends the bare token
  }

  authenticate(req: SimRequest): Principal {
    const token = this.bearer(req)
    if (!token) throw caError(401, 'Full authentication is required to access this resource', req.path)
    const issued = this.tokens.get(token)
    if (!issued) throw caError(401, 'Invalid access token', req.path)
    if (issued.expiresAt <= this.now()) throw caError(401, 'Access token expired', req.path)
    this.checkClientHeaders(req, false)
    return issued.principal
  }
}
