// Seeded, dependency-free randomness. Everything the simulator invents derives from these, so the
// same seed always yields the same data. `hash32` lets lazily derived data (a node's job on a given
// day) be computed on demand without materialising it, and still be identical every time.

/** 32-bit hash of any mix of numbers and strings (FNV-1a over the parts, then a murmur finaliser). */
export function hash32(...parts: Array<number | string>): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    const s = typeof part === 'number' ? String(part) : part
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h ^= 0x2c // separator so ('ab','c') differs from ('a','bc')
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A float in [0, 1) derived from the parts. */
export function unit(...parts: Array<number | string>): number {
  return hash32(...parts) / 4294967296
}

/** Sequential PRNG (mulberry32) for building data sets in order. */
export class Rng {
  private state: number
  constructor(seed: number) {
    this.state = hash32('rng', seed) || 1
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from empty list')
    return item
  }
  /** Upper-case alphanumerics, used for IBM SP style node names and passwords. */
  token(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'): string {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)]
    return out
  }
  /** A GUID-shaped string (not RFC-4122 random, but deterministic). */
  guid(): string {
    const hex = this.token(32, '0123456789abcdef')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`
  }
}

export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS)
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}
