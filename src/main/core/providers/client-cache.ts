// One client per connection, rebuilt when the connection's record changes (its `updatedAt` or
// any field the client uses), closed when dropped. Used by the composition root to give the
// handlers their `clientFor(connectionId)`; it knows nothing about the vault: `load` returns the
// record (and throws LOCKED / NOT_FOUND / VALIDATION as the vault does).

import { createHash } from 'node:crypto'

export interface ClientCache<T> {
  get(connectionId: string): Promise<T>
  /** Close and forget one connection's client (connection edited or deleted). */
  drop(connectionId: string): Promise<void>
  /** Close every client (vault locked, app closing). */
  clear(): Promise<void>
}

export function createClientCache<R, T extends { close(): Promise<void> }>(options: {
  load: (connectionId: string) => R | Promise<R>
  make: (record: R) => T
  /** What makes two records need different clients. Default: the whole record. */
  fingerprint?: (record: R) => string
}): ClientCache<T> {
  const clients = new Map<string, { fp: string; client: T }>()
  const print = options.fingerprint ?? ((r: R) => createHash('sha256').update(JSON.stringify(r)).digest('hex'))
  const close = (c: T) => c.close().catch(() => undefined)
  return {
    async get(connectionId) {
      const record = await options.load(connectionId)
      const fp = print(record)
      const known = clients.get(connectionId)
      if (known && known.fp === fp) return known.client
      if (known) void close(known.client)
      const client = options.make(record)
      clients.set(connectionId, { fp, client })
      return client
    },
    async drop(connectionId) {
      const known = clients.get(connectionId)
      clients.delete(connectionId)
      if (known) await close(known.client)
    },
    async clear() {
      const all = [...clients.values()]
      clients.clear()
      await Promise.all(all.map((c) => close(c.client)))
    }
  }
}
