// The team workspace as the renderer sees it: public keys, names, sync state. No secret (no age
// identity, signing key or git token) ever appears here; the token is a flag.

export interface WorkspaceIdentity {
  /** The one line a technician sends to a teammate: `backdesk-member v1 age1… <key> <name>`. */
  line: string
  /** Twenty hex digits to compare over the phone. */
  fingerprint: string
  memberId: string
  name: string
}

/** A pasted member line, read but not added: what to check with the teammate before adding them. */
export interface MemberLinePreview {
  /** The name the line carries (may be empty). */
  name: string
  /** Computed as the Members list shows it, so the two can be compared. */
  fingerprint: string
}

export interface WorkspaceMember {
  id: string
  name: string
  fingerprint: string
  me: boolean
  addedBy: string
  addedAt: string
}

export type WorkspaceSyncPhase = 'idle' | 'fetching' | 'merging' | 'verifying' | 'pushing' | 'reencrypting'

export interface WorkspaceConflictSummary {
  entryId: string
  /** The connection's name as the app shows it now (the workspace's version is the one in use). */
  name: string
  customer: string
  /** Your version's name, only when it differs from `name`. */
  mineName?: string
  /** Who made the workspace's version, and when. */
  theirsBy: string
  theirsAt: string
  mineAt: string
}

export interface WorkspaceRefusedEntry {
  entryId: string
  /** The local name when a verified version exists here, else empty. */
  name: string
  reason: string
}

export interface RemovalChecklistItem {
  connectionId: string
  name: string
  customer: string
  provider: string
  /** Which secrets to change at the provider: password, clientSecret, apiKey. */
  secrets: string[]
  rotated: boolean
}

export interface RemovalChecklist {
  memberId: string
  name: string
  removedAt: string
  items: RemovalChecklistItem[]
}

export interface WorkspaceStatus {
  joined: boolean
  /** https URL (no credentials) or folder path of the repository. */
  remote?: string
  hasToken?: boolean
  members: WorkspaceMember[]
  /** Team connections materialised on this computer. */
  sharedCount: number
  syncing: boolean
  phase: WorkspaceSyncPhase
  lastSyncAt?: string
  /** The last sync's failure, in plain words; cleared by the next success. */
  lastError?: string
  /** Local commits the remote does not have yet (a failed push keeps them here). */
  unpushed: boolean
  conflicts: WorkspaceConflictSummary[]
  refused: WorkspaceRefusedEntry[]
  removals: RemovalChecklist[]
  /** Set when this computer found itself removed from the workspace. */
  removedAt?: string
}
