// One error vocabulary for every layer. Codes cross the IPC boundary; messages are written for a
// technician (what failed and what to do), never a stack trace or a provider's raw body.

export const ERROR_CODES = [
  'VALIDATION', // input rejected before any work was done
  'UNKNOWN_CHANNEL', // a channel or topic the contract does not declare
  'FORBIDDEN_SENDER', // an IPC call from a frame that is not ours
  'LOCKED', // the vault is locked; unlock first
  'VAULT_CORRUPT', // the vault file is damaged or was modified
  'WRONG_PASSPHRASE',
  'THROTTLED', // too many wrong passphrases; wait
  'AUTH_FAILED', // provider rejected the credentials
  'FORBIDDEN', // provider refused the action for this login
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PLAN_LIMIT',
  'UNPROCESSABLE', // provider validated the request and refused it (e.g. unknown schedule name)
  'OFFLINE', // provider unreachable (DNS, refused, reset)
  'TLS', // certificate problem
  'TIMEOUT',
  'UPSTREAM', // provider answered 5xx, or its answer broke off
  'UNREADABLE', // provider said "success" but sent no data, or something that is not the data expected (empty, not JSON)
  'CANCELLED',
  'NOT_SUPPORTED', // the running shell cannot do this (e.g. no OS keychain)
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorInfo {
  code: ErrorCode
  message: string
  retryable: boolean
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set([
  'RATE_LIMITED',
  'OFFLINE',
  'TIMEOUT',
  'UPSTREAM',
  'THROTTLED'
])

/** An error whose message is safe to show the user. Anything else becomes INTERNAL at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly details?: Record<string, unknown>

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code)
    if (options.details) this.details = options.details
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, retryable: this.retryable }
    if (this.details) info.details = this.details
    return info
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}


/**
 * An error about one field of the input (VALIDATION unless `code` says otherwise, e.g. a wrong
 * passphrase), with the router's `details.issues` shape so a form shows `message` under that field;
 * `summary` is the whole message for anything that shows only one line.
 */
export function fieldError(field: string, message: string, options: { summary?: string; code?: ErrorCode } = {}): AppError {
  return new AppError(options.code ?? 'VALIDATION', options.summary ?? message, { details: { issues: [{ path: field, message }] } })
}
