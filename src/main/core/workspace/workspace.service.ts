import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { AppError, fieldError, isAppError } from '../../../shared/errors'
import type {
  MemberLinePreview,
  RemovalChecklist,
  WorkspaceIdentity,
  WorkspaceMember,
  WorkspaceRefusedEntry,
  WorkspaceStatus,
  WorkspaceSyncPhase
} from '../../../shared/model/workspace'
import type { ConnectionRecord } from '../connections/connection-record'
import type { ConnectionStore } from '../connections/connection-store'
import { manualTicket, type ReviewInput } from '../fleet/review-store'
import type { FleetReview } from '../../../shared/model/fleet'
import type { EventBus } from '../events/event-bus'
import { silentLogger, type Logger } from '../log/logger'
import type { VaultService } from '../vault/vault.service'
import {
  entryIdOf,
  entryPath,
  openEntry,
  openReviewLine,
  reviewLines,
  reviewOwnerOf,
  reviewPath,
  sealEntry,
  sealReviewLine,
  WORKSPACE_FILE,
  type EntryBody,
  type ReviewAction,
  type Signer
} from './entries'
import { GitRepo, HttpRemote, initBareAt, PathRemote, PushBehindError, PushRefusedError, type FileMap, type Transport } from './git-repo'
import { originBoundHttp, remoteUrlProblem } from './git-http'
import {
  cleanName,
  fingerprintOf,
  formatPublicLine,
  memberKeysOf,
  newTeamIdentity,
  normaliseFingerprint,
  parsePublicLine,
  type MemberKeys,
  type TeamIdentity
} from './identity'
import {
  buildMembersDoc,
  hashOf,
  lastKnownNames,
  MAX_MEMBERS,
  MEMBERS_DIR,
  membersPath,
  MembersTrustError,
  verifyMembers,
  type MemberRecord,
  type TrustAnchor,
  type VerifiedMembers
} from './members'
import { mapLimit, openWith } from './sealing'
import type { TeamState, WorkspaceLink } from '../vault/team-state'

// The team workspace: joins the vault's connections to a git repository shared by the team.
// Every repository operation runs one at a time (a queue). Sync = fetch, merge (per file: entries
// are separate files, so different entries never conflict), verify the members log from the
// state this computer trusts, verify and decrypt each changed entry, materialise the accepted
// ones into the connection store, then push. A failed push leaves the local commit in the local
// clone; the next sync pushes it. Edits of team connections through the normal connection channels
// are written back as new signed revisions of their entries.

export const DEFAULT_SYNC_INTERVAL_MS = 5 * 60_000
const PUSH_ATTEMPTS = 4
const DECRYPT_CONCURRENCY = 4

export interface SharedReview {
  key: string
  state: ReviewAction['state']
  snoozedUntil?: string
  note?: string
  ticket?: string
  updatedAt: string
  by: string
  byName: string
  mine: boolean
}

export interface WorkspaceServiceOptions {
  dataDir: string
  vault: VaultService
  connections: ConnectionStore
  events?: EventBus
  logger?: Logger
  now?: () => number
  /** Sync every this often while unlocked (0: only on unlock and on demand). */
  syncIntervalMs?: number
}

interface Session {
  identity: TeamIdentity
  keys: MemberKeys
  members: VerifiedMembers | null
  names: Record<string, string>
  refused: WorkspaceRefusedEntry[]
  /** Review actions by line (base64 of the age file), decrypted once. */
  reviewLines: Map<string, ReviewAction | null>
  reviews: Map<string, ReviewAction>
}

type Remote = { transport: Transport; display: string }

export class WorkspaceService {
  private readonly logger: Logger
  private readonly now: () => number
  private queue: Promise<unknown> = Promise.resolve()
  private session: Session | null = null
  private phase: WorkspaceSyncPhase = 'idle'
  private syncing = false
  private lastError: string | undefined
  private unpushed = false
  private timer: ReturnType<typeof setInterval> | undefined
  private epoch = 0
  private readonly disposers: Array<() => void> = []

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child('workspace')
    this.now = options.now ?? Date.now
    this.disposers.push(
      options.vault.onStateChange((state) => {
        if (state === 'unlocked') this.onUnlocked()
      }),
      options.vault.onLock(() => this.onLocked()),
      options.connections.onChange((change) => {
        if (change.kind === 'updated') this.enqueue(() => this.writeBack(change.id), 'write-back')
        if (change.kind === 'deleted') this.enqueue(() => this.writeDeletion(change.id), 'write-back')
      })
    )
  }

  dispose(): void {
    this.onLocked()
    for (const d of this.disposers.splice(0)) d()
  }

  /** Resolves when everything queued so far has run (tests, shutdown). */
  async settle(): Promise<void> {
    let last: Promise<unknown>
    do {
      last = this.queue
      await last
    } while (last !== this.queue)
  }

  // ---- identity ----------------------------------------------------------------------------------

  async identity(name?: string): Promise<WorkspaceIdentity> {
    const team = await this.ensureIdentity(name)
    const keys = await memberKeysOf(team.identity)
    return { line: formatPublicLine(keys, team.identity.name), fingerprint: fingerprintOf(keys), memberId: keys.id, name: team.identity.name }
  }

  private async ensureIdentity(name?: string): Promise<TeamState> {
    const existing = this.options.vault.read((p) => p.team)
    if (existing && (name === undefined || existing.identity.name === cleanName(name))) return structuredClone(existing)
    const identity = existing?.identity ?? (await newTeamIdentity(name ?? '', new Date(this.now())))
    if (name !== undefined) identity.name = cleanName(name)
    return this.options.vault.update((p) => {
      p.team = { ...(p.team ?? {}), identity: p.team?.identity ? { ...p.team.identity, name: identity.name } : identity }
      return structuredClone(p.team)
    })
  }

  // ---- status ------------------------------------------------------------------------------------

  async status(): Promise<WorkspaceStatus> {
    this.options.vault.requireUnlocked()
    const link = this.link()
    const base: WorkspaceStatus = {
      joined: false,
      members: [],
      sharedCount: 0,
      syncing: this.syncing,
      phase: this.phase,
      unpushed: false,
      conflicts: [],
      refused: [],
      removals: []
    }
    if (!link) return base
    const session = await this.sessionFor()
    const connections = this.options.connections.list()
    const byId = new Map(connections.map((c) => [c.id, c]))
    const members: WorkspaceMember[] = (session.members?.doc.members ?? []).map((m) => ({
      id: m.id,
      name: session.names[m.id] ?? m.id,
      fingerprint: fingerprintOf(m),
      me: m.id === session.keys.id,
      addedBy: session.names[m.addedBy] ?? m.addedBy,
      addedAt: m.addedAt
    }))
    const status: WorkspaceStatus = {
      ...base,
      joined: true,
      remote: link.remote,
      hasToken: link.token !== undefined,
      members,
      sharedCount: connections.filter((c) => c.team).length,
      unpushed: this.unpushed,
      conflicts: link.conflicts.map((c) => {
        // Named as every other screen names it now: the version in use, not yours.
        const inUse = byId.get(c.entryId)
        const name = inUse?.name ?? c.mine.name
        return {
          entryId: c.entryId,
          name,
          customer: inUse?.customer ?? c.mine.customer,
          ...(c.mine.name !== name ? { mineName: c.mine.name } : {}),
          theirsBy: session.names[c.theirsBy] ?? c.theirsBy,
          theirsAt: c.theirsAt,
          mineAt: c.mine.updatedAt
        }
      }),
      refused: session.refused.map((r) => ({ ...r, name: byId.get(r.entryId)?.name ?? r.name })),
      removals: structuredClone(link.removals)
    }
    if (link.lastSyncAt) status.lastSyncAt = link.lastSyncAt
    if (this.lastError) status.lastError = this.lastError
    if (link.removedAt) status.removedAt = link.removedAt
    return status
  }

  // ---- create / join / leave ---------------------------------------------------------------------

  create(input: { remote: string; username?: string | undefined; token?: string | undefined; name: string }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      this.requireNoWorkspace()
      const team = await this.ensureIdentity(input.name)
      const keys = await memberKeysOf(team.identity)
      const remote = await this.remoteFor(input, true)
      const id = randomBytes(16).toString('hex')
      const repo = await this.repoFor(id, true)
      const remoteHead = await this.fetch(remote, repo)
      if (remoteHead !== null) {
        throw new AppError('CONFLICT', 'That repository is not empty. A new workspace needs an empty repository; to use an existing workspace, join it.')
      }
      const at = new Date(this.now()).toISOString()
      const me: MemberRecord = { id: keys.id, recipient: keys.recipient, signingKey: keys.signingKey, addedBy: keys.id, addedAt: at }
      const doc = await buildMembersDoc({ workspace: id, seq: 1, prev: null, members: [me], names: { [me.id]: team.identity.name }, signer: team.identity, signerId: me.id })
      const files: FileMap = new Map()
      files.set(WORKSPACE_FILE, await repo.writeBlob(Buffer.from(`${JSON.stringify({ format: 'backdesk-workspace', version: 1, id })}\n`)))
      files.set(membersPath(1), await repo.writeBlob(doc))
      const commit = await repo.commit([], files, me.id, 'backdesk: workspace created', new Date(this.now()))
      await remote.transport.push(repo, commit, null).catch((err: unknown) => {
        throw this.remoteError(err, 'The workspace could not be created')
      })
      await repo.setHead(commit)
      await this.saveLink({
        id,
        remote: remote.display,
        ...(input.username ? { username: input.username } : {}),
        ...(input.token ? { token: input.token } : {}),
        trusted: { seq: 1, hash: hashOf(doc) },
        entries: {},
        conflicts: [],
        removals: [],
        lastSyncAt: at
      })
      this.session = null
      await this.syncInner()
      this.startTimer()
      this.logger.info('workspace created')
      return this.emitStatus()
    })
  }

  join(input: { remote: string; username?: string | undefined; token?: string | undefined; name: string; inviter: string }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      this.requireNoWorkspace()
      const by = inviterAnchor(input.inviter)
      const team = await this.ensureIdentity(input.name)
      const keys = await memberKeysOf(team.identity)
      const remote = await this.remoteFor(input, false)
      // The workspace id comes from the repository; the clone's folder is named after it once read.
      const scratch = await this.repoFor(`join-${randomBytes(8).toString('hex')}`, true)
      const discard = () => rm(scratch.gitdir, { recursive: true, force: true })
      const head = await this.fetch(remote, scratch).catch(async (err: unknown) => {
        await discard()
        throw err
      })
      let workspaceId: string
      let verified: VerifiedMembers
      try {
        if (head === null) throw new AppError('NOT_FOUND', 'That repository is empty: nobody has created a workspace in it yet.')
        const files = await scratch.files(head)
        workspaceId = await readWorkspaceId(scratch, files)
        verified = verifyMembers(await membersDocs(scratch, files), { anchor: { self: keys.id, by } satisfies TrustAnchor })
        // The anchor is met by the entry that once added this member; a later removal still stands.
        if (!verified.byId.has(keys.id)) {
          throw new AppError('FORBIDDEN', 'Cannot join: a teammate removed you from this workspace. Ask them to add you again, then join.')
        }
      } catch (err) {
        await discard()
        if (err instanceof MembersTrustError) throw new AppError('FORBIDDEN', `Cannot join: ${err.message}.`)
        throw err
      }
      // The scratch clone becomes the workspace's clone (no second download).
      const finalDir = join(this.options.dataDir, 'workspace', `${workspaceId}.git`)
      if (existsSync(finalDir)) await rm(finalDir, { recursive: true, force: true })
      await rename(scratch.gitdir, finalDir)
      const repo = await this.repoFor(workspaceId, false)
      await repo.setHead(head)
      await this.saveLink({
        id: workspaceId,
        remote: remote.display,
        ...(input.username ? { username: input.username } : {}),
        ...(input.token ? { token: input.token } : {}),
        trusted: { seq: verified.seq, hash: verified.hash },
        entries: {},
        conflicts: [],
        removals: []
      })
      this.session = null
      await this.syncInner()
      this.startTimer()
      this.logger.info('workspace joined', { members: verified.doc.members.length })
      return this.emitStatus()
    })
  }

  leave(): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      const link = this.requireLink()
      const teamIds = this.options.connections.list().filter((c) => c.team).map((c) => c.id)
      await this.options.connections.applyTeam([], teamIds)
      await this.options.vault.update((p) => {
        if (p.team) delete p.team.workspace
      })
      this.session = null
      this.lastError = undefined
      this.unpushed = false
      this.stopTimer()
      this.logger.info('workspace left', { workspace: link.id })
      return this.emitStatus()
    })
  }

  // ---- sync --------------------------------------------------------------------------------------

  sync(): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      this.requireLink()
      await this.syncInner()
      if (this.lastError) throw new AppError('OFFLINE', this.lastError, { retryable: true })
      return this.emitStatus()
    })
  }

  private async syncInner(): Promise<void> {
    const link = this.link()
    if (!link || link.removedAt) return
    const session = await this.sessionFor()
    const repo = await this.repoFor(link.id, false)
    const remote = await this.remoteFor(link, false)
    this.syncing = true
    try {
      for (let attempt = 0; ; attempt++) {
        this.setPhase('fetching')
        let remoteHead: string | null
        try {
          remoteHead = await this.fetch(remote, repo)
        } catch (err) {
          // Offline: the local clone keeps serving; local commits wait for the next sync.
          this.lastError = errorText(err, 'The workspace repository could not be reached')
          const local = await repo.head()
          this.unpushed = local !== (await repo.remoteHead())
          if (session.members === null || session.reviews.size === 0) await this.verifyAndMaterialise(repo, session, local)
          return
        }
        this.setPhase('merging')
        const local = await repo.head()
        const merged = await this.merge(repo, session, local, remoteHead)
        this.setPhase('verifying')
        const accepted = await this.verifyAndMaterialise(repo, session, merged)
        if (!accepted) return
        if (this.link()?.removedAt) {
          // The clone keeps the members log as it was found (without this member), so the screen
          // reads the same after a restart; nothing is pushed any more.
          if (merged) await repo.setHead(merged)
          return
        }
        let head = merged
        head = await this.heal(repo, session, head)
        await repo.setHead(head as string)
        if (head === remoteHead || head === null) {
          this.unpushed = false
          break
        }
        this.setPhase('pushing')
        try {
          await remote.transport.push(repo, head, remoteHead)
          this.unpushed = false
          break
        } catch (err) {
          if (err instanceof PushBehindError && attempt + 1 < PUSH_ATTEMPTS) continue
          this.unpushed = true
          this.lastError = `${errorText(err, 'The push was refused')}. Your changes are kept on this computer and will be pushed at the next sync.`
          return
        }
      }
      this.lastError = undefined
      await this.options.vault.update((p) => {
        if (p.team?.workspace) p.team.workspace.lastSyncAt = new Date(this.now()).toISOString()
      })
    } finally {
      this.syncing = false
      this.setPhase('idle')
    }
  }

  /** Merges the remote branch into the local one; answers the new local head (not yet set). */
  private async merge(repo: GitRepo, session: Session, local: string | null, remote: string | null): Promise<string | null> {
    if (remote === null || local === remote) return local
    if (local === null || (await repo.isAncestor(local, remote))) return remote
    if (await repo.isAncestor(remote, local)) return local
    const base = await repo.mergeBase(local, remote)
    const [b, l, r] = await Promise.all([repo.files(base), repo.files(local), repo.files(remote)])
    const out: FileMap = new Map()
    for (const path of new Set([...l.keys(), ...r.keys()])) {
      const lo = l.get(path)
      const ro = r.get(path)
      const bo = b.get(path)
      let chosen: string | undefined
      if (lo === ro) chosen = lo
      else if (lo === bo) chosen = ro
      else if (ro === bo) chosen = lo
      else if (entryIdOf(path) && lo && ro) chosen = await this.mergeEntry(repo, session, entryIdOf(path) as string, bo, lo, ro)
      else if (reviewOwnerOf(path) && lo && ro) chosen = await this.mergeReviewLog(repo, lo, ro)
      else chosen = ro
      if (chosen) out.set(path, chosen)
    }
    return repo.commit([local, remote], out, session.keys.id, 'backdesk: merge', new Date(this.now()))
  }

  /** Both sides changed one entry: the same content is no conflict; otherwise theirs is used and mine kept aside. */
  private async mergeEntry(repo: GitRepo, session: Session, id: string, base: string | undefined, mine: string, theirs: string): Promise<string> {
    const read = async (oid: string | undefined): Promise<{ body: EntryBody; signedBy: string } | null> => {
      if (!oid) return null
      const text = await openWith(session.identity.ageSecret, await repo.readBlob(oid))
      try {
        const inner = text ? (JSON.parse(text) as { body: EntryBody; signedBy: string }) : null
        return inner && inner.body ? inner : null
      } catch {
        return null
      }
    }
    const [b, m, t] = await Promise.all([read(base), read(mine), read(theirs)])
    const same = (x: { body: EntryBody } | null, y: { body: EntryBody } | null) => !!x && !!y && sameBody(x.body, y.body)
    if (!m || !t || same(m, t) || same(m, b) || m.body.deleted) return theirs
    if (same(t, b)) return mine
    const record = m.body.record ? this.options.connections.records.schema.safeParse({ ...m.body.record, id }) : null
    if (record?.success) {
      await this.options.vault.update((p) => {
        const link = p.team?.workspace
        if (!link) return
        link.conflicts = link.conflicts.filter((c) => c.entryId !== id)
        const mineRecord = { ...record.data }
        delete mineRecord.team
        link.conflicts.push({
          entryId: id,
          mine: mineRecord,
          theirsRev: t.body.rev,
          theirsBy: t.signedBy,
          theirsAt: t.body.updatedAt,
          detectedAt: new Date(this.now()).toISOString()
        })
      })
      this.logger.info('workspace conflict kept for the user to resolve', { entry: id })
    }
    return theirs
  }

  /** Review logs only grow: the merge is the union of both sides' lines. */
  private async mergeReviewLog(repo: GitRepo, mine: string, theirs: string): Promise<string> {
    const [m, t] = await Promise.all([repo.readBlob(mine), repo.readBlob(theirs)])
    const lines = [...new Set([...reviewLines(t), ...reviewLines(m)])]
    return repo.writeBlob(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'))
  }

  /**
   * Verifies the members log (from the trusted state) and every changed entry at `head`, and
   * materialises what passes. False when the members log cannot be trusted: nothing is used and
   * the local branch is not moved.
   */
  private async verifyAndMaterialise(repo: GitRepo, session: Session, head: string | null): Promise<boolean> {
    const link = this.requireLink()
    const files = await repo.files(head)
    let verified: VerifiedMembers
    const docs = await membersDocs(repo, files)
    try {
      verified = verifyMembers(docs, { trusted: link.trusted, workspace: link.id })
    } catch (err) {
      if (!(err instanceof MembersTrustError)) throw err
      this.lastError = `The workspace's members log failed verification (${err.message}). Nothing from the repository was used; tell your teammates.`
      this.logger.error('workspace members log refused', { reason: err.message })
      return false
    }
    session.members = verified
    session.names = await lastKnownNames(docs, verified.doc, session.identity)

    if (!verified.byId.has(session.keys.id)) {
      await this.removedHere()
      return true
    }

    const seen = link.entries
    const refused: WorkspaceRefusedEntry[] = []
    const upserts: ConnectionRecord[] = []
    const removals: string[] = []
    const nextSeen: WorkspaceLink['entries'] = {}
    const local = new Map(this.options.connections.list().filter((c) => c.team).map((c) => [c.id, c]))
    const problems = new Map<string, string>()

    const entryFiles = [...files].map(([path, oid]) => ({ id: entryIdOf(path), oid })).filter((e): e is { id: string; oid: string } => e.id !== null)
    const present = new Set(entryFiles.map((e) => e.id))
    await mapLimit(entryFiles, DECRYPT_CONCURRENCY, async ({ id, oid }) => {
      const before = seen[id]
      if (before && before.oid === oid && verified.byId.has(before.signedBy)) {
        nextSeen[id] = before
        return
      }
      const opened = await openEntry(id, await repo.readBlob(oid), session.identity, verified.byId)
      const refuse = (reason: string) => {
        refused.push({ entryId: id, name: '', reason })
        if (before) nextSeen[id] = before
        if (local.has(id)) problems.set(id, reason)
      }
      if (!opened.ok) return refuse(`Refused: ${opened.reason}.`)
      const body = opened.body
      if (before && body.rev < before.rev) return refuse('Refused: it is older than a version this computer already has (replayed).')
      if (body.deleted) {
        nextSeen[id] = { oid, rev: body.rev, signedBy: opened.signedBy, deleted: true, sealedFor: opened.sealedFor }
        if (local.has(id)) removals.push(id)
        return
      }
      const parsed = this.options.connections.records.schema.safeParse({ ...body.record, id })
      if (!parsed.success) return refuse('Refused: the connection in it is not complete or not valid.')
      const record = parsed.data
      record.team = {
        rev: body.rev,
        updatedBy: body.updatedBy,
        updatedByName: session.names[body.updatedBy] ?? 'a former member',
        updatedAt: body.updatedAt
      }
      upserts.push(record)
      nextSeen[id] = { oid, rev: body.rev, signedBy: opened.signedBy, sealedFor: opened.sealedFor }
    })
    // An entry this computer had that is gone without a signed deletion: kept here, and said so.
    for (const [id, before] of Object.entries(seen)) {
      if (present.has(id) || before.deleted) continue
      nextSeen[id] = before
      const reason = 'Its file was removed from the repository without a signed deletion; the copy on this computer is kept.'
      refused.push({ entryId: id, name: '', reason })
      if (local.has(id)) problems.set(id, reason)
    }
    // Names of the last editor change when the members file does (a rename, a removal).
    for (const [id, summary] of local) {
      if (upserts.some((u) => u.id === id) || removals.includes(id)) continue
      const problem = problems.get(id)
      const seenBy = nextSeen[id]
      if (!seenBy) continue
      const full = this.options.connections.get(id)
      const mark = full.team
      if (!mark) continue
      const name = session.names[mark.updatedBy] ?? 'a former member'
      if (mark.problem !== problem || mark.updatedByName !== name) {
        full.team = { ...mark, updatedByName: name }
        if (problem) full.team.problem = problem
        else delete full.team.problem
        upserts.push(full)
      }
      void summary
    }
    await this.options.connections.applyTeam(upserts, removals)
    await this.options.vault.update((p) => {
      const l = p.team?.workspace
      if (!l) return
      l.trusted = { seq: verified.seq, hash: verified.hash }
      l.entries = nextSeen
    })
    session.refused = refused

    // Review logs: every line signed by a current member, by the log's own member.
    const reviews = new Map<string, ReviewAction>()
    for (const [path, oid] of files) {
      const owner = reviewOwnerOf(path)
      if (!owner) continue
      const lines = reviewLines(await repo.readBlob(oid))
      await mapLimit(lines, DECRYPT_CONCURRENCY, async (line) => {
        if (!session.reviewLines.has(line)) {
          const opened = await openReviewLine(owner, line, session.identity, verified.byId)
          session.reviewLines.set(line, opened.ok ? opened.body : null)
        }
      })
      for (const line of lines) {
        const action = session.reviewLines.get(line)
        if (!action) continue
        const current = reviews.get(action.key)
        if (!current || current.at < action.at || (current.at === action.at && current.id < action.id)) reviews.set(action.key, action)
      }
    }
    session.reviews = reviews
    return true
  }

  /**
   * Entries and review lines sealed for an older members document (written while membership
   * changed elsewhere) are sealed again to the current members.
   */
  private async heal(repo: GitRepo, session: Session, head: string | null): Promise<string | null> {
    const link = this.requireLink()
    const members = session.members
    if (!head || !members) return head
    const stale = Object.entries(link.entries).filter(([, e]) => (e.sealedFor ?? 0) < members.seq)
    if (stale.length === 0) return head
    this.setPhase('reencrypting')
    const files = await repo.files(head)
    const signer: Signer = { identity: session.identity, id: session.keys.id }
    const sealed = await this.sealEntries(repo, session, signer, members, stale.map(([id]) => id).filter((id) => files.has(entryPath(id))))
    // Entries refused here cannot be sealed again by this computer: they stay as they are.
    if (sealed.size === 0) return head
    for (const [id, s] of sealed) files.set(entryPath(id), s.oid)
    const commit = await repo.commit([head], files, session.keys.id, 'backdesk: re-encrypted', new Date(this.now()))
    await this.options.vault.update((p) => {
      const l = p.team?.workspace
      if (!l) return
      for (const [id, s] of sealed) l.entries[id] = s.seen
    })
    return commit
  }

  /** Seals entries again (from the verified copies here) to `members`, signed by this member. */
  private async sealEntries(
    repo: GitRepo,
    session: Session,
    signer: Signer,
    members: VerifiedMembers,
    ids: string[]
  ): Promise<Map<string, { oid: string; seen: WorkspaceLink['entries'][string] }>> {
    const link = this.requireLink()
    const out = new Map<string, { oid: string; seen: WorkspaceLink['entries'][string] }>()
    const records = new Map(
      this.options.connections
        .list()
        .filter((c) => c.team && ids.includes(c.id))
        .map((c) => [c.id, this.options.connections.get(c.id)])
    )
    await mapLimit(ids, DECRYPT_CONCURRENCY, async (id) => {
      const seen = link.entries[id]
      if (!seen) return
      const record = records.get(id)
      let body: EntryBody
      if (seen.deleted) {
        body = { id, kind: 'connection', rev: seen.rev, updatedBy: seen.signedBy, updatedAt: new Date(this.now()).toISOString(), deleted: true }
      } else if (record?.team) {
        body = { id, kind: 'connection', rev: record.team.rev, updatedBy: record.team.updatedBy, updatedAt: record.team.updatedAt, record: plainRecord(record) }
      } else {
        return // refused or unknown here: left as it is
      }
      const bytes = await sealEntry(body, signer, members.doc.members, members.seq)
      const oid = await repo.writeBlob(bytes)
      out.set(id, { oid, seen: { oid, rev: body.rev, signedBy: signer.id, sealedFor: members.seq, ...(seen.deleted ? { deleted: true } : {}) } })
    })
    return out
  }

  // ---- sharing and write-back --------------------------------------------------------------------

  /** Moves connections into the workspace (same ids) or shares copies (new ids): one commit, one push. */
  share(input: { ids: string[]; mode: 'move' | 'copy' }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      const link = this.requireLink()
      if (link.removedAt) throw new AppError('FORBIDDEN', 'You were removed from this workspace.')
      const records = [...new Set(input.ids)].map((id) => {
        const source = this.options.connections.get(id)
        if (source.team) throw new AppError('CONFLICT', `“${source.name}” is already shared with the team.`)
        return { ...plainRecord(source), id: input.mode === 'move' ? source.id : randomUUID() } as ConnectionRecord
      })
      await this.commitEntries(records.map((record) => ({ record, previousRev: 0 })))
      await this.syncInner()
      return this.emitStatus()
    })
  }

  private async writeBack(id: string): Promise<void> {
    const link = this.link()
    if (!link || link.removedAt || this.options.vault.state !== 'unlocked') return
    if (!this.options.connections.has(id)) return
    const record = this.options.connections.get(id)
    if (!record.team) return
    await this.commitEntries([{ record: plainRecord(record), previousRev: Math.max(record.team.rev, link.entries[id]?.rev ?? 0) }])
    await this.syncInner()
    this.emitStatus().catch(() => undefined)
  }

  private async writeDeletion(id: string): Promise<void> {
    const link = this.link()
    const seen = link?.entries[id]
    if (!link || !seen || seen.deleted || link.removedAt || this.options.vault.state !== 'unlocked') return
    const session = await this.sessionFor()
    const repo = await this.repoFor(link.id, false)
    const members = await this.localMembers(repo, session)
    const body: EntryBody = { id, kind: 'connection', rev: seen.rev + 1, updatedBy: session.keys.id, updatedAt: new Date(this.now()).toISOString(), deleted: true }
    const head = await repo.head()
    const files = await repo.files(head)
    const oid = await repo.writeBlob(await sealEntry(body, { identity: session.identity, id: session.keys.id }, members.doc.members, members.seq))
    files.set(entryPath(id), oid)
    await repo.setHead(await repo.commit(head ? [head] : [], files, session.keys.id, 'backdesk: entry deleted', new Date(this.now())))
    await this.options.vault.update((p) => {
      const l = p.team?.workspace
      if (l) l.entries[id] = { oid, rev: body.rev, signedBy: session.keys.id, deleted: true, sealedFor: members.seq }
    })
    await this.syncInner()
    this.emitStatus().catch(() => undefined)
  }

  /** Writes a new revision of each record's entry in one commit on the local branch and materialises them here. */
  private async commitEntries(changes: Array<{ record: ConnectionRecord; previousRev: number }>): Promise<void> {
    const link = this.requireLink()
    const session = await this.sessionFor()
    const repo = await this.repoFor(link.id, false)
    const members = await this.localMembers(repo, session)
    const at = new Date(this.now()).toISOString()
    const signer: Signer = { identity: session.identity, id: session.keys.id }
    const head = await repo.head()
    const files = await repo.files(head)
    const written = await mapLimit(changes, DECRYPT_CONCURRENCY, async ({ record, previousRev }) => {
      const rev = previousRev + 1
      const body: EntryBody = { id: record.id, kind: 'connection', rev, updatedBy: session.keys.id, updatedAt: at, record: plainRecord(record) }
      const oid = await repo.writeBlob(await sealEntry(body, signer, members.doc.members, members.seq))
      return { id: record.id, rev, oid, record }
    })
    for (const w of written) files.set(entryPath(w.id), w.oid)
    await repo.setHead(await repo.commit(head ? [head] : [], files, session.keys.id, 'backdesk: entries changed', new Date(this.now())))
    await this.options.vault.update((p) => {
      const l = p.team?.workspace
      if (l) for (const w of written) l.entries[w.id] = { oid: w.oid, rev: w.rev, signedBy: session.keys.id, sealedFor: members.seq }
    })
    const byName = session.names[session.keys.id] ?? session.identity.name
    await this.options.connections.applyTeam(
      written.map((w) => ({ ...w.record, id: w.id, team: { rev: w.rev, updatedBy: session.keys.id, updatedByName: byName, updatedAt: at } }) as ConnectionRecord),
      []
    )
    this.unpushed = true
  }

  /** The members document at the local head (verified at the last sync). */
  private async localMembers(repo: GitRepo, session: Session): Promise<VerifiedMembers> {
    if (session.members) return session.members
    const link = this.requireLink()
    const docs = await membersDocs(repo, await repo.files(await repo.head()))
    session.members = verifyMembers(docs, { trusted: link.trusted, workspace: link.id })
    session.names = await lastKnownNames(docs, session.members.doc, session.identity)
    return session.members
  }

  // ---- conflicts ---------------------------------------------------------------------------------

  resolveConflict(input: { entryId: string; keep: 'mine' | 'theirs' }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      const link = this.requireLink()
      const conflict = link.conflicts.find((c) => c.entryId === input.entryId)
      if (!conflict) throw new AppError('NOT_FOUND', 'That conflict was already resolved.')
      if (input.keep === 'mine') {
        const current = link.entries[input.entryId]
        await this.commitEntries([{ record: { ...conflict.mine, id: input.entryId }, previousRev: Math.max(current?.rev ?? 0, conflict.theirsRev) }])
      }
      await this.options.vault.update((p) => {
        const l = p.team?.workspace
        if (l) l.conflicts = l.conflicts.filter((c) => c.entryId !== input.entryId)
      })
      if (input.keep === 'mine') await this.syncInner()
      return this.emitStatus()
    })
  }

  // ---- membership --------------------------------------------------------------------------------

  /** A pasted line read as `addMember` reads it, nobody added: its name and the fingerprint Members would show. */
  async inspectMemberLine(input: { line: string }): Promise<MemberLinePreview> {
    const line = await this.teammateLine(input.line)
    return { name: line.name, fingerprint: fingerprintOf(line) }
  }

  addMember(input: { line: string }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      const line = await this.teammateLine(input.line)
      await this.changeMembers((members, me, at) => {
        if (members.some((m) => m.id === line.id)) throw fieldError('line', `${line.name || 'That teammate'} is already a member.`, { code: 'CONFLICT' })
        if (members.length >= MAX_MEMBERS) throw new AppError('VALIDATION', `A workspace has at most ${MAX_MEMBERS} members.`)
        return {
          members: [...members, { id: line.id, recipient: line.recipient, signingKey: line.signingKey, addedBy: me, addedAt: at }],
          names: { [line.id]: line.name || line.id }
        }
      })
      this.logger.info('workspace member added')
      return this.emitStatus()
    })
  }

  /**
   * A pasted teammate's line. Your own line or fingerprint is refused at once, before any
   * fingerprint check is asked for: it is never a teammate to add.
   */
  private async teammateLine(text: string): Promise<ReturnType<typeof parsePublicLine>> {
    const identity = this.options.vault.read((p) => p.team?.identity)
    const own = identity ? await memberKeysOf(identity) : null
    if (own) {
      const trimmed = text.trim()
      if (!trimmed.startsWith('backdesk-member') && normaliseFingerprint(trimmed) === normaliseFingerprint(fingerprintOf(own))) {
        throw fieldError('line', OWN_FINGERPRINT, { code: 'CONFLICT' })
      }
    }
    const line = memberLine(text)
    if (own && line.id === own.id) throw fieldError('line', OWN_LINE, { code: 'CONFLICT' })
    return line
  }

  removeMember(input: { memberId: string }): Promise<RemovalChecklist> {
    return this.serial(async () => {
      let removedName = ''
      await this.changeMembers((members, me, _at, names) => {
        if (input.memberId === me) throw new AppError('VALIDATION', 'To stop using the workspace yourself, ask a teammate to remove you, or leave it on this computer.')
        if (!members.some((m) => m.id === input.memberId)) throw new AppError('NOT_FOUND', 'That member is not in the workspace (any more).')
        removedName = names[input.memberId] ?? input.memberId
        return { members: members.filter((m) => m.id !== input.memberId), names: {} }
      })
      // Everything shared while they were a member may have been read by them: rotate it.
      const items = this.options.connections
        .list()
        .filter((c) => c.team)
        .map((c) => ({
          connectionId: c.id,
          name: c.name,
          customer: c.customer,
          provider: c.provider,
          secrets: Object.entries(c.secrets)
            .filter(([, has]) => has)
            .map(([k]) => k),
          rotated: false
        }))
      const checklist: RemovalChecklist = { memberId: input.memberId, name: removedName, removedAt: new Date(this.now()).toISOString(), items }
      await this.options.vault.update((p) => {
        const l = p.team?.workspace
        if (l) l.removals = [...l.removals.filter((r) => r.memberId !== input.memberId), checklist]
      })
      this.logger.info('workspace member removed', { entries: items.length })
      await this.emitStatus()
      return checklist
    })
  }

  markRotated(input: { memberId: string; connectionId: string; rotated: boolean }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      await this.options.vault.update((p) => {
        const list = p.team?.workspace?.removals.find((r) => r.memberId === input.memberId)
        const item = list?.items.find((i) => i.connectionId === input.connectionId)
        if (!item) throw new AppError('NOT_FOUND', 'That checklist item does not exist.')
        item.rotated = input.rotated
      })
      return this.emitStatus()
    })
  }

  dismissRemoval(input: { memberId: string }): Promise<WorkspaceStatus> {
    return this.serial(async () => {
      await this.options.vault.update((p) => {
        const l = p.team?.workspace
        if (l) l.removals = l.removals.filter((r) => r.memberId !== input.memberId)
      })
      return this.emitStatus()
    })
  }

  /**
   * A membership change: synced first, then a new signed members document and every entry and
   * review line sealed again to the new members, pushed at once. A push that fails leaves the
   * local branch as it was (a membership change never waits on this computer).
   */
  private async changeMembers(
    mutate: (members: MemberRecord[], me: string, at: string, names: Record<string, string>) => { members: MemberRecord[]; names: Record<string, string> }
  ): Promise<void> {
    const link = this.requireLink()
    if (link.removedAt) throw new AppError('FORBIDDEN', 'You were removed from this workspace.')
    const session = await this.sessionFor()
    const repo = await this.repoFor(link.id, false)
    const remote = await this.remoteFor(link, false)
    for (let attempt = 0; ; attempt++) {
      await this.syncInner()
      if (this.lastError) throw new AppError('OFFLINE', `Membership can only change while the workspace is reachable and in sync: ${this.lastError}`)
      const head = await repo.head()
      const current = await this.localMembers(repo, session)
      const at = new Date(this.now()).toISOString()
      const change = mutate(current.doc.members, session.keys.id, at, session.names)
      const names: Record<string, string> = {}
      for (const m of change.members) names[m.id] = change.names[m.id] ?? session.names[m.id] ?? m.id
      const seq = current.seq + 1
      const doc = await buildMembersDoc({ workspace: link.id, seq, prev: current.hash, members: change.members, names, signer: session.identity, signerId: session.keys.id })
      const next: VerifiedMembers = { doc: JSON.parse(Buffer.from(doc).toString('utf8')), seq, hash: hashOf(doc), byId: new Map(change.members.map((m) => [m.id, m])) }
      this.setPhase('reencrypting')
      const files = await repo.files(head)
      files.set(membersPath(seq), await repo.writeBlob(doc))
      const signer: Signer = { identity: session.identity, id: session.keys.id }
      const ids = Object.keys(this.requireLink().entries)
      const sealed = await this.sealEntries(repo, session, signer, next, ids)
      for (const [id, s] of sealed) files.set(entryPath(id), s.oid)
      // Review logs: each line sealed again, its action (and author) unchanged.
      for (const [path, oid] of [...files]) {
        const owner = reviewOwnerOf(path)
        if (!owner) continue
        const lines = reviewLines(await repo.readBlob(oid))
        const actions = lines.map((l) => session.reviewLines.get(l)).filter((a): a is ReviewAction => !!a)
        const resealed = await mapLimit(actions, DECRYPT_CONCURRENCY, (a) => sealReviewLine(a, signer, change.members, seq))
        files.set(path, await repo.writeBlob(Buffer.from(resealed.map((l) => `${l}\n`).join(''), 'utf8')))
      }
      const commit = await repo.commit(head ? [head] : [], files, session.keys.id, 'backdesk: members changed', new Date(this.now()))
      this.setPhase('pushing')
      try {
        await remote.transport.push(repo, commit, head)
      } catch (err) {
        this.setPhase('idle')
        if (err instanceof PushBehindError && attempt + 1 < PUSH_ATTEMPTS) continue
        throw this.remoteError(err, 'The membership change could not be pushed, so it was not made')
      }
      await repo.setHead(commit)
      await this.options.vault.update((p) => {
        const l = p.team?.workspace
        if (!l) return
        l.trusted = { seq, hash: next.hash }
        for (const [id, s] of sealed) l.entries[id] = s.seen
      })
      session.members = next
      session.names = names
      session.reviewLines.clear()
      await this.verifyAndMaterialise(repo, session, commit)
      this.setPhase('idle')
      return
    }
  }

  // ---- shared review queue -----------------------------------------------------------------------

  /** The workspace's review actions by item key (latest wins), or null outside a workspace. */
  async sharedReviews(): Promise<Map<string, SharedReview> | null> {
    const link = this.link()
    if (!link || link.removedAt) return null
    const session = await this.sessionFor()
    const out = new Map<string, SharedReview>()
    for (const [key, a] of session.reviews) out.set(key, this.toShared(session, a))
    return out
  }

  /** Appends a review action to this member's log and pushes it; null outside a workspace. */
  recordReview(input: { key: string; state: ReviewAction['state']; snoozedUntil?: string; note?: string; ticket?: string }): Promise<SharedReview | null> {
    return this.serial(async () => {
      const link = this.link()
      if (!link || link.removedAt) return null
      const session = await this.sessionFor()
      const repo = await this.repoFor(link.id, false)
      const members = await this.localMembers(repo, session)
      const action: ReviewAction = {
        id: randomBytes(16).toString('hex'),
        key: input.key,
        state: input.state,
        at: new Date(this.now()).toISOString(),
        by: session.keys.id,
        ...(input.snoozedUntil ? { snoozedUntil: new Date(input.snoozedUntil).toISOString() } : {}),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        ...(input.ticket?.trim() ? { ticket: input.ticket.trim() } : {})
      }
      const line = await sealReviewLine(action, { identity: session.identity, id: session.keys.id }, members.doc.members, members.seq)
      const head = await repo.head()
      const files = await repo.files(head)
      const path = reviewPath(session.keys.id)
      const before = files.get(path)
      const text = (before ? Buffer.from(await repo.readBlob(before)).toString('utf8') : '') + `${line}\n`
      files.set(path, await repo.writeBlob(Buffer.from(text, 'utf8')))
      await repo.setHead(await repo.commit(head ? [head] : [], files, session.keys.id, 'backdesk: review', new Date(this.now())))
      session.reviewLines.set(line, action)
      session.reviews.set(action.key, action)
      this.unpushed = true
      // Pushed right after, without making the technician wait for the network.
      this.enqueue(() => this.syncInner().then(() => void this.emitStatus().catch(() => undefined)), 'sync')
      return this.toShared(session, action)
    })
  }

  private toShared(session: Session, a: ReviewAction): SharedReview {
    return {
      key: a.key,
      state: a.state,
      updatedAt: a.at,
      by: a.by,
      byName: session.names[a.by] ?? 'a former member',
      mine: a.by === session.keys.id,
      ...(a.snoozedUntil ? { snoozedUntil: a.snoozedUntil } : {}),
      ...(a.note ? { note: a.note } : {}),
      ...(a.ticket ? { ticket: a.ticket } : {})
    }
  }

  /** The review queue as Fleet health uses it (see fleet/review-store.ts). */
  reviewQueue(): { reviews(): Promise<Map<string, FleetReview> | null>; record(input: ReviewInput): Promise<FleetReview | null> } {
    const toFleet = (r: SharedReview): FleetReview => {
      const { byName, by: _id, ticket, ...rest } = r
      return { ...rest, by: byName, ...(ticket ? { ticket: manualTicket(ticket, r.updatedAt) } : {}) }
    }
    return {
      reviews: async () => {
        if (this.options.vault.state !== 'unlocked') return null
        const shared = await this.sharedReviews()
        return shared && new Map([...shared].map(([k, r]) => [k, toFleet(r)]))
      },
      record: async (input) => {
        const r = await this.recordReview(input)
        return r && toFleet(r)
      }
    }
  }

  // ---- internals ---------------------------------------------------------------------------------

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const epoch = this.epoch
    const run = this.queue.then(async () => {
      if (epoch !== this.epoch) throw new AppError('LOCKED', 'The vault was locked; nothing was changed.')
      return fn()
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private enqueue(fn: () => Promise<void>, what: string): void {
    this.serial(fn).catch((err: unknown) => {
      if (isAppError(err) && err.code === 'LOCKED') return
      this.lastError = errorText(err, `The workspace ${what} failed`)
      this.logger.warn(`workspace ${what} failed`, { err })
      this.emitStatus().catch(() => undefined)
    })
  }

  private onUnlocked(): void {
    if (!this.link()) return
    this.enqueue(() => this.syncInner().then(() => void this.emitStatus().catch(() => undefined)), 'sync')
    this.startTimer()
  }

  private onLocked(): void {
    this.epoch++
    this.session = null
    this.stopTimer()
  }

  private startTimer(): void {
    this.stopTimer()
    const every = this.options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS
    if (every <= 0) return
    const timer = setInterval(() => {
      if (this.options.vault.state === 'unlocked' && this.link() && !this.syncing) {
        this.enqueue(() => this.syncInner().then(() => void this.emitStatus().catch(() => undefined)), 'sync')
      }
    }, every)
    timer.unref?.()
    this.timer = timer
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  private link(): WorkspaceLink | undefined {
    if (this.options.vault.state !== 'unlocked') return undefined
    return this.options.vault.read((p) => (p.team?.workspace ? structuredClone(p.team.workspace) : undefined))
  }

  private requireLink(): WorkspaceLink {
    this.options.vault.requireUnlocked()
    const link = this.link()
    if (!link) throw new AppError('NOT_FOUND', 'This computer is not in a team workspace yet. Create or join one first.')
    return link
  }

  private requireNoWorkspace(): void {
    this.options.vault.requireUnlocked()
    if (this.link()) throw new AppError('CONFLICT', 'This computer is already in a team workspace. Leave it first.')
  }

  private async saveLink(link: WorkspaceLink): Promise<void> {
    await this.options.vault.update((p) => {
      if (!p.team) throw new AppError('INTERNAL', 'The team identity is missing.')
      p.team.workspace = link
    })
  }

  private async sessionFor(): Promise<Session> {
    if (this.session) return this.session
    const team = this.options.vault.read((p) => p.team)
    if (!team) throw new AppError('NOT_FOUND', 'There is no team identity yet.')
    const identity = structuredClone(team.identity)
    const session: Session = { identity, keys: await memberKeysOf(identity), members: null, names: {}, refused: [], reviewLines: new Map(), reviews: new Map() }
    this.session = session
    const link = team.workspace
    if (link) {
      // Members and reviews as of the local clone, so the screen has names before the first sync.
      const repo = await this.repoFor(link.id, false)
      try {
        const docs = await membersDocs(repo, await repo.files(await repo.head()))
        session.members = verifyMembers(docs, { trusted: link.trusted, workspace: link.id })
        session.names = await lastKnownNames(docs, session.members.doc, identity)
      } catch (err) {
        this.logger.warn('workspace clone could not be read; the next sync fetches it again', { err })
        session.members = null
      }
    }
    return session
  }

  private async repoFor(id: string, create: boolean): Promise<GitRepo> {
    const repo = new GitRepo(join(this.options.dataDir, 'workspace', `${id}.git`))
    if (create || !existsSync(join(repo.gitdir, 'HEAD'))) await repo.init()
    return repo
  }

  private async remoteFor(input: { remote: string; username?: string | undefined; token?: string | undefined }, create: boolean): Promise<Remote> {
    const value = input.remote.trim()
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      const problem = remoteUrlProblem(value)
      if (problem) throw fieldError('remote', `${problem}.`, { summary: `Repository: ${problem}.` })
      const url = new URL(value)
      const display = `${url.origin}${url.pathname}`
      return { transport: new HttpRemote(display, originBoundHttp(display, { username: input.username, token: input.token })), display }
    }
    if (!isAbsolute(value)) throw fieldError('remote', 'Enter an https:// URL or the full path of a folder.', { summary: 'Repository: enter an https:// URL or the full path of a folder.' })
    const path = resolve(value)
    if (create && !existsSync(join(path, 'HEAD'))) {
      if (existsSync(path) && readdirSync(path).length > 0) {
        throw fieldError(
          'remote',
          'That folder is not empty and not a git repository. Choose an empty or new folder.',
          { summary: 'Repository: that folder is not empty and not a git repository. Choose an empty or new folder.' }
        )
      }
      // The folder itself may be new, but not its parent: a mistyped path would otherwise
      // become a whole chain of folders nobody meant to create.
      const parent = dirname(path)
      if (!existsSync(path) && !statSync(parent, { throwIfNoEntry: false })?.isDirectory()) {
        const problem = existsSync(parent) ? `${parent} is a file, not a folder` : `The folder ${parent} does not exist`
        throw fieldError(
          'remote',
          `${problem}. Check the path for a typo, or create that folder first: Backdesk creates only the last folder of the path.`,
          { summary: `Repository: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}. Check the path for a typo, or create that folder first.` }
        )
      }
      await initBareAt(path)
    }
    if (input.token) throw fieldError('token', 'A token is only used with an https:// repository; a folder needs none.')
    return { transport: new PathRemote(path), display: path }
  }

  private async fetch(remote: Remote, repo: GitRepo): Promise<string | null> {
    try {
      return await remote.transport.fetch(repo)
    } catch (err) {
      throw this.remoteError(err, 'The workspace repository could not be reached')
    }
  }

  private remoteError(err: unknown, what: string): AppError {
    if (isAppError(err)) return err
    if (err instanceof PushRefusedError) return new AppError('FORBIDDEN', `${what}: the git server refused the push (${err.reason.slice(0, 300)}).`)
    if (err instanceof PushBehindError) return new AppError('CONFLICT', `${what}: the repository changed meanwhile. Try again.`, { retryable: true })
    return new AppError('OFFLINE', `${what}: ${errorText(err, 'unknown error')}.`, { retryable: true })
  }

  private async removedHere(): Promise<void> {
    const teamIds = this.options.connections.list().filter((c) => c.team).map((c) => c.id)
    await this.options.connections.applyTeam([], teamIds)
    await this.options.vault.update((p) => {
      const l = p.team?.workspace
      if (l && !l.removedAt) l.removedAt = new Date(this.now()).toISOString()
    })
    this.stopTimer()
    this.logger.warn('this member was removed from the workspace; its team connections were removed here')
  }

  private setPhase(phase: WorkspaceSyncPhase): void {
    if (this.phase === phase) return
    this.phase = phase
    if (this.options.vault.state === 'unlocked') this.emitStatus().catch(() => undefined)
  }

  private async emitStatus(): Promise<WorkspaceStatus> {
    const status = await this.status()
    this.options.events?.emit('workspace.status', status)
    return status
  }
}

// ---- helpers ---------------------------------------------------------------------------------------

/** A teammate's public line, its problems named as the add-member form's `line` field's. */
const OWN_LINE = 'That is your own member line. Paste the line your teammate sent you: they copy it from “Your member line” on their Team workspace screen.'
const OWN_FINGERPRINT = 'That is your own fingerprint. Paste the member line your teammate sent you: they copy it from “Your member line” on their Team workspace screen.'

function memberLine(value: string): ReturnType<typeof parsePublicLine> {
  try {
    return parsePublicLine(value)
  } catch (err) {
    throw isAppError(err) && err.code === 'VALIDATION' ? fieldError('line', err.message) : err
  }
}

function inviterAnchor(value: string): TrustAnchor['by'] {
  const text = value.trim()
  if (text.startsWith('backdesk-member')) {
    try {
      return { signingKey: parsePublicLine(text).signingKey }
    } catch (err) {
      // The same words, under the field they are about.
      throw isAppError(err) && err.code === 'VALIDATION' ? fieldError('inviter', err.message) : err
    }
  }
  const hex = normaliseFingerprint(text)
  if (hex.length !== 20) {
    throw fieldError('inviter', 'Paste the public line of the teammate who added you, or its fingerprint (20 hex digits, e.g. 1a2b-3c4d-…).')
  }
  return { fingerprint: hex }
}

async function membersDocs(repo: GitRepo, files: FileMap): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>()
  for (const [path, oid] of files) {
    const m = new RegExp(`^${MEMBERS_DIR}/(\\d{6})\\.json$`).exec(path)
    if (m) out.set(Number(m[1]), await repo.readBlob(oid))
  }
  return out
}

async function readWorkspaceId(repo: GitRepo, files: FileMap): Promise<string> {
  const oid = files.get(WORKSPACE_FILE)
  if (!oid) throw new AppError('NOT_FOUND', 'That repository is not a Backdesk team workspace.')
  try {
    const doc = JSON.parse(Buffer.from(await repo.readBlob(oid)).toString('utf8')) as { format?: unknown; id?: unknown }
    if (doc.format === 'backdesk-workspace' && typeof doc.id === 'string' && /^[0-9a-f]{32}$/.test(doc.id)) return doc.id
  } catch {
    // fall through
  }
  throw new AppError('NOT_FOUND', 'That repository is not a Backdesk team workspace.')
}

/** The record as it travels in an entry: no team mark (each computer sets its own). */
function plainRecord(record: ConnectionRecord): ConnectionRecord {
  const copy = structuredClone(record)
  delete copy.team
  return copy
}

function sameBody(a: EntryBody, b: EntryBody): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function errorText(err: unknown, fallback: string): string {
  if (isAppError(err)) return err.message
  if (err instanceof PushRefusedError) return `the git server refused the push (${err.reason.slice(0, 300)})`
  if (err instanceof PushBehindError) return 'the repository kept changing during the sync'
  const code = (err as { code?: string }).code
  const message = err instanceof Error ? err.message : ''
  if (code === 'HttpError') {
    const status = (err as { data?: { statusCode?: number } }).data?.statusCode
    if (status === 401 || status === 403) return `${fallback}: the git server refused the token (${status})`
    return `${fallback}: the git server answered ${status ?? 'an error'}`
  }
  if (code && /^E[A-Z]+$/.test(code)) return `${fallback} (${code})`
  return message ? `${fallback}: ${message.slice(0, 200)}` : fallback
}
