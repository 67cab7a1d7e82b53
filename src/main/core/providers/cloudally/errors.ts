// What CloudAlly's refusals mean, in the technician's terms: the one place that words them.

import { AppError } from '../../../../shared/errors'
import { isHttpError } from '../../http/errors'
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

/**
 * A restore or download request CloudAlly refused (4xx), in CloudAlly's terms and with its own
 * words: the shared wording ("the provider reported a conflict: the object already exists…") would
 * misname why, and CloudAlly's reason ("… has no snapshot to restore from") is what the technician
 * needs. A refused login (401) and the rate limit (429, with its wait) keep their own messages.
 */
export function explainRestoreRefusal(err: unknown, request: { taskId: string; kind: 'restore' | 'download' }): unknown {
  if (!isHttpError(err) || err.kind !== 'status' || err.status === undefined || err.status < 400 || err.status >= 500) return err
  if (err.status === 401 || err.status === 408 || err.status === 429) return err
  const said = typeof err.details?.providerMessage === 'string' ? err.details.providerMessage : undefined
  const tail = said ? ` CloudAlly said: “${said}”` : ''
  if (err.status === 404 || err.status === 410) {
    return err.withMessage(`CloudAlly has no backup task ${request.taskId} for this login: it may have been deleted or moved to another account. Nothing was started.${tail}`)
  }
  return err.withMessage(`CloudAlly refused the ${request.kind} request (HTTP ${err.status}). Nothing was started.${tail}`)
}

/**
 * The backup-task list is the seed's word only (SEED_ONLY_ROUTES): a server without it answers 404
 * or 405 to the list itself, which the shared wording ("no such object; it may have been deleted
 * or moved") would misname. Said as Test connection says it.
 */
export function explainBackupTaskListRefusal(err: unknown): unknown {
  if (!isHttpError(err) || err.kind !== 'status' || (err.status !== 404 && err.status !== 405)) return err
  return err.withMessage(`This CloudAlly server does not offer the backup-task list to this login (HTTP ${err.status}).`)
}
