// search.query: ranked results over the in-memory index. After an unlock the index is filled
// once from the offline snapshots of every connection and, for each connection, the rows of the
// newest kept fleet scan that read it (decrypted in main; one look back over the kept scans, as
// the customer list does, so a connection the newest scan could not reach or left out keeps what
// an older one found, and one it read and found empty keeps nothing); afterwards every read and
// every scan keeps it current. Cleared when the vault locks. The answer also names the connections
// whose objects are not all indexed yet (nothing has read them all: no scan, no full list), so an
// empty result is not taken for "not there".

import { SEARCH_GAPS_SHOWN, type SearchAnswer, type SearchGap } from '../../../shared/model/search'
import type { ConnectionSummary } from '../../../shared/model/connection'
import type { FleetRow } from '../../../shared/model/fleet'
import type { ConnectionStore } from '../connections/connection-store'
import { addedAt, lookBack, rowsByConnection, scanCovers, type KeptScanRef } from '../../../shared/model/kept-scans'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { SnapshotStore } from '../offline/snapshot-store'
import { FLEET_ROWS_SOURCE, SearchIndex, type ItemExtractor, type SearchIndexOptions } from './search-index'

export class SearchService {
  readonly index: SearchIndex
  private loaded = new Set<string>()
  private loading: Promise<void> | undefined
  private kept: Promise<Map<string, FleetRow[]>> | undefined
  private readonly logger: Logger

  constructor(
    private readonly options: {
      connections: ConnectionStore
      /** Reads search items from answers (the provider modules' extractors). */
      extract: ItemExtractor
      /** Which sources list every object of a connection, and the index's bound. */
      index?: SearchIndexOptions
      /** What a provider's objects are called, with its name ("CloudAlly tasks"; none: its coverage is not reported). */
      objectsOf?: (provider: string) => string | undefined
      store: SnapshotStore
      /**
       * The kept fleet scans, newest first, from the latest (a scan being kept is waited for);
       * each is decoded only when read. Throws while the vault is locked.
       */
      keptScans?: () => Promise<KeptScanRef[]>
      onLock: (listener: () => void) => () => void
      logger?: Logger
    }
  ) {
    this.logger = (options.logger ?? silentLogger).child('search')
    this.index = new SearchIndex(options.extract, options.index)
    options.onLock(() => this.reset())
    options.connections.onChange((change) => {
      if (change.kind === 'deleted' && change.id) this.forget(change.id)
      else if (!change.id) this.reset()
    })
  }

  /** A snapshot was written or served. */
  note(connectionId: string, channel: string, input: unknown, value: unknown): void {
    this.index.add(connectionId, channel, input, value)
  }

  /**
   * A connection's rows of a fleet scan. A connection the scan could not read (its one `connection`
   * row) keeps what was indexed before.
   */
  noteRows(connectionId: string, rows: readonly FleetRow[]): void {
    if (!wasRead(rows)) return
    this.index.add(connectionId, FLEET_ROWS_SOURCE, {}, rows)
  }

  forget(connectionId: string): void {
    this.index.removeConnection(connectionId)
    this.loaded.delete(connectionId)
  }

  reset(): void {
    this.index.clear()
    this.loaded = new Set()
    this.loading = undefined
    this.kept = undefined
  }

  /**
   * Each connection's rows from the newest kept scan that read it, read once per unlock: one pass
   * over the kept scans, newest first, ending once every connection has its rows (lookBack, which
   * also bounds it and skips scans that finished before a connection was added). A scan that
   * covered a connection and has neither rows nor a note for it read it empty: it is found with no
   * rows, so an older scan's objects the newer one found gone are not indexed.
   */
  private keptRows(): Promise<Map<string, FleetRow[]>> {
    this.kept ??= (async () => {
      const found = new Map<string, FleetRow[]>()
      try {
        const connections = new Map(this.options.connections.list().map((c) => [c.id, c]))
        const since = new Map([...connections.values()].map((c) => [c.id, addedAt(c)]))
        for (const { scan, open } of lookBack((await this.options.keptScans?.()) ?? [], since, found)) {
          const kept = await scan.read()
          if (!kept) continue
          const rows = rowsByConnection(kept.rows, open)
          for (const [id, list] of rows) if (wasRead(list)) found.set(id, list)
          const noted = new Set(kept.summary.notes.map((n) => n.connectionId))
          for (const id of open) {
            const c = connections.get(id)
            if (c && !rows.has(id) && !noted.has(id) && scanCovers(kept.summary, c)) found.set(id, [])
          }
        }
      } catch (err) {
        // Locked or unreadable: what was found is indexed, the rest waits for a scan.
        this.logger.warn('kept scans not indexed', { code: (err as { code?: string }).code })
      }
      return found
    })()
    return this.kept
  }

  /** Fills the index from the snapshots of connections not read yet since the unlock. */
  private ensureLoaded(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.loaded.has(id))
    if (!missing.length) return this.loading ?? Promise.resolve()
    const run = async () => {
      for (const id of missing) {
        if (this.loaded.has(id)) continue
        this.loaded.add(id)
        try {
          const entries = await this.options.store.entries(id)
          // Oldest first, so a newer answer of the same source wins.
          entries.sort((a, b) => a.at - b.at)
          for (const e of entries) this.index.add(id, e.channel, e.input, e.value)
          // A scan since the unlock that read the connection is newer than any kept one.
          const rows = (await this.keptRows()).get(id)
          if (rows && !this.index.hasSource(id, FLEET_ROWS_SOURCE, {})) this.noteRows(id, rows)
        } catch (err) {
          this.loaded.delete(id)
          this.logger.warn('snapshots not indexed', { connectionId: id, code: (err as { code?: string }).code })
        }
      }
    }
    const prior = this.loading ?? Promise.resolve()
    const next = prior.then(run, run)
    this.loading = next
    return next
  }

  async query(text: string, limit: number): Promise<SearchAnswer> {
    const connections = this.options.connections.list() // LOCKED while locked
    await this.ensureLoaded(connections.map((c) => c.id))
    const gaps = this.gaps(connections)
    return {
      results: this.index.query(text, limit, connections),
      notIndexed: gaps.slice(0, SEARCH_GAPS_SHOWN),
      moreNotIndexed: gaps.slice(SEARCH_GAPS_SHOWN).map((g) => ({ connectionId: g.connectionId, ...(g.partial ? { partial: true } : {}) }))
    }
  }

  /** Connections whose objects are not all indexed, by customer and name. */
  private gaps(connections: readonly ConnectionSummary[]): SearchGap[] {
    const gaps: SearchGap[] = []
    for (const c of connections) {
      const what = this.options.objectsOf?.(c.provider)
      if (!what) continue
      const coverage = this.index.coverage(c.id)
      if (coverage === 'complete') continue
      gaps.push({ connectionId: c.id, connectionName: c.name, provider: c.provider, customer: c.customer, what, ...(coverage === 'partial' ? { partial: true } : {}) })
    }
    return gaps.sort((a, b) => a.customer.localeCompare(b.customer) || a.connectionName.localeCompare(b.connectionName))
  }
}

/** A connection's rows of a scan that read it: not the one `connection` row of a scan that could not. */
function wasRead(rows: readonly FleetRow[]): boolean {
  return !rows.some((r) => r.kind === 'connection')
}

export function createSearchHandlers(service: SearchService): Pick<HandlerMap, 'search.query'> {
  return {
    'search.query': ({ text, limit }) => service.query(text, limit)
  }
}
