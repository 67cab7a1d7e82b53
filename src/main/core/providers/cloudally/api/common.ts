// What every CloudAlly resource file builds its calls from: the door's shape.

import type { QueryParams } from '../../../http/body'
import type { HttpResponse } from '../../../http/http-client'

export interface CallOptions {
  signal?: AbortSignal | undefined
}

/** A list call: every row, or the first `limit`. */
export interface ListOptions extends CallOptions {
  limit?: number
}

export interface RequestOptions extends CallOptions {
  method?: 'GET' | 'POST'
  path: string
  query?: QueryParams
  json?: unknown
  /** An empty success is a fine answer to this call. Else it is UNREADABLE. */
  allowEmpty?: boolean
  /** false: never repeated automatically (a call that starts a job). */
  retry?: false
}

/** The client's one private request door, as the resource files see it. */
export interface Door {
  /** Every row of a paged list (see paging in client.ts), or the first `paging.limit`. */
  request(options: RequestOptions & { paging: { limit?: number | undefined } }): Promise<unknown[]>
  /** One call; the whole answer (headers, request id), for a call named by its Location. */
  request(options: RequestOptions & { answer: 'response' }): Promise<HttpResponse<unknown>>
  /** One call; its answer's body. */
  request(options: RequestOptions): Promise<unknown>
}
