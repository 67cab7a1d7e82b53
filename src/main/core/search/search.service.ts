// search.query: ranked results over the in-memory index. After an unlock the index is filled
// once from the offline snapshots of every connection (decrypted in main); afterwards every read
// keeps it current. Cleared when the vault locks.

import type { SearchResult } from '../../../shared/model/search'
import type { ConnectionStore } from '../connections/connection-store'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { SnapshotStore } from '../offline/snapshot-store'
import { SearchIndex, type ItemExtractor } from './search-index'

export class SearchService {
  readonly index: SearchIndex
  private loaded = new Set<string>()
  private loading: Promise<void> | undefined
  private readonly logger: Logger

  constructor(
    private readonly options: {
      connections: ConnectionStore
      /** Reads search items from answers (the provider modules' extractors). */
      extract: ItemExtractor
      store: SnapshotStore
      onLock: (listener: () => void) => () => void
      logger?: Logger
    }
  ) {
    this.logger = (options.logger ?? silentLogger).child('search')
    this.index = new SearchIndex(options.extract)
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

  forget(connectionId: string): void {
    this.index.removeConnection(connectionId)
    this.loaded.delete(connectionId)
  }

  reset(): void {
    this.index.clear()
    this.loaded = new Set()
    this.loading = undefined
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

  async query(text: string, limit: number): Promise<SearchResult[]> {
    const connections = this.options.connections.list() // LOCKED while locked
    await this.ensureLoaded(connections.map((c) => c.id))
    return this.index.query(text, limit, connections)
  }
}

export function createSearchHandlers(service: SearchService): Pick<HandlerMap, 'search.query'> {
  return {
    'search.query': ({ text, limit }) => service.query(text, limit)
  }
}
