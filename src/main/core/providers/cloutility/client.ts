// The Cloutility client: one typed function per endpoint over one private call(). It owns its
// HTTP client (keep-alive, CA, proxy, concurrency) and its login (auth.ts). Results are domain
// models (src/shared/model/cloutility.ts); node passwords only ever leave through
// NodeCredentials, which main keeps for the vault and never sends to the renderer.

import { randomBytes } from 'node:crypto'
import { AppError } from '../../../../shared/errors'
import type {
  AuditLogEntry,
  AuditLogType,
  BackupNode,
  BackupNodeInput,
  BackupServer,
  BillingData,
  BusinessUnit,
  BusinessUnitInput,
  BusinessUnitNode,
  ClientOptionSet,
  ConsumptionUnit,
  ConsumptionUnitInput,
  Contract,
  CurrentUser,
  Domain,
  Filespace,
  Invoice,
  InvoiceFile,
  JobList,
  NodeDeletionRule,
  NodeEvent,
  NodeNamingRule,
  NodeReport,
  NodeType,
  NodeWarningType,
  OperatingSystem,
  Page,
  ProxyNode,
  ProxyRelations,
  StatusReport,
  TimeZone,
  User
} from '../../../../shared/providers/cloutility/model'
import { AUDIT_LOG_TYPE_CODES } from '../../../../shared/providers/cloutility/model'
import type { Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import { createHttpClient, type DeadlineClock, type HttpClient, type RequestEvent, type ResponseEvent } from '../../http/http-client'
import { isHttpError } from '../../http/errors'
import type { ProxySetting } from '../../http/proxy'
import type { QueryParams } from '../../http/body'
import type { RetryOptions } from '../../http/retry'
import { CloutilityAuth } from './auth'
import type { WireBusinessUnit, WireConsumer, WireNode, WireObject, WireSimpleBusinessUnit } from './dto'
import * as map from './map'
import { isObject, num, str } from '../wire'
import { checkNodePassword, normalizeNodeName, unquote } from './naming'

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

export interface CallOptions {
  signal?: AbortSignal
}

/** A node's SP login. Main-only: goes to the vault, never to the renderer. */
export interface NodeCredentials {
  nodeName: string
  password: string
}

export interface ActivationResult {
  nodeName: string
  node: BackupNode
  credentials: NodeCredentials | null
}

export interface DateRange {
  start?: Date | string
  end?: Date | string
}

export interface AuditLogQuery extends DateRange {
  types?: AuditLogType[]
  includeDescendants?: boolean
  limit?: number
  offset?: number
  orderDesc?: boolean
}

export interface ReportQuery extends DateRange {
  status?: boolean
  warnings?: boolean
}

export interface InvoiceUpload {
  fileName?: string
  erpReference?: string
  sendToBillingAddress?: boolean
}

export type CloutilityClient = ReturnType<typeof createCloutilityClient>

const DAY_MS = 86_400_000

function toDate(v: Date | string | undefined): Date | undefined {
  if (v === undefined) return undefined
  const d = v instanceof Date ? v : new Date(v)
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION', `"${String(v)}" is not a valid date.`)
  return d
}

function ymd(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new AppError('VALIDATION', `"${date}" is not a date in the form YYYY-MM-DD.`)
  }
  return date
}

function positiveId(id: number, what: string): number {
  if (!Number.isInteger(id) || id <= 0) throw new AppError('VALIDATION', `Invalid ${what} id: ${String(id)}.`)
  return id
}

const ref = (id: number | undefined) => (id === undefined ? undefined : { id })

/** Parts of a GET answer that are not the object's own state: links, type tags, embedded parents and collection stubs. */
const NOT_STATE = new Set(['$type', 'href', 'actions', 'parentBusinessUnit', 'businessUnit', 'ancestors'])

/**
 * A GET answer turned into a PUT body. Cloutility's PUT replaces the object (as the safespring-community Go client assumes),
 * so an update sends everything it read, changed where asked: a field left out would be reset.
 * Only what is not the object's own state is dropped, and whatever `omit` names (a secret that
 * has its own endpoint).
 */
function asPutBody(current: unknown, what: string, omit: readonly string[] = []): Record<string, unknown> {
  if (!isObject(current)) throw new AppError('UPSTREAM', `Cloutility returned an unreadable ${what}, so it cannot be updated safely.`)
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(current)) {
    if (NOT_STATE.has(key) || omit.includes(key)) continue
    if (isObject(value) && Array.isArray(value.items) && 'href' in value) continue // a nested collection stub
    body[key] = value
  }
  return body
}

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

  const now = config.now ?? Date.now

  interface Call extends CallOptions {
    query?: QueryParams
    json?: unknown
    body?: Uint8Array
    contentType?: string
    /** What the call is about, for messages: "business unit 42". */
    about?: string
    responseType?: 'json' | 'text' | 'buffer'
    /** An empty success is a fine answer to this call (a 204 to a DELETE). Else it is UNREADABLE. */
    allowEmpty?: boolean
  }

  /** Better messages for the errors whose cause Cloutility lets us guess. */
  function explain(err: unknown, call: Call, method: string): unknown {
    if (!isHttpError(err)) return err
    // Something in the way answered (its own message says so): never in Cloutility's terms.
    if (err.kind === 'blocked') return err
    const pm = String(err.details?.providerMessage ?? '').toLowerCase()
    const body = err.responseBody as WireObject | undefined
    const bodyText = `${pm} ${String(body?.message ?? '')}`.toLowerCase()
    switch (err.code) {
      case 'FORBIDDEN':
        if (/origin/.test(bodyText)) {
          return err.withMessage(
            `Cloutility refused the Origin "${config.origin}". It must be exactly the origin registered for this API app (Settings → API access).`
          )
        }
        return err.withMessage(
          `Cloutility refused access to ${call.about ?? 'this object'}: it is outside the home business unit of this API app, or this user lacks the permission.`
        )
      case 'AUTH_FAILED':
        return err.withMessage(
          'Cloutility keeps rejecting the access token even after logging in again. The API app may have been removed or the user locked; check the connection.'
        )
      case 'NOT_FOUND':
        return call.about ? err.withMessage(`Cloutility has no ${call.about} (not created yet, or deleted or moved).`) : err
      case 'CONFLICT':
      case 'VALIDATION':
      case 'UNPROCESSABLE': {
        const said = err.details?.providerMessage
        if (typeof said !== 'string' || !said) return err
        const what = method === 'GET' ? 'request' : 'change'
        return err.withMessage(`Cloutility refused the ${what}${call.about ? ` for ${call.about}` : ''}: ${said}`)
      }
      default:
        // A POST is never repeated automatically; when its answer was lost, say that the change
        // may have happened so the technician looks before sending it again (no duplicate units).
        if (method === 'POST' && !err.notSent && (['unreadable', 'deadline', 'timeout', 'network'].includes(err.kind) || (err.status ?? 0) >= 500)) {
          return err.withMessage(`${err.message} Cloutility may have made the change before the answer was lost: check before trying again.`)
        }
        return err
    }
  }

  async function call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, c: Call = {}): Promise<T> {
    try {
      const res = await httpClient.request<T>({
        method,
        path,
        ...(c.query ? { query: c.query } : {}),
        ...(c.json !== undefined ? { json: c.json } : {}),
        ...(c.body !== undefined ? { body: c.body, contentType: c.contentType ?? 'application/octet-stream' } : {}),
        ...(c.signal ? { signal: c.signal } : {}),
        ...(c.responseType ? { responseType: c.responseType } : {}),
        ...(c.allowEmpty ? { allowEmpty: true } : {})
      })
      return res.body
    } catch (err) {
      throw explain(err, c, method)
    }
  }

  /**
   * Every item of a collection. Cloutility answers whole lists as far as anyone has seen, but the
   * envelope carries `total` and `offset`: when a server answers one page only, the rest is read
   * with offset/limit, and a server that ignores offset cannot loop (a page with nothing new ends it).
   */
  async function collect<W extends WireObject, T extends { id: number }>(
    path: string,
    c: Call,
    mapItem: (w: W) => T | undefined
  ): Promise<T[]> {
    const firstPage = await call<unknown>('GET', path, c)
    const first = map.page<W, T>(firstPage, mapItem)
    const rawCount = (b: unknown) => (isObject(b) && Array.isArray(b.items) ? b.items.length : 0)
    const seen = new Set(first.items.map((i) => i.id))
    const out = [...first.items]
    let fetched = first.offset + rawCount(firstPage)
    const pageSize = rawCount(firstPage)
    for (let guard = 0; pageSize > 0 && fetched < first.total && guard < 10_000; guard++) {
      const body = await call<unknown>('GET', path, { ...c, query: { ...c.query, offset: fetched, limit: pageSize } })
      const next = map.page<W, T>(body, mapItem)
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

  const bu = (id: number) => `/v1/bunits/${positiveId(id, 'business unit')}`
  const cu = (buId: number, cid: number) => `${bu(buId)}/consumers/${positiveId(cid, 'consumption unit')}`
  const aboutBu = (id: number) => `business unit ${id}`
  const aboutCu = (buId: number, cid: number) => `consumption unit ${cid} in business unit ${buId}`

  const firstJobCache = new Map<string, string>()
  /** Which path this server answers job lists at, once known (see jobList). */
  let jobListForm: 'jobs' | 'seed' | undefined

  // --- version, identity, business units -----------------------------------------------------------

  async function fullVersion(o: CallOptions = {}): Promise<string> {
    const v = await call<unknown>('GET', '/v1/fullVersion', o)
    return typeof v === 'string' ? unquote(v) : String(v ?? '')
  }

  async function me(o: CallOptions = {}): Promise<CurrentUser> {
    return map.toCurrentUser(await call('GET', '/v1/me', o))
  }

  /** The business-unit tree of the login (or rooted at `rootId`). */
  async function businessUnitTree(rootId?: number, o: CallOptions = {}): Promise<BusinessUnitNode> {
    const body = await call<WireSimpleBusinessUnit>('GET', '/v1/bunits', {
      ...o,
      ...(rootId !== undefined ? { query: { bunitId: positiveId(rootId, 'business unit') }, about: aboutBu(rootId) } : {})
    })
    const tree = isObject(body) ? map.toBusinessUnitNode(body) : undefined
    if (!tree) throw new AppError('UPSTREAM', 'Cloutility returned no business-unit tree.')
    return tree
  }

  /**
   * Business units whose name contains `term` or whose id is `term` (`GET /v1/search/bunits`).
   * A server without that endpoint (404) is searched through its tree instead.
   */
  async function searchBusinessUnits(term: string, rootId?: number, o: CallOptions = {}): Promise<BusinessUnitNode[]> {
    const text = term.trim()
    if (!text) return []
    try {
      const body = await call('GET', '/v1/search/bunits', { ...o, query: { searchTerm: text, bunitId: rootId } })
      return map.items<WireSimpleBusinessUnit, BusinessUnitNode>(body, (w) => map.toBusinessUnitNode(w))
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err
      logger.info('search endpoint not available; searching the business-unit tree')
      return map.searchTree(await businessUnitTree(rootId, o), text)
    }
  }

  async function businessUnit(id: number, o: CallOptions = {}): Promise<BusinessUnit> {
    const b = map.toBusinessUnit(await call('GET', bu(id), { ...o, about: aboutBu(id) }))
    if (!b) throw new AppError('UPSTREAM', `Cloutility returned an unreadable business unit ${id}.`)
    return b
  }

  async function businessUnitChildren(id: number, o: CallOptions = {}): Promise<BusinessUnit[]> {
    return collect<WireBusinessUnit, BusinessUnit>(`${bu(id)}/bunits`, { ...o, about: aboutBu(id) }, (w) => map.toBusinessUnit(w))
  }

  function buBody(input: Partial<BusinessUnitInput>): Record<string, unknown> {
    const body: Record<string, unknown> = {}
    if (input.name !== undefined) {
      if (!input.name.trim()) throw new AppError('VALIDATION', 'A business unit needs a name.')
      body.name = input.name.trim()
    }
    if (input.registrationNumber !== undefined) body.registrationNumber = input.registrationNumber
    if (input.note !== undefined) body.note = input.note
    if (input.invoiceDay !== undefined) {
      if (!Number.isInteger(input.invoiceDay) || input.invoiceDay < 0 || input.invoiceDay > 31) {
        throw new AppError('VALIDATION', 'The invoice day must be 0 (last day of the month) to 31.')
      }
      body.invoiceDay = input.invoiceDay
    }
    if (input.timeZoneId !== undefined) body.timeZone = { id: positiveId(input.timeZoneId, 'time zone') }
    return body
  }

  async function createBusinessUnit(parentId: number, input: BusinessUnitInput, o: CallOptions = {}): Promise<BusinessUnit> {
    if (!input.name?.trim()) throw new AppError('VALIDATION', 'A business unit needs a name.')
    const created = map.toBusinessUnit(await call('POST', `${bu(parentId)}/bunits`, { ...o, json: buBody(input), about: aboutBu(parentId) }))
    if (!created) throw new AppError('UPSTREAM', 'Cloutility did not return the new business unit.')
    return created
  }

  /** PUT replaces the object: read it, apply the change, send it all (asPutBody). */
  async function updateBusinessUnit(id: number, changes: Partial<BusinessUnitInput>, o: CallOptions = {}): Promise<BusinessUnit> {
    const change = buBody(changes)
    const current = asPutBody(await call<WireBusinessUnit>('GET', bu(id), { ...o, about: aboutBu(id) }), `business unit ${id}`)
    const updated = map.toBusinessUnit(await call('PUT', bu(id), { ...o, json: { ...current, id, ...change }, about: aboutBu(id) }))
    if (!updated) throw new AppError('UPSTREAM', `Cloutility did not return business unit ${id}.`)
    return updated
  }

  async function deleteBusinessUnit(id: number, o: CallOptions = {}): Promise<void> {
    await call('DELETE', bu(id), { ...o, about: aboutBu(id), allowEmpty: true })
  }

  /** The ancestors of a business unit that this login may see, top first. */
  async function ancestors(id: number, o: CallOptions = {}): Promise<BusinessUnit[]> {
    return map.items<WireBusinessUnit, BusinessUnit>(await call('GET', `${bu(id)}/ancestors`, { ...o, about: aboutBu(id) }), (w) => map.toBusinessUnit(w))
  }

  async function user(buId: number, userId: number, o: CallOptions = {}): Promise<User> {
    const u = map.toUser((await call('GET', `${bu(buId)}/users/${positiveId(userId, 'user')}`, { ...o, about: `user ${userId} of ${aboutBu(buId)}` })) ?? {})
    if (!u) throw new AppError('UPSTREAM', `Cloutility returned an unreadable user ${userId}.`)
    return u
  }

  async function deleteUser(buId: number, userId: number, options: { deleteSubscriptions?: boolean; anonymize?: boolean } = {}, o: CallOptions = {}): Promise<void> {
    await call('DELETE', `${bu(buId)}/users/${positiveId(userId, 'user')}`, {
      ...o,
      query: { deleteSubscriptions: options.deleteSubscriptions, anonymize: options.anonymize },
      about: `user ${userId} of ${aboutBu(buId)}`,
      allowEmpty: true
    })
  }

  async function actions(o: CallOptions = {}): Promise<Array<{ id: number; name: string }>> {
    return map.items(await call('GET', '/v1/actions', o), map.toIdName)
  }

  async function timeZone(id: number, o: CallOptions = {}): Promise<TimeZone> {
    const tz = map.toTimeZone(await call('GET', `/v1/timezones/${positiveId(id, 'time zone')}`, { ...o, about: `time zone ${id}` }))
    if (!tz) throw new AppError('UPSTREAM', `Cloutility returned an unreadable time zone ${id}.`)
    return tz
  }

  /** The time zone's UTC offset on a date, as Cloutility reports it. */
  async function timeZoneOffset(id: number, date: Date | string = new Date(), o: CallOptions = {}): Promise<number> {
    const v = num(await call('GET', `/v1/timezones/${positiveId(id, 'time zone')}/offset`, { ...o, query: { date: toDate(date) }, about: `time zone ${id}` }))
    if (v === undefined) throw new AppError('UPSTREAM', `Cloutility returned no offset for time zone ${id}.`)
    return v
  }

  async function users(buId: number, o: CallOptions = {}): Promise<User[]> {
    return collect(`${bu(buId)}/users`, { ...o, about: aboutBu(buId) }, map.toUser)
  }

  async function timeZones(o: CallOptions = {}): Promise<TimeZone[]> {
    return map.items(await call('GET', '/v1/timezones', o), map.toTimeZone)
  }

  // --- consumption units ---------------------------------------------------------------------------

  async function consumers(buId: number, o: CallOptions = {}): Promise<ConsumptionUnit[]> {
    return collect<WireConsumer, ConsumptionUnit>(`${bu(buId)}/consumers`, { ...o, about: aboutBu(buId) }, (w) => map.toConsumptionUnit(w, buId))
  }

  /**
   * The consumption units of a business unit with their node name, status, storage and last
   * backup: two calls (the list and the unit's status report), not one per unit.
   */
  async function consumersWithStatus(buId: number, o: CallOptions = {}): Promise<ConsumptionUnit[]> {
    const [list, report] = await Promise.all([consumers(buId, o), businessUnitStatusReport(buId, {}, o).catch((err: unknown) => {
      // The list is still useful without the report (e.g. the user may not view reports).
      logger.warn('status report unavailable; consumption units shown without status', { code: (err as AppError).code })
      return undefined
    })])
    if (!report) return list
    const byConsumer = new Map<number, NodeReport>()
    for (const r of map.allNodeReports(report)) if (r.consumerId !== undefined) byConsumer.set(r.consumerId, r)
    return list.map((c) => map.withReport(c, byConsumer.get(c.id)))
  }

  async function consumer(buId: number, cid: number, o: CallOptions = {}): Promise<ConsumptionUnit> {
    const c = map.toConsumptionUnit(await call<WireConsumer>('GET', cu(buId, cid), { ...o, about: aboutCu(buId, cid) }), buId)
    if (!c) throw new AppError('UPSTREAM', `Cloutility returned an unreadable consumption unit ${cid}.`)
    return c
  }

  function consumerBody(input: Partial<ConsumptionUnitInput>): Record<string, unknown> {
    const body: Record<string, unknown> = {}
    if (input.name !== undefined) {
      if (!input.name.trim()) throw new AppError('VALIDATION', 'A consumption unit needs a name.')
      body.name = input.name.trim()
    }
    if (input.note !== undefined) body.note = input.note
    if (input.externalReference !== undefined) body.externalReference = input.externalReference
    if (input.billingStartDate !== undefined) body.billingStartDate = toDate(input.billingStartDate)?.toISOString()
    if (input.allowNoActivity !== undefined) body.allowNoActivity = input.allowNoActivity
    if (input.limitHighStorage !== undefined) body.limitHighStorage = input.limitHighStorage
    return body
  }

  async function createConsumer(buId: number, input: ConsumptionUnitInput, o: CallOptions = {}): Promise<ConsumptionUnit> {
    if (!input.name?.trim()) throw new AppError('VALIDATION', 'A consumption unit needs a name.')
    const c = map.toConsumptionUnit(await call<WireConsumer>('POST', `${bu(buId)}/consumers`, { ...o, json: consumerBody(input), about: aboutBu(buId) }), buId)
    if (!c) throw new AppError('UPSTREAM', 'Cloutility did not return the new consumption unit.')
    return c
  }

  /** PUT replaces the object: read it, apply the change, send it all (asPutBody). */
  async function updateConsumer(buId: number, cid: number, changes: Partial<ConsumptionUnitInput>, o: CallOptions = {}): Promise<ConsumptionUnit> {
    const change = consumerBody(changes)
    const current = asPutBody(await call<WireConsumer>('GET', cu(buId, cid), { ...o, about: aboutCu(buId, cid) }), `consumption unit ${cid}`)
    const c = map.toConsumptionUnit(await call<WireConsumer>('PUT', cu(buId, cid), { ...o, json: { ...current, id: cid, ...change }, about: aboutCu(buId, cid) }), buId)
    if (!c) throw new AppError('UPSTREAM', `Cloutility did not return consumption unit ${cid}.`)
    return c
  }

  async function deleteConsumer(
    buId: number,
    cid: number,
    options: { deleteAssociations?: boolean; deletionComment?: string } = {},
    o: CallOptions = {}
  ): Promise<void> {
    await call('DELETE', cu(buId, cid), {
      ...o,
      query: { deleteAssociations: options.deleteAssociations ?? true, deletionComment: options.deletionComment || undefined },
      about: aboutCu(buId, cid),
      allowEmpty: true
    })
  }

  // --- nodes ---------------------------------------------------------------------------------------

  /** The backup node, or null when the consumption unit has none yet. */
  async function node(buId: number, cid: number, o: CallOptions = {}): Promise<BackupNode | null> {
    try {
      const n = map.toBackupNode(await call('GET', `${cu(buId, cid)}/node`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` }), cid)
      if (!n) throw new AppError('UPSTREAM', `Cloutility returned an unreadable node for consumption unit ${cid}.`)
      return n
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err
      await consumer(buId, cid, o) // throws NOT_FOUND when the consumption unit itself is gone
      return null
    }
  }

  /**
   * The nodes of several consumption units (no bulk endpoint exists: one GET each, bounded by the
   * connection's concurrency limit). For the OS and node-type columns of the rows on screen.
   * A unit whose node cannot be read maps to null rather than failing the batch.
   */
  async function nodesOf(buId: number, cids: readonly number[], o: CallOptions = {}): Promise<Map<number, BackupNode | null>> {
    const out = new Map<number, BackupNode | null>()
    await Promise.all(
      [...new Set(cids)].map(async (cid) => {
        try {
          out.set(cid, map.toBackupNode(await call('GET', `${cu(buId, cid)}/node`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` }), cid) ?? null)
        } catch (err) {
          if (o.signal?.aborted || (err instanceof AppError && (err.code === 'AUTH_FAILED' || err.code === 'CANCELLED'))) throw err
          out.set(cid, null)
        }
      })
    )
    return out
  }

  function nodeBody(input: Partial<BackupNodeInput>): Record<string, unknown> {
    const body: Record<string, unknown> = {}
    if (input.operatingSystemId !== undefined) body.operatingSystem = ref(positiveId(input.operatingSystemId, 'operating system'))
    if (input.typeId !== undefined) body.type = ref(positiveId(input.typeId, 'node type'))
    if (input.domainId !== undefined) body.domain = ref(positiveId(input.domainId, 'domain'))
    if (input.clientOptionSetId !== undefined) body.clientOptionSet = ref(positiveId(input.clientOptionSetId, 'client option set'))
    if (input.serverId !== undefined) body.server = ref(positiveId(input.serverId, 'server'))
    if (input.contact !== undefined) body.contact = input.contact
    if (input.cpuCount !== undefined) {
      if (!Number.isInteger(input.cpuCount) || input.cpuCount < 1 || input.cpuCount > 1024) {
        throw new AppError('VALIDATION', 'The CPU count must be a whole number from 1 to 1024.')
      }
      body.cpuCount = input.cpuCount
    }
    return body
  }

  function readNode(body: unknown, cid: number, what: string): BackupNode {
    const n = map.toBackupNode(body, cid)
    if (!n) throw new AppError('UPSTREAM', `Cloutility did not return the node ${what}.`)
    return n
  }

  async function createNode(buId: number, cid: number, input: BackupNodeInput, o: CallOptions = {}): Promise<BackupNode> {
    const body = await call('POST', `${cu(buId, cid)}/node`, { ...o, json: nodeBody(input), about: aboutCu(buId, cid) })
    return readNode(body, cid, 'it created')
  }

  /**
   * PUT replaces the node: read it, apply the change, send it all (operating system, type, domain,
   * option set, contact, CPU count and the rest as read), as the business-unit and consumption-unit
   * updates do. The SP password is left out: it has its own endpoint (node/password) and is a secret.
   */
  async function updateNode(buId: number, cid: number, changes: Partial<BackupNodeInput>, o: CallOptions = {}): Promise<BackupNode> {
    const change = nodeBody(changes)
    const about = `backup node of ${aboutCu(buId, cid)}`
    const current = await call<WireNode>('GET', `${cu(buId, cid)}/node`, { ...o, about })
    if (isObject(current)) secrets.add(str(current.tsmPassword))
    const body = await call('PUT', `${cu(buId, cid)}/node`, { ...o, json: { ...asPutBody(current, `node of consumption unit ${cid}`, ['tsmPassword']), ...change }, about })
    return readNode(body, cid, 'it updated')
  }

  /** Deletes the node and, with it, the consumption unit (Cloutility's rule). */
  async function deleteNode(buId: number, cid: number, options: { deleteAssociations?: boolean } = {}, o: CallOptions = {}): Promise<void> {
    await call('DELETE', `${cu(buId, cid)}/node`, {
      ...o,
      query: { deleteAssociations: options.deleteAssociations ?? true },
      about: `backup node of ${aboutCu(buId, cid)}`,
      allowEmpty: true
    })
  }

  async function setNodePassword(buId: number, cid: number, password: string, o: CallOptions = {}): Promise<void> {
    checkNodePassword(password)
    secrets.add(password)
    // The answer is not read: an empty success is as good as the node.
    await call('POST', `${cu(buId, cid)}/node/password`, { ...o, json: { tsmPassword: password }, about: `backup node of ${aboutCu(buId, cid)}`, allowEmpty: true })
  }

  /** Cloutility's proposal for the SP node name (spname answers a JSON string). */
  async function proposeNodeName(buId: number, cid: number, o: CallOptions = {}): Promise<string> {
    const body = await call<unknown>('GET', `${cu(buId, cid)}/node/spname`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` })
    const name = typeof body === 'string' ? unquote(body) : ''
    if (!name) throw new AppError('UPSTREAM', 'Cloutility did not propose a node name.')
    return name.toUpperCase()
  }

  /** The node's SP name and password as Cloutility holds them. Main-only. */
  async function nodeCredentials(buId: number, cid: number, o: CallOptions = {}): Promise<NodeCredentials | null> {
    const body = await call<WireNode>('GET', `${cu(buId, cid)}/node`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` })
    const nodeName = str(body?.tsmName)
    const password = str(body?.tsmPassword)
    if (!nodeName || !password) return null
    secrets.add(password)
    return { nodeName, password }
  }

  /**
   * Activates the node on the backup server. The name is checked against the IBM Storage Protect
   * rules first; without one, Cloutility's proposal (spname) is used.
   */
  async function activateNode(buId: number, cid: number, nodeName?: string, o: CallOptions = {}): Promise<ActivationResult> {
    const name = normalizeNodeName(nodeName === undefined ? await proposeNodeName(buId, cid, o) : nodeName)
    let answered: unknown
    try {
      answered = await call<unknown>('GET', `${cu(buId, cid)}/node/activate`, {
        ...o,
        query: { tsmName: name },
        about: `backup node of ${aboutCu(buId, cid)}`
      })
    } catch (err) {
      // activate is a GET, so the HTTP layer retries it after a cut-off answer; when the first
      // try went through, the retry is refused as "already registered". If the node now carries
      // the name we asked for, the activation is ours: carry on (and capture its password).
      if (!(err instanceof AppError) || err.code !== 'CONFLICT' || !(Number(err.details?.attempts) > 1)) throw err
      const current = await call<WireNode>('GET', `${cu(buId, cid)}/node`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` })
      if (str(current?.tsmName)?.toUpperCase() !== name.toUpperCase()) throw err
      answered = name
    }
    const finalName = typeof answered === 'string' && unquote(answered) ? unquote(answered).toUpperCase() : name
    const body = await call<WireNode>('GET', `${cu(buId, cid)}/node`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` })
    const password = str(body?.tsmPassword)
    if (password) secrets.add(password)
    return {
      nodeName: finalName,
      node: readNode(body, cid, 'it activated'),
      credentials: password ? { nodeName: str(body?.tsmName) ?? finalName, password } : null
    }
  }

  async function filespaces(buId: number, cid: number, options: { tsmSync?: boolean } = {}, o: CallOptions = {}): Promise<Filespace[]> {
    const body = await call('GET', `${cu(buId, cid)}/node/filespaces`, {
      ...o,
      query: { tsmSync: options.tsmSync ?? false },
      about: `backup node of ${aboutCu(buId, cid)}`
    })
    return map.items(body, map.toFilespace)
  }

  async function possibleProxyNodes(buId: number, cid: number, o: CallOptions = {}): Promise<ProxyNode[]> {
    return map.items(await call('GET', `${cu(buId, cid)}/node/possibleproxynodes`, { ...o, about: `backup node of ${aboutCu(buId, cid)}` }), map.toProxyNode)
  }

  async function proxyRelations(buId: number, cid: number, o: CallOptions = {}): Promise<ProxyRelations> {
    const n = await node(buId, cid, o)
    return n ? n.proxy : { agents: [], targets: [] }
  }

  /** The relations from the node a proxy call answered; an empty answer (204) is read back from the node. */
  const proxyResult = async (body: unknown, buId: number, cid: number, o: CallOptions): Promise<ProxyRelations> => {
    const answered = map.toBackupNode(body, cid)
    if (answered) return answered.proxy
    return proxyRelations(buId, cid, o)
  }

  /** Lets node `agentCid` act for node `targetCid` (granted from the target's side). */
  async function grantProxyAgent(buId: number, targetCid: number, agentCid: number, o: CallOptions = {}): Promise<ProxyRelations> {
    const body = await call('POST', `${cu(buId, targetCid)}/node/proxyagents`, {
      ...o,
      query: { proxyAgentId: positiveId(agentCid, 'consumption unit') },
      about: `proxy relation of ${aboutCu(buId, targetCid)}`,
      allowEmpty: true
    })
    return proxyResult(body, buId, targetCid, o)
  }

  /** Lets node `agentCid` act for node `targetCid` (granted from the agent's side). */
  async function grantProxyTarget(buId: number, agentCid: number, targetCid: number, o: CallOptions = {}): Promise<ProxyRelations> {
    const body = await call('POST', `${cu(buId, agentCid)}/node/proxytargets`, {
      ...o,
      query: { proxyTargetId: positiveId(targetCid, 'consumption unit') },
      about: `proxy relation of ${aboutCu(buId, agentCid)}`,
      allowEmpty: true
    })
    return proxyResult(body, buId, agentCid, o)
  }

  async function revokeProxyAgent(buId: number, targetCid: number, agentCid: number, o: CallOptions = {}): Promise<ProxyRelations> {
    const body = await call('DELETE', `${cu(buId, targetCid)}/node/proxyagents/${positiveId(agentCid, 'consumption unit')}`, {
      ...o,
      about: `proxy relation between ${targetCid} and ${agentCid}`,
      allowEmpty: true
    })
    return proxyResult(body, buId, targetCid, o)
  }

  async function revokeProxyTarget(buId: number, agentCid: number, targetCid: number, o: CallOptions = {}): Promise<ProxyRelations> {
    const body = await call('DELETE', `${cu(buId, agentCid)}/node/proxytargets/${positiveId(targetCid, 'consumption unit')}`, {
      ...o,
      about: `proxy relation between ${targetCid} and ${agentCid}`,
      allowEmpty: true
    })
    return proxyResult(body, buId, agentCid, o)
  }

  // --- jobs ----------------------------------------------------------------------------------------

  /**
   * When the first job completed: the earliest startTime the jobs list accepts. Only `completed`
   * of jobs/first is read; its other fields are placeholders. null = no jobs yet. Cached per unit.
   */
  async function firstJobTime(buId: number, cid: number, o: CallOptions & { refresh?: boolean } = {}): Promise<string | null> {
    const key = `${buId}/${cid}`
    const cached = firstJobCache.get(key)
    if (!o.refresh && cached !== undefined) return cached
    let value: string | null
    try {
      value = map.firstJobCompleted(await call('GET', `${cu(buId, cid)}/jobs/first`, { ...o, about: `first job of ${aboutCu(buId, cid)}` }))
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err
      await consumer(buId, cid, o) // a missing unit is an error; a unit without jobs is not
      value = null
    }
    // "No jobs yet" changes with the next backup: only a real time is kept.
    if (value !== null) firstJobCache.set(key, value)
    return value
  }

  /**
   * Jobs in a time range (default: the last 24 hours), with the start moved up to the first
   * job's time when it is earlier than Cloutility allows.
   */
  async function jobs(buId: number, cid: number, range: DateRange = {}, o: CallOptions = {}): Promise<JobList> {
    const end = toDate(range.end) ?? new Date(now())
    const wanted = toDate(range.start) ?? new Date(end.getTime() - DAY_MS)
    if (wanted.getTime() > end.getTime()) throw new AppError('VALIDATION', 'The start of the range is after its end.')

    for (let attempt = 0; ; attempt++) {
      const earliest = await firstJobTime(buId, cid, { ...o, refresh: attempt > 0 })
      const earliestMs = earliest === null ? undefined : Date.parse(earliest)
      const clamped = earliestMs !== undefined && wanted.getTime() < earliestMs
      const start = clamped ? new Date(earliestMs) : wanted
      const rangeOut = { start: start.toISOString(), end: end.toISOString(), earliest, clamped }
      if (earliest === null || start.getTime() > end.getTime()) return { jobs: [], range: rangeOut }
      try {
        return { jobs: map.items(await jobList(buId, cid, start, end, o), map.toJob), range: rangeOut }
      } catch (err) {
        // The first job may have moved (old jobs expired): learn it again once.
        if (attempt === 0 && err instanceof AppError && err.code === 'VALIDATION' && /start/i.test(String(err.details?.providerMessage ?? err.message))) continue
        throw err
      }
    }
  }

  /**
   * One window of jobs. The help pages name the list `jobs?startTime=&endTime=`; the seed guide
   * documents it as `jobs/first?startTime=&endTime=`. `/jobs` is asked first, and a server without
   * that route (404 or 405) is asked the seed's way; the form that answered is kept for this client.
   */
  async function jobList(buId: number, cid: number, start: Date, end: Date, o: CallOptions): Promise<unknown> {
    const c: Call = { ...o, query: { startTime: start, endTime: end }, about: `jobs of ${aboutCu(buId, cid)}` }
    if (jobListForm !== 'seed') {
      try {
        const body = await call('GET', `${cu(buId, cid)}/jobs`, c)
        jobListForm = 'jobs'
        return body
      } catch (err) {
        const status = err instanceof AppError ? err.details?.status : undefined
        if (jobListForm === 'jobs' || (status !== 404 && status !== 405)) throw err
        logger.info(`GET …/jobs answered ${String(status)}; asking for the job list at jobs/first?startTime=&endTime= (the seed's form)`)
      }
    }
    const body = await call<unknown>('GET', `${cu(buId, cid)}/jobs/first`, c)
    // Without the time window the same path answers the first job alone: that is no job list.
    if (!Array.isArray(body) && !(isObject(body) && Array.isArray(body.items))) {
      throw new AppError('UNREADABLE', `Cloutility answered the job list of ${aboutCu(buId, cid)} with something other than a list of jobs.`)
    }
    jobListForm = 'seed'
    return body
  }

  // --- reports -------------------------------------------------------------------------------------

  async function reports(buId: number, cid: number, query: ReportQuery = {}, o: CallOptions = {}): Promise<NodeReport[]> {
    const body = await call('GET', `${cu(buId, cid)}/reports`, {
      ...o,
      query: { startDate: toDate(query.start), endDate: toDate(query.end), status: query.status, warnings: query.warnings },
      about: `reports of ${aboutCu(buId, cid)}`
    })
    return map.items(body, map.toNodeReport)
  }

  async function latestReport(buId: number, cid: number, options: { userId?: number } = {}, o: CallOptions = {}): Promise<NodeReport | null> {
    const body = await call<unknown>('GET', `${cu(buId, cid)}/reports/latest`, {
      ...o,
      query: { userId: options.userId },
      about: `latest report of ${aboutCu(buId, cid)}`
    })
    return isObject(body) ? (map.toNodeReport(body) ?? null) : null
  }

  async function nodeWarningTypes(o: CallOptions = {}): Promise<NodeWarningType[]> {
    return map.items(await call('GET', '/v1/nodewarningtypes', o), map.toNodeWarningType)
  }

  /** The latest status report of a business unit: every node of its subtree in one call. */
  async function businessUnitStatusReport(buId: number, options: { userId?: number } = {}, o: CallOptions = {}): Promise<StatusReport> {
    const body = await call('GET', `${bu(buId)}/reports/latest`, { ...o, query: { userId: options.userId }, about: `status report of ${aboutBu(buId)}` })
    return map.toStatusReport(body)
  }

  /** The same report's node reports, mapped and handed to `visit` one at a time (see map.eachNodeReport). */
  async function eachBusinessUnitNodeReport(buId: number, visit: (r: NodeReport) => void, o: CallOptions = {}): Promise<void> {
    map.eachNodeReport(await call('GET', `${bu(buId)}/reports/latest`, { ...o, about: `status report of ${aboutBu(buId)}` }), visit)
  }

  async function businessUnitReports(
    buId: number,
    query: DateRange & { type?: 'combined' | 'resale' | 'internal' } = {},
    o: CallOptions = {}
  ): Promise<StatusReport[]> {
    const body = await call('GET', `${bu(buId)}/reports`, {
      ...o,
      query: { type: query.type, startDate: toDate(query.start), endDate: toDate(query.end) },
      about: `reports of ${aboutBu(buId)}`
    })
    return map.items(body, (w: WireObject) => map.toStatusReport(w))
  }

  // --- audit logs ----------------------------------------------------------------------------------

  function auditQuery(q: AuditLogQuery): QueryParams {
    if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1)) throw new AppError('VALIDATION', 'The page size must be a positive whole number.')
    if (q.offset !== undefined && (!Number.isInteger(q.offset) || q.offset < 0)) throw new AppError('VALIDATION', 'The offset must be 0 or more.')
    return {
      includeDescendants: q.includeDescendants,
      limit: q.limit,
      offset: q.offset,
      orderDesc: q.orderDesc,
      startTime: toDate(q.start),
      endTime: toDate(q.end),
      types: q.types?.map((t) => AUDIT_LOG_TYPE_CODES[t])
    }
  }

  async function consumerAuditLogs(buId: number, cid: number, query: AuditLogQuery = {}, o: CallOptions = {}): Promise<Page<AuditLogEntry>> {
    const body = await call('GET', `${cu(buId, cid)}/auditlogs`, { ...o, query: auditQuery(query), about: `audit log of ${aboutCu(buId, cid)}` })
    return map.page(body, map.toAuditLogEntry)
  }

  async function businessUnitAuditLogs(buId: number, query: AuditLogQuery = {}, o: CallOptions = {}): Promise<Page<AuditLogEntry>> {
    const body = await call('GET', `${bu(buId)}/auditlogs`, { ...o, query: auditQuery(query), about: `audit log of ${aboutBu(buId)}` })
    return map.page(body, map.toAuditLogEntry)
  }

  // --- server lists --------------------------------------------------------------------------------

  async function defaultServer(buId: number, o: CallOptions = {}): Promise<BackupServer> {
    const s = map.toBackupServer(await call('GET', `${bu(buId)}/defaultserver`, { ...o, about: `default server of ${aboutBu(buId)}` }))
    if (!s) throw new AppError('UPSTREAM', 'Cloutility returned no default backup server.')
    return s
  }

  async function domains(buId: number, o: CallOptions = {}): Promise<Domain[]> {
    return map.items(await call('GET', `${bu(buId)}/defaultserver/domains`, { ...o, about: aboutBu(buId) }), map.toDomain)
  }

  async function clientOptionSets(buId: number, o: CallOptions = {}): Promise<ClientOptionSet[]> {
    return map.items(await call('GET', `${bu(buId)}/defaultserver/clientoptionsets`, { ...o, about: aboutBu(buId) }), map.toClientOptionSet)
  }

  async function operatingSystems(o: CallOptions = {}): Promise<OperatingSystem[]> {
    return map.items(await call('GET', '/v1/nodeoperatingsystems', o), map.toOperatingSystem)
  }

  async function operatingSystem(id: number, o: CallOptions = {}): Promise<OperatingSystem> {
    const os = map.toOperatingSystem(await call('GET', `/v1/nodeoperatingsystems/${positiveId(id, 'operating system')}`, { ...o, about: `operating system ${id}` }))
    if (!os) throw new AppError('UPSTREAM', `Cloutility returned an unreadable operating system ${id}.`)
    return os
  }

  async function nodeTypes(o: CallOptions = {}): Promise<NodeType[]> {
    return map.items(await call('GET', '/v1/nodetypes', o), map.toNodeType)
  }

  async function nodeType(id: number, o: CallOptions = {}): Promise<NodeType> {
    const t = map.toNodeType(await call('GET', `/v1/nodetypes/${positiveId(id, 'node type')}`, { ...o, about: `node type ${id}` }))
    if (!t) throw new AppError('UPSTREAM', `Cloutility returned an unreadable node type ${id}.`)
    return t
  }

  // --- rules, provider, events (help pages; not in the seed guide) -----------------------------------

  /** The node naming rule in force for a business unit (its own or inherited). */
  async function nodeNamingRule(buId: number, o: CallOptions = {}): Promise<NodeNamingRule | null> {
    return map.toNodeNamingRule(await call('GET', `${bu(buId)}/inheritednodenamingrule`, { ...o, about: `node naming rule of ${aboutBu(buId)}` }))
  }

  /** What deleting a node does on the server (retention, decommission), for delete confirmations. */
  async function nodeDeletionRule(buId: number, o: CallOptions = {}): Promise<NodeDeletionRule | null> {
    return map.toNodeDeletionRule(await call('GET', `${bu(buId)}/nodedeletionrule`, { ...o, about: `node deletion rule of ${aboutBu(buId)}` }))
  }

  /** The first ancestor with a contract: who provides the service to this unit. */
  async function providerBusinessUnit(buId: number, o: CallOptions = {}): Promise<BusinessUnitNode | null> {
    const body = await call('GET', `${bu(buId)}/provider`, { ...o, about: `provider of ${aboutBu(buId)}` })
    return isObject(body) ? (map.toBusinessUnitNode(body) ?? null) : null
  }

  /** SP schedule events of a consumption unit's node. */
  async function events(buId: number, cid: number, o: CallOptions = {}): Promise<NodeEvent[]> {
    return map.items(await call('GET', `${cu(buId, cid)}/events`, { ...o, about: `events of ${aboutCu(buId, cid)}` }), map.toNodeEvent)
  }

  // --- billing -------------------------------------------------------------------------------------

  /** The business unit's contract, or null when it has none. */
  async function contract(buId: number, o: CallOptions = {}): Promise<Contract | null> {
    try {
      // "Returns nothing if the BU has no contract" (help page): here an empty answer is one.
      return map.toContract(await call('GET', `${bu(buId)}/contract`, { ...o, about: `contract of ${aboutBu(buId)}`, allowEmpty: true }))
    } catch (err) {
      // A unit without a contract may answer 404 as well as "nothing".
      if (err instanceof AppError && err.code === 'NOT_FOUND' && /contract/i.test(String(err.details?.providerMessage ?? ''))) return null
      throw err
    }
  }

  async function invoices(buId: number, o: CallOptions = {}): Promise<Invoice[]> {
    return map.items(await call('GET', `${bu(buId)}/invoices`, { ...o, about: `invoices of ${aboutBu(buId)}` }), map.toInvoice)
  }

  /** The invoice of a date (YYYY-MM-DD, from Invoice.date); a future date gives a simulated one. */
  async function invoiceByDate(buId: number, date: string, o: CallOptions = {}): Promise<Invoice> {
    const inv = map.toInvoice(await call('GET', `${bu(buId)}/invoices/${ymd(date)}`, { ...o, about: `invoice of ${date} for ${aboutBu(buId)}` }))
    if (!inv) throw new AppError('UPSTREAM', `Cloutility returned an unreadable invoice for ${date}.`)
    return inv
  }

  async function invoiceFiles(buId: number, o: CallOptions = {}): Promise<InvoiceFile[]> {
    return map.items(await call('GET', `${bu(buId)}/invoicefiles`, { ...o, about: `invoice files of ${aboutBu(buId)}` }), map.toInvoiceFile)
  }

  /** Uploads an invoice PDF (multipart/form-data, as a browser form would). */
  async function uploadInvoicePdf(buId: number, pdf: Uint8Array, options: InvoiceUpload = {}, o: CallOptions = {}): Promise<InvoiceFile> {
    const bytes = Buffer.from(pdf)
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('VALIDATION', 'The file is not a PDF.')
    const fileName = (options.fileName ?? 'invoice.pdf').replace(/["\r\n\\/]/g, '_')
    const boundary = `----backdesk${randomBytes(12).toString('hex')}`
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`)
    ])
    const res = await call('POST', `${bu(buId)}/invoicefiles`, {
      ...o,
      query: { erpReference: options.erpReference || undefined, sendToBillingAddress: options.sendToBillingAddress ?? false },
      body,
      contentType: `multipart/form-data; boundary=${boundary}`,
      about: `invoice files of ${aboutBu(buId)}`
    })
    const file = isObject(res) ? map.toInvoiceFile(res) : undefined
    if (!file) throw new AppError('UPSTREAM', 'Cloutility did not confirm the uploaded invoice file.')
    return file
  }

  async function billing(buId: number, options: { includeNext?: number } = {}, o: CallOptions = {}): Promise<BillingData[]> {
    const next = options.includeNext
    if (next !== undefined && (!Number.isInteger(next) || next < 0)) throw new AppError('VALIDATION', 'includeNext must be 0 or more.')
    return map.items(await call('GET', `${bu(buId)}/billing`, { ...o, query: { includeNext: next }, about: `billing data of ${aboutBu(buId)}` }), map.toBillingData)
  }

  async function billingByDate(buId: number, date: string, options: { useForecasting?: boolean } = {}, o: CallOptions = {}): Promise<BillingData> {
    const b = map.toBillingData(
      await call('GET', `${bu(buId)}/billing/${ymd(date)}`, {
        ...o,
        query: { useForecasting: options.useForecasting },
        about: `billing data of ${date} for ${aboutBu(buId)}`
      })
    )
    if (!b) throw new AppError('UPSTREAM', `Cloutility returned unreadable billing data for ${date}.`)
    return b
  }

  return {
    fullVersion,
    me,
    businessUnitTree,
    searchBusinessUnits,
    businessUnit,
    businessUnitChildren,
    createBusinessUnit,
    updateBusinessUnit,
    deleteBusinessUnit,
    ancestors,
    users,
    user,
    deleteUser,
    actions,
    timeZones,
    timeZone,
    timeZoneOffset,
    consumers,
    consumersWithStatus,
    consumer,
    createConsumer,
    updateConsumer,
    deleteConsumer,
    node,
    nodesOf,
    createNode,
    updateNode,
    deleteNode,
    setNodePassword,
    proposeNodeName,
    nodeCredentials,
    activateNode,
    filespaces,
    possibleProxyNodes,
    proxyRelations,
    grantProxyAgent,
    grantProxyTarget,
    revokeProxyAgent,
    revokeProxyTarget,
    firstJobTime,
    jobs,
    events,
    nodeNamingRule,
    nodeDeletionRule,
    providerBusinessUnit,
    reports,
    latestReport,
    nodeWarningTypes,
    businessUnitStatusReport,
    eachBusinessUnitNodeReport,
    businessUnitReports,
    consumerAuditLogs,
    businessUnitAuditLogs,
    defaultServer,
    domains,
    clientOptionSets,
    operatingSystems,
    operatingSystem,
    nodeTypes,
    nodeType,
    contract,
    invoices,
    invoiceByDate,
    invoiceFiles,
    uploadInvoicePdf,
    billing,
    billingByDate,
    /** Login state, for diagnostics and tests. */
    get tokenStats() {
      return auth.tokenStats
    },
    /** One refresh grant now (the connection probe): may this API app refresh tokens? */
    verifyRefresh: (o: CallOptions = {}) => auth.verifyRefresh(o.signal),
    /** Drops the token (e.g. when the vault locks). */
    logout: () => auth.reset(),
    close: () => httpClient.close(),
    destroy: () => httpClient.destroy()
  }
}

