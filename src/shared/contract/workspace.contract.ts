import { z } from 'zod'
import type { CredentialImportPreview, CredentialImportResult } from '../model/credential-import'
import { PROVIDERS } from '../model/connection'
import type { MemberLinePreview, RemovalChecklist, WorkspaceIdentity, WorkspaceStatus } from '../model/workspace'
import { defineChannel, defineTopic, Id, NoInput } from './define'

// The team workspace: a git repository shared by technicians, every entry age-encrypted to each
// member and signed. The token goes one way (join/create accept it, nothing returns it).

const MemberName = z.string().trim().min(1, 'Enter your name as teammates will see it').max(120)
const Remote = z.string().trim().min(1, 'Enter the repository URL or a folder path').max(2048)
const Token = z.string().min(1).max(4096)
/** What a pasted text that is no member line is told (here too short or long; in main, of any other shape). */
export const NOT_A_MEMBER_LINE = 'That is not a Backdesk member line. It starts with "backdesk-member v1 age1…": ask your teammate to copy it again.'
const Line = z.string().trim().min(20, NOT_A_MEMBER_LINE).max(400, NOT_A_MEMBER_LINE)
const MemberId = z.string().regex(/^m[0-9a-f]{24}$/)

const RemoteInput = {
  remote: Remote,
  /** User name for HTTPS Basic auth with the token (hosts ignore it or want a fixed one). */
  username: z.string().trim().max(200).optional(),
  token: Token.optional(),
  name: MemberName
}

export const workspaceChannels = {
  /** This technician's identity; made (and saved in the vault) at first use. `name` sets the name the line carries. */
  'workspace.identity': defineChannel<WorkspaceIdentity>()(z.object({ name: MemberName.optional() }).strict().optional(), { mutates: true }),
  'workspace.status': defineChannel<WorkspaceStatus>()(NoInput),
  /** A new workspace in an empty repository (a folder path is created when missing). */
  'workspace.create': defineChannel<WorkspaceStatus>()(z.object(RemoteInput).strict(), { mutates: true }),
  /** Joins a workspace a teammate added you to: their public line (or its fingerprint) anchors trust. */
  'workspace.join': defineChannel<WorkspaceStatus>()(
    z.object({ ...RemoteInput, inviter: z.string().trim().min(10).max(400) }).strict(),
    { mutates: true }
  ),
  /** Destructive: forgets the workspace on this computer and removes its team connections here. */
  'workspace.leave': defineChannel<WorkspaceStatus>()(z.object({ confirm: z.literal('leave') }).strict(), { mutates: true }),
  'workspace.sync': defineChannel<WorkspaceStatus>()(NoInput, { mutates: true }),
  /** Moves connections into the workspace (same ids) or shares copies of them (new ids). */
  'workspace.share': defineChannel<WorkspaceStatus>()(
    z.object({ ids: z.array(Id).min(1).max(10_000), mode: z.enum(['move', 'copy']) }).strict(),
    { mutates: true }
  ),
  'workspace.members.add': defineChannel<WorkspaceStatus>()(z.object({ line: Line }).strict(), { mutates: true }),
  /** Reads a pasted member line without adding anyone: its name and fingerprint, to check with the teammate first. */
  'workspace.members.inspect': defineChannel<MemberLinePreview>()(z.object({ line: Line }).strict()),
  /** Destructive: `confirmId` repeats the member id. Answers the "rotate at the provider" checklist. */
  'workspace.members.remove': defineChannel<RemovalChecklist>()(
    z
      .object({ memberId: MemberId, confirmId: MemberId })
      .strict()
      .refine((v) => v.memberId === v.confirmId, { path: ['confirmId'], message: 'Confirm by repeating the member id' }),
    { mutates: true }
  ),
  'workspace.conflicts.resolve': defineChannel<WorkspaceStatus>()(
    z.object({ entryId: Id, keep: z.enum(['mine', 'theirs']) }).strict(),
    { mutates: true }
  ),
  'workspace.removals.mark': defineChannel<WorkspaceStatus>()(
    z.object({ memberId: MemberId, connectionId: Id, rotated: z.boolean() }).strict(),
    { mutates: true }
  ),
  /** Drops a finished checklist. */
  'workspace.removals.dismiss': defineChannel<WorkspaceStatus>()(z.object({ memberId: MemberId }).strict(), { mutates: true }),

  // "Bring your credentials": a password manager's export, previewed entry by entry; nothing is
  // saved before `credentials.import`.
  'workspace.credentials.preview': defineChannel<CredentialImportPreview>()(
    z
      .object({
        format: z.enum(['kdbx', 'bitwarden', '1password']),
        /** The file, base64. */
        file: z.string().min(1).max(40 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file must be base64'),
        /** KeePass master password. */
        password: z.string().min(1).max(4096).optional()
      })
      .strict()
  ),
  'workspace.credentials.import': defineChannel<CredentialImportResult>()(
    z
      .object({
        importId: Id,
        entries: z
          .array(z.object({ index: z.number().int().min(0), provider: z.enum(PROVIDERS), customer: z.string().trim().max(120).optional() }).strict())
          .min(1, 'Choose at least one entry')
          .max(20_000)
      })
      .strict(),
    { mutates: true }
  ),
  'workspace.credentials.cancel': defineChannel<{ cancelled: boolean }>()(z.object({ importId: Id }).strict())
} as const

export const workspaceTopics = {
  'workspace.status': defineTopic<WorkspaceStatus>()
} as const
