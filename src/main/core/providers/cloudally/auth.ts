// CloudAlly login (provider-apis.md §4.2; the real behaviour first, the seed's as a fallback).
//
// - Partner: POST /auth/partner with `client-id`/`client-secret` headers and the partner user's
//   {email, password} body (what real clients send). Only when the server answers that form with
//   400, 404, 415 or 422 (a server validating against the seed's profile) do we try the seed's
//   body form {clientId, clientSecret}; the form that worked is remembered for this connection.
// - Portal user: POST /auth with {email, password} and the same client headers: the real clients
//   send them there too, and refuse to call /auth without them (the jancotanis/cloudally gem).
// - Refresh: POST /auth/refresh {refreshToken}, ahead of expiry and on the first 401 of a call;
//   a second 401 (or a failed refresh) → a fresh login; a third → give up. Single-flight: however
//   many calls need a token at once, one token request goes out.
// - Every call carries client-id/client-secret headers as well as the bearer token.

import { AppError } from '../../../../shared/errors'
import type { AuthHook, HttpClient } from '../../http/http-client'
import { HttpError, isHttpError, isRedirectError, loginRedirectError } from '../../http/errors'
import type { Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import type { WireToken } from './dto'
import { authError, explainLoginError } from './errors'
import { num, rec, text } from '../wire'

export interface CloudAllyCredentials {
  mode: 'partner' | 'user'
  clientId?: string
  clientSecret?: string
  email: string
  password: string
}

export type PartnerLoginForm = 'headers' | 'seed-body'

interface Token {
  access: string
  refresh: string | undefined
  expiresAt: number
}

export interface CloudAllyTokenStats {
  logins: number
  refreshes: number
  partnerForm: PartnerLoginForm | undefined
}

const DEFAULT_LIFETIME_MS = 3_600_000

export class CloudAllyAuth implements AuthHook {
  private token: Token | undefined
  private pending: Promise<Token> | undefined
  private partnerForm: PartnerLoginForm | undefined
  private readonly stats = { logins: 0, refreshes: 0 }
  private readonly now: () => number
  private readonly margin: number

  constructor(
    private readonly options: {
      http: HttpClient
      credentials: CloudAllyCredentials
      logger: Logger
      secrets?: SecretRegistry
      /** Refresh when fewer ms than this are left. Default 60 s. */
      refreshMarginMs?: number
      now?: () => number
    }
  ) {
    this.now = options.now ?? Date.now
    this.margin = options.refreshMarginMs ?? 60_000
    options.secrets?.add(options.credentials.password)
    options.secrets?.add(options.credentials.clientSecret)
  }

  get tokenStats(): CloudAllyTokenStats {
    return { ...this.stats, partnerForm: this.partnerForm }
  }

  /** client-id / client-secret, sent with every call, logins included (real clients do). */
  clientHeaders(): Record<string, string> {
    const { clientId, clientSecret } = this.options.credentials
    if (!clientId || !clientSecret) return {}
    return { 'client-id': clientId, 'client-secret': clientSecret }
  }

  reset(): void {
    if (this.token) this.forget(this.token)
    this.token = undefined
  }

  async authorize(headers: Record<string, string>, signal?: AbortSignal): Promise<void> {
    const token = await this.validToken(signal)
    Object.assign(headers, this.clientHeaders())
    headers.authorization = `Bearer ${token.access}`
  }

  async onUnauthorized(context: { headers: Readonly<Record<string, string>>; count: number; signal?: AbortSignal }): Promise<boolean> {
    if (context.count > 2) return false
    const used = /^Bearer\s+(.+)$/i.exec(context.headers.authorization ?? '')?.[1]
    // Another call already renewed the token this one was sent with: try again with the new one.
    if (this.token && used !== undefined && this.token.access !== used && this.token.expiresAt > this.now()) return true
    if (this.pending) {
      await this.pending
      return true
    }
    await this.renew(context.count === 1 ? 'refresh' : 'login', context.signal)
    return true
  }

  /** One token refresh now (the connection test): throws when CloudAlly refuses it. */
  async refreshNow(signal?: AbortSignal): Promise<void> {
    const token = await this.validToken(signal)
    if (!token.refresh) throw authError('unexpected', 'CloudAlly gave no refresh token with the login.')
    let next: Token
    try {
      next = await this.refresh(token, signal)
    } catch (err) {
      if (!(err instanceof AppError) || !['AUTH_FAILED', 'VALIDATION', 'NOT_FOUND'].includes(err.code)) throw err
      throw authError('unexpected', 'CloudAlly accepted the login but refused to renew its token (POST /auth/refresh).')
    }
    if (this.token === token) {
      if (next.access !== token.access) this.forget(token)
      this.token = next
    }
  }

  async validToken(signal?: AbortSignal): Promise<Token> {
    for (let i = 0; i < 3; i++) {
      const t = this.token
      if (t && t.expiresAt - this.now() > this.margin) return t
      if (this.pending) {
        await this.pending
        continue
      }
      await this.renew(t?.refresh ? 'refresh' : 'login', signal)
    }
    if (this.token) return this.token
    throw authError('unexpected', 'Could not obtain a CloudAlly access token.')
  }

  private renew(preferred: 'refresh' | 'login', signal?: AbortSignal): Promise<Token> {
    if (this.pending) return this.pending
    const run = async (): Promise<Token> => {
      const old = this.token
      let next: Token | undefined
      if (preferred === 'refresh' && old?.refresh) {
        try {
          next = await this.refresh(old, signal)
        } catch (err) {
          // A refused refresh token is not the end: log in again with the stored credentials.
          if (!(err instanceof AppError) || (err.code !== 'AUTH_FAILED' && err.code !== 'VALIDATION' && err.code !== 'NOT_FOUND')) throw err
          this.options.logger.info('CloudAlly refused the token refresh; logging in again')
        }
      }
      next ??= await this.login(signal)
      if (old && old.access !== next.access) this.forget(old)
      this.token = next
      return next
    }
    const p = run().finally(() => {
      if (this.pending === p) this.pending = undefined
    })
    this.pending = p
    return p
  }

  private forget(token: Token): void {
    this.options.secrets?.delete(token.access)
  }

  private async tokenRequest(
    path: string,
    json: unknown,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    accept: (status: number) => boolean
  ) {
    try {
      return await this.options.http.request<WireToken>({
        method: 'POST',
        path,
        json,
        headers,
        auth: false,
        idempotent: true, // a token request changes nothing on the server: safe to repeat
        urgent: true,
        acceptStatus: accept,
        ...(signal ? { signal } : {})
      })
    } catch (err) {
      if (isRedirectError(err)) throw loginRedirectError('CloudAlly', err, 'credentials')
      throw err
    }
  }

  private async login(signal?: AbortSignal): Promise<Token> {
    const c = this.options.credentials
    this.stats.logins++
    const started = this.now()
    const clientErrors = (s: number) => s >= 400 && s < 500 && s !== 429 && s !== 408
    if (!c.clientId || !c.clientSecret) {
      throw authError(
        'client',
        `A CloudAlly ${c.mode === 'partner' ? 'partner' : 'portal-user'} login needs the client id and client secret (partner portal → Integrations): add them to this connection.`
      )
    }
    if (c.mode === 'user') {
      const res = await this.tokenRequest('/auth', { email: c.email, password: c.password }, this.clientHeaders(), signal, clientErrors)
      if (res.status >= 400) throw explainLoginError(res.status, res.body, c, res.requestId)
      return this.accept(res.body, res.requestId, started, '/auth')
    }
    if (this.partnerForm !== 'seed-body') {
      const res = await this.tokenRequest(
        '/auth/partner',
        { email: c.email, password: c.password },
        this.clientHeaders(),
        signal,
        clientErrors
      )
      if (res.status < 400) {
        this.partnerForm = 'headers'
        return this.accept(res.body, res.requestId, started, '/auth/partner')
      }
      // Only a server that does not understand the real form earns the seed's form (422: one that
      // validates the body against the seed's profile, which wants {clientId, clientSecret}).
      if (this.partnerForm === 'headers' || ![400, 404, 415, 422].includes(res.status)) {
        throw explainLoginError(res.status, res.body, c, res.requestId)
      }
      this.options.logger.info(`CloudAlly /auth/partner answered ${res.status} to the header form; trying the body form`)
    }
    const res = await this.tokenRequest('/auth/partner', { clientId: c.clientId, clientSecret: c.clientSecret }, {}, signal, clientErrors)
    if (res.status >= 400) throw explainLoginError(res.status, res.body, c, res.requestId)
    this.partnerForm = 'seed-body'
    return this.accept(res.body, res.requestId, started, '/auth/partner')
  }

  private async refresh(old: Token, signal?: AbortSignal): Promise<Token> {
    this.stats.refreshes++
    const started = this.now()
    let res
    try {
      res = await this.tokenRequest('/auth/refresh', { refreshToken: old.refresh }, this.clientHeaders(), signal, () => false)
    } catch (err) {
      if (isHttpError(err) && err.kind === 'status' && err.status !== undefined && err.status < 500 && err.status !== 429) {
        throw new AppError(err.status === 404 ? 'NOT_FOUND' : err.status === 400 ? 'VALIDATION' : 'AUTH_FAILED', 'refresh refused', {
          retryable: false
        })
      }
      throw err
    }
    return this.accept(res.body, res.requestId, started, '/auth/refresh', old.refresh)
  }

  private accept(raw: unknown, requestId: string, started: number, path: string, previousRefresh?: string): Token {
    const body = rec(raw)
    const access = text(body.accessToken ?? body.access_token ?? body.token)
    if (!access) {
      throw new HttpError({
        code: 'UPSTREAM',
        kind: 'unreadable',
        message: 'CloudAlly answered the login without an access token.',
        requestId,
        method: 'POST',
        path,
        status: 200
      })
    }
    const expiresIn = num(body.expiresIn ?? body.expires_in)
    const lifetimeMs = expiresIn !== undefined && expiresIn > 0 ? expiresIn * 1000 : DEFAULT_LIFETIME_MS
    const refresh = text(body.refreshToken ?? body.refresh_token) ?? previousRefresh
    // Bound to the origin that issued them: the HTTP layer never sends them anywhere else.
    const issuer = new URL(this.options.http.baseUrl).origin
    this.options.secrets?.add(access, issuer)
    this.options.secrets?.add(refresh, issuer)
    this.options.logger.info(`CloudAlly ${path === '/auth/refresh' ? 'token refresh' : 'login'} ok`, {
      requestId,
      expiresInSeconds: Math.round(lifetimeMs / 1000)
    })
    return { access, refresh, expiresAt: started + lifetimeMs }
  }
}
