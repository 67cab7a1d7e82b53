// Cloutility login: OAuth2 password grant at POST /v1/oauth (form-encoded, with the API app's
// Origin), 299-second access tokens, a constant refresh token when the API app allows refresh.
//
// - authorize(): a valid token, refreshed ahead of expiry (when less than `refreshMarginMs` is left).
// - onUnauthorized(): the 1st 401 of a call → refresh (or a password grant if refresh is not
//   possible); the 2nd → a fresh password grant; the 3rd → give up (AUTH_FAILED).
// - Every token request is single-flight: however many calls need a token at once, one request.
// - A refresh the API app is not allowed to make (unauthorized_client / invalid_grant) falls back
//   to a password grant and is not tried again on this connection.

import { AppError } from '../../../../shared/errors'
import type { SecretRegistry } from '../../log/redact'
import type { Logger } from '../../log/logger'
import type { AuthHook, HttpClient } from '../../http/http-client'
import { HttpError, isHttpError, isRedirectError, loginRedirectError } from '../../http/errors'
import type { WireToken } from './dto'
import { explainOAuthError, type Grant } from './errors'

export interface CloutilityCredentials {
  clientId: string
  origin: string
  username: string
  password: string
}

export interface CloutilityAuthOptions extends CloutilityCredentials {
  /** The connection's HTTP request function (token requests go through it with auth: false). */
  request: HttpClient['request']
  secrets?: SecretRegistry
  /** The origin the token requests go to: the tokens it issues are bound to it in `secrets`. */
  issuer?: string
  logger: Logger
  /** Refresh when fewer ms than this are left. Default 30 s. */
  refreshMarginMs?: number
  /** Clock (tests). */
  now?: () => number
}

interface Token {
  access: string
  refresh: string | undefined
  expiresAt: number
  lifetimeMs: number
}

/** Waits for a shared promise, but stops waiting (not the promise) when this caller's signal aborts. */
function waitFor<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      }
    )
  })
}


export interface TokenStats {
  passwordGrants: number
  refreshGrants: number
  refreshAllowed: boolean
}

export class CloutilityAuth implements AuthHook {
  private token: Token | undefined
  private pending: Promise<Token> | undefined
  private refreshAllowed = true
  private lastRefreshRefused = false
  private readonly stats = { passwordGrants: 0, refreshGrants: 0 }
  private readonly now: () => number
  private readonly margin: number

  constructor(private readonly options: CloutilityAuthOptions) {
    this.now = options.now ?? Date.now
    this.margin = options.refreshMarginMs ?? 30_000
    options.secrets?.add(options.password)
  }

  get tokenStats(): TokenStats {
    return { ...this.stats, refreshAllowed: this.refreshAllowed }
  }

  /**
   * Logs in if needed, then makes one refresh grant now: tells whether this API app may refresh.
   * 'not-offered' = the login gave no refresh token (the app is registered without refresh).
   */
  async verifyRefresh(signal?: AbortSignal): Promise<'ok' | 'not-allowed' | 'not-offered'> {
    await this.validToken(signal)
    if (!this.token?.refresh) return 'not-offered'
    if (!this.refreshAllowed) return 'not-allowed'
    this.lastRefreshRefused = false
    await waitFor(this.pending ?? this.renew('refresh'), signal)
    return this.lastRefreshRefused ? 'not-allowed' : 'ok'
  }

  /** Forget the token (e.g. on lock or when credentials change). */
  reset(): void {
    if (this.token) this.forget(this.token)
    this.token = undefined
  }

  async authorize(headers: Record<string, string>, signal?: AbortSignal): Promise<void> {
    const token = await this.validToken(signal)
    headers.authorization = `Bearer ${token.access}`
  }

  async onUnauthorized(context: { headers: Readonly<Record<string, string>>; count: number; signal?: AbortSignal }): Promise<boolean> {
    if (context.count > 2) return false
    const used = /^Bearer\s+(.+)$/i.exec(context.headers.authorization ?? '')?.[1]
    // Another call already renewed the token this one was rejected with: just try again with it.
    if (this.token && used !== undefined && this.token.access !== used && this.token.expiresAt - this.now() > 0) return true
    await waitFor(this.pending ?? this.renew(context.count === 1 ? 'refresh' : 'password'), context.signal)
    return true
  }

  /** A token valid for at least the margin, renewing (single-flight) when needed. */
  async validToken(signal?: AbortSignal): Promise<Token> {
    const t = this.token
    if (t && this.isFresh(t)) return t
    try {
      return await waitFor(this.pending ?? this.renew(t ? 'refresh' : 'password'), signal)
    } catch (err) {
      if (signal?.aborted) throw err
      return this.stillUsable(t, err)
    }
  }

  /** Fresh = more than the margin left (or half its lifetime, for tokens shorter than twice the margin). */
  private isFresh(t: Token): boolean {
    return t.expiresAt - this.now() > Math.min(this.margin, t.lifetimeMs / 2)
  }

  /**
   * A renewal ahead of expiry failed: keep using the current token while it lasts, unless the
   * login itself was refused (then the error stands).
   */
  private stillUsable(token: Token | undefined, err: unknown): Token {
    const refusedLogin = err instanceof AppError && err.code === 'AUTH_FAILED'
    if (!refusedLogin && token && token.expiresAt > this.now() && this.token === token) {
      this.options.logger.warn('Cloutility token renewal failed; the current token is still valid', { code: (err as AppError).code })
      return token
    }
    throw err
  }

  /**
   * Single-flight renewal. It takes no caller's signal: it is shared by every waiting call, and one
   * caller giving up must not fail the others (each waiter can stop waiting on its own signal).
   */
  private renew(preferred: Grant): Promise<Token> {
    if (this.pending) return this.pending
    const run = async (): Promise<Token> => {
      const old = this.token
      const canRefresh = preferred === 'refresh' && this.refreshAllowed && !!old?.refresh
      let next: Token
      if (canRefresh && old?.refresh) {
        try {
          next = await this.grant('refresh', old)
        } catch (err) {
          if (!(err instanceof AppError) || err.details?.reason !== 'refresh_not_allowed') throw err
          this.lastRefreshRefused = true
          // unauthorized_client: this API app may never refresh. invalid_grant: this refresh token
          // is no good any more; the password grant below brings a new one.
          if (err.details.oauthError !== 'invalid_grant') {
            this.refreshAllowed = false
            this.options.logger.warn('Cloutility refused the token refresh for this API app; logging in with the password from now on')
          }
          next = await this.grant('password', old)
        }
      } else {
        next = await this.grant('password', old)
      }
      if (old && old.access !== next.access) this.forget(old)
      this.token = next
      return next
    }
    const p = run().finally(() => {
      if (this.pending === p) this.pending = undefined
    })
    // Every waiter may have stopped waiting (waitFor, on its own signal): a renewal that fails
    // then must not surface as an unhandled rejection. Waiters still get the failure from `p`.
    p.catch(() => undefined)
    this.pending = p
    return p
  }

  private forget(token: Token): void {
    this.options.secrets?.delete(token.access)
  }

  private async grant(kind: Grant, current: Token | undefined): Promise<Token> {
    const { request, clientId, username, password, origin } = this.options
    const form: Record<string, string> =
      kind === 'password'
        ? { client_id: clientId, grant_type: 'password', username, password }
        : { client_id: clientId, grant_type: 'refresh_token', refresh_token: current?.refresh ?? '' }
    const headers: Record<string, string> = { origin }
    // The seed refreshes "as an authenticated user": send the current token while it still works.
    if (kind === 'refresh' && current && current.expiresAt > this.now()) headers.authorization = `Bearer ${current.access}`
    if (kind === 'password') this.stats.passwordGrants++
    else this.stats.refreshGrants++
    const started = this.now()
    let res
    try {
      res = await request<WireToken>({
        method: 'POST',
        path: '/v1/oauth',
        form,
        headers,
        auth: false,
        idempotent: true, // a token request changes nothing: safe to repeat
        urgent: true,
        acceptStatus: (s) => s >= 400 && s < 500 && s !== 429
      })
    } catch (err) {
      if (isHttpError(err) && err.code === 'FORBIDDEN') throw explainOAuthError(403, err.responseBody, kind, this.options, err.requestId)
      if (isRedirectError(err)) throw loginRedirectError('Cloutility', err, 'user name and password')
      throw err
    }
    if (res.status >= 400) throw explainOAuthError(res.status, res.body, kind, this.options, res.requestId)
    const body = res.body
    const access = typeof body?.access_token === 'string' ? body.access_token : undefined
    if (!access) {
      throw new HttpError({
        code: 'UPSTREAM',
        kind: 'unreadable',
        message: 'Cloutility answered the login without an access token.',
        requestId: res.requestId,
        method: 'POST',
        path: '/v1/oauth',
        status: res.status
      })
    }
    const expiresIn = Number(body.expires_in)
    const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 299_000
    const refresh = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : current?.refresh
    this.options.secrets?.add(access, this.options.issuer)
    this.options.secrets?.add(refresh, this.options.issuer)
    if (kind === 'password' && !body.refresh_token) this.refreshAllowed = false
    this.options.logger.info(`Cloutility ${kind === 'password' ? 'login' : 'token refresh'} ok`, {
      requestId: res.requestId,
      expiresInSeconds: Math.round(lifetimeMs / 1000)
    })
    return { access, refresh: kind === 'password' && !body.refresh_token ? undefined : refresh, expiresAt: started + lifetimeMs, lifetimeMs }
  }
}
