import type { ProviderKind } from './connection'

// Search everywhere: what the palette shows. Results come from data main has already read (the
// answers of every connection, the fleet scan's rows, the offline snapshots), never from a fresh
// provider call.

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

/** A connection whose objects are not all in the index yet: nothing has read them all since the unlock. */
export interface SearchGap {
  connectionId: string
  connectionName: string
  provider: ProviderKind
  customer: string
  /** What is missing, with its provider: "Cloutility nodes", "CloudAlly tasks". */
  what: string
  /** Some were read, but the index was full (it is bounded): not all of them are searchable. */
  partial?: boolean
}

/** `search.query`: the results, and what the search could not cover yet. */
export interface SearchAnswer {
  results: SearchResult[]
  /** The first few connections whose objects are not (all) indexed yet (at most SEARCH_GAPS_SHOWN), for the palette to name. */
  notIndexed: SearchGap[]
  /**
   * The rest of them, unnamed: enough for the palette to count which a scan would load and which
   * it would not (offline, or the index full).
   */
  moreNotIndexed: Array<Pick<SearchGap, 'connectionId' | 'partial'>>
}

export const SEARCH_GAPS_SHOWN = 5
