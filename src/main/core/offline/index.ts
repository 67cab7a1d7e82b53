// The offline module: the encrypted snapshot cache, the offline tracker, the settings, the
// `offline.*` handlers and the wrapper core.ts puts over the provider handler maps.

import { AppError } from '../../../shared/errors'
import type { OfflineStatus } from '../../../shared/model/offline'
import type { ConnectionStore } from '../connections/connection-store'
import type { ProbeRegistry } from '../connections/probe-registry'
import type { EventBus } from '../events/event-bus'
import type { ChannelTable, HandlerMap } from '../ipc/router'
import type { Logger } from '../log/logger'
import { OfflineSettingsFile } from './offline-settings'
import { OfflineTracker } from './offline-tracker'
import { SnapshotStore, type SnapshotKeySource } from './snapshot-store'
import { withSnapshots } from './with-snapshots'

export { SnapshotStore } from './snapshot-store'
export { OfflineTracker } from './offline-tracker'

export type OfflineHandlers = Pick<
  HandlerMap,
  'offline.status' | 'offline.retry' | 'offline.snapshots' | 'offline.clear' | 'offline.settings.get' | 'offline.settings.set'
>

export interface OfflineModule {
  store: SnapshotStore
  tracker: OfflineTracker
  settings: OfflineSettingsFile
  handlers: OfflineHandlers
  /** Wraps a provider module's handler map (see with-snapshots.ts). */
  wrap<M extends object>(kind: string, handlers: M): M
  dispose(): Promise<void>
}

export function createOfflineModule(options: {
  dataDir: string
  /** Which channels change state (`mutates`): the router's channel table. */
  channels: ChannelTable
  keys: SnapshotKeySource
  connections: ConnectionStore
  probes: ProbeRegistry
  events: EventBus
  logger: Logger
  onSnapshot?: (connectionId: string, channel: string, input: unknown, value: unknown) => void
  /** Called after a connection's snapshots were cleared. */
  onCleared?: (connectionId: string) => void
  now?: () => number
}): OfflineModule {
  const settings = new OfflineSettingsFile(options.dataDir, options.logger)
  void settings.ready()
  const store = new SnapshotStore({
    dataDir: options.dataDir,
    keys: options.keys,
    logger: options.logger,
    maxAgeMs: () => settings.maxAgeMs,
    ...(options.now ? { now: options.now } : {})
  })
  const tracker = new OfflineTracker({ events: options.events, ...(options.now ? { now: options.now } : {}) })
  const stopLock = options.keys.onLock(() => tracker.reset())
  const stopChange = options.connections.onChange((change) => {
    if (change.kind === 'deleted' && change.id) {
      tracker.markOnline(change.id)
      void store.clear(change.id).catch(() => undefined)
      options.onCleared?.(change.id)
    }
    if (change.kind === 'reset') {
      tracker.reset()
      void store.clearAll().catch((err: unknown) => options.logger.warn('snapshots not removed after a vault reset', { err }))
    }
  })
  const nameOf = (id: string): string | undefined => {
    try {
      return options.connections.summary(id).name
    } catch {
      return undefined
    }
  }

  const handlers: OfflineHandlers = {
    'offline.status': () => tracker.list(),
    'offline.retry': async ({ connectionId }): Promise<OfflineStatus> => {
      const record = options.connections.get(connectionId)
      const probe = options.probes.get(record.provider)
      if (!probe) throw new AppError('NOT_SUPPORTED', 'This connection cannot be tested.')
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(new AppError('TIMEOUT', 'The provider took too long to answer.')), 15_000)
      try {
        const result = await probe(record, controller.signal)
        if (result.ok) tracker.markOnline(connectionId)
        else tracker.markOffline(connectionId, result.message)
      } catch (err) {
        tracker.markOffline(connectionId, err instanceof Error ? err.message : String(err))
      } finally {
        clearTimeout(timer)
      }
      return tracker.status(connectionId)
    },
    'offline.snapshots': async () => {
      options.connections.list() // LOCKED while locked
      await settings.ready()
      return store.summaries()
    },
    'offline.clear': async ({ connectionId }) => {
      options.connections.list() // LOCKED while locked
      const cleared = await store.clear(connectionId)
      options.onCleared?.(connectionId)
      return { cleared }
    },
    'offline.settings.get': async () => {
      await settings.ready()
      return settings.get()
    },
    'offline.settings.set': async (input) => {
      const next = await settings.set(input)
      await store.prune().catch(() => undefined)
      return next
    }
  }

  return {
    store,
    tracker,
    settings,
    handlers,
    wrap: (kind, map) =>
      withSnapshots(map, {
        domain: kind,
        channels: options.channels,
        store,
        tracker,
        connectionName: nameOf,
        logger: options.logger,
        ...(options.onSnapshot ? { onSnapshot: options.onSnapshot } : {})
      }),
    async dispose() {
      stopLock()
      stopChange()
      await store.dispose()
    }
  }
}
