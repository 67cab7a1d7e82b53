import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { backoffDelay, isIdempotent, parseRetryAfter, shouldRetry } from '../../../src/main/core/http/retry'
import { createLimiter } from '../../../src/main/core/http/limiter'
import { HttpError, type HttpErrorInit } from '../../../src/main/core/http/errors'

function err(init: Partial<HttpErrorInit>): HttpError {
  return new HttpError({ code: 'UPSTREAM', kind: 'status', message: 'm', requestId: 'r', method: 'GET', path: '/', ...init })
}

describe('retry policy', () => {
  it('treats GET/HEAD/PUT/DELETE/OPTIONS as idempotent, POST/PATCH only when marked', () => {
    for (const m of ['GET', 'head', 'PUT', 'DELETE', 'OPTIONS']) expect(isIdempotent(m)).toBe(true)
    expect(isIdempotent('POST')).toBe(false)
    expect(isIdempotent('PATCH')).toBe(false)
    expect(isIdempotent('POST', true)).toBe(true)
  })

  it('retries a POST only when the failure proves it was never sent', () => {
    expect(shouldRetry(err({ status: 503 }), false)).toBe(false)
    expect(shouldRetry(err({ code: 'RATE_LIMITED', status: 429 }), false)).toBe(false)
    expect(shouldRetry(err({ code: 'OFFLINE', kind: 'network' }), false)).toBe(false)
    expect(shouldRetry(err({ code: 'TIMEOUT', kind: 'timeout' }), false)).toBe(false)
    expect(shouldRetry(err({ code: 'OFFLINE', kind: 'network', notSent: true }), false)).toBe(true)
  })

  it('retries idempotent calls on transient failures but not on client errors, TLS, deadline or cancel', () => {
    expect(shouldRetry(err({ status: 500 }), true)).toBe(true)
    expect(shouldRetry(err({ status: 429, code: 'RATE_LIMITED' }), true)).toBe(true)
    expect(shouldRetry(err({ kind: 'unreadable' }), true)).toBe(true)
    expect(shouldRetry(err({ code: 'OFFLINE', kind: 'network' }), true)).toBe(true)
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetry(err({ status, code: 'VALIDATION' }), true)).toBe(false)
    expect(shouldRetry(err({ code: 'TLS', kind: 'tls', notSent: true }), true)).toBe(false)
    expect(shouldRetry(err({ code: 'TIMEOUT', kind: 'deadline' }), true)).toBe(false)
    expect(shouldRetry(err({ code: 'CANCELLED', kind: 'cancelled' }), true)).toBe(false)
  })

  it('keeps full-jitter backoff within [0, min(max, base·2^n))', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (n, base, max, r) => {
        const d = backoffDelay(n, { baseDelayMs: base, maxDelayMs: max }, () => r)
        return d >= 0 && d < Math.min(max, base * 2 ** n) + 1e-9 && Number.isInteger(d)
      })
    )
  })

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('limiter', () => {
  it('grants slots in FIFO order and never more than the limit', async () => {
    const limiter = createLimiter(2)
    const order: number[] = []
    let active = 0
    let peak = 0
    const gates: Array<() => void> = []
    const tasks = Array.from({ length: 6 }, (_, i) =>
      limiter.run(async () => {
        order.push(i)
        active++
        peak = Math.max(peak, active)
        await new Promise<void>((resolve) => gates.push(resolve))
        active--
      })
    )
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setImmediate(r))
      gates.shift()?.()
    }
    await Promise.all(tasks)
    expect(order).toEqual([0, 1, 2, 3, 4, 5])
    expect(peak).toBe(2)
    expect(limiter.active).toBe(0)
  })

  it('drops an aborted waiter from the queue without using a slot; urgent waiters go first', async () => {
    const limiter = createLimiter(1)
    const release = await limiter.acquire()
    const ac = new AbortController()
    const got: string[] = []
    const a = limiter.acquire(ac.signal).then((r) => (got.push('a'), r))
    const b = limiter.acquire().then((r) => (got.push('b'), r))
    const u = limiter.acquire(undefined, true).then((r) => (got.push('u'), r))
    expect(limiter.waiting).toBe(3)
    ac.abort(new Error('stop'))
    await expect(a).rejects.toThrow('stop')
    expect(limiter.waiting).toBe(2)
    release()
    ;(await u)()
    ;(await b)()
    expect(got).toEqual(['u', 'b'])
    expect(limiter.active).toBe(0)
  })

  it('rejects a bad limit', () => {
    expect(() => createLimiter(0)).toThrow(RangeError)
  })
})
