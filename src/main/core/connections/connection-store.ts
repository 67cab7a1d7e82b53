import { randomUUID } from 'node:crypto'
import {
  baseUrlProblem,
  normaliseBaseUrl,
  originOf,
  originProblem,
  type ConnectionChange,
  type ConnectionCreateInput,
  type ConnectionUpdateInput
} from '../../../shared/contract/connections.contract'
import type { ImportPreview, ImportResult } from '../../../shared/contract/vault.contract'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary } from '../../../shared/model/connection'
import type { EventBus } from '../events/event-bus'
import { silentLogger, type Logger } from '../log/logger'
import type { NodeCredentialRecord } from './node-credential-record'
import { assertSecretOrigin, type ConnectionRecord, type ConnectionRecords, type ConnectionSecrets } from './connection-record'
import { validateCustomCa } from './custom-ca'

export type ChangeListener = (change: ConnectionChange) => void

/** The part of the vault payload the store keeps. */
export interface ConnectionsPayload {
  connections: ConnectionRecord[]
  nodeCredentials: NodeCredentialRecord[]
}

/**
 * What the store needs of the vault (vault/vault.service.ts is it): the unlocked payload, one
 * save at a time, and its state. Declared here so connections/ does not import vault/.
 */
export interface PayloadVault {
  readonly state: string
  requireUnlocked(): void
  read<T>(fn: (payload: Readonly<ConnectionsPayload>) => T): T
  update<T>(mutator: (draft: ConnectionsPayload) => T): Promise<T>
  onStateChange(listener: (state: string, reason: string | undefined) => void): () => void
  onLock(listener: () => void): () => void
}

/** What an export bundle carries, and what an import brings in. */
export interface ConnectionsContent {
  connections: ConnectionRecord[]
  nodeCredentials: NodeCredentialRecord[]
}

const NAME_MAX = 120

/**
 * Connections live in the vault payload. This is the only way core code reaches them:
 * `get` returns the full record with secrets (core only), `list`/`summary` the public view,
 * `secretsFor` the secrets for one request after checking where it goes. Everything answers
 * LOCKED while the vault is locked.
 *
 * Each record's secrets are bound to the origin they were entered for (`secretOrigin`): an update
 * that moves the base URL to another origin must carry every secret again, in the same update.
 */
export class ConnectionStore {
  private readonly listeners = new Set<ChangeListener>()
  /**
   * Connections whose Test connection passed, with the origin that passed and when. In memory
   * only: it decides which hosts' links open without a question, so losing it on a restart only
   * costs a question, while keeping it on disk would outlive what it vouches for.
   */
  private readonly passedTests = new Map<string, { origin: string; at: string }>()
  /** Connections whose last Test connection failed (the Overview and the sidebar's dot say so); in memory, like passedTests. */
  private readonly failedTests = new Map<string, { origin: string; at: string; message: string }>()
  private readonly now: () => number
  private readonly newId: () => string
  private readonly logger: Logger

  constructor(
    private readonly vault: PayloadVault,
    /** The provider modules' record specs: every per-provider decision is theirs. */
    readonly records: ConnectionRecords,
    options: { events?: EventBus; logger?: Logger; now?: () => number; newId?: () => string } = {}
  ) {
    this.now = options.now ?? (() => Date.now())
    this.newId = options.newId ?? randomUUID
    this.logger = (options.logger ?? silentLogger).child('connections')
    const events = options.events
    if (events) this.listeners.add((change) => events.emit('connections.changed', change))
    vault.onStateChange((state, reason) => {
      if (state === 'uninitialized' && reason === 'reset') this.emit({ kind: 'reset' })
      if (state === 'locked' && reason === 'restored') this.emit({ kind: 'restored' })
    })
    this.listeners.add((change) => {
      if (change.id === undefined) {
        this.passedTests.clear()
        this.failedTests.clear()
      } else if (change.kind === 'deleted') {
        this.passedTests.delete(change.id)
        this.failedTests.delete(change.id)
      }
    })
  }

  // ---- reads -------------------------------------------------------------------------------------

  list(): ConnectionSummary[] {
    return this.vault.read((p) => p.connections.map((c) => this.records.toSummary(c)))
  }

  summary(id: string): ConnectionSummary {
    return this.vault.read((p) => this.records.toSummary(findOrThrow(p, id)))
  }

  /** The full record, secrets included. Core only: never return it over IPC (use toSummary). */
  get(id: string): ConnectionRecord {
    return this.vault.read((p) => structuredClone(findOrThrow(p, id)))
  }

  has(id: string): boolean {
    return this.vault.read((p) => p.connections.some((c) => c.id === id))
  }

  /**
   * The secrets of connection `id`, for a request to `targetUrl`. Throws FORBIDDEN unless the
   * request goes to the origin the secrets are bound to (scheme, host and port), and the record's
   * base URL is on that origin too.
   */
  secretsFor(id: string, targetUrl: string | URL): ConnectionSecrets {
    const record = this.vault.read((p) => findOrThrow(p, id))
    assertSecretOrigin(record)
    assertSameOrigin(record, targetUrl)
    return { ...this.records.secretsOf(record) }
  }

  /** Records that Test connection passed for `record` at its current origin. */
  notePassedTest(record: ConnectionRecord): void {
    this.passedTests.set(record.id, { origin: originOf(record.baseUrl), at: new Date(this.now()).toISOString() })
    this.failedTests.delete(record.id)
  }

  /** Records that Test connection failed for `record` (the message is the probe's plain words, no secret). */
  noteFailedTest(record: ConnectionRecord, message: string): void {
    this.passedTests.delete(record.id)
    this.failedTests.set(record.id, { origin: originOf(record.baseUrl), at: new Date(this.now()).toISOString(), message })
  }

  /** The last failed Test connection of `id` at its current base URL's origin, if no test passed since. */
  failedTest(id: string): { at: string; message: string } | undefined {
    const failed = this.failedTests.get(id)
    if (!failed) return undefined
    const summary = this.vault.read((p) => p.connections.find((c) => c.id === id))
    if (!summary || originOf(summary.baseUrl) !== failed.origin) return undefined
    return { at: failed.at, message: failed.message }
  }

  /**
   * Hosts of connections whose Test connection passed at the origin they have now (empty while
   * locked), e.g. for the external-link allowlist.
   */
  testedHosts(): string[] {
    if (this.vault.state !== 'unlocked' || this.passedTests.size === 0) return []
    return this.vault.read((p) => {
      const hosts = new Set<string>()
      for (const c of p.connections) {
        const passed = this.passedTests.get(c.id)
        if (passed && passed.origin === originOf(c.baseUrl) && passed.origin === c.secretOrigin) hosts.add(new URL(c.baseUrl).hostname)
      }
      return [...hosts]
    })
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // ---- writes ------------------------------------------------------------------------------------

  async create(input: ConnectionCreateInput): Promise<ConnectionSummary> {
    const checked = this.recordOf(input)
    await this.vault.update((p) => {
      p.connections.push(checked)
    })
    this.logger.info('connection created', { id: checked.id, provider: checked.provider })
    this.emit({ kind: 'created', id: checked.id })
    return this.records.toSummary(checked)
  }

  /**
   * Creates every connection in one vault save, each checked as `create` checks it: a failed save
   * (disk full, a lock meanwhile) leaves none of them, so trying again cannot duplicate any.
   */
  async createMany(inputs: readonly ConnectionCreateInput[]): Promise<ConnectionSummary[]> {
    const checked = inputs.map((input) => this.recordOf(input))
    if (checked.length === 0) return []
    await this.vault.update((p) => {
      p.connections.push(...checked)
    })
    for (const record of checked) {
      this.logger.info('connection created', { id: record.id, provider: record.provider })
      this.emit({ kind: 'created', id: record.id })
    }
    return checked.map((record) => this.records.toSummary(record))
  }

  /**
   * The record `create` would save, checked the same way, but not saved: what "Test connection"
   * probes before the user saves a new connection.
   */
  draft(input: ConnectionCreateInput): ConnectionRecord {
    return this.recordOf(input)
  }

  private recordOf(input: ConnectionCreateInput): ConnectionRecord {
    this.vault.requireUnlocked()
    const at = new Date(this.now()).toISOString()
    const baseUrl = checkedBaseUrl(input.baseUrl)
    const common = {
      id: this.newId(),
      name: input.name.trim(),
      customer: input.customer.trim(),
      tags: cleanTags(input.tags),
      baseUrl,
      secretOrigin: originOf(baseUrl),
      demo: input.demo ?? false,
      createdAt: at,
      updatedAt: at,
      ...(input.customCa !== undefined ? { customCa: validateCustomCa(input.customCa) } : {})
    }
    const record = this.records.create(input as ConnectionCreateInput & Record<string, unknown>, common)
    return this.records.schema.parse(record)
  }

  async update(input: ConnectionUpdateInput): Promise<ConnectionSummary> {
    this.vault.requireUnlocked()
    // The patch is applied to the record as it is inside the save, so concurrent edits of one
    // connection cannot undo each other.
    const record = await this.vault.update((p) => {
      const index = p.connections.findIndex((c) => c.id === input.id)
      const existing = p.connections[index]
      if (!existing) throw notFound()
      const next = applyPatch(this.records, existing, input, new Date(this.now()).toISOString())
      p.connections[index] = next
      return next
    })
    this.logger.info('connection updated', { id: record.id })
    this.emit({ kind: 'updated', id: record.id })
    return this.records.toSummary(record)
  }

  async duplicate(id: string, name?: string): Promise<ConnectionSummary> {
    this.vault.requireUnlocked()
    const at = new Date(this.now()).toISOString()
    const newId = this.newId()
    const copy = await this.vault.update((p) => {
      const source = findOrThrow(p, id)
      const record: ConnectionRecord = {
        ...localCopy(source),
        id: newId,
        name: (name?.trim() || `${source.name} (copy)`).slice(0, NAME_MAX),
        createdAt: at,
        updatedAt: at
      }
      p.connections.push(record)
      return record
    })
    this.emit({ kind: 'created', id: copy.id })
    return this.records.toSummary(copy)
  }

  /** Deletes the connection and the node credentials captured through it. */
  async delete(id: string): Promise<{ deleted: true; id: string }> {
    this.vault.requireUnlocked()
    await this.vault.update((p) => {
      const index = p.connections.findIndex((c) => c.id === id)
      if (index < 0) throw notFound()
      p.connections.splice(index, 1)
      p.nodeCredentials = p.nodeCredentials.filter((n) => n.connectionId !== id)
    })
    this.logger.info('connection deleted', { id })
    this.emit({ kind: 'deleted', id })
    return { deleted: true, id }
  }

  // ---- export / import ---------------------------------------------------------------------------

  contentForExport(ids: readonly string[] | undefined, includeNodeCredentials: boolean): ConnectionsContent {
    return this.vault.read((p) => {
      let connections = p.connections
      if (ids) {
        const wanted = new Set(ids)
        for (const id of wanted) if (!p.connections.some((c) => c.id === id)) throw notFound()
        connections = p.connections.filter((c) => wanted.has(c.id))
      }
      const chosen = new Set(connections.map((c) => c.id))
      return structuredClone({
        connections,
        nodeCredentials: includeNodeCredentials ? p.nodeCredentials.filter((n) => chosen.has(n.connectionId)) : []
      })
    })
  }

  previewImport(content: ConnectionsContent): ImportPreview['connections'] {
    return this.vault.read((p) =>
      content.connections.map((c) => {
        const sameId = p.connections.some((e) => e.id === c.id)
        const sameName = p.connections.some((e) => e.provider === c.provider && e.name.toLowerCase() === c.name.toLowerCase())
        return {
          id: c.id,
          name: c.name,
          provider: c.provider as ConnectionSummary['provider'],
          customer: c.customer,
          baseUrl: c.baseUrl,
          conflict: sameId ? ('same-id' as const) : sameName ? ('same-name' as const) : ('none' as const)
        }
      })
    )
  }

  async importContent(
    content: ConnectionsContent,
    mode: 'merge' | 'replace',
    conflicts: 'keepBoth' | 'overwrite' | 'skip' = 'keepBoth'
  ): Promise<ImportResult> {
    this.vault.requireUnlocked()
    // Imported records bypass the IPC schema: check them like new input.
    const incoming = content.connections.map((c) => checkImported(this.records, c))
    const result = await this.vault.update((p) => {
      const counts = { added: 0, overwritten: 0, skipped: 0 }
      if (mode === 'replace') {
        p.connections = incoming
        p.nodeCredentials = content.nodeCredentials.filter((n) => incoming.some((c) => c.id === n.connectionId))
        counts.added = incoming.length
        return counts
      }
      const idMap = new Map<string, string>()
      for (const record of incoming) {
        const index = p.connections.findIndex((c) => c.id === record.id)
        if (index < 0) {
          p.connections.push(record)
          idMap.set(record.id, record.id)
          counts.added++
        } else if (conflicts === 'overwrite') {
          p.connections[index] = record
          p.nodeCredentials = p.nodeCredentials.filter((n) => n.connectionId !== record.id)
          idMap.set(record.id, record.id)
          counts.overwritten++
        } else if (conflicts === 'skip') {
          counts.skipped++
        } else {
          const id = this.newId()
          p.connections.push({ ...record, id })
          idMap.set(record.id, id)
          counts.added++
        }
      }
      for (const cred of content.nodeCredentials) {
        const connectionId = idMap.get(cred.connectionId)
        if (connectionId === undefined) continue
        p.nodeCredentials = p.nodeCredentials.filter((n) => !(n.connectionId === connectionId && n.nodeId === cred.nodeId))
        p.nodeCredentials.push({ ...cred, connectionId })
      }
      return counts
    })
    this.logger.info('connections imported', { mode, ...result })
    this.emit({ kind: 'imported' })
    return { mode, ...result, total: incoming.length }
  }

  // ---- team workspace -----------------------------------------------------------------------------

  /**
   * Team workspace sync: saves verified records (each carries its `team` mark; the id is the
   * workspace entry's) and removes the given team connections, in one save. Emits `imported`, not
   * `updated`, so the workspace does not write its own sync back.
   */
  async applyTeam(upserts: readonly ConnectionRecord[], removeIds: readonly string[]): Promise<void> {
    this.vault.requireUnlocked()
    const incoming = upserts.map((r) => {
      if (!r.team) throw new AppError('INTERNAL', 'A team record without its team mark.')
      return { ...checkImported(this.records, r), team: structuredClone(r.team) }
    })
    if (incoming.length === 0 && removeIds.length === 0) return
    const removing = new Set(removeIds)
    await this.vault.update((p) => {
      const gone = new Set(p.connections.filter((c) => removing.has(c.id) && c.team).map((c) => c.id))
      p.connections = p.connections.filter((c) => !gone.has(c.id))
      p.nodeCredentials = p.nodeCredentials.filter((n) => !gone.has(n.connectionId))
      for (const record of incoming) {
        const index = p.connections.findIndex((c) => c.id === record.id)
        if (index < 0) p.connections.push(record)
        else p.connections[index] = record
      }
    })
    this.emit({ kind: 'imported' })
  }

  private emit(change: ConnectionChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change)
      } catch (err) {
        this.logger.error('connection change listener failed', { err })
      }
    }
  }
}

function applyPatch(records: ConnectionRecords, existing: ConnectionRecord, input: ConnectionUpdateInput, at: string): ConnectionRecord {
  if (existing.provider !== input.provider) {
    throw new AppError('VALIDATION', 'A connection cannot change provider. Create a new connection instead.')
  }
  const next: Record<string, unknown> = structuredClone(existing)
  if (input.name !== undefined) next['name'] = input.name.trim()
  if (input.customer !== undefined) next['customer'] = input.customer.trim()
  if (input.tags !== undefined) next['tags'] = cleanTags(input.tags)
  if (input.baseUrl !== undefined) next['baseUrl'] = checkedBaseUrl(input.baseUrl)
  if (input.demo !== undefined) next['demo'] = input.demo
  if (input.customCa === null) delete next['customCa']
  else if (input.customCa !== undefined) next['customCa'] = validateCustomCa(input.customCa)
  records.specOf(existing.provider).patch(next, input as Readonly<Record<string, unknown>>)
  bindSecrets(records, existing, next, input)
  next['updatedAt'] = at
  const parsed = records.schema.safeParse(next)
  if (!parsed.success) throw new AppError('VALIDATION', 'The connection is not complete after this change.')
  return parsed.data
}

/**
 * Secrets stay bound to the origin they were entered for. An update that puts the base URL on
 * another origin must carry every secret again (then the binding moves with it); an update that
 * carries them all binds them to the base URL's origin in any case.
 */
function bindSecrets(records: ConnectionRecords, existing: ConnectionRecord, next: Record<string, unknown>, input: ConnectionUpdateInput): void {
  const target = originOf(String(next['baseUrl']))
  const fields = records.secretFields(next as ConnectionRecord)
  const given = input as unknown as Readonly<Record<string, unknown>>
  const missing = fields.filter((f) => given[f.field] === undefined)
  if (missing.length === 0) {
    next['secretOrigin'] = target
    return
  }
  if (target === existing.secretOrigin) return
  const what = missing.map((f) => f.label).join(' and the ')
  throw new AppError(
    'VALIDATION',
    `The saved ${what} ${missing.length > 1 ? 'are' : 'is'} only ever sent to ${existing.secretOrigin}. Enter ${missing.length > 1 ? 'them' : 'it'} again to use ${missing.length > 1 ? 'them' : 'it'} with ${target}.`,
    { details: { fields: missing.map((f) => f.field), savedOrigin: existing.secretOrigin, newOrigin: target } }
  )
}

function findOrThrow(payload: Readonly<ConnectionsPayload>, id: string): ConnectionRecord {
  const record = payload.connections.find((c) => c.id === id)
  if (!record) throw notFound()
  return record
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'That connection does not exist (it may have been deleted).')
}

function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))]
}

function checkedBaseUrl(value: string): string {
  const problem = baseUrlProblem(value.trim())
  if (problem) throw new AppError('VALIDATION', `Base URL: ${problem}.`)
  return normaliseBaseUrl(value)
}

/** A local copy of a record: a duplicate or an imported bundle entry is never a team connection. */
function localCopy(record: ConnectionRecord): ConnectionRecord {
  const copy = structuredClone(record)
  delete copy.team
  return copy
}

function checkImported(records: ConnectionRecords, record: ConnectionRecord): ConnectionRecord {
  const copy = localCopy(record)
  copy.baseUrl = checkedBaseUrl(copy.baseUrl)
  // The binding travels as it is: a record whose base URL is elsewhere stays unusable until its
  // secrets are entered again.
  if (originProblem(copy.secretOrigin)) {
    throw new AppError('VALIDATION', `The connection "${copy.name}" in this bundle names no valid origin for its secrets.`)
  }
  if (copy.customCa !== undefined) copy.customCa = validateCustomCa(copy.customCa)
  const spec = records.specOf(copy.provider)
  return records.schema.parse(spec.imported ? spec.imported(copy) : copy)
}

function assertSameOrigin(record: ConnectionRecord, target: string | URL): void {
  let url: URL
  try {
    url = typeof target === 'string' ? new URL(target) : target
  } catch {
    throw new AppError('FORBIDDEN', 'Refusing to send credentials to an unreadable address.')
  }
  if (url.origin !== record.secretOrigin) {
    throw new AppError(
      'FORBIDDEN',
      `Refusing to send the credentials of "${record.name}" to ${url.origin}: they are only ever sent to ${record.secretOrigin}.`,
      { details: { connectionId: record.id, target: url.origin, allowed: record.secretOrigin } }
    )
  }
}
