import { z } from 'zod'
import { signValue, verifyValue, type TeamIdentity } from './identity'
import type { MemberRecord } from './members'
import { openWith, sealTo } from './sealing'

// Workspace files other than the members log:
// - `entries/<id>.age`: one shared connection (record and secrets) or its deletion marker, age-
//   encrypted to every member. Inside: the body, signed by a member. The id is random (the
//   connection's own id), so the file name says nothing about the customer.
// - `reviews/<memberId>.log`: one member's review-queue actions, one per line, each line an
//   age file (base64) to every member, signed inside. Only its member appends to it.

export const ENTRIES_DIR = 'entries'
export const REVIEWS_DIR = 'reviews'
export const WORKSPACE_FILE = 'workspace.json'

const ID = /^[A-Za-z0-9-]{8,100}$/

export function entryPath(id: string): string {
  if (!ID.test(id)) throw new Error('not an entry id')
  return `${ENTRIES_DIR}/${id}.age`
}

export function entryIdOf(path: string): string | null {
  const m = /^entries\/([A-Za-z0-9-]{8,100})\.age$/.exec(path)
  return m ? (m[1] as string) : null
}

export function reviewPath(memberId: string): string {
  return `${REVIEWS_DIR}/${memberId}.log`
}

export function reviewOwnerOf(path: string): string | null {
  const m = /^reviews\/(m[0-9a-f]{24})\.log$/.exec(path)
  return m ? (m[1] as string) : null
}

export const EntryBodySchema = z
  .object({
    id: z.string().regex(ID),
    kind: z.literal('connection'),
    rev: z.number().int().min(1),
    updatedBy: z.string().max(64),
    updatedAt: z.string().max(64),
    deleted: z.literal(true).optional(),
    /** The connection record, moved as an opaque object (checked by the connection store). */
    record: z.record(z.string(), z.unknown()).optional()
  })
  .strict()
export type EntryBody = z.infer<typeof EntryBodySchema>

const SignedSchema = z
  .object({
    sealedFor: z.number().int().min(1),
    signedBy: z.string().max(64),
    signature: z.string().max(200),
    body: z.unknown()
  })
  .strict()

export interface Signer {
  identity: TeamIdentity
  id: string
}

async function sealSigned(context: string, body: unknown, signer: Signer, members: readonly MemberRecord[], sealedFor: number): Promise<Uint8Array> {
  const inner = { sealedFor, signedBy: signer.id, signature: signValue(signer.identity, context, { sealedFor, body }), body }
  return sealTo(members.map((m) => m.recipient), JSON.stringify(inner))
}

export type Opened<T> = { ok: true; body: T; signedBy: string; sealedFor: number } | { ok: false; reason: string }

async function openSigned<T>(
  context: string,
  bytes: Uint8Array,
  identity: TeamIdentity,
  members: ReadonlyMap<string, MemberRecord>,
  schema: z.ZodType<T>
): Promise<Opened<T>> {
  const text = await openWith(identity.ageSecret, bytes)
  if (text === null) return { ok: false, reason: 'it is not encrypted to you or is damaged' }
  let inner
  try {
    inner = SignedSchema.parse(JSON.parse(text))
  } catch {
    return { ok: false, reason: 'its contents are not in the expected form' }
  }
  const signer = members.get(inner.signedBy)
  if (!signer) return { ok: false, reason: 'it is not signed by a current member' }
  if (!verifyValue(signer.signingKey, context, { sealedFor: inner.sealedFor, body: inner.body }, inner.signature)) {
    return { ok: false, reason: 'its signature is not valid (it was changed after it was signed)' }
  }
  const body = schema.safeParse(inner.body)
  if (!body.success) return { ok: false, reason: 'its contents are not in the expected form' }
  return { ok: true, body: body.data, signedBy: inner.signedBy, sealedFor: inner.sealedFor }
}

export function sealEntry(body: EntryBody, signer: Signer, members: readonly MemberRecord[], sealedFor: number): Promise<Uint8Array> {
  return sealSigned('entry', body, signer, members, sealedFor)
}

export async function openEntry(id: string, bytes: Uint8Array, identity: TeamIdentity, members: ReadonlyMap<string, MemberRecord>): Promise<Opened<EntryBody>> {
  const opened = await openSigned('entry', bytes, identity, members, EntryBodySchema)
  if (opened.ok && opened.body.id !== id) return { ok: false, reason: 'it was copied from another entry' }
  if (opened.ok && !opened.body.deleted && !opened.body.record) return { ok: false, reason: 'it carries no connection' }
  return opened
}

// ---- review actions ----------------------------------------------------------------------------

export const ReviewActionSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{32}$/),
    key: z.string().min(1).max(600),
    state: z.enum(['open', 'acknowledged', 'snoozed']),
    snoozedUntil: z.string().max(64).optional(),
    note: z.string().max(2000).optional(),
    ticket: z.string().max(200).optional(),
    at: z.string().max(64),
    by: z.string().regex(/^m[0-9a-f]{24}$/)
  })
  .strict()
export type ReviewAction = z.infer<typeof ReviewActionSchema>

export async function sealReviewLine(action: ReviewAction, signer: Signer, members: readonly MemberRecord[], sealedFor: number): Promise<string> {
  return Buffer.from(await sealSigned('review', action, signer, members, sealedFor)).toString('base64')
}

export async function openReviewLine(owner: string, line: string, identity: TeamIdentity, members: ReadonlyMap<string, MemberRecord>): Promise<Opened<ReviewAction>> {
  const opened = await openSigned('review', Buffer.from(line, 'base64'), identity, members, ReviewActionSchema)
  if (opened.ok && opened.body.by !== owner) return { ok: false, reason: 'it is in another member’s log' }
  return opened
}

export function reviewLines(bytes: Uint8Array): string[] {
  return Buffer.from(bytes)
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9+/]+={0,2}$/.test(l))
}
