// What Cloutility's refusals mean, in the technician's terms: the one place that words them
// (a refused login, and a refused call).

import { AppError } from '../../../../shared/errors'
import { isHttpError } from '../../http/errors'
import type { CloutilityCredentials } from './auth'
import type { WireOAuthError, WireObject } from './dto'

/** Why a login failed: the probe and the UI name the cause from this. */
export type AuthFailureReason =
  | 'origin'
  | 'client_id'
  | 'credentials'
  | 'home_business_unit'
  | 'refresh_not_allowed'
  | 'token_rejected'
  | 'redirect'
  | 'unexpected'

export type Grant = 'password' | 'refresh'

function authError(reason: AuthFailureReason, message: string, requestId: string | undefined, oauthError?: string): AppError {
  return new AppError('AUTH_FAILED', message, {
    retryable: false,
    details: { reason, ...(requestId ? { requestId } : {}), ...(oauthError ? { oauthError } : {}) }
  })
}

/** Turns an OAuth error answer into a message that names the likely cause. */
export function explainOAuthError(
  status: number,
  body: unknown,
  grant: Grant,
  creds: Pick<CloutilityCredentials, 'origin' | 'username'>,
  requestId?: string
): AppError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as WireOAuthError & { message?: unknown }
  const error = typeof b.error === 'string' ? b.error.toLowerCase() : ''
  const description = [b.error_description, b.message].filter((x) => typeof x === 'string').join(' ').toLowerCase()

  if (/origin/.test(description) || (status === 403 && !error)) {
    return authError(
      'origin',
      `Cloutility refused the Origin "${creds.origin}". It must be exactly the origin registered for this API app (Settings → API access in the Cloutility portal).`,
      requestId,
      error
    )
  }
  if (grant === 'refresh' && (error === 'unauthorized_client' || error === 'invalid_grant' || /refresh/.test(description))) {
    return authError('refresh_not_allowed', 'This API app is not allowed to refresh tokens; Backdesk logs in again instead.', requestId, error)
  }
  if (/business unit|subtree|access to/.test(description)) {
    return authError(
      'home_business_unit',
      `The user "${creds.username}" is outside the home business unit of this API app. Use a user of that business unit (or above), or an API app registered higher up.`,
      requestId,
      error
    )
  }
  if (error === 'invalid_client' || /client.?id/.test(description)) {
    return authError(
      'client_id',
      'Cloutility does not know this client id. Check the API app\'s client id (Settings → API access in the Cloutility portal).',
      requestId,
      error
    )
  }
  if (error === 'invalid_grant' || /password|user ?name|credential/.test(description) || status === 401) {
    return authError('credentials', `Cloutility rejected the user name or password for "${creds.username}".`, requestId, error)
  }
  return authError('unexpected', `Cloutility refused the login (HTTP ${status}${error ? `, ${error}` : ''}).`, requestId, error)
}


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
