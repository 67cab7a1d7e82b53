import { randomBytes } from 'node:crypto'

/** Header that carries our request id on every outgoing call. */
export const REQUEST_ID_HEADER = 'x-request-id'

/**
 * A short, unique, log-friendly id for one logical call (all its attempts share it, so a
 * technician can find every retry of one call in the log and in the activity journal).
 */
export function newRequestId(): string {
  return `bd-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`
}
