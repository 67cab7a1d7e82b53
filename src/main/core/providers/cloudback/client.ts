// Cloudback Operations API client. `X-API-Key` on every call; POST definition/get and
// definition/update at `/ops/` (current docs and the official Terraform provider since
// 2025-11) with `/api/ops/` (older docs) as the fallback when the route answers 404. Which base
// works is remembered per client (one client per connection).
//
// How a route 404 is told from a definition 404: until one base has answered something other
// than 404, a 404 from /ops is retried at /api/ops. Once a base is confirmed, a 404 is "no such
// definition". Re-sending an update after a 404 is safe: a missing route changed nothing.

import { AppError } from '../../../../shared/errors'
import type { CloudbackDefinition, CloudbackSettings, CloudbackSubject } from '../../../../shared/providers/cloudback/model'
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../http'
import { isHttpError } from '../../http/errors'
import { silentLogger, type Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import type { WireDefinitionRequest } from './dto'
import { describeSubject, explainCloudbackError } from './errors'
import { mapDefinition } from './map'

export interface CloudbackConfig {
  baseUrl: string
  apiKey: string
  customCa?: string
}

export interface CloudbackClientDeps {
  logger?: Logger
  secrets?: SecretRegistry
  http?: Partial<Omit<HttpClientOptions, 'baseUrl' | 'ca'>>
}

export const CLOUDBACK_BASES = ['/ops', '/api/ops'] as const
export type CloudbackBase = (typeof CLOUDBACK_BASES)[number]

export interface CallOptions {
  signal?: AbortSignal | undefined
}

export interface RequestOptions extends CallOptions {
  /** Under the base: `definition/get` or `definition/update` (both POST). */
  path: string
  json: WireDefinitionRequest
  /** The key to send instead of the connection's; null sends none (the probe's second call). */
  apiKey?: string | null
  allowEmpty?: boolean
}

export type CloudbackClient = ReturnType<typeof createCloudbackClient>

/**
 * A subject that cannot exist: looking it up proves whether the key is accepted (Cloudback checks the
 * key before it looks for the definition), at the cost of one call that changes nothing.
 */
export const KEY_CHECK_SUBJECT: CloudbackSubject = {
  platform: 'GitHub',
  account: 'backdesk-connection-test-0000',
  subjectName: 'backdesk-connection-test',
  subjectType: 'Repository'
}

/** The wire request naming a subject (names trimmed). */
function subjectBody(s: CloudbackSubject): WireDefinitionRequest {
  return { platform: s.platform, account: s.account.trim(), subjectName: s.subjectName.trim(), subjectType: s.subjectType }
}

export function createCloudbackClient(config: CloudbackConfig, deps: CloudbackClientDeps = {}) {
  deps.secrets?.add(config.apiKey)
  const http: HttpClient = createHttpClient({
    name: 'cloudback',
    label: 'Cloudback',
    logger: (deps.logger ?? silentLogger).child('cloudback'),
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    ...deps.http,
    baseUrl: config.baseUrl,
    ...(config.customCa ? { ca: config.customCa } : {})
  })
  let base: CloudbackBase | undefined

  /** The one private door: a definition call with the base-path fallback. Errors are raw HttpErrors here. */
  async function request(o: RequestOptions): Promise<unknown> {
    const bases: readonly CloudbackBase[] = base ? [base] : CLOUDBACK_BASES
    const key = o.apiKey === undefined ? config.apiKey : o.apiKey
    for (const [i, b] of bases.entries()) {
      try {
        const res = await http.request({
          method: 'POST',
          path: `${b}/${o.path}`,
          json: o.json,
          headers: key === null ? {} : { 'x-api-key': key },
          // get reads; update sets absolute settings (all four fields, every time), so sending
          // the same update twice leaves the same state: safe for the HTTP layer to retry on
          // 429/5xx/reset. (Enabling twice does not count twice against the plan limit: the
          // second call finds it already enabled.)
          idempotent: true,
          ...(o.allowEmpty ? { allowEmpty: true } : {}),
          ...(o.signal ? { signal: o.signal } : {})
        })
        if (key !== null) base = b
        return res.body
      } catch (err) {
        const routeMiss = isHttpError(err) && err.kind === 'status' && err.status === 404 && !base && i < bases.length - 1
        if (routeMiss) continue
        // Any answer other than 404 proves this base exists.
        if (isHttpError(err) && err.kind === 'status' && err.status !== 404 && key !== null) base = b
        throw err
      }
    }
    throw new Error('unreachable')
  }

  /**
   * The definition as Cloudback holds it. An answer without a `settings` object is refused
   * (UNREADABLE): read as "all unset", it would show an enabled definition as disabled.
   */
  async function getDefinition(subject: CloudbackSubject, o: CallOptions = {}): Promise<CloudbackDefinition> {
    let answer: unknown
    try {
      answer = await request({ ...o, path: 'definition/get', json: subjectBody(subject) })
    } catch (err) {
      throw explainCloudbackError(err, subject)
    }
    if (!answer || typeof answer !== 'object' || !('settings' in answer) || !answer.settings || typeof answer.settings !== 'object') {
      throw new AppError('UNREADABLE', `Cloudback answered the lookup of ${describeSubject(subject)} without its settings, so its schedule is unknown. Try again; if it persists, check the base URL.`)
    }
    return mapDefinition(answer, subject)
  }

  /** Sets all four settings (absolute). Empty names are sent as "" (Cloudback's "none"). */
  async function updateDefinition(subject: CloudbackSubject, settings: CloudbackSettings, o: CallOptions = {}): Promise<CloudbackDefinition> {
    const json: WireDefinitionRequest = {
      ...subjectBody(subject),
      settings: { enabled: settings.enabled, schedule: settings.schedule ?? '', storage: settings.storage ?? '', retention: settings.retention ?? '' }
    }
    try {
      // The official Terraform provider does not read the update's answer, so an empty success
      // (or one without settings) is taken as "done as sent"; the next lookup shows what is stored.
      const answer = await request({ ...o, path: 'definition/update', json, allowEmpty: true })
      const mapped = mapDefinition(answer, subject)
      return answer && typeof answer === 'object' && 'settings' in answer ? mapped : { ...subject, settings }
    } catch (err) {
      throw explainCloudbackError(err, subject, settings)
    }
  }

  /**
   * Whether the connection's key is still accepted, with one lookup of KEY_CHECK_SUBJECT: an answer
   * judging the request (404, 400, 422) means the key passed; a refusal is explained in plain words
   * (401: AUTH_FAILED). For a connection that tracks no definition yet, nothing else would notice
   * a wrong or revoked key.
   */
  async function checkKey(o: CallOptions = {}): Promise<void> {
    try {
      await request({ ...o, path: 'definition/get', json: subjectBody(KEY_CHECK_SUBJECT) })
    } catch (err) {
      if (isHttpError(err) && err.kind === 'status' && (err.status === 400 || err.status === 404 || err.status === 422)) return
      throw explainCloudbackError(err, KEY_CHECK_SUBJECT)
    }
  }

  /**
   * A lookup of `subject` with `apiKey` (null: with none), its error unexplained: what Test
   * connection reads the key's acceptance from (see probe.ts).
   */
  async function probeLookup(subject: WireDefinitionRequest, apiKey: string | null, o: CallOptions = {}): Promise<void> {
    await request({ ...o, path: 'definition/get', json: subject, apiKey })
  }

  return {
    getDefinition,
    updateDefinition,
    checkKey,
    probeLookup,
    /** The base path confirmed for this connection, once known. */
    get confirmedBase(): CloudbackBase | undefined {
      return base
    },
    http,
    close: (): Promise<void> => http.close()
  }
}
