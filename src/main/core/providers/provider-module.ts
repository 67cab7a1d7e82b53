// What a provider is, in one place. Each provider implements this in its own folder
// (providers/<kind>/index.ts) and is listed in providers/registry.ts; the cross-provider services
// (connections, sessions, offline, fleet, reports, external links) iterate the modules and never
// name a provider. A module is static data and functions; `start` gives it, once per core, the
// shared services it needs and returns what it contributes at run time (its handlers, fleet rows,
// report source, how its changes read in the journal), including any per-provider state (CloudAlly's restore tracker, Cloudback's
// tracked definitions).

import type { z } from 'zod'
import type { ChannelSpec } from '../../../shared/contract/define'
import type { ConnectionSummary, ProbeResult } from '../../../shared/model/connection'
import type { FleetRow, FleetRowOrder } from '../../../shared/model/fleet'
import type { EventBus } from '../events/event-bus'
import type { ResponseEvent } from '../http'
import type { Handler } from '../ipc/router'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { PlatformServices } from '../platform/platform'
import type { VaultKeys } from '../storage/vault-keys'
import type { NodePasswordChange } from '../vault/node-credentials'
import type { BaseRecord, RecordSpec } from '../connections/record-base'

export type { RecordSpec } from '../connections/record-base'
import type { ReportSource } from '../reports/report-source'
import type { IndexedItem, SearchCoverage } from '../search/search-index'
import type { CredentialMapping } from '../credential-import/provider-map'
import type { JournalDescriber } from '../journal/with-journal'
import type { CustomerSource } from '../customers/customers.service'
import type { DemoPart } from '../demo/demo.service'
import type { Simulator } from '../../../simulator'

/** What every client has: the sessions close it when its connection changes or the vault locks. */
export interface ProviderClient {
  close(): Promise<void>
}

export interface ClientDeps {
  logger: Logger
  secrets: SecretRegistry
  /** Sees every response of the client (the journal takes provider request ids from it). */
  onResponse?: (event: ResponseEvent) => void
}

/** Handlers of the module's channels, keyed by channel name (checked against the contract in core). */
export type ProviderHandlers = Record<string, Handler<never> | ((input: never, ctx: never) => unknown)>

/** The shared services a module gets at start. */
export interface ProviderContext<C extends ProviderClient> {
  /** The connection's live client (cached; rebuilt on edit, closed at lock). */
  clientFor(connectionId: string): Promise<C>
  /** A connection's public summary (NOT_FOUND, LOCKED as the store answers). */
  connection(connectionId: string): ConnectionSummary
  dataDir: string
  keys: VaultKeys
  events: EventBus
  logger: Logger
  secrets: SecretRegistry
  platform: PlatformServices
  /** Where a node password a change produced goes (the vault). */
  nodeCredentials: NodeCredentialSink
}

/**
 * The vault's node passwords as a provider module writes them: `save` one the provider issued
 * (activation); `beginChange` one about to be sent, stored first (see NodeCredentialStore).
 */
export interface NodeCredentialSink {
  save(connectionId: string, nodeId: string, nodeName: string, password: string): Promise<void>
  beginChange(connectionId: string, nodeId: string, nodeName: string, password: string): Promise<NodePasswordChange>
}

/** What a started module contributes. */
export interface ProviderRuntime {
  /** Its channels. Reads are kept for offline use and changes journaled by the core's decorators. */
  handlers: ProviderHandlers
  /** Fleet rows of one connection (the fleet scan); a FleetRowOrder when sorted as they arrived. */
  fleetRows?(connection: ConnectionSummary, signal: AbortSignal, now: number): Promise<FleetRow[] | FleetRowOrder>
  /** Its part of a customer report. */
  report?: ReportSource
  /** How its changes read in the activity journal: one entry per `mutates: true` channel (core refuses to start without). */
  journal?: JournalDescriber
  /** Its part of a customer page. */
  customers?: CustomerSource
  /** After the Demo workspace created one of its connections against the simulator. */
  demoCreated?(connectionId: string, simulator: Simulator): Promise<void>
  dispose?(): Promise<void> | void
}

export interface ProviderModule<R extends BaseRecord = BaseRecord, C extends ProviderClient = ProviderClient> {
  readonly kind: string
  readonly label: string
  /** Hosts of the provider's documentation and portals that links may open without a question. */
  readonly docsHosts: readonly string[]
  readonly record: RecordSpec<R>
  /**
   * For a provider outside the static contract (added at run time): its `connections.create` /
   * `connections.update` inputs and its channels. The built-in providers' are in the contract.
   */
  readonly contract?: {
    create: z.ZodType
    update: z.ZodType
    channels: Readonly<Record<string, ChannelSpec<z.ZodType, unknown>>>
  }
  /** How a password-manager entry becomes one of its connections. */
  readonly credentialImport?: CredentialMapping
  /** Its connections in the Demo workspace (against the built-in simulator). */
  readonly demo?: DemoPart
  /** Search items an answer of one of its channels carries (the index keeps them per connection). */
  searchItems?(channel: string, input: unknown, value: unknown): IndexedItem[]
  /** What its connections hold for search and which answers list all of it (the palette names connections not covered yet). */
  readonly searchCoverage?: SearchCoverage
  createClient(record: R, deps: ClientDeps): C
  /** Test connection: a real login and one cheap call. The record's origin binding is checked before. */
  probe(record: R, deps: ClientDeps, signal: AbortSignal): Promise<ProbeResult>
  start(ctx: ProviderContext<C>): ProviderRuntime
}

/** A module of any provider, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProviderModule = ProviderModule<any, any>

/** Identity with inference: `defineProvider({ ... })` checks a module against the interface. */
export function defineProvider<R extends BaseRecord, C extends ProviderClient>(module: ProviderModule<R, C>): ProviderModule<R, C> {
  return module
}
