// Search everywhere: an in-memory index built from what main has read (every snapshot written or
// served passes through `add`, and so do each connection's fleet scan rows) and from the offline
// snapshots and the last kept scan (decrypted once after unlock). Items are extracted from known
// channel outputs by the provider modules (providers/<p>/search.ts); a later answer of the same
// channel and input replaces the items the earlier one gave. The index is bounded (a source that
// does not fit is cut) and knows, per connection, whether a source that lists every object of it
// (a scan, a full list) was read whole: the palette names the connections not covered yet. Nothing
// here calls a provider.

import type { ConnectionSummary } from '../../../shared/model/connection'
import type { SearchKind, SearchResult } from '../../../shared/model/search'
import { stableJson } from '../offline/snapshot-store'

export interface IndexedItem {
  /** Unique within a connection, e.g. `bu:12`, `node:345`. */
  key: string
  kind: SearchKind
  label: string
  detail?: string
  /** Nav params besides the connection id (bu, cu, task, definition, expand). */
  params: Record<string, string | number>
}

const KIND_BOOST: Record<SearchKind, number> = {
  node: 4,
  consumptionUnit: 3,
  businessUnit: 3,
  task: 2,
  repository: 2,
  user: 1,
  customer: 2,
  connection: 1
}

/** The source of a connection's fleet scan rows (not a channel: the fleet scan hands them over). */
export const FLEET_ROWS_SOURCE = 'fleet.rows'

/**
 * At most this many items over every connection (a few hundred bytes each): enough for the
 * 10,000-node fleets the budgets are set for, several times over. A source that does not fit is cut
 * and its connection reported as not fully indexed.
 */
export const SEARCH_INDEX_LIMIT = 200_000

/** What a module's connections hold for search, and which of its answers list all of it. */
export interface SearchCoverage {
  /** What the palette calls its objects ("nodes", "tasks", "repositories"). */
  objects: string
  /** Channels whose answer lists every object of a connection (the fleet scan's rows always do). */
  complete: readonly string[]
}

/** Whether a source lists every object of its connection: the fleet rows, or a module's complete channels. */
export function completeSourcesOf(modules: ReadonlyArray<{ searchCoverage?: SearchCoverage }>): (channel: string) => boolean {
  const complete = new Set([FLEET_ROWS_SOURCE, ...modules.flatMap((m) => m.searchCoverage?.complete ?? [])])
  return (channel) => complete.has(channel)
}

export type Coverage = 'complete' | 'partial' | 'none'

/** Items an answer of `channel` carries, as the providers' modules read them (none: not an indexed channel). */
export type ItemExtractor = (channel: string, input: unknown, value: unknown) => IndexedItem[]

/** One extractor over every module's `searchItems` (each knows only its own channels). */
export function extractorOf(modules: ReadonlyArray<{ searchItems?: ItemExtractor }>): ItemExtractor {
  const extractors = modules.flatMap((m) => (m.searchItems ? [m.searchItems] : []))
  return (channel, input, value) => extractors.flatMap((extract) => extract(channel, input, value))
}

const SEPARATOR = /[\s/._\-:|·()@,]/

/** How well `text` (already lower-case, trimmed) matches `label`; 0 = no match. */
export function matchScore(label: string, text: string): number {
  const l = label.toLowerCase()
  if (!text) return 0
  if (l === text) return 100
  if (l.startsWith(text)) return 80 - Math.min(10, (l.length - text.length) / 4)
  for (let i = 1; i < l.length; i++) {
    if (SEPARATOR.test(l[i - 1] as string) && !SEPARATOR.test(l[i] as string) && l.startsWith(text, i)) return 60
  }
  const at = l.indexOf(text)
  if (at >= 0) return 40 - Math.min(10, at / 4)
  // Subsequence ("nwsrv" → "NORTHWIND-SRV"), only for queries of 3+ characters.
  if (text.length >= 3) {
    let i = 0
    for (const ch of l) if (ch === text[i]) i++
    if (i === text.length) return 10
  }
  return 0
}

function scoreItem(label: string, detail: string | undefined, tokens: string[], whole: string): number {
  const full = matchScore(label, whole)
  if (tokens.length <= 1) {
    if (full > 0) return full
    return detail && whole.length >= 2 && detail.toLowerCase().includes(whole) ? 15 : 0
  }
  // Every token must match the label or the detail.
  let total = 0
  for (const t of tokens) {
    const s = Math.max(matchScore(label, t), detail && detail.toLowerCase().includes(t) ? 15 : 0)
    if (s === 0) return 0
    total += s
  }
  return Math.max(full, total / tokens.length)
}

export interface SearchIndexOptions {
  /** Which channels list every object of a connection (default: only the fleet rows). */
  complete?: (channel: string) => boolean
  /** Items kept at most (default SEARCH_INDEX_LIMIT). */
  limit?: number
}

export class SearchIndex {
  /** connectionId → source (channel + input) → items. */
  private readonly sources = new Map<string, Map<string, IndexedItem[]>>()
  /** connectionId → its complete sources read (even when they listed nothing). */
  private readonly covered = new Map<string, Set<string>>()
  /** connectionId → its sources cut to fit the limit. */
  private readonly cut = new Map<string, Set<string>>()
  private count = 0
  private readonly complete: (channel: string) => boolean
  private readonly limit: number

  constructor(
    private readonly extractItems: ItemExtractor,
    options: SearchIndexOptions = {}
  ) {
    this.complete = options.complete ?? ((channel) => channel === FLEET_ROWS_SOURCE)
    this.limit = options.limit ?? SEARCH_INDEX_LIMIT
  }

  add(connectionId: string, channel: string, input: unknown, value: unknown): void {
    let items = this.extractItems(channel, input, value)
    const source = sourceKey(channel, input)
    let perConnection = this.sources.get(connectionId)
    const before = perConnection?.get(source)?.length ?? 0
    const room = Math.max(0, this.limit - (this.count - before))
    const cut = items.length > room
    if (cut) items = items.slice(0, room)
    mark(this.cut, connectionId, source, cut)
    if (this.complete(channel)) mark(this.covered, connectionId, source, true)
    this.count += items.length - before
    if (!items.length) {
      perConnection?.delete(source)
      return
    }
    if (!perConnection) {
      perConnection = new Map()
      this.sources.set(connectionId, perConnection)
    }
    perConnection.set(source, items)
  }

  removeConnection(connectionId: string): void {
    for (const items of this.sources.get(connectionId)?.values() ?? []) this.count -= items.length
    this.sources.delete(connectionId)
    this.covered.delete(connectionId)
    this.cut.delete(connectionId)
  }

  clear(): void {
    this.sources.clear()
    this.covered.clear()
    this.cut.clear()
    this.count = 0
  }

  hasConnection(connectionId: string): boolean {
    return this.sources.has(connectionId)
  }

  hasSource(connectionId: string, channel: string, input: unknown): boolean {
    const key = sourceKey(channel, input)
    return !!(this.sources.get(connectionId)?.has(key) || this.covered.get(connectionId)?.has(key))
  }

  /** Whether every object of the connection is indexed: a complete source was read, and nothing was cut. */
  coverage(connectionId: string): Coverage {
    if (!this.covered.get(connectionId)?.size) return 'none'
    return this.cut.get(connectionId)?.size ? 'partial' : 'complete'
  }

  get size(): number {
    return this.count
  }

  query(text: string, limit: number, connections: readonly ConnectionSummary[]): SearchResult[] {
    const whole = text.trim().toLowerCase()
    if (!whole) return []
    const tokens = whole.split(/\s+/).filter(Boolean)
    const byId = new Map<string, SearchResult>()
    const keep = (r: SearchResult) => {
      const prior = byId.get(r.id)
      if (!prior || prior.score < r.score || (prior.score === r.score && (r.detail?.length ?? 0) > (prior.detail?.length ?? 0))) byId.set(r.id, r)
    }
    const known = new Map(connections.map((c) => [c.id, c]))

    for (const c of connections) {
      const s = scoreItem(c.name, c.customer, tokens, whole)
      if (s > 0) {
        keep({
          id: `connection:${c.id}`,
          provider: c.provider,
          connectionId: c.id,
          connectionName: c.name,
          kind: 'connection',
          label: c.name,
          ...(c.customer ? { detail: c.customer } : {}),
          score: s + KIND_BOOST.connection,
          target: { screen: 'connection', params: { id: c.id } }
        })
      }
    }
    const customers = new Map<string, string[]>()
    for (const c of connections) if (c.customer) customers.set(c.customer, [...(customers.get(c.customer) ?? []), c.provider])
    for (const [name, providers] of customers) {
      const s = scoreItem(name, undefined, tokens, whole)
      if (s > 0) {
        keep({
          id: `customer:${name.toLowerCase()}`,
          kind: 'customer',
          label: name,
          detail: `${providers.length} connection${providers.length === 1 ? '' : 's'}`,
          score: s + KIND_BOOST.customer,
          target: { screen: 'customer', params: { name } }
        })
      }
    }

    for (const [connectionId, perConnection] of this.sources) {
      const c = known.get(connectionId)
      if (!c) continue
      for (const items of perConnection.values()) {
        for (const item of items) {
          const s = scoreItem(item.label, item.detail, tokens, whole)
          if (s === 0) continue
          keep({
            id: `${connectionId}:${item.key}`,
            provider: c.provider,
            connectionId,
            connectionName: c.name,
            kind: item.kind,
            label: item.label,
            ...(item.detail ? { detail: item.detail } : {}),
            score: s + KIND_BOOST[item.kind],
            target: { screen: 'connection', params: { id: connectionId, ...item.params } }
          })
        }
      }
    }
    return [...byId.values()]
      .sort((a, b) => b.score - a.score || a.label.length - b.label.length || a.label.localeCompare(b.label))
      .slice(0, limit)
  }
}

function sourceKey(channel: string, input: unknown): string {
  return `${channel}\n${stableJson(input)}`
}

/** Adds `source` to (or removes it from) the connection's set in `map`. */
function mark(map: Map<string, Set<string>>, connectionId: string, source: string, on: boolean): void {
  const set = map.get(connectionId)
  if (on) {
    if (set) set.add(source)
    else map.set(connectionId, new Set([source]))
  } else if (set) {
    set.delete(source)
    if (!set.size) map.delete(connectionId)
  }
}
