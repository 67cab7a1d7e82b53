import type { ApiError } from '../../api'

/**
 * A wrong or throttled master passphrase in words. THROTTLED already says how long to wait; a
 * wrong one that starts the wait gets it added, so the next attempt is not refused unexplained.
 */
export function passphraseProblem(err: ApiError): string {
  if (err.code === 'THROTTLED') return err.message
  const wait = Number(err.details?.['retryAfterMs'] ?? 0)
  return wait > 0 ? `${err.message} Wait ${Math.ceil(wait / 1000)} s before trying again.` : err.message
}
