import { z } from 'zod'
import type { NodeCredentialSummary, ProviderKind } from '../model/connection'
import { defineChannel, defineTopic, Id, NoInput } from './define'

// The credential vault: life cycle, settings, recovery, export/import and node credentials.
// Passphrases go in; no secret ever comes out except through vault.nodeCredential.reveal, which
// the router lets through for that one value.

export type VaultState = 'uninitialized' | 'locked' | 'unlocked' | 'corrupt'

/** Why the vault changed state, for the screen ("Locked after 15 minutes idle"). */
export type VaultReason =
  | 'startup'
  | 'setup'
  | 'unlock'
  | 'user'
  | 'idle'
  | 'os-lock'
  | 'suspend'
  | 'shutdown'
  | 'corrupt'
  | 'restored'
  | 'reset'

export interface VaultStatus {
  state: VaultState
  reason?: VaultReason
  /** Absolute path of the vault file and of its last-good backup (null when none exists). */
  vaultFile: string
  backupFile: string | null
  /** "Remember on this device" is set up and the OS keychain can be used right now. */
  deviceUnlock: boolean
  /** Whether this shell has a real OS keychain at all. */
  deviceUnlockSupported: boolean
  /** Present after repeated wrong passphrases. */
  throttle?: { failures: number; retryAfterMs: number }
  /** Present in state `corrupt`: what is wrong and what can be done. */
  corrupt?: { message: string; backupUsable: boolean }
  /** Present while unlocked. */
  autoLockMinutes?: number
  autoLockAt?: string | null
  /**
   * Present while unlocked once a passphrase was checked in this session: how long deriving the
   * key from it took on this computer, and the parameters that cost is for. The cost is what
   * makes each guess slow for an attacker and each unlock slow for the user; a vault made on a
   * faster machine (or raised to stronger parameters) shows here what it costs on this one.
   */
  unlockCost?: { ms: number; kdf: { N: number; r: number; p: number } }
}

export interface VaultSettings {
  /** Idle minutes before the vault locks itself; 0 = never (not recommended). */
  autoLockMinutes: number
  rememberOnDevice: boolean
  deviceUnlockSupported: boolean
}

/**
 * Where a file main produced went. The bytes themselves never cross IPC: the Electron shell writes
 * them where the user chose in the OS save dialog (`saved: false` when the dialog was cancelled);
 * the web shell answers a one-time URL on its own origin that serves them once to a navigation.
 */
export type SaveFileResult = { saved: true; path: string } | { saved: false } | { download: string }

/** What an export did: counts and where the bundle went, never the bundle. */
export type ExportResult = SaveFileResult & {
  fileName: string
  connections: number
  nodeCredentials: number
}

export type ImportConflict = 'none' | 'same-id' | 'same-name'

export interface ImportPreview {
  exportedAt: string
  connections: Array<{
    id: string
    name: string
    provider: ProviderKind
    customer: string
    baseUrl: string
    conflict: ImportConflict
  }>
  nodeCredentials: number
}

export interface ImportResult {
  mode: 'merge' | 'replace'
  added: number
  overwritten: number
  skipped: number
  total: number
}

const Passphrase = z.string().min(1).max(1024)
/** Which stored node password: the newest, or the one an unconfirmed change replaced. */
const NodePasswordSlot = z.enum(['current', 'previous']).default('current')
const Bundle = z.string().min(1).max(8 * 1024 * 1024)

export const vaultChannels = {
  'vault.status': defineChannel<VaultStatus>()(NoInput),
  /** First run: the renderer shows strength feedback; main refuses weak passphrases. */
  'vault.setup': defineChannel<VaultStatus>()(
    z
      .object({ passphrase: Passphrase, confirm: Passphrase })
      .strict()
      .refine((v) => v.passphrase === v.confirm, { path: ['confirm'], message: 'The two passphrases differ' }),
    { mutates: true }
  ),
  'vault.unlock': defineChannel<VaultStatus>()(
    z.union([
      z.object({ passphrase: Passphrase }).strict(),
      z.object({ useDevice: z.literal(true) }).strict()
    ]),
    { mutates: true }
  ),
  'vault.lock': defineChannel<VaultStatus>()(NoInput, { mutates: true }),
  /** User activity in the renderer: restarts the idle timer. */
  'vault.touch': defineChannel<{ autoLockAt: string | null }>()(NoInput),
  'vault.changePassphrase': defineChannel<{ changed: true }>()(
    z
      .object({
        current: Passphrase.describe('Current passphrase'),
        next: Passphrase.describe('New passphrase'),
        confirm: Passphrase.describe('Repeat the new passphrase')
      })
      .strict()
      .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'The two new passphrases differ.' }),
    { mutates: true }
  ),
  'vault.settings.get': defineChannel<VaultSettings>()(NoInput),
  'vault.settings.set': defineChannel<VaultSettings>()(
    z
      .object({
        autoLockMinutes: z.number().int().min(0).max(24 * 60).optional(),
        rememberOnDevice: z.boolean().optional()
      })
      .strict(),
    { mutates: true }
  ),
  /** After VAULT_CORRUPT: puts the last good backup back (the damaged file is kept aside). */
  'vault.restoreBackup': defineChannel<VaultStatus>()(NoInput, { mutates: true }),
  /** Destructive: starts over with no vault (the old files are kept aside, unreadable without their passphrase). */
  'vault.reset': defineChannel<VaultStatus>()(z.object({ confirm: z.literal('RESET') }).strict(), { mutates: true }),
  /**
   * Re-authenticates: `masterPassphrase` is checked like an unlock (throttled, same failure
   * counter). `passphrase`/`confirm` are the bundle's own passphrase. Node credentials (IBM
   * Storage Protect node passwords) go in only when asked for.
   */
  'vault.export': defineChannel<ExportResult>()(
    z
      .object({
        masterPassphrase: Passphrase,
        passphrase: Passphrase,
        confirm: Passphrase,
        /** Absent = every connection. */
        connectionIds: z.array(Id).min(1).max(10_000).optional(),
        includeNodeCredentials: z.boolean().default(false)
      })
      .strict()
      .refine((v) => v.passphrase === v.confirm, { path: ['confirm'], message: 'The two passphrases differ' }),
    { mutates: true }
  ),
  'vault.importPreview': defineChannel<ImportPreview>()(
    z.object({ bundle: Bundle, passphrase: Passphrase }).strict()
  ),
  'vault.import': defineChannel<ImportResult>()(
    z.discriminatedUnion('mode', [
      z
        .object({
          mode: z.literal('merge'),
          bundle: Bundle,
          passphrase: Passphrase,
          /** Same id already here: keep both (the import gets a new id), overwrite, or skip. */
          conflicts: z.enum(['keepBoth', 'overwrite', 'skip']).default('keepBoth')
        })
        .strict(),
      z
        .object({
          mode: z.literal('replace'),
          bundle: Bundle,
          passphrase: Passphrase,
          /** Replace deletes every current connection. */
          confirm: z.literal('REPLACE')
        })
        .strict()
    ]),
    { mutates: true }
  ),
  'vault.nodeCredential.list': defineChannel<NodeCredentialSummary[]>()(
    z.object({ connectionId: Id.optional() }).strict().optional()
  ),
  /**
   * Answers the node password itself (the only channel that may): the node's newest one, or with
   * `slot: 'previous'` the one an unconfirmed change replaced.
   */
  'vault.nodeCredential.reveal': defineChannel<{ nodeName: string; password: string }>()(
    z.object({ connectionId: Id, nodeId: Id, slot: NodePasswordSlot }).strict()
  ),
  /** Copies the node password to the clipboard in main; cleared after 30 s if unchanged. */
  'vault.nodeCredential.copy': defineChannel<{ copied: true; clearAfterMs: number }>()(
    z.object({ connectionId: Id, nodeId: Id, slot: NodePasswordSlot }).strict()
  ),
  /**
   * After an unconfirmed password change, the technician says which password the node uses:
   * `current` (the new one) or `previous`; the other is forgotten.
   */
  'vault.nodeCredential.settle': defineChannel<{ settled: true }>()(
    z.object({ connectionId: Id, nodeId: Id, keep: z.enum(['current', 'previous']) }).strict(),
    { mutates: true }
  ),
  'vault.nodeCredential.delete': defineChannel<{ deleted: true }>()(
    z.object({ connectionId: Id, nodeId: Id }).strict(),
    { mutates: true }
  )
} as const

export const vaultTopics = {
  'vault.state': defineTopic<{ state: VaultState; reason?: VaultReason }>(),
  /** The idle lock moved (activity, a new setting): sent when the minute it falls in changes. */
  'vault.autoLock': defineTopic<{ autoLockAt: string | null }>()
} as const

/** The one channel whose answer may carry a registered secret (see router `revealChannels`). */
export const VAULT_REVEAL_CHANNELS = ['vault.nodeCredential.reveal'] as const
