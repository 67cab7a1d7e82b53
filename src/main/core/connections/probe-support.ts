// Pieces every provider's "Test connection" shares: refusing a base URL that cannot work before
// any request, the HTTP settings of a probe (one quick retry, a 20-second deadline), and which
// probe stage an error belongs to.
import type { ProbeResult, ProbeStage } from '../../../shared/model/connection'
import { AppError } from '../../../shared/errors'
import { isHttpError, lowLevelCode } from '../http/errors'
import type { HttpClientOptions } from '../http'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'

/** A failed probe result when `baseUrl` is not an http(s) URL; null when it is usable. */
export function unusableUrlResult(baseUrl: string, example: string): ProbeResult | null {
  try {
    const url = new URL(baseUrl)
    if (url.protocol === 'https:' || url.protocol === 'http:') return null
  } catch {
    // fall through
  }
  return { ok: false, stage: 'url', message: `"${baseUrl}" is not a usable URL. Enter one such as ${example}.`, steps: [] }
}

export interface ProbeOptions {
  signal?: AbortSignal
  logger?: Logger
  secrets?: SecretRegistry
  http?: Partial<Omit<HttpClientOptions, 'baseUrl' | 'ca'>>
}

/** Client dependencies for a probe: the caller's logger and secrets, short deadline, one retry. */
export function probeClientDeps<H>(options: ProbeOptions): { logger?: Logger; secrets?: SecretRegistry; http: H } {
  return {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    http: { deadlineMs: 20_000, retry: { retries: 1 }, ...options.http } as H
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'])

/** Which probe stage an error from the HTTP layer or the login belongs to. */
export function stageOf(err: unknown): ProbeStage {
  if (err instanceof AppError && err.details?.reason === 'redirect') return 'redirect'
  if (err instanceof AppError && err.code === 'AUTH_FAILED') {
    const reason = err.details?.reason
    return reason === 'client' ? 'client' : 'credentials'
  }
  if (isHttpError(err)) {
    if (err.kind === 'tls') return 'tls'
    // A proxy's or firewall's web page: the request never reached the provider.
    if (err.kind === 'blocked') return 'connect'
    if (err.kind === 'timeout' || err.kind === 'deadline') return 'timeout'
    if (err.kind === 'network') {
      const code = lowLevelCode(err.cause)
      if (code && DNS_CODES.has(code)) return 'dns'
      return 'connect'
    }
    if (err.status === 403) return 'permission'
    return 'api'
  }
  if (err instanceof AppError && err.code === 'CANCELLED') return 'timeout'
  return 'unknown'
}
