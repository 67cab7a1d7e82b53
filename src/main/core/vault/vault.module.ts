import { VAULT_REVEAL_CHANNELS, type VaultReason } from '../../../shared/contract/vault.contract'
import type { ChannelName } from '../../../shared/contract'
import { createConnectionsHandlers, type ConnectionsHandlers } from '../connections/connections.handlers'
import { ConnectionStore } from '../connections/connection-store'
import type { ConnectionRecords } from '../connections/connection-record'
import { ProbeRegistry } from '../connections/probe-registry'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { PlatformServices } from '../platform/platform'
import type { ScryptParams } from './crypto'
import { NodeCredentialStore } from './node-credentials'
import { openConfStore, type KeyValueStore } from './prefs'
import { SecretClipboard } from './secret-clipboard'
import { createVaultHandlers, type VaultHandlers } from './vault.handlers'
import { VaultService } from './vault.service'
import type { WriteFaultHook } from './vault-files'

/** Knobs for tests and the shells; production passes none. */
export interface VaultModuleOverrides {
  /** KDF defaults for new wraps and bundles (tests use cheaper ones). */
  kdf?: ScryptParams
  /** Non-secret prefs store; defaults to conf at <dataDir>/vault-prefs.json (Electron may pass electron-store). */
  prefs?: KeyValueStore
  now?: () => number
  faultHook?: WriteFaultHook
  clipboardClearMs?: number
  probeTimeoutMs?: number
}

export interface VaultModule {
  vault: VaultService
  connections: ConnectionStore
  nodeCredentials: NodeCredentialStore
  probes: ProbeRegistry
  clipboard: SecretClipboard
  handlers: VaultHandlers & ConnectionsHandlers
  /** Give these to createRouter's `revealChannels`. */
  revealChannels: ReadonlySet<ChannelName>
  dispose(): void
}

/** Builds the vault, connections and their handlers: one call from core.ts. */
export async function createVaultModule(options: {
  dataDir: string
  events: EventBus
  logger: Logger
  secrets: SecretRegistry
  platform: PlatformServices
  /** The provider modules' connection records. */
  records: ConnectionRecords
  overrides?: VaultModuleOverrides
}): Promise<VaultModule> {
  const o = options.overrides ?? {}
  const vault = await VaultService.open({
    dataDir: options.dataDir,
    records: options.records,
    events: options.events,
    logger: options.logger,
    secrets: options.secrets,
    ...(options.platform.keychain ? { keychain: options.platform.keychain } : {}),
    prefs: o.prefs ?? openConfStore(options.dataDir, options.logger),
    ...(o.kdf ? { kdf: o.kdf } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.faultHook ? { faultHook: o.faultHook } : {})
  })
  const clipboard = new SecretClipboard(options.platform.clipboard, o.clipboardClearMs)
  const stopClipboard = vault.onLock(() => clipboard.clearNow())
  const connections = new ConnectionStore(vault, options.records, { events: options.events, logger: options.logger, ...(o.now ? { now: o.now } : {}) })
  const nodeCredentials = new NodeCredentialStore(vault, clipboard, o.now)
  const probes = new ProbeRegistry()
  const handlers = {
    ...createVaultHandlers({ vault, connections, nodeCredentials, platform: options.platform, bundleKdf: vault.kdfParams, ...(o.now ? { now: o.now } : {}) }),
    ...createConnectionsHandlers({
      connections,
      vault,
      probes,
      secrets: options.secrets,
      logger: options.logger,
      ...(o.probeTimeoutMs ? { probeTimeoutMs: o.probeTimeoutMs } : {})
    })
  }
  return {
    vault,
    connections,
    nodeCredentials,
    probes,
    clipboard,
    handlers,
    revealChannels: new Set<ChannelName>(VAULT_REVEAL_CHANNELS),
    dispose() {
      stopClipboard()
      clipboard.dispose()
      vault.dispose()
    }
  }
}

/**
 * Maps what a shell says about an OS event ('lock-screen', 'suspend', 'shutdown', or a sentence
 * such as "the computer went to sleep") to a lock reason.
 */
export function systemLockReason(event: string): VaultReason {
  if (/suspend|sleep|hibernat/i.test(event)) return 'suspend'
  if (/shut ?down|quit|power ?off/i.test(event)) return 'shutdown'
  return 'os-lock'
}
