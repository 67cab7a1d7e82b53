import { hkdfSync } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { VaultReason, VaultSettings, VaultState, VaultStatus } from '../../../shared/contract/vault.contract'
import { AppError } from '../../../shared/errors'
import { isAcceptablePassphrase, PASSPHRASE_MIN_LENGTH, passwordStrength } from '../../../shared/password-strength'
import type { EventBus } from '../events/event-bus'
import { silentLogger, type Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { Keychain } from '../platform/platform'
import { DEFAULT_SCRYPT, isWeaker, KEY_BYTES, newDataKey, newSalt, open, sameBytes, type ScryptParams } from './crypto'
import {
  buildVaultFile,
  CURRENT_VERSION,
  makePassphraseWrap,
  openPayload,
  parseVaultFile,
  unwrapWithPassphrase,
  VaultFormatError,
  type ParsedVaultFile,
  type VaultHeader
} from './format'
import { emptyPayload, payloadSecrets, vaultPayloadSchema, type VaultPayload } from './payload'
import type { ConnectionRecords } from '../connections/connection-record'
import { memoryStore, type KeyValueStore } from './prefs'
import { VaultStateMachine } from './state'
import { PassphraseThrottle } from './throttle'
import { VaultFiles, type WriteFaultHook } from './vault-files'

export interface VaultServiceOptions {
  dataDir: string
  /** The provider modules' connection records: the payload parses with their schema. */
  records: ConnectionRecords
  events?: EventBus
  logger?: Logger
  /**
   * Every secret in the payload is registered here while unlocked, bound to the origin it may be
   * sent to: logs and IPC redact it, and the HTTP layer refuses to send it anywhere else.
   */
  secrets?: SecretRegistry
  keychain?: Keychain
  /** Non-secret preferences (throttle counters). Defaults to memory: pass conf / electron-store. */
  prefs?: KeyValueStore
  /** Current KDF defaults; files below them are re-wrapped at unlock. Tests pass cheaper ones. */
  kdf?: ScryptParams
  now?: () => number
  /** Tests: called before each step of every write. */
  faultHook?: WriteFaultHook
  fileName?: string
}

export type LockListener = (reason: VaultReason) => void
export type StateListener = (state: VaultState, reason: VaultReason | undefined) => void

/**
 * The vault's life cycle. While locked, no data key, payload or secret is referenced from here
 * (the data key Buffer is zeroed; JS strings cannot be, so they are dropped for the GC).
 * Operations that touch the file or derive keys run one at a time.
 */
export class VaultService {
  readonly files: VaultFiles
  private machine: VaultStateMachine
  private readonly logger: Logger
  private readonly throttle: PassphraseThrottle
  private readonly kdf: ScryptParams
  private readonly now: () => number
  private reason: VaultReason | undefined = 'startup'
  private corruptReason: string | undefined
  private corruptNewer = false
  /** What the last passphrase check cost here (see VaultStatus.unlockCost); not a secret. */
  private unlockCost: NonNullable<VaultStatus['unlockCost']> | null = null
  /** The header of the file on disk (non-secret), also while locked. */
  private header: VaultHeader | null = null
  /** The bytes last read from or written to disk: anything else found there was not written by us. */
  private diskBytes: Buffer | null = null
  private dataKey: Buffer | null = null
  /**
   * The passphrase wrap of a file in an older format: its AAD names the old version, so it must
   * not be written into a current-version file. Set after unlocking an old file until the upgrade
   * (which needs the passphrase) succeeds; writes are refused meanwhile.
   */
  private staleWrap: object | null = null
  private payload: VaultPayload | null = null
  /** Bumped by every lock/reset/corrupt: async work started before it must not commit. */
  private epoch = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private autoLockAt: number | null = null
  /** The minute last announced on `vault.autoLock` (the status bar shows minutes). */
  private announcedLockMinute: number | null = null
  /** The payload's secrets as last registered, with the origins each is bound to. */
  private registered = new Map<string, Set<string>>()
  private readonly lockListeners = new Set<LockListener>()
  private readonly stateListeners = new Set<StateListener>()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly payloadSchema: ReturnType<typeof vaultPayloadSchema>

  private constructor(private readonly options: VaultServiceOptions) {
    const fileOptions: { dir: string; fileName?: string; faultHook?: WriteFaultHook } = { dir: options.dataDir }
    if (options.fileName) fileOptions.fileName = options.fileName
    if (options.faultHook) fileOptions.faultHook = options.faultHook
    this.files = new VaultFiles(fileOptions)
    this.logger = (options.logger ?? silentLogger).child('vault')
    this.now = options.now ?? (() => Date.now())
    this.throttle = new PassphraseThrottle(options.prefs ?? memoryStore(), this.now)
    this.kdf = { ...(options.kdf ?? DEFAULT_SCRYPT) }
    this.machine = new VaultStateMachine('uninitialized')
    this.payloadSchema = vaultPayloadSchema(options.records.schema)
  }

  /** Reads the file (if any) and starts `locked`, `uninitialized` or `corrupt`. Asks for nothing. */
  static async open(options: VaultServiceOptions): Promise<VaultService> {
    const service = new VaultService(options)
    await service.load()
    return service
  }

  private async load(): Promise<void> {
    const stale = await this.files.removeStaleTemps()
    if (stale.length > 0) this.logger.warn('removed temp files of an interrupted vault write', { files: stale })
    const raw = await this.files.read()
    if (raw === null) {
      if (await this.files.hasBackup()) this.startCorrupt('the vault file is missing')
      return
    }
    try {
      const parsed = parseVaultFile(raw)
      this.header = parsed.header
      this.diskBytes = raw
      this.machine = new VaultStateMachine('locked')
    } catch (err) {
      if (!(err instanceof VaultFormatError)) throw err
      this.startCorrupt(err.reason, err.newer)
      this.logger.error('vault refused at start', { reason: err.reason })
    }
  }

  private startCorrupt(reason: string, newer = false): void {
    this.corruptReason = reason
    this.corruptNewer = newer
    this.reason = 'corrupt'
    this.machine = new VaultStateMachine('corrupt')
  }

  // ---- queries -----------------------------------------------------------------------------------

  get state(): VaultState {
    return this.machine.state
  }

  get vaultFile(): string {
    return this.files.path
  }

  /** Current KDF defaults (what new wraps use). */
  get kdfParams(): Readonly<ScryptParams> {
    return this.kdf
  }

  async status(): Promise<VaultStatus> {
    const backupExists = await this.files.hasBackup()
    const state = this.machine.state
    const status: VaultStatus = {
      state,
      vaultFile: this.files.path,
      backupFile: backupExists ? this.files.backupPath : null,
      deviceUnlock: state === 'locked' && this.header?.wraps.keychain !== undefined && this.keychain() !== null,
      deviceUnlockSupported: this.keychain() !== null
    }
    if (this.reason) status.reason = this.reason
    const { failures } = this.throttle.state()
    if (failures > 0 && state === 'locked') status.throttle = { failures, retryAfterMs: this.throttle.retryAfterMs() }
    if (state === 'corrupt') {
      status.corrupt = { message: this.corruptMessage(backupExists), backupUsable: await this.backupUsable() }
    }
    if (state === 'unlocked' && this.payload) {
      status.autoLockMinutes = this.payload.settings.autoLockMinutes
      status.autoLockAt = this.autoLockAt === null ? null : new Date(this.autoLockAt).toISOString()
      if (this.unlockCost) status.unlockCost = this.unlockCost
    }
    return status
  }

  /** Throws LOCKED unless unlocked. Every provider call goes through this first. */
  requireUnlocked(): void {
    if (this.machine.state !== 'unlocked' || !this.payload || !this.dataKey) {
      const message =
        this.machine.state === 'corrupt'
          ? 'The vault cannot be opened (its file is damaged). Restore the backup or reset it first.'
          : this.machine.state === 'uninitialized'
            ? 'Set up the vault first.'
            : 'The vault is locked. Unlock it to continue.'
      throw new AppError('LOCKED', message)
    }
  }

  /**
   * A 32-byte key for `purpose` (e.g. the offline snapshot cache), derived with HKDF-SHA256 from
   * the data key: the same vault always gives the same key, another vault a different one. The
   * data key itself never leaves this class. Throws LOCKED unless unlocked; the caller should
   * zero its copy when the vault locks (`onLock`).
   */
  deriveKey(purpose: string): Buffer {
    this.requireUnlocked()
    if (!purpose) throw new AppError('INTERNAL', 'A derived key needs a purpose.')
    const salt = Buffer.from('backdesk/vault/derived-key/v1', 'utf8')
    return Buffer.from(hkdfSync('sha256', this.dataKey as Buffer, salt, Buffer.from(purpose, 'utf8'), KEY_BYTES))
  }

  /** Read access to the decrypted payload. Do not keep references to secrets beyond the call. */
  read<T>(fn: (payload: Readonly<VaultPayload>) => T): T {
    this.requireUnlocked()
    return fn(this.payload as VaultPayload)
  }

  /** Called when the vault stops being unlocked (lock, idle, OS lock, reset, damage). */
  onLock(listener: LockListener): () => void {
    this.lockListeners.add(listener)
    return () => this.lockListeners.delete(listener)
  }

  onStateChange(listener: StateListener): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  // ---- life cycle --------------------------------------------------------------------------------

  setup(passphrase: string): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.machine.state !== 'uninitialized') {
        throw new AppError('CONFLICT', 'A vault already exists. Unlock it, or reset it to start over.')
      }
      this.requireAcceptable(passphrase)
      const epoch = this.epoch
      const dataKey = newDataKey()
      try {
        const started = performance.now()
        const wrap = await makePassphraseWrap(passphrase, dataKey, this.kdf, newSalt())
        this.noteUnlockCost(performance.now() - started, this.kdf)
        const header: VaultHeader = {
          kdf: wrap.kdf,
          wraps: { passphrase: wrap.passphrase },
          createdAt: new Date(this.now()).toISOString()
        }
        const payload = emptyPayload()
        await this.persist(header, payload, dataKey, epoch)
        this.throttle.reset()
        this.commitUnlocked(dataKey, payload, header, 'setup')
      } catch (err) {
        if (this.dataKey !== dataKey) dataKey.fill(0)
        throw err
      }
      this.logger.info('vault created', { kdf: this.kdf })
      return this.status()
    })
  }

  unlock(input: { passphrase: string } | { useDevice: true }): Promise<VaultStatus> {
    // Taken at call time: a lock (OS suspend) that arrives after this call, even while it waits
    // in the queue, must win.
    const epoch = this.epoch
    return this.serial(async () => {
      const state = this.machine.state
      if (state === 'unlocked') return this.status()
      if (state === 'uninitialized') throw new AppError('NOT_FOUND', 'There is no vault yet. Set one up first.')
      if (state === 'corrupt') throw await this.corruptError()
      const parsed = await this.readVerified()

      let dataKey: Buffer
      const passphrase = 'passphrase' in input ? input.passphrase : undefined
      if (passphrase !== undefined) {
        dataKey = await this.verifyPassphrase(parsed.parsed, passphrase, { wrong: 'That passphrase is not correct.', fromDisk: true })
      } else {
        dataKey = this.unwrapWithKeychain(parsed.parsed)
      }

      let payload: VaultPayload
      try {
        payload = this.payloadSchema.parse(parsed.parsed.migratePayload(openPayload(parsed.parsed, dataKey)))
      } catch (err) {
        dataKey.fill(0)
        this.logger.error('vault payload does not open or is not valid', { err })
        this.setCorrupt('its encrypted contents do not match its header (the file was modified)')
        throw await this.corruptError()
      }
      if (this.epoch !== epoch) {
        dataKey.fill(0)
        throw new AppError('LOCKED', 'The vault was locked again while it was being unlocked.')
      }
      this.diskBytes = parsed.raw
      this.staleWrap = parsed.parsed.version < CURRENT_VERSION ? parsed.parsed.header.wraps.passphrase : null
      this.commitUnlocked(dataKey, payload, parsed.parsed.header, 'unlock')

      // Upgrade old files: an older format version, or KDF parameters below today's defaults.
      // Both need a fresh passphrase wrap (its AAD names the version), so only a passphrase
      // unlock upgrades; a device unlock leaves the file for the next passphrase unlock.
      const oldVersion = parsed.parsed.version < CURRENT_VERSION
      const weak = isWeaker(parsed.parsed.kdf, this.kdf)
      if (passphrase !== undefined && (weak || oldVersion)) {
        try {
          let header = parsed.parsed.header
          {
            const wrap = await makePassphraseWrap(passphrase, dataKey, strongest(parsed.parsed.kdf, this.kdf), newSalt())
            header = { ...header, kdf: wrap.kdf, wraps: { ...header.wraps, passphrase: wrap.passphrase } }
          }
          await this.persist(header, payload, dataKey, this.epoch)
          if (this.dataKey === dataKey) {
            this.header = header
            this.staleWrap = null
          }
          this.logger.info('vault file upgraded', { fromVersion: parsed.parsed.version, raisedKdf: weak })
        } catch (err) {
          this.logger.warn('vault upgrade postponed to the next unlock', { err })
        }
      }
      return this.status()
    })
  }

  /** Locks now. Safe to call in any state and from OS events; never waits for queued work. */
  lock(reason: VaultReason = 'user'): void {
    this.epoch++
    if (this.machine.state !== 'unlocked') return
    this.dropSecrets()
    this.machine.to('locked')
    this.reason = reason
    this.logger.info('vault locked', { reason })
    this.notifyLocked(reason)
    this.emitState()
  }

  /** For the shell: OS screen lock, suspend, shutdown. */
  lockNow(reason: VaultReason): void {
    this.lock(reason)
  }

  /** Any user activity (an IPC call): restarts the idle timer. */
  noteActivity(): void {
    if (this.machine.state === 'unlocked') this.scheduleAutoLock()
  }

  touch(): { autoLockAt: string | null } {
    this.noteActivity()
    return { autoLockAt: this.autoLockAt === null ? null : new Date(this.autoLockAt).toISOString() }
  }

  changePassphrase(current: string, next: string): Promise<{ changed: true }> {
    return this.serial(async () => {
      this.requireUnlocked()
      this.requireAcceptable(next)
      const epoch = this.epoch
      await this.reauthenticate(current, 'The current passphrase is not correct.')
      const dataKey = this.dataKey as Buffer
      const wrap = await makePassphraseWrap(next, dataKey, this.kdf, newSalt())
      const base = this.header as VaultHeader
      const header: VaultHeader = { ...base, kdf: wrap.kdf, wraps: { ...base.wraps, passphrase: wrap.passphrase } }
      await this.persist(header, this.payload as VaultPayload, dataKey, epoch)
      this.header = header
      this.logger.info('vault passphrase changed')
      return { changed: true as const }
    })
  }

  /**
   * Asks for the master passphrase again while unlocked (before an export): throttled and counted
   * like an unlock. Throws WRONG_PASSPHRASE (with the throttle details) or THROTTLED.
   */
  confirmPassphrase(passphrase: string): Promise<void> {
    return this.serial(async () => {
      this.requireUnlocked()
      await this.reauthenticate(passphrase, 'The master passphrase is not correct.')
    })
  }

  getSettings(): VaultSettings {
    this.requireUnlocked()
    return {
      autoLockMinutes: (this.payload as VaultPayload).settings.autoLockMinutes,
      rememberOnDevice: this.header?.wraps.keychain !== undefined,
      deviceUnlockSupported: this.keychain() !== null
    }
  }

  setSettings(patch: { autoLockMinutes?: number | undefined; rememberOnDevice?: boolean | undefined }): Promise<VaultSettings> {
    return this.serial(async () => {
      this.requireUnlocked()
      const epoch = this.epoch
      const dataKey = this.dataKey as Buffer
      const base = this.header as VaultHeader
      const wraps: VaultHeader['wraps'] = { passphrase: base.wraps.passphrase }
      if (base.wraps.keychain !== undefined) wraps.keychain = base.wraps.keychain
      if (patch.rememberOnDevice === true) {
        const keychain = this.keychain()
        if (!keychain) {
          throw new AppError('NOT_SUPPORTED', 'This computer has no OS keychain Backdesk can use, so the vault cannot be remembered here.')
        }
        wraps.keychain = keychain.encrypt(dataKey).toString('base64')
      } else if (patch.rememberOnDevice === false) {
        delete wraps.keychain
      }
      const header: VaultHeader = { ...base, wraps }
      const payload = structuredClone(this.payload as VaultPayload)
      if (patch.autoLockMinutes !== undefined) payload.settings.autoLockMinutes = patch.autoLockMinutes
      await this.persist(header, payload, dataKey, epoch)
      this.header = header
      this.payload = payload
      this.scheduleAutoLock()
      return this.getSettings()
    })
  }

  /**
   * Applies `mutator` to a copy of the payload, saves it, and only then makes it current: a failed
   * save changes nothing. Returns what the mutator returned.
   */
  update<T>(mutator: (draft: VaultPayload) => T): Promise<T> {
    return this.serial(async () => {
      this.requireUnlocked()
      const epoch = this.epoch
      const dataKey = this.dataKey as Buffer
      const draft = structuredClone(this.payload as VaultPayload)
      const result = mutator(draft)
      const checked = this.payloadSchema.safeParse(draft)
      if (!checked.success) {
        this.logger.error('refusing to save an invalid vault payload', { issues: checked.error.issues.slice(0, 5).map((i) => i.path.join('.')) })
        throw new AppError('INTERNAL', 'Backdesk refused to save data it could not check. Nothing was changed.')
      }
      await this.persist(this.header as VaultHeader, checked.data, dataKey, epoch)
      if (this.epoch === epoch && this.dataKey === dataKey) {
        this.payload = checked.data
        this.syncSecrets()
      }
      return result
    })
  }

  /** After VAULT_CORRUPT: moves the damaged file aside and puts the last good backup in its place. */
  restoreBackup(): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.machine.state !== 'corrupt') {
        throw new AppError('CONFLICT', 'The vault is not damaged; there is nothing to restore.')
      }
      const backup = await this.files.readBackup()
      if (backup === null) {
        throw new AppError('NOT_FOUND', `There is no backup (${this.files.backupPath}). Reset the vault to start over.`)
      }
      let parsed: ParsedVaultFile
      try {
        parsed = parseVaultFile(backup)
      } catch (err) {
        const why = err instanceof VaultFormatError ? err.reason : 'unreadable'
        throw new AppError('VAULT_CORRUPT', `The backup ${this.files.backupPath} cannot be used either: ${why}. Reset the vault to start over.`)
      }
      const moved = await this.files.moveAside('damaged')
      // Nothing is at the vault path now, so this write makes no new backup: the .bak stays as it was.
      this.diskBytes = null
      await this.writeChecked(backup)
      this.header = parsed.header
      this.corruptReason = undefined
      this.corruptNewer = false
      this.epoch++
      this.machine.to('locked')
      this.reason = 'restored'
      this.logger.warn('vault restored from backup', { movedAside: moved })
      this.emitState()
      return this.status()
    })
  }

  /** Destructive: forgets the vault (files are renamed aside, not deleted) and starts uninitialized. */
  reset(): Promise<VaultStatus> {
    return this.serial(async () => {
      const wasUnlocked = this.machine.state === 'unlocked'
      this.epoch++
      if (wasUnlocked) this.dropSecrets()
      const moved = await this.files.moveAside('discarded', { withBackup: true })
      this.diskBytes = null
      this.header = null
      this.corruptReason = undefined
      this.corruptNewer = false
      this.throttle.reset()
      this.machine.to('uninitialized')
      this.reason = 'reset'
      this.logger.warn('vault reset', { movedAside: moved })
      if (wasUnlocked) this.notifyLocked('reset')
      this.emitState()
      return this.status()
    })
  }

  /** Stops timers and drops secrets (app quit). */
  dispose(): void {
    this.lock('shutdown')
    if (this.timer) clearTimeout(this.timer)
    this.lockListeners.clear()
    this.stateListeners.clear()
  }

  // ---- internals ---------------------------------------------------------------------------------

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private keychain(): Keychain | null {
    const keychain = this.options.keychain
    try {
      return keychain && keychain.isAvailable() ? keychain : null
    } catch {
      return null
    }
  }

  private requireAcceptable(passphrase: string): void {
    if (!isAcceptablePassphrase(passphrase)) {
      const { score, hints } = passwordStrength(passphrase)
      throw new AppError(
        'VALIDATION',
        passphrase.length < PASSPHRASE_MIN_LENGTH
          ? `The passphrase must have at least ${PASSPHRASE_MIN_LENGTH} characters.`
          : 'The passphrase is too easy to guess.',
        { details: { score, hints } }
      )
    }
  }

  private requireSameEpoch(epoch: number): void {
    if (this.epoch !== epoch || this.machine.state !== 'unlocked') {
      throw new AppError('LOCKED', 'The vault was locked while this was in progress. Nothing was changed.')
    }
  }

  /**
   * The one passphrase check (unlock, change passphrase, export): waits out the throttle, counts a
   * wrong passphrase, clears the count on a right one. Returns the data key (the caller zeroes it).
   * With `fromDisk`, a passphrase that fails on the file but opens the last good backup, whose key
   * does not open this file, means the file was changed (a forged header): VAULT_CORRUPT, not
   * counted. A file whose header and payload still authenticate under that key is genuine, so an
   * old passphrase (the backup predates a change of passphrase) stays a wrong one.
   */
  private async verifyPassphrase(file: ParsedVaultFile, passphrase: string, options: { wrong: string; fromDisk: boolean }): Promise<Buffer> {
    this.throttle.check()
    let dataKey: Buffer
    const started = performance.now()
    try {
      dataKey = await unwrapWithPassphrase(file, passphrase)
      this.noteUnlockCost(performance.now() - started, file.kdf)
    } catch {
      if (options.fromDisk && (await this.opensBackupOnly(file, passphrase))) {
        this.logger.error('the passphrase opens the backup but not the vault file: its header was changed')
        this.setCorrupt('its header was changed (your passphrase opens the last good backup, not this file)')
        throw await this.corruptError()
      }
      const { failures } = this.throttle.fail()
      const retryAfterMs = this.throttle.retryAfterMs()
      this.logger.warn('wrong passphrase', { failures })
      throw new AppError('WRONG_PASSPHRASE', options.wrong, { details: { failures, retryAfterMs } })
    }
    this.throttle.succeed()
    return dataKey
  }

  private noteUnlockCost(ms: number, kdf: ScryptParams): void {
    this.unlockCost = { ms: Math.round(ms), kdf: { N: kdf.N, r: kdf.r, p: kdf.p } }
  }

  /**
   * While unlocked: checks `passphrase` against the bytes we last wrote (what we unlocked, not
   * whatever is on disk now) and that it gives the data key in use.
   */
  private async reauthenticate(passphrase: string, wrong: string): Promise<void> {
    const epoch = this.epoch
    const written = parseVaultFile(this.diskBytes as Buffer)
    const check = await this.verifyPassphrase(written, passphrase, { wrong, fromDisk: false })
    try {
      this.requireSameEpoch(epoch)
      if (!sameBytes(check, this.dataKey as Buffer)) {
        throw new AppError('CONFLICT', 'The vault file changed while it was open. Lock and unlock, then try again.')
      }
    } finally {
      check.fill(0)
    }
  }

  /** True when `passphrase` opens the last good backup and the key found there does not open `file`. */
  private async opensBackupOnly(file: ParsedVaultFile, passphrase: string): Promise<boolean> {
    const raw = await this.files.readBackup().catch(() => null)
    if (raw === null) return false
    let backupKey: Buffer
    try {
      backupKey = await unwrapWithPassphrase(parseVaultFile(raw), passphrase)
    } catch {
      return false
    }
    try {
      open(backupKey, file.payloadBox, file.payloadAad).fill(0)
      return false
    } catch {
      return true
    } finally {
      backupKey.fill(0)
    }
  }

  private unwrapWithKeychain(parsed: ParsedVaultFile): Buffer {
    const keychain = this.keychain()
    if (!keychain) throw new AppError('NOT_SUPPORTED', 'This computer has no OS keychain Backdesk can use. Enter the passphrase.')
    const sealed = parsed.header.wraps.keychain
    if (sealed === undefined) throw new AppError('NOT_SUPPORTED', 'Unlock on this device is not set up. Enter the passphrase.')
    let key: Buffer
    try {
      key = keychain.decrypt(Buffer.from(sealed, 'base64'))
    } catch {
      throw new AppError('NOT_SUPPORTED', 'The OS keychain could not unlock the vault on this device. Enter the passphrase.')
    }
    if (key.length !== KEY_BYTES) {
      key.fill(0)
      throw new AppError('NOT_SUPPORTED', 'The OS keychain returned an unusable key. Enter the passphrase.')
    }
    return key
  }

  /** Reads the file again and checks its structure; a damaged file turns the vault corrupt. */
  private async readVerified(): Promise<{ raw: Buffer; parsed: ParsedVaultFile }> {
    const raw = await this.files.read()
    if (raw === null) {
      this.setCorrupt('the vault file is missing')
      throw await this.corruptError()
    }
    try {
      return { raw, parsed: parseVaultFile(raw) }
    } catch (err) {
      if (!(err instanceof VaultFormatError)) throw err
      this.setCorrupt(err.reason, err.newer)
      throw await this.corruptError()
    }
  }

  /** Seals and writes synchronously from the caller's point of view: no await before the bytes exist. */
  private async persist(header: VaultHeader, payload: VaultPayload, dataKey: Buffer, epoch: number): Promise<void> {
    if (this.epoch !== epoch) {
      throw new AppError('LOCKED', 'The vault was locked while this was in progress. Nothing was changed.')
    }
    if (this.staleWrap !== null && header.wraps.passphrase === this.staleWrap) {
      throw new AppError('CONFLICT', 'The vault file still has to be upgraded to this version of Backdesk. Lock it and unlock it with your passphrase, then try again.')
    }
    const bytes = buildVaultFile(header, dataKey, payload)
    await this.writeChecked(bytes)
  }

  /** Refuses to overwrite a file we did not write; survives a write error that still committed. */
  private async writeChecked(bytes: Buffer): Promise<void> {
    const onDisk = await this.files.read()
    const expected = this.diskBytes
    // A missing file may be written (nothing is overwritten); an existing one only if it is what we wrote.
    const unchanged = onDisk === null || (expected !== null && onDisk.equals(expected))
    if (!unchanged && onDisk !== null) {
      let damaged: VaultFormatError | null = null
      try {
        parseVaultFile(onDisk)
      } catch (err) {
        if (err instanceof VaultFormatError) damaged = err
        else throw err
      }
      if (damaged) {
        this.setCorrupt(damaged.reason, damaged.newer)
        throw await this.corruptError()
      }
      this.lock('user')
      throw new AppError('CONFLICT', 'The vault file was changed outside Backdesk, so nothing was saved. Unlock again to load it.')
    }
    try {
      await this.files.write(bytes)
    } catch (err) {
      const after = await this.files.read().catch(() => null)
      if (!(after !== null && after.equals(bytes))) {
        this.logger.error('vault write failed; the previous file is intact', { err })
        const code = (err as NodeJS.ErrnoException).code
        throw new AppError('INTERNAL', `The vault could not be saved${code ? ` (${code})` : ''}. Nothing was changed.`, {
          cause: err
        })
      }
      this.logger.warn('vault write reported an error after it was committed', { err })
    }
    this.diskBytes = bytes
  }

  private commitUnlocked(dataKey: Buffer, payload: VaultPayload, header: VaultHeader, reason: VaultReason): void {
    this.dataKey = dataKey
    this.payload = payload
    this.header = header
    this.machine.to('unlocked')
    this.reason = reason
    this.syncSecrets()
    this.scheduleAutoLock()
    this.emitState()
  }

  private dropSecrets(): void {
    this.staleWrap = null
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.autoLockAt = null
    this.announcedLockMinute = null
    this.dataKey?.fill(0)
    this.dataKey = null
    this.payload = null
    for (const value of this.registered.keys()) this.options.secrets?.delete(value)
    this.registered = new Map()
  }

  private syncSecrets(): void {
    const registry = this.options.secrets
    const next = this.payload ? payloadSecrets(this.payload, (r) => this.options.records.secretsOf(r)) : new Map<string, Set<string>>()
    if (registry) {
      for (const value of this.registered.keys()) if (!next.has(value)) registry.delete(value)
      // Bound to exactly the origins the payload names now: a moved connection moves its binding.
      for (const [value, origins] of next) registry.bind(value, origins)
    }
    this.registered = next
  }

  private scheduleAutoLock(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.autoLockAt = null
    if (this.machine.state !== 'unlocked' || !this.payload) {
      this.announcedLockMinute = null // locked: `vault.state` says so; the next unlock announces afresh
      return
    }
    const minutes = this.payload.settings.autoLockMinutes
    if (minutes <= 0) {
      this.announceAutoLock()
      return
    }
    const ms = minutes * 60_000
    this.autoLockAt = this.now() + ms
    const timer = setTimeout(() => this.lock('idle'), ms)
    if (typeof timer === 'object' && timer && 'unref' in timer) timer.unref()
    this.timer = timer
    this.announceAutoLock()
  }

  // Every IPC call restarts the idle timer; the renderer hears of it only when the minute it shows
  // changes, not on every call.
  private announceAutoLock(): void {
    const minute = this.autoLockAt === null ? null : Math.floor(this.autoLockAt / 60_000)
    if (minute === this.announcedLockMinute) return
    this.announcedLockMinute = minute
    this.options.events?.emit('vault.autoLock', { autoLockAt: this.autoLockAt === null ? null : new Date(this.autoLockAt).toISOString() })
  }

  private setCorrupt(reason: string, newer = false): void {
    const wasUnlocked = this.machine.state === 'unlocked'
    this.epoch++
    if (wasUnlocked) this.dropSecrets()
    this.corruptReason = reason
    this.corruptNewer = newer
    if (this.machine.state !== 'corrupt') this.machine.to('corrupt')
    this.reason = 'corrupt'
    if (wasUnlocked) this.notifyLocked('corrupt')
    this.emitState()
  }

  private corruptMessage(backupExists: boolean): string {
    const what = this.corruptNewer
      ? `The vault file ${this.files.path} cannot be opened: ${this.corruptReason}.`
      : `The vault file ${this.files.path} is damaged or was modified outside Backdesk: ${this.corruptReason ?? 'unknown damage'}.`
    const kept = ' Backdesk has not changed it and will not write to it.'
    const next = backupExists
      ? ` The last good copy is ${this.files.backupPath}: choose "Restore backup" to go back to it, or "Reset vault" to start over.`
      : ` There is no backup (${this.files.backupPath} does not exist): restore the file from your own backups, or choose "Reset vault" to start over.`
    return what + kept + next
  }

  private async corruptError(): Promise<AppError> {
    const backupExists = await this.files.hasBackup()
    return new AppError('VAULT_CORRUPT', this.corruptMessage(backupExists), {
      details: { vaultFile: this.files.path, backupFile: backupExists ? this.files.backupPath : null }
    })
  }

  private async backupUsable(): Promise<boolean> {
    try {
      const backup = await this.files.readBackup()
      if (backup === null) return false
      parseVaultFile(backup)
      return true
    } catch {
      return false
    }
  }

  private notifyLocked(reason: VaultReason): void {
    for (const listener of [...this.lockListeners]) {
      try {
        listener(reason)
      } catch (err) {
        this.logger.error('lock listener failed', { err })
      }
    }
  }

  private emitState(): void {
    const state = this.machine.state
    const reason = this.reason
    this.options.events?.emit('vault.state', reason === undefined ? { state } : { state, reason })
    for (const listener of [...this.stateListeners]) {
      try {
        listener(state, reason)
      } catch (err) {
        this.logger.error('state listener failed', { err })
      }
    }
  }
}

/** Each parameter at least as strong as in either set: raising defaults never weakens a file. */
function strongest(a: ScryptParams, b: ScryptParams): ScryptParams {
  return { N: Math.max(a.N, b.N), r: Math.max(a.r, b.r), p: Math.max(a.p, b.p) }
}
