import type { ProviderName } from './types'

export interface RequestRecord {
  provider: ProviderName
  method: string
  /** Path without the query string. */
  path: string
  /** Path with the query string. */
  url: string
  /** HTTP status sent; 0 when no response was sent (reset, hang, truncated). */
  status: number
  /** Clock time (options.now) when the request arrived. */
  at: number
  /** The answer's content encoding, when it was sent compressed. */
  encoding?: string
}

export interface StatsFilter {
  provider?: ProviderName
  method?: string
  path?: string | RegExp
}

/** Log of every request each server handled, for tests and benchmarks to assert on. */
export class RequestStats {
  readonly requests: RequestRecord[] = []

  record(entry: RequestRecord): void {
    this.requests.push(entry)
  }

  count(filter: StatsFilter = {}): number {
    let n = 0
    for (const r of this.requests) {
      if (filter.provider && r.provider !== filter.provider) continue
      if (filter.method && r.method !== filter.method.toUpperCase()) continue
      if (filter.path !== undefined) {
        if (typeof filter.path === 'string' ? r.path !== filter.path : !filter.path.test(r.path)) continue
      }
      n++
    }
    return n
  }

  reset(): void {
    this.requests.length = 0
  }
}
