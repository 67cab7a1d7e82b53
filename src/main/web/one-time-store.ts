import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

// What the web shell's one-time routes share (downloads of files main made, and links main would
// open in a system browser): a value kept under a random id for one use within a time limit, and
// the checks a request must pass before it may spend one.

/** Values kept for one use each, forgotten when taken, after `ttlMs`, or on `clear()`. */
export class OneTimeStore<T> {
  private readonly entries = new Map<string, { value: T; timer: ReturnType<typeof setTimeout> }>()

  /** `onDrop` runs for a value forgotten unused (to wipe its bytes), never for one taken. */
  constructor(
    private readonly ttlMs: number,
    private readonly onDrop: (value: T) => void = () => undefined
  ) {}

  /** Keeps `value` for one use; returns its id (256 random bits, URL-safe). */
  put(value: T): string {
    const id = randomBytes(32).toString('base64url')
    const timer = setTimeout(() => this.drop(id), this.ttlMs)
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
    this.entries.set(id, { value, timer })
    return id
  }

  /** The value, once: it is forgotten as it is handed out. */
  take(id: string): T | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    clearTimeout(entry.timer)
    this.entries.delete(id)
    return entry.value
  }

  get size(): number {
    return this.entries.size
  }

  /** Forgets every value (vault lock, shell closing). */
  clear(): void {
    for (const id of [...this.entries.keys()]) this.drop(id)
  }

  private drop(id: string): void {
    const entry = this.entries.get(id)
    if (!entry) return
    clearTimeout(entry.timer)
    this.entries.delete(id)
    this.onDrop(entry.value)
  }
}

/**
 * Why a request may not spend a one-time value, or undefined when it may: it must carry the
 * session cookie (`authorised`), be a GET, and be a navigation (Sec-Fetch-Mode, a header script
 * cannot set), so what it answers never passes through the page's script. Host and Origin are
 * checked before, as for every route.
 */
export function refusal(req: IncomingMessage, authorised: boolean, what: string): { status: number; body: string } | undefined {
  if (!authorised) return { status: 401, body: 'Not authorised' }
  if (req.method !== 'GET') return { status: 405, body: 'Method not allowed' }
  if (req.headers['sec-fetch-mode'] !== 'navigate') return { status: 403, body: `${what} open only by navigating to them` }
  return undefined
}
