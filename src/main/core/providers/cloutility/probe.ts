// "Test connection": a real login and a cheap call, with a result that says exactly what failed
// (DNS, TLS, refused connection, Origin, client id, credentials, refresh) in a technician's words.

import { AppError, type ErrorCode } from '../../../../shared/errors'
import { isHttpError } from '../../http/errors'
import { createCloutilityClient, type CloutilityConfig } from './client'

export type ProbeStep = 'connect' | 'login' | 'api' | 'refresh'

export type RefreshSupport = 'ok' | 'not-allowed' | 'not-offered'

export type CloutilityProbeResult =
  | {
      ok: true
      details: {
        user: string
        displayName?: string
        businessUnit: { id: number; name: string }
        version: string
        /** Whether this API app may refresh tokens (without it Backdesk logs in again every 5 minutes). */
        refresh: RefreshSupport
        requestCount: number
      }
    }
  | {
      ok: false
      code: ErrorCode
      message: string
      /** Which step failed. */
      step: ProbeStep
      /** For login failures: origin, client_id, credentials, home_business_unit… */
      reason?: string
      requestId?: string
    }

function failed(step: ProbeStep, err: unknown): CloutilityProbeResult {
  if (err instanceof AppError) {
    const reason = typeof err.details?.reason === 'string' ? err.details.reason : undefined
    const requestId = typeof err.details?.requestId === 'string' ? err.details.requestId : undefined
    // A network-level failure happens before any login: report it as the connection step, as is
    // a refusal by something in the way (a proxy's or firewall's web page).
    const connectLevel = isHttpError(err) && (err.kind === 'network' || err.kind === 'tls' || err.kind === 'blocked' || (err.kind === 'timeout' && err.notSent))
    return {
      ok: false,
      code: err.code,
      message: err.message,
      step: connectLevel ? 'connect' : step,
      ...(reason ? { reason } : {}),
      ...(requestId ? { requestId } : {})
    }
  }
  return { ok: false, code: 'INTERNAL', message: 'The connection test failed unexpectedly.', step }
}

/** Logs in, reads /v1/me and the version, checks refresh. Never throws. */
export async function testCloutilityConnection(
  config: CloutilityConfig,
  options: { signal?: AbortSignal; checkRefresh?: boolean } = {}
): Promise<CloutilityProbeResult> {
  let requestCount = 0
  let client
  try {
    client = createCloutilityClient({
      ...config,
      deadlineMs: config.deadlineMs ?? 20_000,
      retry: config.retry ?? { retries: 1 },
      onRequest: (e) => {
        requestCount++
        config.onRequest?.(e)
      }
    })
  } catch (err) {
    const message = err instanceof AppError ? err.message : 'The connection settings are not usable.'
    return { ok: false, code: 'VALIDATION', message, step: 'connect' }
  }
  const o = options.signal ? { signal: options.signal } : {}
  try {
    let me
    try {
      me = await client.me(o)
    } catch (err) {
      // me() logs in first: an AppError with a login reason is the login step.
      const step: ProbeStep = err instanceof AppError && typeof err.details?.reason === 'string' ? 'login' : 'api'
      return failed(step, err)
    }
    let version = ''
    try {
      version = await client.fullVersion(o)
    } catch (err) {
      return failed('api', err)
    }
    let refresh: RefreshSupport = 'not-offered'
    if (options.checkRefresh !== false) {
      try {
        refresh = await client.verifyRefresh(o)
      } catch (err) {
        return failed('refresh', err)
      }
    }
    return {
      ok: true,
      details: {
        user: me.username,
        ...(me.displayName ? { displayName: me.displayName } : {}),
        businessUnit: me.businessUnit,
        version,
        refresh,
        requestCount
      }
    }
  } finally {
    await client.destroy()
  }
}
