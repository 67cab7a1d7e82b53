// CloudAlly client: typed endpoint functions over one private request(). Paged lists are
// followed transparently with large pages (page/pageSize/nextPageToken; envelope
// data/page/totalPages/total/nextPageToken). GETs are retried by the HTTP layer on 429/5xx;
// POST /v1/restore never is (see createRestore).

import type {
  CloudAllyBackupTask,
  CloudAllyBill,
  CloudAllyPartner,
  CloudAllyReseller,
  CloudAllyStatusEntry,
  CloudAllyTask,
  CloudAllyUser
} from '../../../../shared/providers/cloudally/model'
import { AppError } from '../../../../shared/errors'
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../http'
import { isHttpError } from '../../http/errors'
import type { QueryParams } from '../../http/body'
import { silentLogger, type Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import { CloudAllyAuth, type CloudAllyCredentials } from './auth'
import type { WirePage, WireRestoreRequest } from './dto'
import {
  mapBill,
  mapPartner,
  mapReseller,
  mapRestoreJob,
  mapStatusEntry,
  mapTask,
  mapUser,
  type RestoreJobState
} from './map'
import { num, rec, text } from '../wire'
import { checkBackupTask } from './schema'

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

export interface RestoreRequest {
  taskId: string
  kind: 'restore' | 'download'
  /** ISO date-time; absent = the latest snapshot. */
  snapshotDate?: string
  /** Entities (mailboxes, sites, users…) to restore; empty = all. */
  entities?: string[]
  /** Items (folders, files, messages…) to restore; empty = all. */
  items?: string[]
}

const MAX_PAGES = 10_000

/**
 * Routes known only from the seed (API Evangelist's third-party OpenAPI profile of CloudAlly): no
 * public client calls them, so their paths and shapes are the seed's word, not the live service's.
 * Backup-task and restore features use them; "Test connection" never depends on them.
 */
export const SEED_ONLY_ROUTES = {
  backupTasks: '/v1/backup-tasks',
  restore: '/v1/restore'
} as const

export class CloudAllyClient {
  readonly http: HttpClient
  readonly auth: CloudAllyAuth
  private readonly pageSize: number
  private billsPath: string | undefined

  constructor(
    readonly config: CloudAllyConfig,
    deps: CloudAllyClientDeps = {}
  ) {
    const logger = (deps.logger ?? silentLogger).child('cloudally')
    this.http = createHttpClient({
      name: 'cloudally',
      label: 'CloudAlly',
      logger,
      ...(deps.secrets ? { secrets: deps.secrets } : {}),
      ...deps.http,
      baseUrl: config.baseUrl,
      ...(config.customCa ? { ca: config.customCa } : {}),
      // Resolved at call time: the auth hook needs this same HTTP client for its token requests.
      auth: {
        authorize: (h, s) => this.auth.authorize(h, s),
        onUnauthorized: (c) => this.auth.onUnauthorized(c)
      }
    })
    this.auth = new CloudAllyAuth({
      http: this.http,
      credentials: config,
      logger,
      ...(deps.secrets ? { secrets: deps.secrets } : {}),
      ...(deps.now ? { now: deps.now } : {})
    })
    this.pageSize = deps.pageSize ?? 500
  }

  private async get(path: string, query?: QueryParams, signal?: AbortSignal): Promise<unknown> {
    const res = await this.http.request({ method: 'GET', path, ...(query ? { query } : {}), ...(signal ? { signal } : {}) })
    return res.body
  }

  /**
   * Every item of a paged list, page after page, each row once. Every request names its `page`,
   * and a follow-up also carries the `nextPageToken` the server gave, as both real clients do
   * (jancotanis/cloudally, jancotanis/Monitoring): a server may page by either. It ends at
   * `totalPages`, at an empty page, or when a page brings only rows already seen (a server that
   * ignores both would otherwise repeat its first page forever). A plain array is one page.
   */
  async *pages(path: string, query: QueryParams = {}, signal?: AbortSignal): AsyncGenerator<unknown[], void, undefined> {
    let page = 1
    let token: string | undefined
    const seen = new Set<string>()
    const fresh = (rows: unknown[]) =>
      rows.filter((row) => {
        const key = JSON.stringify(row)
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
    for (let i = 0; i < MAX_PAGES; i++) {
      const q: QueryParams = { ...query, pageSize: this.pageSize, page }
      if (token) q.nextPageToken = token
      const body = await this.get(path, q, signal)
      if (Array.isArray(body)) {
        yield fresh(body)
        return
      }
      const env = rec(body) as WirePage
      if (!Array.isArray(env.data)) {
        throw new AppError('UNREADABLE', `CloudAlly answered ${path} without a list (no "data" in its answer).`, { details: { path } })
      }
      const rows = fresh(env.data)
      if (env.data.length > 0 && rows.length === 0) return // the server repeated a page: nothing new will come
      yield rows
      const current = num(env.page) ?? page
      const totalPages = num(env.totalPages)
      const next = env.nextPageToken === null || env.nextPageToken === undefined ? undefined : text(env.nextPageToken)
      if (env.data.length === 0) return
      if (totalPages !== undefined ? current >= totalPages : !next) return
      token = next
      page = current + 1
    }
  }

  async *iterate(path: string, query?: QueryParams, signal?: AbortSignal): AsyncGenerator<unknown, void, undefined> {
    for await (const page of this.pages(path, query, signal)) yield* page
  }

  async listAll(path: string, options: { query?: QueryParams; limit?: number; signal?: AbortSignal } = {}): Promise<unknown[]> {
    const out: unknown[] = []
    for await (const page of this.pages(path, options.query, options.signal)) {
      for (const item of page) {
        out.push(item)
        if (options.limit !== undefined && out.length >= options.limit) return out
      }
    }
    return out
  }

  // --- partner endpoints ------------------------------------------------------------------

  async partner(signal?: AbortSignal): Promise<CloudAllyPartner> {
    return mapPartner(await this.get('/v1/partners', undefined, signal))
  }

  async status(options: { limit?: number; signal?: AbortSignal } = {}): Promise<CloudAllyStatusEntry[]> {
    return (await this.listAll('/v1/partners/status', options)).map(mapStatusEntry)
  }

  async tasks(options: { limit?: number; signal?: AbortSignal } = {}): Promise<CloudAllyTask[]> {
    return (await this.listAll('/v1/partners/tasks', options)).map(mapTask)
  }

  async resellers(options: { limit?: number; signal?: AbortSignal } = {}): Promise<CloudAllyReseller[]> {
    return (await this.listAll('/v1/partners/resellers', options)).map(mapReseller)
  }

  async reseller(id: string, signal?: AbortSignal): Promise<CloudAllyReseller> {
    return mapReseller(await this.get(`/v1/partners/resellers/${encodeURIComponent(id)}`, undefined, signal))
  }

  async users(options: { resellerId?: string; limit?: number; signal?: AbortSignal } = {}): Promise<CloudAllyUser[]> {
    const query: QueryParams = options.resellerId ? { resellerId: options.resellerId } : {}
    return (await this.listAll('/v1/partners/users', { ...options, query })).map(mapUser)
  }

  /** `/v1/partners/bills` (real clients); the seed's `/v1/partners/billing` when that is 404. */
  async bills(options: { limit?: number; signal?: AbortSignal } = {}): Promise<CloudAllyBill[]> {
    const paths = this.billsPath ? [this.billsPath] : ['/v1/partners/bills', '/v1/partners/billing']
    for (const [i, path] of paths.entries()) {
      try {
        const items = await this.listAll(path, options)
        this.billsPath = path
        return items.map(mapBill)
      } catch (err) {
        const last = i === paths.length - 1
        if (last || !isHttpError(err) || err.status !== 404) throw err
      }
    }
    return []
  }

  // --- backup tasks and restore: the seed's word only (see SEED_ONLY_ROUTES) ---------------

  async backupTasks(options: { limit?: number; signal?: AbortSignal } = {}): Promise<CloudAllyBackupTask[]> {
    return (await this.listAll(SEED_ONLY_ROUTES.backupTasks, options)).map(checkBackupTask)
  }

  async backupTask(id: string, signal?: AbortSignal): Promise<CloudAllyBackupTask> {
    return checkBackupTask(await this.get(`${SEED_ONLY_ROUTES.backupTasks}/${encodeURIComponent(id)}`, undefined, signal))
  }

  /**
   * POST /v1/restore. NOT idempotent: every accepted call starts a job, so it is sent exactly
   * once — no automatic retry of any kind (the HTTP layer's retries are switched off). A 401 is
   * still renewed and re-sent once: the server refused it before doing anything. Callers go
   * through the restore tracker's idempotency guard so a double click cannot send it twice.
   */
  async createRestore(request: RestoreRequest, signal?: AbortSignal): Promise<RestoreJobState> {
    const body: WireRestoreRequest = { taskId: request.taskId, type: request.kind === 'download' ? 'DOWNLOAD' : 'RESTORE' }
    if (request.snapshotDate) body.snapshotDate = request.snapshotDate
    if (request.entities?.length) body.entities = request.entities
    if (request.items?.length) body.items = request.items
    const res = await this.http.request({
      method: 'POST',
      path: SEED_ONLY_ROUTES.restore,
      json: body,
      retry: false,
      // An accepted job may be named by its Location header alone (read below).
      allowEmpty: true,
      ...(signal ? { signal } : {})
    })
    const job = mapRestoreJob(res.body)
    if (!job.jobId) {
      // Accepted (2xx) but no id to follow: the job exists; say so rather than pretend it failed.
      const location = text(res.headers.location)
      const fromLocation = location ? /\/v1\/restore\/([^/?#]+)/.exec(location)?.[1] : undefined
      if (fromLocation) return { ...job, jobId: decodeURIComponent(fromLocation) }
      throw new AppError('UPSTREAM', 'CloudAlly accepted the restore request but did not say which job it started. Check the restore list in CloudAlly before asking again.', {
        retryable: false,
        details: { requestId: res.requestId, uncertain: true }
      })
    }
    return job
  }

  async restoreStatus(jobId: string, signal?: AbortSignal): Promise<RestoreJobState> {
    return mapRestoreJob(await this.get(`${SEED_ONLY_ROUTES.restore}/${encodeURIComponent(jobId)}`, undefined, signal))
  }

  close(): Promise<void> {
    this.auth.reset()
    return this.http.close()
  }
}

export function createCloudAllyClient(config: CloudAllyConfig, deps: CloudAllyClientDeps = {}): CloudAllyClient {
  return new CloudAllyClient(config, deps)
}
