import type { AboutInfo, ShellKind } from '../../../shared/contract/app.contract'
import { EventBus } from '../events/event-bus'
import { createRouter, type HandlerMap, type Router } from '../ipc/router'
import { createLogger, type LogLevel, type Logger, type LogSink } from '../log/logger'
import { SecretRegistry } from '../log/redact'
import type { PlatformServices } from '../platform/platform'
import { createAppHandlers } from './app.handlers'
import { APP_VERSION } from './version'

export interface CoreOptions {
  shell: ShellKind
  /** Where the vault, preferences and caches live. */
  dataDir: string
  versions: AboutInfo['versions']
  platform: PlatformServices
  logSinks?: LogSink[]
  logLevel?: LogLevel
}

/** The composition root: every service the shells need, wired once, with no electron import. */
export interface Core {
  readonly router: Router
  readonly events: EventBus
  readonly logger: Logger
  readonly secrets: SecretRegistry
  /** OS lock or suspend (Electron's powerMonitor): locks the vault. */
  lockOnSystemEvent(reason: string): void
  dispose(): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const secrets = new SecretRegistry()
  const logger = createLogger({ sinks: options.logSinks ?? [], secrets, level: options.logLevel ?? 'info' })
  const events = new EventBus()
  const disposers: Array<() => Promise<void> | void> = []
  // Services that must react to OS lock/suspend (the vault) add themselves here.
  const systemLockListeners: Array<(reason: string) => void> = []

  const handlers: HandlerMap = {
    ...createAppHandlers({
      shell: options.shell,
      version: APP_VERSION,
      versions: options.versions,
      dataDir: options.dataDir,
      platform: options.platform,
      knownHosts: () => []
    })
  }

  const router = createRouter({ handlers, logger, secrets })
  logger.info('core ready', { shell: options.shell })

  return {
    router,
    events,
    logger,
    secrets,
    lockOnSystemEvent(reason) {
      for (const listener of systemLockListeners) listener(reason)
    },
    async dispose() {
      for (const dispose of disposers.reverse()) await dispose()
      secrets.clear()
    }
  }
}
