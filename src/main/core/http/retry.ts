// When to retry and how long to wait. Pure functions: the client decides, these compute.

import type { HttpError } from './errors'

export interface RetryOptions {
  /** Retries after the first attempt (so at most 1 + retries attempts). Default 3. */
  retries?: number
  /** First backoff step in ms. Default 300. */
  baseDelayMs?: number
  /** Largest computed backoff in ms. Default 8000. */
  maxDelayMs?: number
  /** Largest Retry-After we are willing to wait; longer → fail with RATE_LIMITED. Default 30000. */
  maxRetryAfterMs?: number
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'])

export function isIdempotent(method: string, markedIdempotent = false): boolean {
  return markedIdempotent || IDEMPOTENT_METHODS.has(method.toUpperCase())
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504])

/**
 * May this failure be retried? An idempotent request may be retried on any transient failure;
 * any other request (a POST) only when the failure proves the request never reached the server.
 */
export function shouldRetry(error: HttpError, idempotent: boolean): boolean {
  // A proxy's or firewall's refusal does not change in a few hundred milliseconds.
  if (error.kind === 'cancelled' || error.kind === 'deadline' || error.kind === 'tls' || error.kind === 'blocked') return false
  if (!idempotent) return error.notSent
  if (error.kind === 'status') return error.status !== undefined && RETRY_STATUSES.has(error.status)
  // network, timeout, unreadable (HTML page, truncated or malformed body)
  return true
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^n)]. */
export function backoffDelay(retryIndex: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs
  const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retryIndex))
  return Math.floor(random() * ceiling)
}

/**
 * Parses Retry-After: delta-seconds or an HTTP-date. Returns ms to wait (≥ 0), or undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  if (raw === undefined) return undefined
  const text = raw.trim()
  if (!text) return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

/** Wait before the next attempt: Retry-After when the server gave one, else jittered backoff. */
export function nextDelay(
  retryIndex: number,
  retryAfterMs: number | undefined,
  options: RetryOptions = {},
  random: () => number = Math.random
): number {
  if (retryAfterMs !== undefined) return retryAfterMs
  return backoffDelay(retryIndex, options, random)
}

/** Sleep that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
