// Every way an HTTP call can fail, mapped to the shared error codes. Messages are for a
// technician: what failed and what to try. They never carry a secret, a token or a raw body; a
// short, redacted provider message may travel in `details.providerMessage`.

import { AppError, type ErrorCode } from '../../../shared/errors'
import type { SecretRegistry } from '../log/redact'
import { bodyStart, type UnreadableReason } from './body'

export type FailureKind =
  | 'status' // the server answered with an error status
  | 'network' // DNS, refused, reset, socket closed
  | 'tls' // certificate or handshake problem
  | 'timeout' // connect, headers or body timeout
  | 'deadline' // the call's overall deadline passed
  | 'cancelled' // the caller aborted
  | 'unreadable' // HTML page, malformed or truncated body, body too large, empty or not-JSON success
  | 'blocked' // something between us and the provider (proxy, firewall, sign-in page) refused with a web page

export interface HttpErrorInit {
  code: ErrorCode
  kind: FailureKind
  message: string
  requestId: string
  method: string
  path: string
  status?: number
  providerMessage?: string
  /** The failure proves the request never left this machine (safe to retry even a POST). */
  notSent?: boolean
  retryAfterMs?: number
  responseBody?: unknown
  retryable?: boolean
  cause?: unknown
  attempts?: number
  /** A 3xx answer: the origin it pointed at (never followed). */
  redirectTo?: string
}

export class HttpError extends AppError {
  readonly kind: FailureKind
  readonly status: number | undefined
  readonly requestId: string
  readonly notSent: boolean
  readonly retryAfterMs: number | undefined
  /** Parsed error body for the provider layer to interpret; never part of `details`/`toInfo()`. */
  declare readonly responseBody: unknown

  constructor(init: HttpErrorInit) {
    const details: Record<string, unknown> = { requestId: init.requestId, method: init.method, path: init.path }
    if (init.status !== undefined) details.status = init.status
    if (init.providerMessage) details.providerMessage = init.providerMessage
    if (init.retryAfterMs !== undefined) details.retryAfterSeconds = Math.ceil(init.retryAfterMs / 1000)
    if (init.attempts !== undefined && init.attempts > 1) details.attempts = init.attempts
    if (init.redirectTo !== undefined) details.redirectTo = init.redirectTo
    super(init.code, init.message, {
      details,
      cause: init.cause,
      ...(init.retryable === undefined ? {} : { retryable: init.retryable })
    })
    this.name = 'HttpError'
    this.kind = init.kind
    this.status = init.status
    this.requestId = init.requestId
    this.notSent = init.notSent ?? false
    this.retryAfterMs = init.retryAfterMs
    Object.defineProperty(this, 'responseBody', { value: init.responseBody, enumerable: false })
  }

  /** Same error with a better message (e.g. a provider that knows the likely cause). */
  withMessage(message: string, code: ErrorCode = this.code): HttpError {
    return new HttpError({
      code,
      kind: this.kind,
      message,
      requestId: this.requestId,
      method: String(this.details?.method ?? ''),
      path: String(this.details?.path ?? ''),
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(typeof this.details?.providerMessage === 'string' ? { providerMessage: this.details.providerMessage } : {}),
      notSent: this.notSent,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      responseBody: this.responseBody,
      ...(typeof this.details?.attempts === 'number' ? { attempts: this.details.attempts } : {}),
      ...(typeof this.details?.redirectTo === 'string' ? { redirectTo: this.details.redirectTo } : {}),
      ...(code === this.code ? { retryable: this.retryable } : {}),
      cause: this.cause
    })
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError
}

// ---------------------------------------------------------------------------------------------
// HTTP status → code

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'AUTH_FAILED',
  402: 'PLAN_LIMIT',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  410: 'NOT_FOUND',
  413: 'VALIDATION',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED'
}

export function codeForStatus(status: number): ErrorCode {
  const known = STATUS_CODES[status]
  if (known) return known
  if (status >= 500) return 'UPSTREAM'
  if (status >= 400) return 'VALIDATION'
  return 'UPSTREAM' // 1xx/3xx we did not ask for
}

function statusMessage(status: number, code: ErrorCode, retryAfterMs: number | undefined): string {
  switch (code) {
    case 'AUTH_FAILED':
      return `The provider rejected the login (HTTP ${status}). Check the connection's credentials.`
    case 'FORBIDDEN':
      return `The provider refused this action for this login (HTTP ${status}).`
    case 'NOT_FOUND':
      return `The provider has no such object (HTTP ${status}); it may have been deleted or moved.`
    case 'CONFLICT':
      return `The provider reported a conflict (HTTP ${status}): the object already exists or was changed meanwhile.`
    case 'PLAN_LIMIT':
      return `The provider refused this because a plan limit was reached (HTTP ${status}).`
    case 'UNPROCESSABLE':
      return `The provider refused the request as invalid (HTTP ${status}).`
    case 'VALIDATION':
      return `The provider rejected the request (HTTP ${status}).`
    case 'RATE_LIMITED': {
      const wait = retryAfterMs === undefined ? '' : ` Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`
      return `The provider is limiting the request rate (HTTP ${status}).${wait}`
    }
    case 'TIMEOUT':
      return `The provider timed out handling the request (HTTP ${status}).`
    default:
      return status >= 500
        ? `The provider had a server error (HTTP ${status}). Try again later.`
        : `The provider answered with an unexpected status (HTTP ${status}).`
  }
}

export interface RequestContext {
  requestId: string
  method: string
  path: string
}

export function statusError(
  ctx: RequestContext,
  status: number,
  body: unknown,
  secrets: SecretRegistry | undefined,
  retryAfterMs?: number
): HttpError {
  const code = codeForStatus(status)
  const providerMessage = extractProviderMessage(body, secrets)
  return new HttpError({
    ...ctx,
    code,
    kind: 'status',
    status,
    message: statusMessage(status, code, retryAfterMs),
    ...(providerMessage ? { providerMessage } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    responseBody: body
  })
}

/**
 * A 3xx answer. Redirects are never followed (a request's credentials would go wherever the
 * server pointed); the error names where it pointed, by origin only (a path may carry a token).
 */
export function redirectError(ctx: RequestContext, status: number, location: string | undefined, from: URL): HttpError {
  let target: string | undefined
  try {
    if (location) target = new URL(location, from).origin
  } catch {
    target = undefined
  }
  if (target === 'null') target = undefined
  const where = target === undefined ? 'another address' : target === from.origin ? `another path on ${target}` : target
  return new HttpError({
    ...ctx,
    code: 'UPSTREAM',
    kind: 'status',
    status,
    message: `The server redirected the request to ${where} (HTTP ${status}); Backdesk does not follow redirects.`,
    retryable: false,
    ...(target === undefined ? {} : { redirectTo: target })
  })
}

/** A 3xx answer that the HTTP client refused to follow. */
export function isRedirectError(err: unknown): err is HttpError {
  return isHttpError(err) && err.kind === 'status' && err.status !== undefined && err.status >= 300 && err.status < 400
}

/**
 * A login answered with a redirect is the login's own failure (details.reason 'redirect'), in
 * words that say where the server pointed: Test connection names that step, not a later one.
 */
export function loginRedirectError(provider: string, err: HttpError, what: string): AppError {
  const to = typeof err.details?.redirectTo === 'string' ? err.details.redirectTo : undefined
  return new AppError(
    'UPSTREAM',
    `${provider} redirected the login to ${to ?? 'another address'} (HTTP ${err.status}), and Backdesk does not follow it: the ${what} went nowhere else. Check the base URL.`,
    { retryable: false, details: { reason: 'redirect', requestId: err.requestId, status: err.status, ...(to ? { redirectTo: to } : {}) } }
  )
}

const MESSAGE_FIELDS = ['developerMessage', 'message', 'error_description', 'errorMessage', 'detail', 'title', 'error', 'Message']

/** A short, single-line, redacted message from an error body, if it has one. */
export function extractProviderMessage(body: unknown, secrets: SecretRegistry | undefined): string | undefined {
  let text: string | undefined
  if (typeof body === 'string') {
    // Plain-text bodies only: an HTML page is not a message.
    if (!/^\s*</.test(body)) text = body
  } else if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>
    for (const field of MESSAGE_FIELDS) {
      const v = record[field]
      if (typeof v === 'string' && v.trim()) {
        text = v
        break
      }
      if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).message === 'string') {
        text = (v as Record<string, string>).message
        break
      }
    }
  }
  if (!text) return undefined
  let clean = text.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim()
  if (secrets) clean = secrets.redactText(clean)
  clean = clean.replace(/(bearer\s+)[\w.~+/=-]+/gi, '$1[redacted]')
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean || undefined
}

// ---------------------------------------------------------------------------------------------
// Thrown errors (undici / node / DNS / TLS) → code

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT'
])

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL_|HOSTNAME_MISMATCH|UND_ERR_PRX_TLS)/

function errorChain(err: unknown): Array<{ code?: string; message?: string; name?: string }> {
  const chain: Array<{ code?: string; message?: string; name?: string }> = []
  let current: unknown = err
  for (let i = 0; i < 6 && current && typeof current === 'object'; i++) {
    const e = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown }
    chain.push({
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.message === 'string' ? { message: e.message } : {}),
      ...(typeof e.name === 'string' ? { name: e.name } : {})
    })
    // AggregateError (happy-eyeballs connect to several addresses): look at the first one.
    if (Array.isArray(e.errors) && e.errors.length && !e.cause) current = e.errors[0]
    else current = e.cause
  }
  return chain
}

/** The low-level error code (ECONNREFUSED, UND_ERR_*, CERT_*...) of a thrown error, if any. */
export function lowLevelCode(err: unknown): string | undefined {
  for (const link of errorChain(err)) if (link.code) return link.code
  return undefined
}

export function networkError(ctx: RequestContext & { host: string }, err: unknown): HttpError {
  const chain = errorChain(err)
  const codes = chain.map((c) => c.code).filter((c): c is string => !!c)
  const has = (...names: string[]) => codes.some((c) => names.includes(c))
  const base = { ...ctx, cause: err }
  const notSent = codes.some((c) => NOT_SENT_CODES.has(c) || TLS_CODE.test(c))

  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME')) {
    return new HttpError({
      ...base,
      code: 'OFFLINE',
      kind: 'network',
      notSent,
      message: `Cannot find the server "${ctx.host}" (DNS lookup failed). Check the URL and the network connection.`
    })
  }
  if (has('ECONNREFUSED')) {
    return new HttpError({
      ...base,
      code: 'OFFLINE',
      kind: 'network',
      notSent,
      message: `The server ${ctx.host} refused the connection. Check the URL and port, or whether the service is down.`
    })
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL')) {
    return new HttpError({
      ...base,
      code: 'OFFLINE',
      kind: 'network',
      notSent,
      message: `The server ${ctx.host} cannot be reached from this network.`
    })
  }
  const tlsCode = codes.find((c) => TLS_CODE.test(c))
  if (tlsCode || chain.some((c) => /certificate|ssl|tls/i.test(c.message ?? '') && !/socket/i.test(c.code ?? ''))) {
    const reason = tlsCode ? tlsReason(tlsCode) : 'the secure connection could not be set up'
    return new HttpError({
      ...base,
      code: 'TLS',
      kind: 'tls',
      notSent: true,
      retryable: false,
      message: `The server's certificate for ${ctx.host} was not accepted: ${reason}. If the provider uses a private CA, add its certificate to the connection.`
    })
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return new HttpError({
      ...base,
      code: 'TIMEOUT',
      kind: 'timeout',
      notSent: has('UND_ERR_CONNECT_TIMEOUT'),
      message: `Connecting to ${ctx.host} timed out. Check the network, a firewall or the proxy settings.`
    })
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return new HttpError({
      ...base,
      code: 'TIMEOUT',
      kind: 'timeout',
      message: `${ctx.host} did not start answering in time.`
    })
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return new HttpError({
      ...base,
      code: 'TIMEOUT',
      kind: 'timeout',
      message: `${ctx.host} stopped sending its answer part-way.`
    })
  }
  if (has('UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_EXCEEDED_MAX_SIZE')) {
    return new HttpError({
      ...base,
      code: 'UPSTREAM',
      kind: 'unreadable',
      message: `The answer from ${ctx.host} was cut off or too large.`
    })
  }
  if (chain.some((c) => /proxy/i.test(c.message ?? ''))) {
    return new HttpError({
      ...base,
      code: 'OFFLINE',
      kind: 'network',
      message: `The HTTP proxy refused or failed to connect to ${ctx.host}. Check the proxy settings (HTTPS_PROXY, NO_PROXY).`
    })
  }
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED')) {
    return new HttpError({
      ...base,
      code: 'OFFLINE',
      kind: 'network',
      message: `The connection to ${ctx.host} was closed unexpectedly.`
    })
  }
  return new HttpError({
    ...base,
    code: 'OFFLINE',
    kind: 'network',
    notSent,
    message: `The request to ${ctx.host} failed${codes[0] ? ` (${codes[0]})` : ''}.`
  })
}

function tlsReason(code: string): string {
  if (/EXPIRED/.test(code)) return 'it has expired'
  if (/NOT_YET_VALID/.test(code)) return 'it is not valid yet'
  if (/ALTNAME|HOSTNAME/.test(code)) return 'it was issued for a different host name'
  if (/SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|LOCAL_ISSUER/.test(code)) {
    return 'it is not signed by a trusted certificate authority'
  }
  if (/REVOKED/.test(code)) return 'it has been revoked'
  return `TLS error ${code}`
}

export function deadlineError(ctx: RequestContext & { host: string }, deadlineMs: number, cause?: unknown): HttpError {
  return new HttpError({
    ...ctx,
    cause,
    code: 'TIMEOUT',
    kind: 'deadline',
    message: `${ctx.host} did not complete the request within ${deadlineMs < 1000 ? `${deadlineMs} ms` : `${Math.round(deadlineMs / 1000)} s`}.`
  })
}

export function cancelledError(ctx: RequestContext, cause?: unknown): HttpError {
  return new HttpError({ ...ctx, cause, code: 'CANCELLED', kind: 'cancelled', retryable: false, message: 'The request was cancelled.' })
}

export function unreadableError(
  ctx: RequestContext & { host: string },
  what: 'html' | 'json' | 'size' | 'truncated' | 'encoding',
  status: number,
  cause?: unknown
): HttpError {
  const messages = {
    html: `${ctx.host} answered with a web page instead of data (HTTP ${status}); a proxy, login portal or maintenance page may be in the way.`,
    size: `The answer from ${ctx.host} was larger than allowed.`,
    truncated: `The answer from ${ctx.host} was cut off before it was complete.`,
    encoding: `The answer from ${ctx.host} could not be unpacked (its compression is damaged or of a kind Backdesk did not ask for).`,
    json: `The answer from ${ctx.host} could not be read (malformed or incomplete data, HTTP ${status}).`
  }
  return new HttpError({ ...ctx, code: 'UPSTREAM', kind: 'unreadable', status, message: messages[what], cause })
}

/**
 * A success status whose body is not the data expected: empty, a web page, broken JSON or other
 * text. The content type and the first bytes (secrets blanked) travel in `details` so a
 * technician can tell a proxy's page from a provider's odd answer; the message says it in words.
 */
export function unreadableBodyError(
  ctx: RequestContext & { host: string },
  reason: UnreadableReason,
  status: number,
  contentType: string,
  bytes: Buffer,
  secrets: SecretRegistry | undefined,
  label?: string
): HttpError {
  const who = label ?? ctx.host
  const type = contentType.split(';')[0]?.trim() || 'no content type'
  const what = {
    empty: 'the answer was empty',
    html: `it sent a web page (${type}); a proxy, sign-in page or maintenance page may be in the way`,
    json: `the data was malformed or incomplete (${type})`,
    'not-json': `it sent ${type}, not JSON`
  }[reason]
  const error = new HttpError({
    ...ctx,
    code: 'UNREADABLE',
    kind: 'unreadable',
    status,
    message: `${who} answered (HTTP ${status}) without the data Backdesk expected: ${what}.`
  })
  if (error.details) {
    error.details.contentType = contentType || null
    if (bytes.length) error.details.bodyStart = bodyStart(bytes, (t) => (secrets ? secrets.redactText(t) : t))
  }
  return error
}

/** Statuses a proxy, firewall or gateway uses to refuse: with a web page, they are its answer, not the provider's. */
export const BLOCKING_STATUSES: ReadonlySet<number> = new Set([403, 407, 451])

/**
 * A web page with 403/407/451 came from something in the way (a proxy, a firewall, a sign-in
 * page), not from the provider, whose APIs answer in JSON. Said as such, never in the provider's
 * terms ("you may not…"): the request did not get there.
 */
export function blockedError(ctx: RequestContext & { host: string }, status: number, label?: string): HttpError {
  const who = label ?? ctx.host
  return new HttpError({
    ...ctx,
    code: 'OFFLINE',
    kind: 'blocked',
    status,
    retryable: true,
    message: `The request was blocked before reaching ${who} (HTML answer, status ${status}): a proxy, firewall or sign-in page answered instead. Check the network and proxy settings, and the base URL.`
  })
}
