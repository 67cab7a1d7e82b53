import { HttpError, type SimRequest } from '../http/types'

// Error body shape decoded by the Safespring Go client (`ErrorResponse`, provider-apis.md §1.8):
// { status, code, message, developerMessage }. The `code` strings are our choice.

const CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable'
}

export function errorBody(status: number, message: string, developerMessage?: string) {
  return { status, code: CODES[status] ?? `Http${status}`, message, developerMessage: developerMessage ?? message }
}

export function apiError(status: number, message: string, developerMessage?: string): HttpError {
  return new HttpError(status, message, errorBody(status, message, developerMessage))
}

export function formatCloutilityError(status: number, message: string, _req: SimRequest) {
  return errorBody(status, message)
}
