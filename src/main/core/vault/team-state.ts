import { z } from 'zod'
import type { ConnectionRecord } from '../connections/connection-record'

// What the vault payload keeps about the team workspace (all of it encrypted with the vault):
// the technician's identity, the link to one workspace (remote, token, the members state this
// computer has verified, what it has seen of each entry), unresolved conflicts and the
// "rotate at the provider" checklists left by member removals.

const B64 = z.string().max(16 * 1024).regex(/^[A-Za-z0-9+/_-]*={0,2}$/)
const Iso = z.string().max(64)
const MemberId = z.string().regex(/^m[0-9a-f]{24}$/)

export const TeamIdentitySchema = z
  .object({
    ageSecret: z.string().regex(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/),
    signingKey: B64,
    name: z.string().max(120),
    createdAt: Iso
  })
  .strict()

export const EntrySeenSchema = z
  .object({
    /** Blob id of the entry file last verified (unchanged blobs are not decrypted again). */
    oid: z.string().regex(/^[0-9a-f]{40}$/),
    rev: z.number().int().min(0),
    signedBy: MemberId,
    deleted: z.boolean().optional(),
    /** The members document it was encrypted for: older ones are sealed again to the current members. */
    sealedFor: z.number().int().min(0).optional()
  })
  .strict()

export const RemovalChecklistSchema = z
  .object({
    memberId: MemberId,
    name: z.string().max(120),
    removedAt: Iso,
    items: z
      .array(
        z
          .object({
            connectionId: z.string().max(200),
            name: z.string().max(200),
            customer: z.string().max(200),
            provider: z.string().max(40),
            secrets: z.array(z.string().max(40)).max(10),
            rotated: z.boolean()
          })
          .strict()
      )
      .max(100_000)
  })
  .strict()

const conflictSchema = (record: z.ZodType<ConnectionRecord>) =>
  z
  .object({
    entryId: z.string().min(1).max(200),
    /** This computer's version, kept aside while the workspace's version is in use. */
    mine: record,
    theirsRev: z.number().int().min(0),
    theirsBy: MemberId,
    theirsAt: Iso,
    detectedAt: Iso
  })
  .strict()

const workspaceLinkSchema = (record: z.ZodType<ConnectionRecord>) =>
  z
  .object({
    id: z.string().regex(/^[0-9a-f]{32}$/),
    /** https URL or a folder path. */
    remote: z.string().min(1).max(2048),
    username: z.string().max(200).optional(),
    token: z.string().min(1).max(4096).optional(),
    /** The newest members document this computer has verified: a rollback or a rewrite is refused. */
    trusted: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    entries: z.record(z.string(), EntrySeenSchema),
    conflicts: z.array(conflictSchema(record)).max(10_000),
    removals: z.array(RemovalChecklistSchema).max(1000),
    /** Set when a sync found this member removed from the workspace. */
    removedAt: Iso.optional(),
    lastSyncAt: Iso.optional()
  })
  .strict()

/** The team state in the vault payload; kept-aside records parse with the providers' record schema. */
export const teamStateSchema = (record: z.ZodType<ConnectionRecord>) =>
  z
  .object({
    identity: TeamIdentitySchema,
    workspace: workspaceLinkSchema(record).optional()
  })
  .strict()

export type TeamState = z.infer<ReturnType<typeof teamStateSchema>>
export type WorkspaceLink = z.infer<ReturnType<typeof workspaceLinkSchema>>
export type WorkspaceConflict = z.infer<ReturnType<typeof conflictSchema>>

/**
 * Secret strings of the team state with the origin each may be sent to, registered like every
 * other vault secret while unlocked: the keys go nowhere, the token only to an https remote's
 * origin, a kept-aside record's secrets to its own secret origin.
 */
export function teamSecrets(
  team: TeamState | undefined,
  add: (value: string, origin: string | undefined) => void,
  secretsOfRecord: (r: WorkspaceConflict['mine']) => Record<string, string | undefined>
): void {
  if (!team) return
  add(team.identity.ageSecret, undefined)
  add(team.identity.signingKey, undefined)
  if (team.workspace?.token) add(team.workspace.token, remoteOrigin(team.workspace.remote))
  for (const c of team.workspace?.conflicts ?? []) for (const v of Object.values(secretsOfRecord(c.mine))) if (v) add(v, c.mine.secretOrigin)
}

function remoteOrigin(remote: string): string | undefined {
  try {
    const url = new URL(remote)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined
  } catch {
    return undefined
  }
}
