import { Rng } from '../random'
import { PROVIDERS, type ProviderName } from './types'

export interface Latency {
  ms: number
  jitterMs?: number
}

/** Per-provider base latency added to every response; jitter drawn from a seeded PRNG. */
export class LatencyControl {
  private readonly settings = new Map<ProviderName, Latency>()
  private readonly rng: Rng

  constructor(seed: number, initial?: Latency) {
    this.rng = new Rng(seed ^ 0x1a7e)
    if (initial) this.set('all', initial)
  }

  set(provider: ProviderName | 'all', latency: Latency | null): void {
    const targets = provider === 'all' ? PROVIDERS : [provider]
    for (const p of targets) {
      if (latency && (latency.ms > 0 || (latency.jitterMs ?? 0) > 0)) this.settings.set(p, { ...latency })
      else this.settings.delete(p)
    }
  }

  delayFor(provider: ProviderName): number {
    const l = this.settings.get(provider)
    if (!l) return 0
    return Math.max(0, l.ms + (l.jitterMs ? Math.round(this.rng.next() * l.jitterMs) : 0))
  }
}
