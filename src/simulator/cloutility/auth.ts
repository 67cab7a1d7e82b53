import { createHash, randomBytes } from 'node:crypto'
import { header, HttpError, json, type SimRequest, type SimResponse } from '../http/types'
import { parseFormOrJson } from '../http/request'
import type { ApiApp, BusinessUnitRecord, CloutilityData, UserRecord } from './data'
import { apiError } from './errors'

// OAuth2 as Cloutility runs it (provider-apis.md §1.3): password and refresh_token grants at
// POST /v1/oauth, an Origin header on every call that must equal the API app's registered origin,
// 299-second access tokens and one refresh token per (app, user) that never changes.

export const ACCESS_TOKEN_SECONDS = 299

export interface Session {
  app: ApiApp
  user: UserRecord
  /** Root of what this session may touch: the app's business unit. */
  rootBuId: number
}

interface IssuedToken {
  app: ApiApp
  user: UserRecord
  expiresAt: number
}

function oauthError(error: string, description: string): HttpError {
  return new HttpError(400, description, { error, error_description: description })
}

export class CloutilityAuth {
  private readonly tokens = new Map<string, IssuedToken>()
  private readonly refreshTokens = new Map<string, { app: ApiApp; user: UserRecord }>()

  constructor(
    private readonly data: CloutilityData,
    private readonly now: () => number,
    /** Strict mode: the token endpoint reads a form body only, as an OWIN OAuth server does. */
    private readonly strict = false
  ) {}

  /** Every issued access token expires now. */
  expireAll(): void {
    const t = this.now() - 1
    for (const token of this.tokens.values()) token.expiresAt = t
  }

  isInSubtree(buId: number, rootId: number): boolean {
    let bu: BusinessUnitRecord | undefined = this.data.businessUnits.get(buId)
    while (bu) {
      if (bu.id === rootId) return true
      bu = bu.parentId === null ? undefined : this.data.businessUnits.get(bu.parentId)
    }
    return false
  }

  private refreshTokenFor(app: ApiApp, user: UserRecord): string {
    const token = createHash('sha256').update(`${this.data.seed}:${app.clientId}:${user.id}`).digest('base64url')
    this.refreshTokens.set(token, { app, user })
    return token
  }

  /** Long benchmark runs log in many times: drop expired tokens now and then. */
  private prune(): void {
    if (this.tokens.size < 10_000) return
    const now = this.now()
    for (const [k, v] of this.tokens) if (v.expiresAt <= now) this.tokens.delete(k)
  }

  private issue(app: ApiApp, user: UserRecord): SimResponse {
    this.prune()
    const accessToken = randomBytes(32).toString('base64url')
    this.tokens.set(accessToken, { app, user, expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000 })
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: ACCESS_TOKEN_SECONDS }
    if (app.allowRefresh) body.refresh_token = this.refreshTokenFor(app, user)
    return json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' })
  }

  /**
   * POST /v1/oauth. Lenient on Content-Type: the body is read whatever the header says (the old Go
   * client sent a form body labelled JSON). Lax mode also reads a JSON body; strict mode refuses it.
   */
  oauth(req: SimRequest): SimResponse {
    if (this.strict && req.body.toString('utf8').trim().startsWith('{')) {
      throw oauthError('invalid_request', 'The token request must be form-encoded (application/x-www-form-urlencoded), not JSON.')
    }
    const form = parseFormOrJson(req)
    const app = this.data.apps.find((a) => a.clientId.toLowerCase() === (form.client_id ?? '').toLowerCase())
    if (!app) throw oauthError('invalid_client', 'Unknown client_id.')
    const origin = header(req, 'origin')
    if (!origin) throw oauthError('invalid_client', 'The Origin header is required.')
    if (origin.replace(/\/$/, '') !== app.origin) throw oauthError('invalid_client', 'The Origin header does not match the origin registered for this client.')
    const grant = form.grant_type
    if (grant === 'password') {
      const username = (form.username ?? '').toLowerCase()
      const user = [...this.data.users.values()].find((u) => u.username.toLowerCase() === username)
      if (!user || user.password !== form.password) throw oauthError('invalid_grant', 'The user name or password is incorrect.')
      if (!this.isInSubtree(user.buId, app.buId) && !this.isInSubtree(app.buId, user.buId)) {
        throw oauthError('invalid_grant', 'The user has no access to the business unit of this client.')
      }
      return this.issue(app, user)
    }
    if (grant === 'refresh_token') {
      if (!app.allowRefresh) throw oauthError('unauthorized_client', 'This client is not allowed to use refresh tokens.')
      const entry = this.refreshTokens.get(form.refresh_token ?? '')
      if (!entry || entry.app !== app) throw oauthError('invalid_grant', 'The refresh token is invalid.')
      return this.issue(app, entry.user)
    }
    throw oauthError('unsupported_grant_type', `Unsupported grant_type '${grant ?? ''}'.`)
  }

  /** Bearer token + Origin check for every API call. */
  authenticate(req: SimRequest): Session {
    const auth = header(req, 'authorization') ?? ''
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim())
    if (!m) throw apiError(401, 'Authorization has been denied for this request.', 'Missing bearer token.')
    const token = this.tokens.get((m[1] ?? '').trim())
    if (!token) throw apiError(401, 'Authorization has been denied for this request.', 'Unknown access token.')
    if (token.expiresAt <= this.now()) throw apiError(401, 'Authorization has been denied for this request.', 'The access token has expired.')
    const origin = header(req, 'origin')
    if (!origin) throw apiError(403, 'Origin required.', 'The Origin header is required on every call.')
    if (origin.replace(/\/$/, '') !== token.app.origin) throw apiError(403, 'Origin not allowed.', 'The Origin header does not match the origin registered for this client.')
    return { app: token.app, user: token.user, rootBuId: token.app.buId }
  }

  /** Expires the token presented on this request (an 'expire-token' fault). */
  expireFromRequest(req: SimRequest): void {
    const m = /^Bearer\s+(.+)$/i.exec((header(req, 'authorization') ?? '').trim())
    const token = m ? this.tokens.get((m[1] ?? '').trim()) : undefined
    if (token) token.expiresAt = this.now() - 1
    else this.expireAll()
  }
}
