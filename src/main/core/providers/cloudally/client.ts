// The CloudAlly client: its core. It owns its HTTP client and its login (auth.ts), and has one
// private door, request(), that every endpoint goes through: it sends the call and, with
// `paging`, follows a paged list transparently with large pages (page/pageSize/nextPageToken;
// envelope data/page/totalPages/total/nextPageToken). The endpoints are grouped by resource in
// api/. GETs are retried by the HTTP layer on 429/5xx; POST /v1/restore never is.

import { AppError } from '../../../../shared/errors'
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpResponse } from '../../http'
import type { QueryParams } from '../../http/body'
import { silentLogger, type Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import { num, rec, text } from '../wire'
import { backupTasksApi } from './api/backup-tasks'
import type { Door, RequestOptions } from './api/common'
import { partnersApi } from './api/partners'
import { CloudAllyAuth, type CloudAllyCredentials } from './auth'
import type { WirePage } from './dto'

export { SEED_ONLY_ROUTES } from './api/backup-tasks'

/** A CloudAlly connection's settings (from the vault record). */
export interface CloudAllyConfig extends CloudAllyCredentials {
  baseUrl: string
  customCa?: string
}

export interface CloudAllyClientDeps {
  logger?: Logger
  secrets?: SecretRegistry
  /** HTTP knobs (timeouts, retry, test seams). */
  http?: Partial<Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'ca'>>
  /** Items per page. Default 500 (what real clients use; the server may cap it). */
  pageSize?: number
  now?: () => number
}

export type CloudAllyClient = ReturnType<typeof createCloudAllyClient>

const MAX_PAGES = 10_000

export function createCloudAllyClient(config: CloudAllyConfig, deps: CloudAllyClientDeps = {}) {
  const logger = (deps.logger ?? silentLogger).child('cloudally')
  const pageSize = deps.pageSize ?? 500
  // The auth hook needs this same HTTP client for its token requests: resolved at call time.
  const late: { auth?: CloudAllyAuth } = {}
  const http: HttpClient = createHttpClient({
    name: 'cloudally',
    label: 'CloudAlly',
    logger,
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    ...deps.http,
    baseUrl: config.baseUrl,
    ...(config.customCa ? { ca: config.customCa } : {}),
    auth: {
      authorize: (h, s) => (late.auth as CloudAllyAuth).authorize(h, s),
      onUnauthorized: (c) => (late.auth as CloudAllyAuth).onUnauthorized(c)
    }
  })
  const auth = new CloudAllyAuth({
    http,
    credentials: config,
    logger,
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    ...(deps.now ? { now: deps.now } : {})
  })
  late.auth = auth

  function send(o: RequestOptions): Promise<HttpResponse<unknown>> {
    return http.request({
      method: o.method ?? 'GET',
      path: o.path,
      ...(o.query ? { query: o.query } : {}),
      ...(o.json !== undefined ? { json: o.json } : {}),
      ...(o.allowEmpty ? { allowEmpty: true } : {}),
      ...(o.retry === false ? { retry: false } : {}),
      ...(o.signal ? { signal: o.signal } : {})
    })
  }

  /**
   * Every row of a paged list, each once, or the first `limit`. Every request names its `page`,
   * and a follow-up also carries the `nextPageToken` the server gave, as both real clients do
   * (jancotanis/cloudally, jancotanis/Monitoring): a server may page by either. It ends at
   * `totalPages`, at an empty page, or when a page brings only rows already seen (a server that
   * ignores both would otherwise repeat its first page forever). A plain array is one page.
   */
  async function sendPaged(o: RequestOptions, limit: number | undefined): Promise<unknown[]> {
    const out: unknown[] = []
    const seen = new Set<string>()
    const take = (rows: unknown[]): boolean => {
      let fresh = 0
      for (const row of rows) {
        const key = JSON.stringify(row)
        if (seen.has(key)) continue
        seen.add(key)
        fresh++
        out.push(row)
        if (limit !== undefined && out.length >= limit) return false
      }
      // A page of rows all seen before: the server repeated a page, nothing new will come.
      return rows.length === 0 || fresh > 0
    }
    let page = 1
    let token: string | undefined
    for (let i = 0; i < MAX_PAGES; i++) {
      const query: QueryParams = { ...o.query, pageSize, page }
      if (token) query.nextPageToken = token
      const body = (await send({ ...o, query })).body
      if (Array.isArray(body)) {
        take(body)
        break
      }
      const env = rec(body) as WirePage
      if (!Array.isArray(env.data)) {
        throw new AppError('UNREADABLE', `CloudAlly answered ${o.path} without a list (no "data" in its answer).`, { details: { path: o.path } })
      }
      if (!take(env.data) || env.data.length === 0) break
      const current = num(env.page) ?? page
      const totalPages = num(env.totalPages)
      const next = text(env.nextPageToken)
      if (totalPages !== undefined ? current >= totalPages : !next) break
      token = next
      page = current + 1
    }
    return limit === undefined ? out : out.slice(0, limit)
  }

  /** The one private door (see Door): a call's body, its whole answer, or every row of a list. */
  function request(o: RequestOptions & { answer?: 'response'; paging?: { limit?: number | undefined } }): Promise<unknown> {
    const { answer, paging, ...call } = o
    if (paging) return sendPaged(call, paging.limit)
    return send(call).then((res) => (answer === 'response' ? res : res.body))
  }

  const door: Door = { request: request as Door['request'] }

  return {
    ...partnersApi(door),
    ...backupTasksApi(door),
    config,
    http,
    auth,
    close(): Promise<void> {
      auth.reset()
      return http.close()
    }
  }
}
