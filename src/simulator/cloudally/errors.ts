import { HttpError, type SimRequest } from '../http/types'

// CloudAlly serves its OpenAPI at /v3/api-docs (springdoc), i.e. Spring Boot; the real error body
// is unpublished, so we use Spring Boot's default error shape.

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable'
}

export function cloudAllyErrorBody(status: number, message: string, path: string) {
  return { timestamp: new Date().toISOString(), status, error: REASONS[status] ?? 'Error', message, path }
}

export function formatCloudAllyError(status: number, message: string, req: SimRequest) {
  return cloudAllyErrorBody(status, message, req.path ?? '')
}

export function caError(status: number, message: string, path: string): HttpError {
  return new HttpError(status, message, cloudAllyErrorBody(status, message, path))
}
