// One live client per connection, built from the vault's record and dropped when the record
// changes, the connection is deleted, or the vault locks (tokens and secrets leave memory with
// it). Also registers each provider's "Test connection" probe. This is the only place that turns a
// vault record into a client, so the rule "a secret only goes to the origin it was entered for"
// is enforced here: a record whose base URL is on another origin than its `secretOrigin` never
// becomes a client (FORBIDDEN). The HTTP layer checks the same again on every request.
import type { ProbeResult, ProviderKind } from '../../../shared/model/connection'
import { AppError } from '../../../shared/errors'
import {
  assertSecretOrigin,
  type CloudAllyConnection,
  type CloudbackConnection,
  type CloutilityConnection,
  type ConnectionRecord
} from '../connections/connection-record'
import type { ConnectionStore } from '../connections/connection-store'
import type { ProbeRegistry } from '../connections/probe-registry'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { VaultService } from '../vault/vault.service'
import { createClientCache, type ClientCache } from './cloudally/client-cache'
import { createCloudAllyClient, type CloudAllyClient } from './cloudally/client'
import { testCloudAllyConnection } from './cloudally/probe'
import { createCloudbackClient, type CloudbackClient } from './cloudback/client'
import { testCloudbackConnection } from './cloudback/probe'
import { createCloutilityClient, type CloutilityClient } from './cloutility/client'
import { testCloutilityConnection, type CloutilityProbeResult } from './cloutility/probe'
import type { ResponseEvent } from '../http'

export interface ProviderSessionsOptions {
  connections: ConnectionStore
  vault: VaultService
  probes: ProbeRegistry
  logger: Logger
  secrets: SecretRegistry
  /** Sees every Cloutility response (the journal takes request ids from it). */
  onCloutilityResponse?: (event: ResponseEvent) => void
}

export interface ProviderSessions {
  cloutility(connectionId: string): Promise<CloutilityClient>
  cloudally(connectionId: string): Promise<CloudAllyClient>
  cloudback(connectionId: string): Promise<CloudbackClient>
  /** Drops every client (vault lock, shutdown). */
  closeAll(): Promise<void>
  dispose(): Promise<void>
}

function recordOf<P extends ProviderKind>(
  options: ProviderSessionsOptions,
  provider: P,
  connectionId: string
): Extract<ConnectionRecord, { provider: P }> {
  options.vault.requireUnlocked()
  const record = options.connections.get(connectionId)
  if (record.provider !== provider) {
    throw new AppError('VALIDATION', `That connection is a ${record.provider} connection, not ${provider}.`)
  }
  // Throws FORBIDDEN if the secrets would go anywhere but the origin they are bound to.
  assertSecretOrigin(record)
  return record as Extract<ConnectionRecord, { provider: P }>
}

const ca = (record: { customCa?: string | undefined }) => (record.customCa ? { customCa: record.customCa } : {})

function cloutilityConfig(record: CloutilityConnection, options: ProviderSessionsOptions) {
  return {
    baseUrl: record.baseUrl,
    clientId: record.clientId,
    origin: record.origin,
    username: record.username,
    password: record.password,
    ...(record.customCa ? { ca: record.customCa } : {}),
    logger: options.logger.child(`cloutility:${record.id}`),
    secrets: options.secrets
  }
}

function cloudAllyConfig(record: CloudAllyConnection) {
  return {
    baseUrl: record.baseUrl,
    mode: record.mode,
    email: record.email,
    password: record.password,
    ...(record.clientId ? { clientId: record.clientId } : {}),
    ...(record.clientSecret ? { clientSecret: record.clientSecret } : {}),
    ...ca(record)
  }
}

function cloudbackConfig(record: CloudbackConnection) {
  return { baseUrl: record.baseUrl, apiKey: record.apiKey, ...ca(record) }
}

/** Cloutility's probe reports its own shape; the screen wants the shared ProbeResult. */
export function toProbeResult(result: CloutilityProbeResult): ProbeResult {
  if (result.ok) {
    const d = result.details
    const refresh =
      d.refresh === 'ok' ? '' : ' This API app may not refresh tokens, so Backdesk logs in again every few minutes.'
    return {
      ok: true,
      message: `Logged in as ${d.displayName ?? d.user} at ${d.businessUnit.name} (Cloutility ${d.version}).${refresh}`,
      account: d.businessUnit.name,
      steps: [
        { name: 'Login', ok: true },
        { name: 'GET /v1/me', ok: true }
      ],
      details: { businessUnitId: d.businessUnit.id, version: d.version, refresh: d.refresh }
    }
  }
  const stage =
    result.step === 'connect'
      ? result.code === 'TLS'
        ? 'tls'
        : result.code === 'TIMEOUT'
          ? 'timeout'
          : 'connect'
      : result.reason === 'redirect'
        ? 'redirect'
        : result.reason === 'origin'
          ? 'origin'
          : result.reason === 'client_id'
            ? 'client'
            : result.reason === 'credentials'
              ? 'credentials'
              : result.code === 'FORBIDDEN'
                ? 'permission'
                : result.step === 'login'
                  ? 'credentials'
                  : 'api'
  return {
    ok: false,
    stage,
    message: result.message,
    steps: [{ name: result.step === 'connect' ? 'Connect' : result.step === 'login' ? 'Login' : 'GET /v1/me', ok: false, message: result.message }],
    ...(result.requestId ? { details: { requestId: result.requestId } } : {})
  }
}

export function createProviderSessions(options: ProviderSessionsOptions): ProviderSessions {
  const { logger, secrets } = options
  const cloutility: ClientCache<CloutilityClient> = createClientCache({
    load: (id: string) => recordOf(options, 'cloutility', id),
    make: (record) =>
      createCloutilityClient({
        ...cloutilityConfig(record, options),
        ...(options.onCloutilityResponse ? { onResponse: options.onCloutilityResponse } : {})
      })
  })
  const cloudally: ClientCache<CloudAllyClient> = createClientCache({
    load: (id: string) => recordOf(options, 'cloudally', id),
    make: (record) => createCloudAllyClient(cloudAllyConfig(record), { logger: logger.child(`cloudally:${record.id}`), secrets })
  })
  const cloudback: ClientCache<CloudbackClient> = createClientCache({
    load: (id: string) => recordOf(options, 'cloudback', id),
    make: (record) => createCloudbackClient(cloudbackConfig(record), { logger: logger.child(`cloudback:${record.id}`), secrets })
  })
  const caches = [cloutility, cloudally, cloudback]
  const closeAll = async () => {
    await Promise.all(caches.map((cache) => cache.clear()))
  }

  const stopLock = options.vault.onLock(() => void closeAll())
  const stopChange = options.connections.onChange((change) => {
    if (change.id) for (const cache of caches) void cache.drop(change.id)
    else void closeAll()
  })
  const unregister = [
    options.probes.register('cloutility', async (record, signal) =>
      toProbeResult(await testCloutilityConnection({ ...cloutilityConfig(record, options) }, { signal }))
    ),
    options.probes.register('cloudally', (record, signal) =>
      testCloudAllyConnection(cloudAllyConfig(record), { signal, logger: logger.child('probe'), secrets })
    ),
    options.probes.register('cloudback', (record, signal) =>
      testCloudbackConnection(cloudbackConfig(record), { signal, logger: logger.child('probe'), secrets })
    )
  ]

  return {
    cloutility: (id) => cloutility.get(id),
    cloudally: (id) => cloudally.get(id),
    cloudback: (id) => cloudback.get(id),
    closeAll,
    async dispose() {
      stopLock()
      stopChange()
      for (const off of unregister) off()
      await closeAll()
    }
  }
}
