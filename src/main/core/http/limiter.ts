// A concurrency limit per connection: at most `limit` calls in flight, the rest wait in FIFO order.
// A waiting call whose signal aborts leaves the queue at once and never takes a slot.

export interface Limiter {
  /** Resolves with a release function once a slot is free. `urgent` jumps the queue (token requests). */
  acquire(signal?: AbortSignal, urgent?: boolean): Promise<() => void>
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>
  readonly active: number
  readonly waiting: number
  readonly limit: number
}

interface Waiter {
  grant: (release: () => void) => void
  reject: (reason: unknown) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`)
  let active = 0
  const queue: Waiter[] = []

  const makeRelease = (): (() => void) => {
    let released = false
    return () => {
      if (released) return
      released = true
      active--
      pump()
    }
  }

  const pump = (): void => {
    while (active < limit && queue.length) {
      const next = queue.shift() as Waiter
      next.signal?.removeEventListener('abort', next.onAbort)
      active++
      next.grant(makeRelease())
    }
  }

  const acquire = (signal?: AbortSignal, urgent = false): Promise<() => void> => {
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (active < limit && queue.length === 0) {
      active++
      return Promise.resolve(makeRelease())
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        reject,
        signal,
        onAbort: () => {
          const i = queue.indexOf(waiter)
          if (i >= 0) queue.splice(i, 1)
          reject(signal?.reason)
        }
      }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      if (urgent) queue.unshift(waiter)
      else queue.push(waiter)
    })
  }

  return {
    acquire,
    async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const release = await acquire(signal)
      try {
        return await fn()
      } finally {
        release()
      }
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
    limit
  }
}
