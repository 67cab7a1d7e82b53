// Cloudback's documented statuses in plain words (seed 002 §Error Responses). The error body is
// not documented (the simulator sends {"message": "..."}); when it names a field, we do too.

import { AppError } from '../../../../shared/errors'
import { isHttpError } from '../../http/errors'
import { CLOUDBACK_PLATFORM_LABELS, type CloudbackSettings, type CloudbackSubject } from '../../../../shared/providers/cloudback/model'

export function describeSubject(s: CloudbackSubject): string {
  const what = s.subjectType === 'Project' || s.platform === 'GitLab' ? 'project' : 'repository'
  return `${CLOUDBACK_PLATFORM_LABELS[s.platform]} ${what} ${s.account}/${s.subjectName}`
}

const FIELDS = ['schedule', 'storage', 'retention'] as const

/** Turns an HTTP error from a definition call into a message a technician can act on. */
export function explainCloudbackError(err: unknown, subject: CloudbackSubject, settings?: Partial<CloudbackSettings>): unknown {
  if (!isHttpError(err) || err.kind !== 'status' || err.status === undefined) return err
  const said = typeof err.details?.providerMessage === 'string' ? err.details.providerMessage : undefined
  const tail = said ? ` Cloudback said: “${said}”` : ''
  const details = { ...(err.details ?? {}), status: err.status }
  const who = describeSubject(subject)
  switch (err.status) {
    case 400:
      return new AppError(
        'VALIDATION',
        `Cloudback could not read the request for ${who}: check the platform, the account and the name format (GitHub: repository; GitLab: the group path in the account, e.g. my-group/my-subgroup, and the project path as the name; Azure DevOps repository: project/repository; Azure DevOps project: project).${tail}`,
        { retryable: false, details }
      )
    case 401:
      return new AppError('AUTH_FAILED', `Cloudback refused the API key: it is missing, wrong or revoked. Create a new key on the API Keys page of the Cloudback dashboard and put it in this connection.${tail}`, {
        retryable: false,
        details
      })
    case 402:
      return new AppError(
        'PLAN_LIMIT',
        `Cloudback refused because the plan's limit of scheduled repositories is reached. Disable the schedule of another definition or buy more units, then try again.${tail}`,
        { retryable: false, details }
      )
    case 404:
      return new AppError(
        'NOT_FOUND',
        `Cloudback has no backup definition for ${who}: the account may not be connected to Cloudback, or the name is misspelled.${tail}`,
        { retryable: false, details }
      )
    case 422: {
      const lower = (said ?? '').toLowerCase()
      const field = FIELDS.find((f) => lower.includes(f))
      let message: string
      if (field && /required/.test(lower)) {
        message = `Cloudback needs a ${field === 'retention' ? 'retention policy' : field} before backups can be enabled for ${who}.`
      } else if (field) {
        const value = settings?.[field]
        const noun = field === 'retention' ? 'retention policy' : field
        message = `Cloudback has no ${noun} named ${value ? `“${value}”` : 'like that'} in this account. Use the exact name of a ${noun} defined in Cloudback${field === 'schedule' ? ' (Schedule Manager)' : ''}.`
      } else {
        message = `Cloudback has no schedule, storage or retention policy of that name in this account. Use names exactly as they appear in Cloudback.`
      }
      return new AppError('UNPROCESSABLE', `${message}${tail}`, { retryable: false, details: { ...details, ...(field ? { field } : {}) } })
    }
    default:
      return err
  }
}
