export { createHttpClient } from './http-client'
export type { HttpClient, HttpClientOptions, HttpResponse, ResponseEvent } from './http-client'
export { isHttpError } from './errors'
