import { createHash } from 'node:crypto'
import { z } from 'zod'
import { fingerprintOf, memberIdOf, normaliseFingerprint, signValue, verifyValue, type TeamIdentity } from './identity'
import { openWith, sealTo } from './sealing'

// The members log: `members/000001.json`, `members/000002.json`, … one signed document per change
// of membership, each naming the hash of the one before it. Document 1 is signed by the
// workspace's creator (who is in it); every later one by a member of the document before it.
// A computer trusts the newest document it has verified (kept in the vault) and accepts a newer one
// only through an unbroken chain from it; a joining member anchors trust on the teammate who added
// them (their public line or its fingerprint): that teammate must have signed the document that
// added the joiner. Names are encrypted to the members; the git host sees opaque ids and keys.

export const MEMBERS_DIR = 'members'
export const MAX_MEMBERS = 500

const MemberId = z.string().regex(/^m[0-9a-f]{24}$/)
const MemberSchema = z
  .object({
    id: MemberId,
    recipient: z.string().regex(/^age1[0-9a-z]{58}$/),
    signingKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    addedBy: MemberId,
    addedAt: z.string().max(64)
  })
  .strict()

const MembersDocSchema = z
  .object({
    format: z.literal('backdesk-members'),
    version: z.literal(1),
    workspace: z.string().regex(/^[0-9a-f]{32}$/),
    seq: z.number().int().min(1),
    prev: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    members: z.array(MemberSchema).min(1).max(MAX_MEMBERS),
    /** age, to every member: JSON { [memberId]: name }. */
    names: z.string().max(4 * 1024 * 1024),
    signedBy: MemberId,
    signature: z.string().max(200)
  })
  .strict()

export type MemberRecord = z.infer<typeof MemberSchema>
export type MembersDoc = z.infer<typeof MembersDocSchema>

export interface VerifiedMembers {
  doc: MembersDoc
  seq: number
  hash: string
  byId: Map<string, MemberRecord>
}

/** The members log could not be trusted: nothing from this state of the repository is used. */
export class MembersTrustError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MembersTrustError'
  }
}

export function membersPath(seq: number): string {
  return `${MEMBERS_DIR}/${String(seq).padStart(6, '0')}.json`
}

export function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function unsigned(doc: MembersDoc): Omit<MembersDoc, 'signature'> {
  const { signature: _signature, ...rest } = doc
  return rest
}

export async function buildMembersDoc(options: {
  workspace: string
  seq: number
  prev: string | null
  members: MemberRecord[]
  names: Record<string, string>
  signer: TeamIdentity
  signerId: string
}): Promise<Uint8Array> {
  const names = Buffer.from(await sealTo(options.members.map((m) => m.recipient), JSON.stringify(options.names))).toString('base64')
  const body: Omit<MembersDoc, 'signature'> = {
    format: 'backdesk-members',
    version: 1,
    workspace: options.workspace,
    seq: options.seq,
    prev: options.prev,
    members: options.members,
    names,
    signedBy: options.signerId
  }
  const doc: MembersDoc = { ...body, signature: signValue(options.signer, 'members', body) }
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8')
}

function parseDoc(bytes: Uint8Array, seq: number): MembersDoc {
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new MembersTrustError(`members document ${seq} is not readable`)
  }
  const parsed = MembersDocSchema.safeParse(raw)
  if (!parsed.success) throw new MembersTrustError(`members document ${seq} is not in the expected form`)
  const doc = parsed.data
  if (doc.seq !== seq) throw new MembersTrustError(`members document ${seq} says it is number ${doc.seq}`)
  const ids = new Set<string>()
  for (const m of doc.members) {
    if (m.id !== memberIdOf(m.recipient, m.signingKey)) throw new MembersTrustError(`members document ${seq} lists a member whose id does not match their keys`)
    if (ids.has(m.id)) throw new MembersTrustError(`members document ${seq} lists a member twice`)
    ids.add(m.id)
  }
  return doc
}

export interface TrustAnchor {
  /** The joining member: the document that first lists them must be signed by `by`. */
  self: string
  /** The inviting teammate's signing key, or the fingerprint of their public line. */
  by: { signingKey: string } | { fingerprint: string }
}

/**
 * Verifies the log from the trusted state (or, when joining, from document 1 with `anchor`) to
 * its newest document. `docs` maps seq → bytes of every `members/*.json` present.
 */
export function verifyMembers(
  docs: ReadonlyMap<number, Uint8Array>,
  from: { trusted: { seq: number; hash: string }; workspace: string } | { anchor: TrustAnchor }
): VerifiedMembers {
  const seqs = [...docs.keys()].sort((a, b) => a - b)
  const newest = seqs.at(-1)
  if (newest === undefined) throw new MembersTrustError('the workspace has no members document')
  for (let i = 0; i < seqs.length; i++) if (seqs[i] !== i + 1) throw new MembersTrustError(`members document ${i + 1} is missing`)

  let startSeq: number
  let current: MembersDoc
  let currentHash: string
  let anchored = false
  if ('trusted' in from) {
    const bytes = docs.get(from.trusted.seq)
    if (!bytes) throw new MembersTrustError(`members document ${from.trusted.seq}, which this computer verified, is gone (the log was rolled back)`)
    if (hashOf(bytes) !== from.trusted.hash) throw new MembersTrustError(`members document ${from.trusted.seq} was rewritten after this computer verified it`)
    current = parseDoc(bytes, from.trusted.seq)
    if (current.workspace !== from.workspace) throw new MembersTrustError('the members log belongs to another workspace')
    currentHash = from.trusted.hash
    startSeq = from.trusted.seq
  } else {
    const bytes = docs.get(1) as Uint8Array
    current = parseDoc(bytes, 1)
    if (current.prev !== null) throw new MembersTrustError('members document 1 names a predecessor')
    const signer = current.members.find((m) => m.id === current.signedBy)
    if (!signer || !verifyValue(signer.signingKey, 'members', unsigned(current), current.signature)) {
      throw new MembersTrustError('members document 1 is not signed by one of its members')
    }
    currentHash = hashOf(bytes)
    startSeq = 1
    if (current.members.some((m) => m.id === from.anchor.self)) {
      anchored = anchorMatches(from.anchor, signer)
      if (!anchored) throw new MembersTrustError('you were not added by the teammate whose line you entered')
    }
  }

  for (let seq = startSeq + 1; seq <= newest; seq++) {
    const bytes = docs.get(seq) as Uint8Array
    const doc = parseDoc(bytes, seq)
    if (doc.workspace !== current.workspace) throw new MembersTrustError(`members document ${seq} belongs to another workspace`)
    if (doc.prev !== currentHash) throw new MembersTrustError(`members document ${seq} does not follow document ${seq - 1}`)
    const signer = current.members.find((m) => m.id === doc.signedBy)
    if (!signer) throw new MembersTrustError(`members document ${seq} is signed by someone who was not a member`)
    if (!verifyValue(signer.signingKey, 'members', unsigned(doc), doc.signature)) throw new MembersTrustError(`the signature of members document ${seq} is not valid`)
    if ('anchor' in from && !anchored && doc.members.some((m) => m.id === from.anchor.self) && !current.members.some((m) => m.id === from.anchor.self)) {
      anchored = anchorMatches(from.anchor, signer)
      if (!anchored) throw new MembersTrustError('you were not added by the teammate whose line you entered')
    }
    current = doc
    currentHash = hashOf(bytes)
  }
  if ('anchor' in from && !anchored) throw new MembersTrustError('you are not a member of this workspace yet: send your line to a teammate and ask them to add you')
  return { doc: current, seq: current.seq, hash: currentHash, byId: new Map(current.members.map((m) => [m.id, m])) }
}

function anchorMatches(anchor: TrustAnchor, signer: MemberRecord): boolean {
  if ('signingKey' in anchor.by) return anchor.by.signingKey === signer.signingKey
  return normaliseFingerprint(fingerprintOf(signer)) === normaliseFingerprint(anchor.by.fingerprint)
}

/** A document's names as this member can open them, or null when they are sealed to others only. */
async function openNames(doc: MembersDoc, identity: TeamIdentity): Promise<Record<string, unknown> | null> {
  const text = await openWith(identity.ageSecret, Buffer.from(doc.names, 'base64'))
  if (text === null) return null
  try {
    const parsed: unknown = text ? JSON.parse(text) : {}
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const nameIn = (names: Record<string, unknown> | null, id: string): string | undefined => {
  const name = names?.[id]
  return typeof name === 'string' && name.trim() ? name.slice(0, 120) : undefined
}

/**
 * The names as this member last could read them. The newest document's names are sealed to its
 * members only, so a member who was removed reads them from the newest earlier document sealed
 * to them too (the log in the clone keeps every document): the teammates they worked with keep
 * their names, and only someone added after the removal is shown by id. `docs` is the log whose
 * newest document is `doc` (verified); an earlier one that cannot be parsed is passed over.
 */
export async function lastKnownNames(docs: ReadonlyMap<number, Uint8Array>, doc: MembersDoc, identity: TeamIdentity): Promise<Record<string, string>> {
  let names = await openNames(doc, identity)
  for (let seq = doc.seq - 1; names === null && seq >= 1; seq--) {
    const bytes = docs.get(seq)
    if (!bytes) continue
    try {
      names = await openNames(parseDoc(bytes, seq), identity)
    } catch (err) {
      if (!(err instanceof MembersTrustError)) throw err
    }
  }
  return Object.fromEntries(doc.members.map((m) => [m.id, nameIn(names, m.id) ?? m.id]))
}
