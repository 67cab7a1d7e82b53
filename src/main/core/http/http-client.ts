// The one HTTP client every provider uses. Each provider connection gets its own instance: its
// own dispatchers (keep-alive, CA, proxy), its own concurrency limit and its own auth hook.
//
// One call = one request id, an overall deadline, and up to 1 + retries attempts:
//   authorize → wait for a slot → send → read the whole body (or hand a success body to the
//   call's BodyStream as it arrives) → release the slot → decide.
// A 401 goes to the auth hook (which may refresh and ask for exactly one more try each time);
// transient failures are retried only when that is safe (see retry.ts).

import { pipeline, type Readable } from 'node:stream'
import { constants as zlib, createBrotliDecompress, createGunzip } from 'node:zlib'
import type { Dispatcher } from 'undici'
import { AppError } from '../../../shared/errors'
import { silentLogger, type Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import { createAgentPool, type AgentOptions, type AgentPool } from './agent-pool'
import {
  appendQuery,
  encodeBody,
  flattenHeaders,
  looksLikeHtml,
  parseErrorBody,
  parseJsonBody,
  streamedRefusalReason,
  UnreadableBody,
  type BodyInput,
  type BodyStream,
  type QueryParams
} from './body'
import {
  BLOCKING_STATUSES,
  blockedError,
  cancelledError,
  deadlineError,
  type HttpError,
  networkError,
  redirectError,
  statusError,
  unreadableBodyError,
  unreadableError,
  type RequestContext
} from './errors'
import { createLimiter, type Limiter } from './limiter'
import { loggablePath } from './redact-url'
import { newRequestId, REQUEST_ID_HEADER } from './request-id'
import { DEFAULT_RETRY, isIdempotent, nextDelay, parseRetryAfter, shouldRetry, sleep as defaultSleep, type RetryOptions } from './retry'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'

/** How a provider's login plugs in. */
export interface AuthHook {
  /** Adds credentials to the outgoing headers (may fetch or refresh a token first). */
  authorize(headers: Record<string, string>, signal?: AbortSignal): Promise<void>
  /**
   * Called on a 401. `headers` are those the rejected attempt carried (so the hook can tell a
   * stale token from the current one); `count` is how many 401s this call has had so far.
   * Resolve true to try once more, false to give up.
   */
  onUnauthorized(context: { headers: Readonly<Record<string, string>>; count: number; signal?: AbortSignal }): Promise<boolean>
}

export interface RequestEvent {
  requestId: string
  method: string
  path: string
  attempt: number
}

export interface ResponseEvent extends RequestEvent {
  /** HTTP status, or undefined when no response arrived. */
  status: number | undefined
  /** The attempt, from asking for a slot to the decision (ms). */
  durationMs: number
  /** On the wire: from sending to the last body byte, without the wait for a slot or the parsing (ms). */
  wireMs?: number
  errorCode?: string
}

export interface HttpClientOptions extends AgentOptions {
  baseUrl: string
  /** Name for logs (e.g. "cloutility"). */
  name?: string
  /** The provider as messages name it ("Cloutility"); default: the host. */
  label?: string
  logger?: Logger
  secrets?: SecretRegistry
  /** Time allowed until response headers arrive, per attempt. Default 30 s. */
  headersTimeoutMs?: number
  /** Largest pause between body chunks, per attempt. Default 30 s. */
  bodyTimeoutMs?: number
  /** Overall deadline for a call including retries and waits. Default 60 s. */
  deadlineMs?: number
  /** Calls in flight at once on this connection. Default 6. */
  concurrency?: number
  retry?: RetryOptions
  auth?: AuthHook
  headers?: Record<string, string>
  userAgent?: string
  /** Largest response body accepted. Default 64 MiB. */
  maxResponseBytes?: number
  onRequest?: (event: RequestEvent) => void
  onResponse?: (event: ResponseEvent) => void
  /** Test seams. */
  random?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The clock deadlines run on (tests move it by hand, so a deadline never fires because the machine is slow). */
  deadlineClock?: DeadlineClock
  agentPool?: AgentPool
}

/** What a call's deadline is measured with: the time now, and a signal that aborts after `ms`. */
export interface DeadlineClock {
  now(): number
  timeout(ms: number): AbortSignal
}

const SYSTEM_CLOCK: DeadlineClock = { now: () => Date.now(), timeout: (ms) => AbortSignal.timeout(ms) }

export interface RequestOptions extends BodyInput {
  method: HttpMethod
  /** Path relative to the base URL (`/v1/me`), or an absolute URL on the same origin. */
  path: string
  query?: QueryParams
  headers?: Record<string, string>
  /** Marks a non-idempotent method as safe to repeat (an OAuth token request). */
  idempotent?: boolean
  signal?: AbortSignal
  deadlineMs?: number
  responseType?: 'json' | 'text' | 'buffer'
  /**
   * A success with an empty body is a fine answer here (a 204 to a DELETE, a POST whose answer is
   * not read): `body` is undefined. Otherwise an empty body where JSON is expected is UNREADABLE.
   */
  allowEmpty?: boolean
  /** Statuses handed back as a response instead of thrown (e.g. an OAuth error body to interpret). */
  acceptStatus?: (status: number) => boolean
  /** false: no auth hook (the token request itself). Default true. */
  auth?: boolean
  /** Per-call retry settings, or false for none. */
  retry?: RetryOptions | false
  /** Jump the concurrency queue (token requests that every waiting call depends on). */
  urgent?: boolean
  /**
   * Hand a success body to this consumer chunk by chunk as it arrives; `body` is what its end()
   * returns (`responseType` does not apply). Retried only before its first chunk, or after its
   * reset() when it has one.
   */
  stream?: BodyStream<unknown>
}

export interface HttpResponse<T = unknown> {
  status: number
  headers: Record<string, string>
  body: T
  requestId: string
  attempts: number
}

export interface HttpClient {
  readonly baseUrl: string
  readonly limiter: Limiter
  request<T = unknown>(options: RequestOptions): Promise<HttpResponse<T>>
  /** Ends idle sockets gracefully. */
  close(): Promise<void>
  /** Ends all sockets now. */
  destroy(): Promise<void>
}

const DEFAULTS = {
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  deadlineMs: 60_000,
  concurrency: 6,
  maxResponseBytes: 64 * 1024 * 1024
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  /** The whole body; for a streamed one, only its start (for an error's details). */
  bytes: Buffer
  /** The body went to the call's BodyStream. */
  streamed?: boolean
  /** The BodyStream refused the body as it arrived. */
  refused?: UnreadableBody
}

/** What a streamed body's consumer has seen during this attempt. */
interface StreamProgress {
  /** At least one chunk was handed over. */
  fed: boolean
  /** When the last chunk arrived (performance.now()). */
  lastByteAt?: number
}

/** The first bytes of a streamed body are kept for an error's details (bodyStart reads 8 KiB). */
const STREAM_HEAD_BYTES = 8192

/** The consumer itself failed (not the wire, not the data): its error goes to the caller as it is. */
class ConsumerFailed extends Error {}

class BodyTooLarge extends Error {}

/** The headers arrived but the body broke off (connection closed before its end). */
class BodyCutOff extends Error {}

/** The body's compression is damaged, or one Backdesk did not ask for. */
class BodyUndecodable extends Error {}

/** What every call accepts: the encodings Node decodes natively. Deflate is left out (servers disagree on its framing). */
const ACCEPT_ENCODING = 'gzip, br'
/** Decoded chunks as large as undici's own (zlib's default is 16 KiB): a streamed body's consumer parses per chunk. */
const DECODED_CHUNK = 64 * 1024

/**
 * The body as the server meant it, decoded as it arrives: the size limit and the stream see the
 * decoded bytes, so a small compressed answer cannot unpack into more than the limit. Ended
 * without a final block (an empty body labelled gzip, as some servers send with a 204) it gives
 * what it has instead of failing, as browsers do; a cut-off body then fails its parse as before.
 */
function decoded(body: Dispatcher.ResponseData['body'], encoding: string): Readable {
  const name = encoding.trim().toLowerCase()
  if (name === '' || name === 'identity') return body
  if (name === 'gzip' || name === 'x-gzip') return pipeline(body, createGunzip({ finishFlush: zlib.Z_SYNC_FLUSH, chunkSize: DECODED_CHUNK }), () => undefined)
  if (name === 'br') return pipeline(body, createBrotliDecompress({ finishFlush: zlib.BROTLI_OPERATION_FLUSH, chunkSize: DECODED_CHUNK }), () => undefined)
  // Not read at all: the connection is closed (the abort it reports has no one else to go to).
  body.on('error', () => undefined)
  body.destroy()
  throw new BodyUndecodable(`content encoding "${name}"`)
}

/** zlib's own errors (Z_DATA_ERROR; brotli's ERR__ERROR_…): the compressed bytes are damaged, not the connection. */
const isDecodeError = (err: unknown): boolean => {
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__'))
}

async function readAll(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array)
    size += buf.length
    if (size > limit) {
      body.destroy()
      throw new BodyTooLarge()
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}

/**
 * Hands each chunk to the consumer as it arrives, within the size limit, keeping the first bytes
 * for an error's details. A refusal stops the transfer: the rest of the body is not read.
 */
async function feed(body: Readable, limit: number, stream: BodyStream<unknown>, progress: StreamProgress): Promise<{ head: Buffer; refused?: UnreadableBody }> {
  const headChunks: Buffer[] = []
  let headSize = 0
  let size = 0
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array)
    progress.lastByteAt = performance.now()
    size += buf.length
    if (size > limit) {
      body.destroy()
      throw new BodyTooLarge()
    }
    if (headSize < STREAM_HEAD_BYTES) {
      headChunks.push(buf.subarray(0, STREAM_HEAD_BYTES - headSize))
      headSize += Math.min(buf.length, STREAM_HEAD_BYTES - headSize)
    }
    progress.fed = true
    try {
      stream.write(buf)
    } catch (err) {
      body.destroy()
      if (err instanceof UnreadableBody) return { head: Buffer.concat(headChunks), refused: err }
      throw new ConsumerFailed('the body consumer failed', { cause: err })
    }
  }
  return { head: Buffer.concat(headChunks) }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  let base: URL
  try {
    base = new URL(options.baseUrl)
  } catch {
    throw new AppError('VALIDATION', `"${options.baseUrl}" is not a valid URL.`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new AppError('VALIDATION', `The URL must start with https:// (got ${base.protocol}).`)
  }
  if (base.username || base.password) throw new AppError('VALIDATION', 'The URL must not contain a user name or password.')
  const basePath = base.pathname.replace(/\/+$/, '')
  const logger = (options.logger ?? silentLogger).child('http')
  const secrets = options.secrets
  const pool = options.agentPool ?? createAgentPool(options)
  const ownsPool = !options.agentPool
  const limiter = createLimiter(options.concurrency ?? DEFAULTS.concurrency)
  const retryDefaults: Required<RetryOptions> = { ...DEFAULT_RETRY, ...options.retry }
  const random = options.random ?? Math.random
  const wait = options.sleep ?? defaultSleep
  const clock = options.deadlineClock ?? SYSTEM_CLOCK
  const headersTimeout = options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs
  const bodyTimeout = options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs
  const maxBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes

  const resolveUrl = (path: string): URL => {
    if (/^https?:\/\//i.test(path)) {
      const url = new URL(path)
      if (url.origin !== base.origin) throw new TypeError('Refusing to send credentials to another origin')
      return url
    }
    const url = new URL(base.origin)
    url.pathname = `${basePath}/${path.replace(/^\/+/, '')}`
    return url
  }

  async function send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    signal: AbortSignal,
    stream: BodyStream<unknown> | undefined,
    progress: StreamProgress
  ): Promise<RawResponse> {
    const dispatcher = pool.dispatcherFor(url)
    const res = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: method as Dispatcher.HttpMethod,
      headers,
      ...(body === undefined ? {} : { body }),
      signal,
      headersTimeout,
      bodyTimeout
    })
    const responseHeaders = flattenHeaders(res.headers)
    // Only a success body is streamed, and never a web page (which is no data, whatever it holds).
    const streamed = !!stream && res.statusCode >= 200 && res.statusCode < 300 && !looksLikeHtml(responseHeaders['content-type'] ?? '', '')
    const answer = decoded(res.body, responseHeaders['content-encoding'] ?? '')
    let bytes: Buffer
    let refused: UnreadableBody | undefined
    try {
      if (streamed) ({ head: bytes, refused } = await feed(answer, maxBytes, stream, progress))
      else bytes = await readAll(answer, maxBytes)
    } catch (err) {
      if (err instanceof BodyTooLarge || err instanceof ConsumerFailed || signal.aborted) throw err
      if (isDecodeError(err)) throw new BodyUndecodable('damaged compression', { cause: err })
      const code = (err as { code?: unknown }).code
      if (code === 'UND_ERR_BODY_TIMEOUT') throw err
      throw new BodyCutOff('response body cut off', { cause: err })
    }
    return { status: res.statusCode, headers: responseHeaders, bytes, ...(streamed ? { streamed } : {}), ...(refused ? { refused } : {}) }
  }

  async function request<T>(opts: RequestOptions): Promise<HttpResponse<T>> {
    const method = opts.method.toUpperCase()
    const url = resolveUrl(opts.path)
    appendQuery(url, opts.query)
    const requestId = newRequestId()
    const logPath = loggablePath(url, secrets)
    const ctx: RequestContext & { host: string } = { requestId, method, path: logPath, host: url.host }
    const idempotent = isIdempotent(method, opts.idempotent)
    const retry: Required<RetryOptions> = opts.retry === false ? { ...retryDefaults, retries: 0 } : { ...retryDefaults, ...opts.retry }
    const deadlineMs = opts.deadlineMs ?? options.deadlineMs ?? DEFAULTS.deadlineMs
    const deadlineAt = clock.now() + deadlineMs
    const deadline = clock.timeout(deadlineMs)
    const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline
    const encoded = encodeBody(opts)
    const useAuth = !!options.auth && opts.auth !== false
    // The door: no registered secret leaves for an origin it is not bound to, whoever asked.
    const refuseForeignSecret = (text: string): void => {
      const allowed = secrets?.boundElsewhere(text, base.origin)
      if (!allowed) return
      const only = [...allowed]
      logger.error('refused to send a secret to an origin it is not bound to', { requestId, method, path: logPath, target: base.origin, allowed: only })
      throw new AppError('FORBIDDEN', `Refusing to send a secret to ${base.origin}: it is only ever sent to ${only.join(' or ')}.`, {
        retryable: false,
        details: { requestId, method, path: logPath, target: base.origin, allowed: only }
      })
    }
    if (secrets) {
      refuseForeignSecret(url.href)
      if (encoded.body !== undefined) refuseForeignSecret(typeof encoded.body === 'string' ? encoded.body : encoded.body.toString('utf8'))
    }

    const abortError = (cause?: unknown): HttpError =>
      opts.signal?.aborted ? cancelledError(ctx, cause) : deadlineError(ctx, deadlineMs, cause)

    let attempt = 0
    let retriesUsed = 0
    let unauthorizedCount = 0

    for (;;) {
      attempt++
      const headers: Record<string, string> = {
        accept: opts.responseType === 'buffer' ? '*/*' : 'application/json, text/plain;q=0.9, */*;q=0.1',
        'user-agent': options.userAgent ?? 'Backdesk',
        'accept-encoding': ACCEPT_ENCODING,
        ...options.headers,
        ...opts.headers,
        [REQUEST_ID_HEADER]: requestId
      }
      if (encoded.contentType) headers['content-type'] = encoded.contentType

      if (useAuth) {
        // Login failures come back as they are: the token request did its own retrying.
        try {
          await options.auth?.authorize(headers, signal)
        } catch (err) {
          // This call's own deadline or cancel decides first: a login request that shared our
          // signal reports the abort as its caller's cancel, which would read "cancelled" here.
          if (signal.aborted) throw abortError(err)
          throw err
        }
      }
      // Headers are checked on every attempt: the auth hook may have put a new token in.
      if (secrets) for (const name in headers) refuseForeignSecret(headers[name] as string)

      let raw: RawResponse | undefined
      let failure: HttpError | undefined
      let wireMs: number | undefined
      const progress: StreamProgress = { fed: false }
      const started = Date.now()
      try {
        if (signal.aborted) throw signal.reason
        const release = await limiter.acquire(signal, opts.urgent)
        const sentAt = performance.now()
        try {
          options.onRequest?.({ requestId, method, path: logPath, attempt })
          raw = await send(url, method, headers, encoded.body, signal, opts.stream, progress)
        } finally {
          // A streamed body was parsed while it arrived: the wire ends with its last chunk.
          wireMs = (progress.lastByteAt ?? performance.now()) - sentAt
          release()
        }
      } catch (err) {
        if (err instanceof ConsumerFailed) throw err.cause
        if (signal.aborted) failure = abortError(err)
        else if (err instanceof BodyTooLarge) failure = unreadableError(ctx, 'size', 200)
        else if (err instanceof BodyCutOff) failure = unreadableError(ctx, 'truncated', 200, err.cause)
        else if (err instanceof BodyUndecodable) failure = unreadableError(ctx, 'encoding', 200, err)
        else failure = networkError(ctx, err)
      }

      const durationMs = Date.now() - started
      const status = raw?.status
      let result: HttpResponse<T> | undefined

      if (raw && !failure) {
        const success = raw.status >= 200 && raw.status < 300
        const contentType = raw.headers['content-type'] ?? ''
        // A web page with an error status is not the provider's API speaking (its errors are
        // JSON): a gateway's 5xx page, or a proxy's or firewall's refusal. No caller reads those.
        const html = !success && looksLikeHtml(contentType, raw.bytes.subarray(0, 512).toString('utf8'))
        if (html && raw.status >= 500) failure = unreadableError(ctx, 'html', raw.status)
        else if (html && BLOCKING_STATUSES.has(raw.status)) failure = blockedError(ctx, raw.status, options.label)
        else if (raw.streamed) {
          let refused = raw.refused
          if (!refused) {
            try {
              result = { status: raw.status, headers: raw.headers, body: (opts.stream as BodyStream<unknown>).end() as T, requestId, attempts: attempt }
            } catch (err) {
              if (!(err instanceof UnreadableBody)) throw err
              refused = err
            }
          }
          if (refused?.empty && opts.allowEmpty) result = { status: raw.status, headers: raw.headers, body: undefined as T, requestId, attempts: attempt }
          else if (refused) failure = unreadableBodyError(ctx, streamedRefusalReason(contentType, raw.bytes, refused.empty), raw.status, contentType, raw.bytes, secrets, options.label)
        } else if (success || (opts.acceptStatus?.(raw.status) ?? false)) {
          if (opts.responseType === 'buffer') {
            result = { status: raw.status, headers: raw.headers, body: raw.bytes as T, requestId, attempts: attempt }
          } else if (opts.responseType === 'text') {
            result = { status: raw.status, headers: raw.headers, body: raw.bytes.toString('utf8') as T, requestId, attempts: attempt }
          } else if (!success) {
            // An error status the caller reads itself (an OAuth error): its body, as far as it goes.
            result = { status: raw.status, headers: raw.headers, body: parseErrorBody(contentType, raw.bytes) as T, requestId, attempts: attempt }
          } else {
            const parsed = parseJsonBody(contentType, raw.bytes)
            if (parsed.ok) result = { status: raw.status, headers: raw.headers, body: parsed.value as T, requestId, attempts: attempt }
            else if (parsed.reason === 'empty' && opts.allowEmpty) result = { status: raw.status, headers: raw.headers, body: undefined as T, requestId, attempts: attempt }
            else failure = unreadableBodyError(ctx, parsed.reason, raw.status, contentType, raw.bytes, secrets, options.label)
          }
        } else if (raw.status >= 300 && raw.status < 400) {
          failure = redirectError(ctx, raw.status, raw.headers['location'], url)
        } else {
          const body = parseErrorBody(contentType, raw.bytes)
          const retryAfterMs = raw.status === 429 || raw.status === 503 ? parseRetryAfter(raw.headers['retry-after'], clock.now()) : undefined
          failure = statusError(ctx, raw.status, body, secrets, retryAfterMs)
        }
      }

      options.onResponse?.({
        requestId,
        method,
        path: logPath,
        attempt,
        status,
        durationMs,
        ...(wireMs === undefined ? {} : { wireMs }),
        ...(failure ? { errorCode: failure.code } : {})
      })
      const logData: Record<string, unknown> = { requestId, method, path: logPath, status: status ?? null, durationMs, attempt }
      if (options.name) logData.provider = options.name
      if (failure) logData.error = failure.code

      if (result) {
        logger.info(`${method} ${logPath} ${result.status}`, logData)
        return result
      }
      const error = failure as HttpError

      // 401: the auth hook decides whether one more try makes sense.
      if (useAuth && error.kind === 'status' && error.status === 401) {
        unauthorizedCount++
        logger.info(`${method} ${logPath} 401`, logData)
        let again = false
        try {
          again = (await options.auth?.onUnauthorized({ headers, count: unauthorizedCount, signal })) ?? false
        } catch (err) {
          if (signal.aborted) throw abortError(err)
          // A refused re-login says more than the 401 did (e.g. the password was changed).
          if (err instanceof AppError) throw err
          throw error
        }
        if (again) continue
        throw error
      }

      // A consumer that has acted on part of a body cannot take it again unless it can start over.
      const canRetry = retriesUsed < retry.retries && shouldRetry(error, idempotent) && (!progress.fed || !!opts.stream?.reset)
      if (!canRetry) {
        logger.warn(`${method} ${logPath} failed: ${error.code}`, logData)
        throw attempt > 1 ? withAttempts(error, attempt) : error
      }
      const delay = nextDelay(retriesUsed, error.retryAfterMs, retry, random)
      if (error.retryAfterMs !== undefined && error.retryAfterMs > retry.maxRetryAfterMs) {
        logger.warn(`${method} ${logPath} rate limited for ${Math.ceil(error.retryAfterMs / 1000)} s`, logData)
        throw withAttempts(error, attempt)
      }
      if (clock.now() + delay >= deadlineAt) {
        logger.warn(`${method} ${logPath} failed: ${error.code} (no time left to retry)`, logData)
        throw withAttempts(error, attempt)
      }
      logger.info(`${method} ${logPath} ${status ?? error.code}, retrying in ${delay} ms`, { ...logData, retryInMs: delay })
      retriesUsed++
      try {
        await wait(delay, signal)
      } catch (err) {
        throw abortError(err)
      }
      if (progress.fed) opts.stream?.reset?.()
    }
  }

  return {
    baseUrl: options.baseUrl,
    limiter,
    request,
    close: () => (ownsPool ? pool.close() : Promise.resolve()),
    destroy: () => (ownsPool ? pool.destroy() : Promise.resolve())
  }
}

function withAttempts(error: HttpError, attempts: number): HttpError {
  if (error.details) error.details.attempts = attempts
  return error
}
