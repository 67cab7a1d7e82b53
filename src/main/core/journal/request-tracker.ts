// Which provider requests a piece of work made. The HTTP layer reports every response through
// the client's `onResponse` hook; this tracker files each one under the async context that made
// it, so a change can name its own request id in the activity journal without the client having
// to return it. Calls made outside `track()` are ignored.

import { AsyncLocalStorage } from 'node:async_hooks'
import type { ResponseEvent } from '../http/http-client'

export interface TrackedRequest {
  requestId: string
  method: string
  path: string
  status: number | undefined
}

export interface RequestTracker {
  /** Give this to the client's config as `onResponse` (chain it if you have your own). */
  readonly onResponse: (event: ResponseEvent) => void
  /** Runs `work`, pushing every request it makes onto `sink` (which keeps them when `work` fails). */
  track<T>(sink: TrackedRequest[], work: () => Promise<T>): Promise<T>
  /** The requests made so far by the innermost `track()` around the caller. */
  current(): TrackedRequest[]
}

export function createRequestTracker(): RequestTracker {
  const storage = new AsyncLocalStorage<TrackedRequest[]>()
  return {
    onResponse: (event) => {
      const list = storage.getStore()
      if (!list || list.length >= 200) return
      list.push({ requestId: event.requestId, method: event.method, path: event.path, status: event.status })
    },
    track: (sink, work) => storage.run(sink, work),
    current: () => storage.getStore() ?? []
  }
}

/**
 * The request that made the change: the last one matching `pick`, by default the last write
 * (anything but GET) that is not a token request.
 */
export function primaryRequest(requests: readonly TrackedRequest[], pick?: (r: TrackedRequest) => boolean): TrackedRequest | undefined {
  const match = pick ?? ((r: TrackedRequest) => r.method !== 'GET' && !/\/oauth\b/.test(r.path))
  for (let i = requests.length - 1; i >= 0; i--) {
    const r = requests[i]
    if (r && match(r)) return r
  }
  return undefined
}
