// What Cloutility's refusals mean, in the technician's terms: the one place that words them.

import { isHttpError } from '../../http/errors'
import type { WireObject } from './dto'

/** Better messages for the errors whose cause Cloutility lets us guess. */
export function explainCloutilityError(err: unknown, call: { method: string; about?: string | undefined; origin: string }): unknown {
  if (!isHttpError(err)) return err
  // Something in the way answered (its own message says so): never in Cloutility's terms.
  if (err.kind === 'blocked') return err
  const pm = String(err.details?.providerMessage ?? '').toLowerCase()
  const body = err.responseBody as WireObject | undefined
  const bodyText = `${pm} ${String(body?.message ?? '')}`.toLowerCase()
  switch (err.code) {
    case 'FORBIDDEN':
      if (/origin/.test(bodyText)) {
        return err.withMessage(
          `Cloutility refused the Origin "${call.origin}". It must be exactly the origin registered for this API app (Settings → API access).`
        )
      }
      return err.withMessage(
        `Cloutility refused access to ${call.about ?? 'this object'}: it is outside the home business unit of this API app, or this user lacks the permission.`
      )
    case 'AUTH_FAILED':
      return err.withMessage(
        'Cloutility keeps rejecting the access token even after logging in again. The API app may have been removed or the user locked; check the connection.'
      )
    case 'NOT_FOUND':
      return call.about ? err.withMessage(`Cloutility has no ${call.about} (not created yet, or deleted or moved).`) : err
    case 'CONFLICT':
    case 'VALIDATION':
    case 'UNPROCESSABLE': {
      const said = err.details?.providerMessage
      if (typeof said !== 'string' || !said) return err
      const what = call.method === 'GET' ? 'request' : 'change'
      return err.withMessage(`Cloutility refused the ${what}${call.about ? ` for ${call.about}` : ''}: ${said}`)
    }
    default:
      // A POST is never repeated automatically; when its answer was lost, say that the change
      // may have happened so the technician looks before sending it again (no duplicate units).
      if (call.method === 'POST' && !err.notSent && (['unreadable', 'deadline', 'timeout', 'network'].includes(err.kind) || (err.status ?? 0) >= 500)) {
        return err.withMessage(`${err.message} Cloutility may have made the change before the answer was lost: check before trying again.`)
      }
      return err
  }
}
