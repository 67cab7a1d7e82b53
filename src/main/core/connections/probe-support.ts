// Pieces every provider's "Test connection" shares: refusing a base URL that cannot work before
// any request, and the HTTP settings of a probe (one quick retry, a 20-second deadline).
import type { ProbeResult } from '../../../shared/model/connection'
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
