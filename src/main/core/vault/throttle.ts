import { AppError } from '../../../shared/errors'
import type { KeyValueStore } from './prefs'

// Slows down passphrase guessing: the first FREE_ATTEMPTS wrong passphrases cost nothing, then
// each further attempt must wait 1 s, 2 s, 4 s … (capped). The counter lives in the non-secret
// preferences, so quitting and restarting does not reset it; a correct passphrase does.

export const FREE_ATTEMPTS = 3
export const MAX_DELAY_MS = 15 * 60_000
const KEY = 'passphraseFailures'

export interface ThrottleState {
  failures: number
  lastFailureAt: number
}

/** How long after the last failure the next attempt must wait. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS)
}

export class PassphraseThrottle {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now
  ) {}

  state(): ThrottleState {
    const raw = this.store.get(KEY) as Partial<ThrottleState> | undefined
    const failures = typeof raw?.failures === 'number' && raw.failures >= 0 ? Math.floor(raw.failures) : 0
    const lastFailureAt = typeof raw?.lastFailureAt === 'number' ? raw.lastFailureAt : 0
    return { failures, lastFailureAt }
  }

  /** 0 when an attempt may be made now. */
  retryAfterMs(): number {
    const { failures, lastFailureAt } = this.state()
    const delay = throttleDelayMs(failures)
    if (delay === 0) return 0
    // A clock set backwards must not lock the user out for ever: never wait longer than `delay`.
    const elapsed = Math.max(0, this.now() - lastFailureAt)
    return Math.max(0, Math.min(delay, delay - elapsed))
  }

  /** Throws THROTTLED when the user must wait before trying again. */
  check(): void {
    const wait = this.retryAfterMs()
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      throw new AppError('THROTTLED', `Too many wrong passphrases. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
        details: { retryAfterMs: wait, failures: this.state().failures }
      })
    }
  }

  fail(): ThrottleState {
    const next = { failures: this.state().failures + 1, lastFailureAt: this.now() }
    this.store.set(KEY, next)
    return next
  }

  succeed(): void {
    if (this.state().failures > 0) this.store.delete(KEY)
  }

  reset(): void {
    this.store.delete(KEY)
  }
}
