// What CloudAlly's refusals mean, in the technician's terms: the one place that words them.

import { AppError } from '../../../../shared/errors'
import type { CloudAllyCredentials } from './auth'
import { rec, text } from '../wire'

export type CloudAllyAuthFailure = 'client' | 'credentials' | 'suspended' | 'unexpected'

export function authError(reason: CloudAllyAuthFailure, message: string, requestId?: string, status?: number): AppError {
  return new AppError('AUTH_FAILED', message, {
    retryable: false,
    details: { reason, ...(requestId ? { requestId } : {}), ...(status ? { status } : {}) }
  })
}

/** Names the likely cause of a refused login from the status and the error body's words. */
export function explainLoginError(status: number, body: unknown, creds: CloudAllyCredentials, requestId?: string): AppError {
  const o = rec(body)
  const said = [o.message, o.error, o.error_description, o.detail].map((v) => text(v) ?? '').join(' ').toLowerCase()
  if (status === 403 && /suspend|disabled|locked/.test(said)) {
    return authError('suspended', `CloudAlly says the account ${creds.email} is suspended or disabled.`, requestId, status)
  }
  if (/client/.test(said)) {
    return authError(
      'client',
      'CloudAlly rejected the client id or client secret. Generate or copy them again from the partner portal (Integrations).',
      requestId,
      status
    )
  }
  if (status === 401 || status === 403 || /credential|password|email|user/.test(said)) {
    return authError(
      'credentials',
      creds.mode === 'partner'
        ? `CloudAlly rejected the partner user's email or password (${creds.email}), or the client id and secret do not belong to that partner.`
        : `CloudAlly rejected the email or password for ${creds.email}.`,
      requestId,
      status
    )
  }
  return authError('unexpected', `CloudAlly refused the login (HTTP ${status}).`, requestId, status)
}
