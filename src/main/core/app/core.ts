import type { AboutInfo, ShellKind } from '../../../shared/contract/app.contract'
import { createRequestTracker } from '../journal/request-tracker'
import { withJournal } from '../journal/with-journal'
import { EventBus } from '../events/event-bus'
import { createFleetHandlers, FleetService } from '../fleet'
import { createRouter, type HandlerMap, type Router } from '../ipc/router'
import { createActivityJournal } from '../journal/activity-journal'
import { createProviderSessions } from '../providers/provider-sessions'
import { createJournalHandlers } from '../journal/journal.handlers'
import { createLogger, type LogLevel, type Logger, type LogSink } from '../log/logger'
import { SecretRegistry } from '../log/redact'
import type { PlatformServices } from '../platform/platform'
import { withActivity } from '../ipc/with-activity'
import { createVaultModule, systemLockReason, type VaultModule, type VaultModuleOverrides } from '../vault/vault.module'
import { createAppHandlers } from './app.handlers'
import { UnsavedEdits } from './close-guard'
import { startSimulator } from '../../../simulator'
import { createCustomersHandlers, CustomersService } from '../customers/customers.service'
import { createDemoHandlers } from '../demo/demo.handlers'
import { DemoService } from '../demo/demo.service'
import { createSearchHandlers, SearchService } from '../search/search.service'
import { completeSourcesOf, extractorOf } from '../search/search-index'
import { createOfflineModule, type OfflineModule } from '../offline'
import { secureDataFolder } from '../storage/data-folder'
import { vaultKeys } from '../storage/vault-keys'
import { createWatchHandlers, WatchService } from '../schedule/watch.service'
import { TicketTargets } from '../tickets/ticket-targets'
import { createTicketsHandlers, TicketsService } from '../tickets/tickets.service'
import { createReportsHandlers, ReportsService } from '../reports/reports.service'
import { ConnectionRecords } from '../connections/connection-record'
import { channelTable } from '../ipc/channel-table'
import { PROVIDER_MODULES } from '../providers/registry'
import type { AnyProviderModule, ProviderRuntime } from '../providers/provider-module'
import type { ReportSource } from '../reports/report-source'
import { APP_VERSION } from './version'
import { CredentialImportService } from '../credential-import/credential-import.service'
import { createProviderMap } from '../credential-import/provider-map'
import { createWorkspaceHandlers } from '../workspace/workspace.handlers'
import { createOverviewHandlers, OverviewService } from '../overview/overview.service'
import { isFinalRestore } from '../../../shared/model/restore'
import { WorkspaceService } from '../workspace/workspace.service'

export interface CoreOptions {
  shell: ShellKind
  /** Where the vault, preferences and caches live. */
  dataDir: string
  /** A `--demo` session whose data folder is deleted when the shell stops (the renderer says so). */
  throwaway?: boolean
  versions: AboutInfo['versions']
  platform: PlatformServices
  logSinks?: LogSink[]
  logLevel?: LogLevel
  /** Vault knobs for tests (cheaper KDF, fault hooks, clock); production passes none. */
  vault?: VaultModuleOverrides
  /** Team workspace: background sync interval (0 = only on unlock and on demand). */
  workspaceSyncIntervalMs?: number
  /** The provider modules (default: providers/registry.ts). A test may add one. */
  providers?: readonly AnyProviderModule[]
}

/** The composition root: every service the shells need, wired once, with no electron import. */
export interface Core {
  readonly router: Router
  readonly events: EventBus
  readonly logger: Logger
  readonly secrets: SecretRegistry
  /** Vault, connections, node credentials, probe registry, secret clipboard. */
  readonly vault: VaultModule
  /** Demo workspace (the built-in simulator and its connections). */
  readonly demo: DemoService
  /** Offline snapshots and connection offline state. */
  readonly offline: OfflineModule
  /** The team workspace (git repository shared by technicians). */
  readonly workspace: WorkspaceService
  /** The scan schedule, kept scans and alerts (the tray's "Scan now" calls it). */
  readonly watch: WatchService
  /** Each window's editors with unsaved edits, as its page reported them (the Electron shell asks before closing). */
  readonly unsavedEdits: UnsavedEdits
  /** OS lock or suspend (Electron's powerMonitor): locks the vault. */
  lockOnSystemEvent(reason: string): void
  dispose(): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const secrets = new SecretRegistry()
  const logger = createLogger({ sinks: options.logSinks ?? [], secrets, level: options.logLevel ?? 'info' })
  const events = new EventBus({
    secrets,
    onWithheld: (topic) => logger.error(`event ${topic} would have carried a secret; withheld`)
  })
  const disposers: Array<() => Promise<void> | void> = []
  // Services that must react to OS lock/suspend (the vault) add themselves here.
  const systemLockListeners: Array<(reason: string) => void> = []

  const modules = options.providers ?? PROVIDER_MODULES
  const records = new ConnectionRecords(modules)
  const table = channelTable(modules)
  // Documentation hosts of modules beyond the shipped ones (the shipped ones are in external-links).
  const extraDocsHosts = modules.filter((m) => !PROVIDER_MODULES.includes(m)).flatMap((m) => m.docsHosts)

  await secureDataFolder(options.dataDir, logger)
  const vault = await createVaultModule({
    records,
    dataDir: options.dataDir,
    events,
    logger,
    secrets,
    platform: options.platform,
    ...(options.vault ? { overrides: options.vault } : {})
  })
  disposers.push(() => vault.dispose())
  systemLockListeners.push((reason) => vault.vault.lockNow(systemLockReason(reason)))

  // Customer metadata on disk (journal, restore history, tracked Cloudback definitions, review
  // queue) is sealed under keys derived from the vault: read after an unlock, dropped at lock.
  const keys = vaultKeys(vault.vault)
  const journal = createActivityJournal({ dataDir: options.dataDir, keys, secrets, logger })
  disposers.push(() => journal.dispose())
  // Provider responses go through this tracker so journal entries carry the provider request id.
  const requests = createRequestTracker()

  // One cached client per connection, built from the vault by its provider module; dropped on
  // edit, delete and lock.
  const sessions = createProviderSessions({
    modules,
    connections: vault.connections,
    vault: vault.vault,
    probes: vault.probes,
    logger,
    secrets,
    onResponse: requests.onResponse
  })
  disposers.push(() => sessions.dispose())

  // Each provider module, started once: its handlers and what it contributes to the fleet scan,
  // customer pages, reports and the Demo workspace.
  const runtimes = new Map<string, ProviderRuntime>()
  for (const module of modules) {
    const runtime = module.start({
      clientFor: sessions.clientsOf(module.kind),
      connection: (id) => vault.connections.summary(id),
      dataDir: options.dataDir,
      keys,
      events,
      logger,
      secrets,
      platform: options.platform,
      nodeCredentials: {
        save: (connectionId, nodeId, nodeName, password) => vault.nodeCredentials.put({ connectionId, nodeId, nodeName, password }),
        beginChange: (connectionId, nodeId, nodeName, password) => vault.nodeCredentials.beginChange({ connectionId, nodeId, nodeName, password })
      }
    })
    runtimes.set(module.kind, runtime)
    disposers.push(() => runtime.dispose?.())
  }
  const reportSources = new Map<string, ReportSource>()
  for (const [kind, runtime] of runtimes) if (runtime.report) reportSources.set(kind, runtime.report)

  // The team workspace: shared connections and review queue through a git repository.
  const workspace = new WorkspaceService({
    dataDir: options.dataDir,
    vault: vault.vault,
    connections: vault.connections,
    events,
    logger,
    ...(options.workspaceSyncIntervalMs !== undefined ? { syncIntervalMs: options.workspaceSyncIntervalMs } : {})
  })
  disposers.push(async () => {
    workspace.dispose()
    await workspace.settle()
  })

  const fleet = new FleetService({
    dataDir: options.dataDir,
    keys,
    connections: vault.connections,
    rowsOf: (c, signal, now) => runtimes.get(c.provider)?.fleetRows?.(c, signal, now),
    emit: (progress) => events.emit('fleet.progress', progress),
    // Everything a scan read is searchable (`search` is built below, before any scan can run).
    onRows: (connection, rows) => search.noteRows(connection.id, rows),
    // Every finished scan is kept, compared and may alert (watch is built just below).
    onFinished: (result, scanOptions) => watch.onScanFinished(result, scanOptions),
    logger,
    shared: workspace.reviewQueue()
  })
  disposers.push(() => fleet.dispose())
  const watch = new WatchService({
    dataDir: options.dataDir,
    fleet,
    connections: vault.connections,
    keys,
    onUnlock: (listener) => keys.onUnlock(listener),
    // The launch scan waits for the demo's re-pointed connections (a resume once per unlock; the
    // vault.state subscriber below asks for the same one). The demo is built below: this runs at an unlock.
    beforeScheduledScans: () => demo.resume(),
    emit: (topic, payload) => events.emit(topic, payload as never),
    platform: options.platform,
    logger
  })
  disposers.push(() => watch.dispose())
  disposers.push(
    vault.connections.onChange((change) => {
      if (change.kind === 'reset') void watch.history.clear()
      if (change.kind === 'deleted' && change.id) watch.scheduler.forgetConnection(change.id)
    })
  )
  const fleetHandlers = createFleetHandlers({ service: fleet })
  const ticketTargets = new TicketTargets(vault.vault)
  const tickets = new TicketsService({
    dataDir: options.dataDir,
    keys,
    targets: ticketTargets,
    fleet,
    since: (key, status) => watch.since(key, status),
    platform: options.platform,
    secrets,
    logger
  })
  disposers.push(() => tickets.dispose())
  const reports = new ReportsService({
    dataDir: options.dataDir,
    data: {
      connections: vault.connections,
      sources: reportSources,
      history: { each: (from, to, visit) => watch.history.each(from, to, visit), connectionsAsLastRead: (cs) => watch.connectionsAsLastRead(cs) },
      reviews: () => fleet.listReviews()
    },
    platform: options.platform,
    emit: (progress) => events.emit('reports.progress', progress),
    providerLabel: (kind) => modules.find((m) => m.kind === kind)?.label ?? kind,
    logger
  })
  disposers.push(() => reports.dispose())

  // Offline snapshots of every provider read, the search index fed from them, customer pages and
  // the Demo workspace.
  // (called only after `search` below exists: no snapshot is written while the core is built)
  const noteSnapshot = (connectionId: string, channel: string, input: unknown, value: unknown) => search.note(connectionId, channel, input, value)
  const offline = createOfflineModule({
    dataDir: options.dataDir,
    channels: table,
    keys: { deriveKey: (purpose) => vault.vault.deriveKey(purpose), onLock: (listener) => vault.vault.onLock(listener) },
    connections: vault.connections,
    probes: vault.probes,
    events,
    logger,
    onSnapshot: noteSnapshot,
    onCleared: (id) => search.forget(id)
  })
  disposers.push(() => offline.dispose())
  const search = new SearchService({
    connections: vault.connections,
    extract: extractorOf(modules),
    index: { complete: completeSourcesOf(modules) },
    objectsOf: (provider) => {
      const m = modules.find((x) => x.kind === provider)
      return m?.searchCoverage ? `${m.label} ${m.searchCoverage.objects}` : undefined
    },
    store: offline.store,
    // Each connection's objects from the newest kept scan that read it, from the latest scan the
    // Overview counts from (as the customer list looks back).
    keptScans: () => watch.keptScans(),
    onLock: (l) => vault.vault.onLock(l),
    logger
  })
  const customers = new CustomersService({
    connections: vault.connections,
    sourceOf: (provider) => runtimes.get(provider)?.customers,
    store: offline.store,
    tracker: offline.tracker,
    onSnapshot: noteSnapshot,
    // The list's status is the newer of the newest kept scan covering the customer and its last
    // page; the latest scan is the one the Overview counts from.
    keptScans: () => watch.keptScans(),
    onLock: (listener) => vault.vault.onLock(listener),
    logger
  })
  const demo = new DemoService({
    connections: vault.connections,
    providers: modules,
    startSimulator,
    events,
    logger,
    afterCreate: async (connection, simulator) => runtimes.get(connection.provider)?.demoCreated?.(connection.id, simulator),
    forget: async (id) => {
      await offline.store.clear(id)
      search.forget(id)
    },
    // Warm the customer pages (and so search) with one light read per demo connection.
    afterStart: async (ids) => {
      const names = new Set(vault.connections.list().filter((c) => ids.includes(c.id)).map((c) => c.customer))
      await Promise.all([...names].map((name) => customers.get(name, true).catch(() => undefined)))
    },
    onLock: (listener) => vault.vault.onLock(listener)
  })
  disposers.push(() => demo.dispose())
  // Demo connections from an earlier run point at the simulator's new ports once the vault opens,
  // and their customer pages are warmed again before `demo.status` tells the renderer.
  disposers.push(
    events.subscribe((topic, payload) => {
      if (topic === 'vault.state' && (payload as { state?: string }).state === 'unlocked') {
        demo.resume().catch((err: unknown) => logger.warn('demo workspace could not resume', { err }))
      }
    })
  )

  // Every provider channel: changes journaled (journal/with-journal.ts, which refuses a change its
  // module does not describe); reads kept for offline use and changes refused while offline
  // (offline/with-snapshots.ts). Each module's handler set is checked against the channel table
  // when the router is built.
  const providerHandlers = {} as HandlerMap
  for (const [kind, runtime] of runtimes) {
    const journaled = withJournal(runtime.handlers, { domain: kind, channels: table, journal, requests, describer: runtime.journal ?? { channels: {} }, logger })
    Object.assign(providerHandlers, offline.wrap(kind, journaled))
  }

  // The Overview reads only what is known already (kept scan, customer page checks, reviews, offline state, tests, restores).
  const overview = new OverviewService({
    connections: () => vault.connections.list(),
    latestScan: () => watch.latestScan(),
    lastSeen: () => watch.lastSeen(),
    checks: () => customers.connectionChecks(),
    reviews: () => fleet.listReviews(),
    offline: () => offline.tracker.list(),
    failedTest: (id) => vault.connections.failedTest(id),
    restoresInFlight: async () => {
      // Restores are a provider's (its tracker); the count comes through its channel, as the renderer's would.
      const list = providerHandlers['restores.list'] as HandlerMap['restores.list'] | undefined
      if (!list) return 0
      const records = await list(undefined, { shell: options.shell, requestId: 'overview', allowSecret: () => undefined })
      return records.filter((r) => !isFinalRestore(r.status)).length
    },
    trend: () => watch.trend.list()
  })

  const unsavedEdits = new UnsavedEdits()
  const handlers: HandlerMap = {
    ...createAppHandlers({
      shell: options.shell,
      version: APP_VERSION,
      versions: options.versions,
      dataDir: options.dataDir,
      ...(options.throwaway ? { throwaway: true } : {}),
      platform: options.platform,
      testedHosts: () => [...extraDocsHosts, ...vault.connections.testedHosts()],
      unsavedEdits
    }),
    ...vault.handlers,
    ...createJournalHandlers(journal),
    ...providerHandlers,
    ...fleetHandlers,
    'fleet.review.set': async (input, ctx) => {
      const saved = await fleetHandlers['fleet.review.set'](input, ctx)
      void watch.refreshAttention()
      return saved
    },
    ...createWatchHandlers(watch, () => vault.vault.requireUnlocked()),
    ...createTicketsHandlers(tickets, ticketTargets),
    ...createReportsHandlers(reports, () => vault.vault.requireUnlocked()),
    ...offline.handlers,
    ...createSearchHandlers(search),
    ...createCustomersHandlers(customers),
    ...createDemoHandlers(demo),
    ...createOverviewHandlers(overview, () => vault.vault.requireUnlocked()),
    ...createWorkspaceHandlers(workspace, new CredentialImportService({ connections: vault.connections, providers: createProviderMap(modules, table['connections.create']!.input), secrets, onLock: (l) => vault.vault.onLock(l), logger }))
  }

  // Every non-passive call counts as activity for the vault's idle timer.
  const router = withActivity(
    createRouter({ handlers, channels: table, logger, secrets, revealChannels: vault.revealChannels }),
    () => vault.vault.noteActivity()
  )
  logger.info('core ready', { shell: options.shell })

  return {
    router,
    events,
    logger,
    secrets,
    vault,
    demo,
    offline,
    workspace,
    watch,
    unsavedEdits,
    lockOnSystemEvent(reason) {
      for (const listener of systemLockListeners) listener(reason)
    },
    async dispose() {
      for (const dispose of disposers.reverse()) await dispose()
      secrets.clear()
    }
  }
}
