// What a provider contributes to a customer report, behind one interface: one small function per
// provider, in its module's folder (providers/<p>/reports.ts). The cross-provider report
// (report-data.ts) knows nothing of provider APIs.

import type { ConnectionSummary } from '../../../shared/model/connection'
import type { FleetRow } from '../../../shared/model/fleet'
import type { ProviderFigure, ReportRestore } from '../../../shared/model/reports'

export interface SourceContext {
  connection: ConnectionSummary
  /** The period, epoch ms: [fromMs, toMs). */
  fromMs: number
  toMs: number
  now: number
  signal?: AbortSignal
}

/** A protected object as the provider sees it now, with its own history where it has one. */
export interface SourceObject {
  row: FleetRow
  /** From the provider's job history: backups per UTC day (YYYY-MM-DD) in the period. */
  jobs?: Map<string, { successes: number; attempts: number }>
  seats?: number
}

export interface SourceResult {
  objects: SourceObject[]
  restores: ReportRestore[]
  figures: ProviderFigure[]
}

export type ReportSource = (ctx: SourceContext) => Promise<SourceResult>

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Runs `work` over `items`, `limit` at a time (the HTTP client's own limit applies underneath). */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted()
      await work(items[next++] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
