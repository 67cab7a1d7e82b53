// Builds a FleetService over real provider clients talking to the simulator, the way core.ts
// builds it over the vault's sessions. Used by the fleet tests and the benchmarks.
import { createLogger } from '../../../src/main/core/log/logger'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import { FleetService, type FleetServiceOptions } from '../../../src/main/core/fleet/fleet.service'
import { cloudAllyFleetRows } from '../../../src/main/core/providers/cloudally/fleet'
import { cloudbackFleetRows } from '../../../src/main/core/providers/cloudback/fleet'
import { cloutilityFleetRows } from '../../../src/main/core/providers/cloutility/fleet'
import { createCloudAllyClient, type CloudAllyClient } from '../../../src/main/core/providers/cloudally/client'
import { createCloudbackClient, type CloudbackClient } from '../../../src/main/core/providers/cloudback/client'
import { createCloutilityClient, type CloutilityClient, type CloutilityConfig } from '../../../src/main/core/providers/cloutility/client'
import { cloudbackKey, type TrackedDefinition } from '../../../src/shared/providers/cloudback/model'
import type { ConnectionSummary, ProviderKind } from '../../../src/shared/model/connection'
import type { FleetProgress } from '../../../src/shared/model/fleet'
import type { Simulator } from '../../../src/simulator'

/** Each provider's live clients (core.ts has them from the provider sessions). */
export interface FleetSessions {
  cloutility(connectionId: string): Promise<CloutilityClient>
  cloudally(connectionId: string): Promise<CloudAllyClient>
  cloudback(connectionId: string): Promise<CloudbackClient>
}
import type { RequestEvent, ResponseEvent } from '../../../src/main/core/http/http-client'
import type { VaultKeys } from '../../../src/main/core/storage/vault-keys'

export function summary(id: string, provider: ProviderKind, name: string, customer: string, extra: Partial<ConnectionSummary> = {}): ConnectionSummary {
  return {
    id,
    provider,
    name,
    customer,
    tags: [],
    baseUrl: 'http://127.0.0.1',
    secretOrigin: 'http://127.0.0.1',
    secrets: {},
    hasCustomCa: false,
    demo: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra
  }
}

export interface SimFleet {
  service: FleetService
  /** The clients the rows are read with (a test may replace one provider's). */
  sessions: FleetSessions
  connections: ConnectionSummary[]
  progress: FleetProgress[]
  /** HTTP attempts per connection id (from the clients' onRequest hooks). */
  requests: Map<string, RequestEvent[]>
  /** HTTP outcomes per connection id (onResponse: status, or the error code of a failed attempt). */
  responses: Map<string, ResponseEvent[]>
  clients: { cloutility: Map<string, CloutilityClient>; cloudally: Map<string, CloudAllyClient>; cloudback: Map<string, CloudbackClient> }
  close(): Promise<void>
}

export interface SimFleetOptions {
  dataDir: string
  /** From an unlocked vault (the review queue is sealed under it). */
  keys: VaultKeys
  /** Which connections to create; default one of each (CloudAlly as partner). */
  connections?: ConnectionSummary[]
  cloutility?: Partial<CloutilityConfig>
  tracked?: TrackedDefinition[]
  service?: Partial<FleetServiceOptions>
  now?: () => number
}

export function defaultConnections(): ConnectionSummary[] {
  return [
    summary('clu-1', 'cloutility', 'Backup portal', 'Acme'),
    summary('ca-1', 'cloudally', 'CloudAlly partner', 'Acme', { mode: 'partner' }),
    summary('cb-1', 'cloudback', 'Cloudback', 'Globex')
  ]
}

export function trackedFrom(sim: Simulator, count = 6): TrackedDefinition[] {
  const out: TrackedDefinition[] = []
  for (const [account, repos] of Object.entries(sim.cloudback.data.knownRepos)) {
    const a = sim.cloudback.data.accounts.find((x) => x.name === account)
    if (!a || a.platform !== 'GitHub') continue
    for (const name of repos) {
      const s = { platform: 'GitHub' as const, account, subjectName: name, subjectType: 'Repository' as const }
      out.push({ ...s, key: cloudbackKey(s) })
      if (out.length >= count) return out
    }
  }
  return out
}

export function simFleet(sim: Simulator, options: SimFleetOptions): SimFleet {
  const secrets = new SecretRegistry()
  const logger = createLogger({ sinks: [], secrets, level: 'error' })
  const connections = options.connections ?? defaultConnections()
  const requests = new Map<string, RequestEvent[]>()
  const hook = (id: string) => (e: RequestEvent) => {
    const list = requests.get(id) ?? []
    list.push(e)
    requests.set(id, list)
  }
  const responses = new Map<string, ResponseEvent[]>()
  const onResponse = (id: string) => (e: ResponseEvent) => {
    const list = responses.get(id) ?? []
    list.push(e)
    responses.set(id, list)
  }
  const clients = { cloutility: new Map<string, CloutilityClient>(), cloudally: new Map<string, CloudAllyClient>(), cloudback: new Map<string, CloudbackClient>() }
  const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20 } }
  const sessions: FleetSessions = {
    cloutility: async (id) => {
      let c = clients.cloutility.get(id)
      if (!c) {
        const cred = sim.cloutility.credentials
        c = createCloutilityClient({
          baseUrl: sim.cloutility.url,
          clientId: cred.clientId,
          origin: cred.origin,
          username: cred.username,
          password: cred.password,
          logger,
          secrets,
          ...fast,
          onRequest: hook(id),
          onResponse: onResponse(id),
          ...options.cloutility
        })
        clients.cloutility.set(id, c)
      }
      return c
    },
    cloudally: async (id) => {
      let c = clients.cloudally.get(id)
      if (!c) {
        const cred = sim.cloudally.credentials
        const conn = connections.find((x) => x.id === id)
        const config =
          conn?.mode === 'user'
            ? { baseUrl: sim.cloudally.url, mode: 'user' as const, clientId: cred.clientId, clientSecret: cred.clientSecret, email: cred.portalEmail, password: cred.portalPassword }
            : { baseUrl: sim.cloudally.url, mode: 'partner' as const, clientId: cred.clientId, clientSecret: cred.clientSecret, email: cred.partnerEmail, password: cred.partnerPassword }
        c = createCloudAllyClient(config, { secrets, http: { ...fast, onRequest: hook(id), onResponse: onResponse(id) }, pageSize: 1000 })
        clients.cloudally.set(id, c)
      }
      return c
    },
    cloudback: async (id) => {
      let c = clients.cloudback.get(id)
      if (!c) {
        c = createCloudbackClient({ baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey }, { secrets, http: { ...fast, onRequest: hook(id), onResponse: onResponse(id) } })
        clients.cloudback.set(id, c)
      }
      return c
    }
  }
  // Each provider's rows, as its module gives them to core.ts (through `sessions`, which a test may change).
  const rowsBy = {
    cloutility: cloutilityFleetRows((id) => sessions.cloutility(id)),
    cloudally: cloudAllyFleetRows((id) => sessions.cloudally(id)),
    cloudback: cloudbackFleetRows((id) => sessions.cloudback(id), async () => tracked)
  }
  const progress: FleetProgress[] = []
  const tracked = options.tracked ?? trackedFrom(sim)
  const service = new FleetService({
    dataDir: options.dataDir,
    keys: options.keys,
    connections: { list: () => connections },
    rowsOf: (c, signal, now) => rowsBy[c.provider](c, signal, now),
    emit: (p) => progress.push(p),
    ...(options.now ? { now: options.now } : {}),
    ...options.service
  })
  return {
    service,
    sessions,
    connections,
    progress,
    requests,
    responses,
    clients,
    async close() {
      await service.dispose()
      await Promise.all([
        ...[...clients.cloutility.values()].map((c) => c.destroy()),
        ...[...clients.cloudally.values()].map((c) => c.close()),
        ...[...clients.cloudback.values()].map((c) => c.close())
      ])
    }
  }
}
