import type { ProviderKind } from './connection'

// Search everywhere: what the palette shows. Results come from data main has already read (and
// the offline snapshots), never from a fresh provider call.

export const SEARCH_KINDS = ['businessUnit', 'consumptionUnit', 'node', 'task', 'user', 'repository', 'customer', 'connection'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** Where Enter takes the user: a screen and its params, plus ids a console may select. */
export interface SearchTarget {
  screen: 'connection' | 'customer'
  params: Record<string, string | number>
}

export interface SearchResult {
  /** Stable per item (connection + kind + provider id). */
  id: string
  provider?: ProviderKind
  connectionId?: string
  connectionName?: string
  kind: SearchKind
  label: string
  detail?: string
  score: number
  target: SearchTarget
}
