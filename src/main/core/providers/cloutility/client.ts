// The Cloutility client: its core. It owns its HTTP client (keep-alive, CA, proxy, concurrency)
// and its login (auth.ts), and has one private door, request(), that every endpoint goes through:
// it sends the call, reads further pages of a collection (paging), and words Cloutility's refusals
// (errors.ts). The endpoints are grouped by resource in api/, each built on the door, and the
// answers mapped by map/. Results are domain models (src/shared/providers/cloutility/model.ts).

import { AppError } from '../../../../shared/errors'
import type { Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import { createHttpClient, type DeadlineClock, type HttpClient, type RequestEvent, type ResponseEvent } from '../../http/http-client'
import type { ProxySetting } from '../../http/proxy'
import type { RetryOptions } from '../../http/retry'
import { isObject } from '../wire'
import { auditApi } from './api/audit'
import { billingApi } from './api/billing'
import { businessUnitsApi } from './api/business-units'
import { unitNames, type CallOptions, type Door, type RequestOptions } from './api/common'
import { consumptionUnitsApi } from './api/consumption-units'
import { jobsReportsApi } from './api/jobs-reports'
import { nodesApi } from './api/nodes'
import { proxiesApi } from './api/proxies'
import { serverListsApi } from './api/server-lists'
import { CloutilityAuth } from './auth'
import type { WireObject } from './dto'
import { explainCloutilityError } from './errors'
import { page } from './map/common'

export type { CallOptions } from './api/common'

export interface CloutilityConfig {
  baseUrl: string
  clientId: string
  /** The Origin registered for the API app; sent on every call. */
  origin: string
  username: string
  password: string
  /** PEM of a private CA for this connection. */
  ca?: string
  /** Calls in flight at once. Default 6. */
  concurrency?: number
  logger: Logger
  secrets: SecretRegistry
  proxy?: ProxySetting
  env?: Record<string, string | undefined>
  /** Overall deadline per call. Default 60 s. */
  deadlineMs?: number
  connectTimeoutMs?: number
  headersTimeoutMs?: number
  bodyTimeoutMs?: number
  retry?: RetryOptions
  onRequest?: (event: RequestEvent) => void
  onResponse?: (event: ResponseEvent) => void
  /** Clock for token expiry (tests). */
  now?: () => number
  /** Clock for call deadlines (tests). */
  deadlineClock?: DeadlineClock
}

export type CloutilityClient = ReturnType<typeof createCloutilityClient>

/** Settings that would make every call fail are refused up front, with what to fix. */
function checkConfig(config: CloutilityConfig): void {
  const header = /^[\x20-\x7e]+$/
  if (!config.clientId.trim()) throw new AppError('VALIDATION', 'Enter the client id of the Cloutility API app.')
  if (!header.test(config.clientId)) throw new AppError('VALIDATION', 'The client id contains characters that cannot be sent.')
  if (!config.origin.trim()) throw new AppError('VALIDATION', 'Enter the Origin registered for the Cloutility API app (e.g. https://backdesk.example.com).')
  if (!header.test(config.origin)) throw new AppError('VALIDATION', 'The Origin contains characters that cannot be sent in a header.')
  if (!config.username.trim()) throw new AppError('VALIDATION', 'Enter the Cloutility user name.')
  if (!config.password) throw new AppError('VALIDATION', 'Enter the Cloutility password.')
}

export function createCloutilityClient(config: CloutilityConfig) {
  checkConfig(config)
  const logger = config.logger.child('cloutility')
  const secrets = config.secrets
  secrets.add(config.password)
  // The auth hook needs the HTTP client for its token requests (auth: false), and the HTTP client
  // needs the hook: the hook gets a late-bound request function.
  const late: { http?: HttpClient } = {}
  const auth = new CloutilityAuth({
    request: (options) => (late.http as HttpClient).request(options),
    clientId: config.clientId,
    origin: config.origin,
    username: config.username,
    password: config.password,
    secrets,
    ...(URL.canParse(config.baseUrl) ? { issuer: new URL(config.baseUrl).origin } : {}),
    logger,
    ...(config.now ? { now: config.now } : {})
  })
  const httpClient: HttpClient = createHttpClient({
    baseUrl: config.baseUrl,
    name: 'cloutility',
    label: 'Cloutility',
    logger,
    secrets,
    auth,
    headers: { origin: config.origin },
    ...(config.ca ? { ca: config.ca } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    ...(config.proxy ? { proxy: config.proxy } : {}),
    ...(config.env ? { env: config.env } : {}),
    ...(config.deadlineMs ? { deadlineMs: config.deadlineMs } : {}),
    ...(config.connectTimeoutMs ? { connectTimeoutMs: config.connectTimeoutMs } : {}),
    ...(config.headersTimeoutMs ? { headersTimeoutMs: config.headersTimeoutMs } : {}),
    ...(config.bodyTimeoutMs ? { bodyTimeoutMs: config.bodyTimeoutMs } : {}),
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.onRequest ? { onRequest: config.onRequest } : {}),
    ...(config.onResponse ? { onResponse: config.onResponse } : {}),
    ...(config.deadlineClock ? { deadlineClock: config.deadlineClock } : {})
  })
  late.http = httpClient

  async function send<T>(o: RequestOptions): Promise<T> {
    const method = o.method ?? 'GET'
    try {
      const res = await httpClient.request<T>({
        method,
        path: o.path,
        ...(o.query ? { query: o.query } : {}),
        ...(o.json !== undefined ? { json: o.json } : {}),
        ...(o.body !== undefined ? { body: o.body, contentType: o.contentType ?? 'application/octet-stream' } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.responseType ? { responseType: o.responseType } : {}),
        ...(o.allowEmpty ? { allowEmpty: true } : {}),
        ...(o.stream ? { stream: o.stream } : {})
      })
      return res.body
    } catch (err) {
      throw explainCloutilityError(err, { method, about: o.about, origin: config.origin })
    }
  }

  /**
   * Every item of a collection. Cloutility answers whole lists as far as anyone has seen, but the
   * envelope carries `total` and `offset`: when a server answers one page only, the rest is read
   * with offset/limit, and a server that ignores offset cannot loop (a page with nothing new ends it).
   */
  async function sendPaged<W, T extends { id: number }>(o: RequestOptions, mapItem: (w: W) => T | undefined): Promise<T[]> {
    const firstPage = await send<unknown>(o)
    const first = page<W, T>(firstPage, mapItem)
    const rawCount = (b: unknown) => (isObject(b) && Array.isArray((b as WireObject).items) ? ((b as WireObject).items as unknown[]).length : 0)
    const seen = new Set(first.items.map((i) => i.id))
    const out = [...first.items]
    let fetched = first.offset + rawCount(firstPage)
    const pageSize = rawCount(firstPage)
    for (let guard = 0; pageSize > 0 && fetched < first.total && guard < 10_000; guard++) {
      const body = await send<unknown>({ ...o, query: { ...o.query, offset: fetched, limit: pageSize } })
      const next = page<W, T>(body, mapItem)
      const fresh = next.items.filter((i) => !seen.has(i.id))
      if (rawCount(body) === 0 || fresh.length === 0) break
      for (const i of fresh) {
        seen.add(i.id)
        out.push(i)
      }
      fetched += rawCount(body)
    }
    return out
  }

  /** The one private door (see Door): a call, or with `paging` every item of a collection. */
  function request<T>(o: RequestOptions & { paging?: (w: never) => { id: number } | undefined }): Promise<T> {
    const { paging, ...call } = o
    return (paging ? sendPaged(call, paging) : send<T>(call)) as Promise<T>
  }

  const door: Door = { request: request as Door['request'], logger, secrets, now: config.now ?? Date.now, units: unitNames() }
  const nodes = nodesApi(door)

  return {
    ...businessUnitsApi(door),
    ...consumptionUnitsApi(door),
    ...nodes,
    ...proxiesApi(door, nodes),
    ...jobsReportsApi(door),
    ...auditApi(door),
    ...serverListsApi(door),
    ...billingApi(door),
    /** Login state, for diagnostics and tests. */
    get tokenStats() {
      return auth.tokenStats
    },
    /** One refresh grant now (the connection probe): may this API app refresh tokens? */
    verifyRefresh: (o: CallOptions = {}) => auth.verifyRefresh(o.signal),
    close: () => httpClient.close(),
    destroy: () => httpClient.destroy()
  }
}
