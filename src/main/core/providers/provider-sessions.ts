// One live client per connection, built from the vault's record by the connection's provider
// module, and dropped when the record changes, the connection is deleted, or the vault locks
// (tokens and secrets leave memory with it). Also registers each module's "Test connection" probe.
// This is the only place that turns a vault record into a client, so the rule "a secret only goes
// to the origin it was entered for" is enforced here: a record whose base URL is on another origin
// than its `secretOrigin` never becomes a client (FORBIDDEN). The HTTP layer checks the same again
// on every request.
import { AppError } from '../../../shared/errors'
import { assertSecretOrigin, type ConnectionRecord } from '../connections/connection-record'
import type { ConnectionStore } from '../connections/connection-store'
import type { ProbeRegistry } from '../connections/probe-registry'
import type { ResponseEvent } from '../http'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { VaultService } from '../vault/vault.service'
import { createClientCache, type ClientCache } from './client-cache'
import type { AnyProviderModule, ProviderClient } from './provider-module'

export interface ProviderSessionsOptions {
  modules: readonly AnyProviderModule[]
  connections: ConnectionStore
  vault: VaultService
  probes: ProbeRegistry
  logger: Logger
  secrets: SecretRegistry
  /** Sees every provider response (the journal takes request ids from it). */
  onResponse?: (event: ResponseEvent) => void
}

export interface ProviderSessions {
  /** `clientFor` of one provider: its connections' live clients. */
  clientsOf<C extends ProviderClient>(kind: string): (connectionId: string) => Promise<C>
  /** Drops every client (vault lock, shutdown). */
  closeAll(): Promise<void>
  dispose(): Promise<void>
}

function recordOf(options: ProviderSessionsOptions, module: AnyProviderModule, connectionId: string): ConnectionRecord {
  options.vault.requireUnlocked()
  const record = options.connections.get(connectionId)
  if (record.provider !== module.kind) {
    throw new AppError('VALIDATION', `That connection is a ${options.connections.records.labelOf(record.provider)} connection, not ${module.label}.`)
  }
  // Throws FORBIDDEN if the secrets would go anywhere but the origin they are bound to.
  assertSecretOrigin(record)
  return record
}

export function createProviderSessions(options: ProviderSessionsOptions): ProviderSessions {
  const { logger, secrets } = options
  const caches = new Map<string, ClientCache<ProviderClient>>()
  for (const module of options.modules) {
    caches.set(
      module.kind,
      createClientCache<ConnectionRecord, ProviderClient>({
        load: (id) => recordOf(options, module, id),
        make: (record) =>
          module.createClient(record, {
            logger: logger.child(`${module.kind}:${record.id}`),
            secrets,
            ...(options.onResponse ? { onResponse: options.onResponse } : {})
          })
      })
    )
  }
  const closeAll = async () => {
    await Promise.all([...caches.values()].map((cache) => cache.clear()))
  }

  const stopLock = options.vault.onLock(() => void closeAll())
  const stopChange = options.connections.onChange((change) => {
    if (change.id) for (const cache of caches.values()) void cache.drop(change.id)
    else void closeAll()
  })
  const unregister = options.modules.map((module) =>
    options.probes.register(module.kind, (record, signal) => module.probe(record, { logger: logger.child('probe'), secrets }, signal))
  )

  return {
    clientsOf<C extends ProviderClient>(kind: string) {
      const cache = caches.get(kind)
      if (!cache) throw new AppError('INTERNAL', `No provider module "${kind}".`)
      return (id: string) => cache.get(id) as Promise<C>
    },
    closeAll,
    async dispose() {
      stopLock()
      stopChange()
      for (const off of unregister) off()
      await closeAll()
    }
  }
}
