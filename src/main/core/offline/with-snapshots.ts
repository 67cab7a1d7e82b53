// The offline layer over the provider handler maps, so providers need no change:
//  - a successful read (`mutates: false`) is kept as an encrypted snapshot;
//  - a read whose provider cannot be reached (OFFLINE, TIMEOUT, UPSTREAM 5xx after the HTTP
//    layer's retries) answers the last snapshot instead and marks the connection offline;
//  - a write (`mutates: true`) to a connection known offline is refused with OFFLINE.

import type { ChannelName } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { ChannelTable, Handler } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { OfflineTracker } from './offline-tracker'
import type { SnapshotStore } from './snapshot-store'

/** Errors that mean "the provider cannot be reached" (as opposed to "it said no"). */
export function isUnreachable(err: unknown): boolean {
  if (!(err instanceof AppError)) return false
  if (err.code === 'OFFLINE' || err.code === 'TIMEOUT') return true
  if (err.code === 'UPSTREAM') {
    const status = err.details?.['status']
    return typeof status === 'number' && status >= 500
  }
  return false
}

export interface WithSnapshotsOptions {
  /** The provider whose channels (`<domain>.*`) are wrapped: a provider module's kind. */
  domain: string
  channels: ChannelTable
  store: SnapshotStore
  tracker: OfflineTracker
  /** Names of connections, for messages. */
  connectionName?: (connectionId: string) => string | undefined
  /** Sees every snapshot written or served (the search index). */
  onSnapshot?: (connectionId: string, channel: string, input: unknown, value: unknown) => void
  logger?: Logger
}

function connectionIdOf(input: unknown): string | undefined {
  if (input && typeof input === 'object' && 'connectionId' in input) {
    const id = (input as { connectionId?: unknown }).connectionId
    if (typeof id === 'string') return id
  }
  return undefined
}

export function wrapHandler<K extends ChannelName>(name: K, handler: Handler<K>, mutates: boolean, options: WithSnapshotsOptions): Handler<K> {
  const { store, tracker } = options
  const log = (options.logger ?? silentLogger).child('offline')
  const nameOf = (id: string) => options.connectionName?.(id) ?? 'This connection'

  if (mutates) {
    return async (input, ctx) => {
      const connectionId = connectionIdOf(input)
      if (connectionId && tracker.isOffline(connectionId)) {
        throw new AppError('OFFLINE', `${nameOf(connectionId)} is offline; changes are disabled until it answers again.`, {
          retryable: true,
          details: { connectionId, offline: true }
        })
      }
      const value = await handler(input, ctx)
      if (connectionId) tracker.markOnline(connectionId)
      return value
    }
  }

  return async (input, ctx) => {
    const connectionId = connectionIdOf(input)
    if (!connectionId) return handler(input, ctx)
    let value: Awaited<ReturnType<Handler<K>>>
    try {
      value = await handler(input, ctx)
    } catch (err) {
      if (!isUnreachable(err)) throw err
      const message = (err as AppError).message
      let snapshot = null
      try {
        snapshot = await store.get(connectionId, name, input)
      } catch (storeErr) {
        log.warn('snapshot unavailable', { channel: name, code: (storeErr as { code?: string }).code })
      }
      tracker.markOffline(connectionId, message, snapshot?.at)
      if (!snapshot) throw err
      options.onSnapshot?.(connectionId, name, input, snapshot.value)
      return snapshot.value as Awaited<ReturnType<Handler<K>>>
    }
    tracker.markOnline(connectionId)
    try {
      await store.put(connectionId, name, input, value)
      options.onSnapshot?.(connectionId, name, input, value)
    } catch (err) {
      // A lock between the answer and here: the answer still goes out, it is just not kept.
      log.warn('snapshot not kept', { channel: name, code: (err as { code?: string }).code })
    }
    return value
  }
}

/**
 * `handlers` with every channel of the provider `domain` wrapped (reads or changes by the
 * contract's `mutates`); other channels are returned as they are.
 */
export function withSnapshots<M extends object>(handlers: M, options: WithSnapshotsOptions): M {
  const out: Record<string, unknown> = { ...(handlers as Record<string, unknown>) }
  for (const [name, handler] of Object.entries(handlers as Record<string, unknown>)) {
    if (!name.startsWith(`${options.domain}.`) || typeof handler !== 'function') continue
    const spec = options.channels[name]
    if (!spec) continue
    out[name] = wrapHandler(name as ChannelName, handler as Handler<ChannelName>, spec.mutates, options)
  }
  return out as M
}
