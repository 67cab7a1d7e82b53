// What the renderer may know about a connection. Secrets never appear here: only flags saying
// whether one is stored. The full record with secrets is a main-only type
// (src/main/core/connections/connection-record.ts).

/**
 * The kinds of the shipped providers: the one list. The main registry (PROVIDER_MODULES) and the
 * connection inputs of the contract are checked against it (test/main/providers/provider-names.test.ts).
 */
export const PROVIDERS = ['cloutility', 'cloudally', 'cloudback'] as const
export type ProviderKind = (typeof PROVIDERS)[number]

/** Which kind of login a connection is, where its provider has several (a partner or a portal user). */
export type LoginMode = 'partner' | 'user'

/** Which secrets are stored for a connection. A flag is present only where the provider uses it. */
export interface SecretFlags {
  password?: boolean
  clientSecret?: boolean
  apiKey?: boolean
}

export interface ConnectionSummary {
  id: string
  provider: ProviderKind
  name: string
  /** Customer label, for grouping; may be empty. */
  customer: string
  tags: string[]
  baseUrl: string
  /**
   * The origin the stored secrets are bound to (they are never sent anywhere else). Changing the
   * base URL to another origin needs the secrets entered again.
   */
  secretOrigin: string
  /** Cloutility client_id, or CloudAlly partner client id (mode 'partner'). */
  clientId?: string
  /** Cloutility: the registered Origin sent with every call. */
  origin?: string
  /** Cloutility user name. */
  username?: string
  /** CloudAlly login email (partner user or portal user). */
  email?: string
  /** CloudAlly login kind. */
  mode?: LoginMode
  secrets: SecretFlags
  hasCustomCa: boolean
  /** A connection to the built-in simulator (Demo workspace). */
  demo: boolean
  createdAt: string
  updatedAt: string
  /** Shared through the team workspace: who changed it last (a member's name) and when. */
  team?: { updatedBy: string; updatedAt: string; problem?: string }
}

/** Which step of "Test connection" failed, so the screen can say exactly what to fix. */
export type ProbeStage =
  | 'url'
  | 'redirect'
  | 'dns'
  | 'connect'
  | 'tls'
  | 'origin'
  | 'client'
  | 'credentials'
  | 'plan'
  | 'permission'
  | 'api'
  | 'timeout'
  | 'unknown'

export interface ProbeStep {
  /** Short label, e.g. "Login" or "GET /v1/me". */
  name: string
  ok: boolean
  durationMs?: number
  message?: string
}

export interface ProbeResult {
  ok: boolean
  /** On failure, the step that failed. */
  stage?: ProbeStage
  /** One sentence for the user: what worked, or what failed and what to check. */
  message: string
  steps?: ProbeStep[]
  /** Non-secret facts learned on success, e.g. the account or business unit name. */
  account?: string
  details?: Record<string, unknown>
}

/** Which stored node password: the newest, or the one an unconfirmed change replaced. */
export type NodePasswordSlot = 'current' | 'previous'

/** A node's credentials captured at activation; the password itself is only revealed on request. */
export interface NodeCredentialSummary {
  connectionId: string
  nodeId: string
  nodeName: string
  capturedAt: string
  /**
   * A password change whose outcome was not recorded: the stored password is the new one, sent to
   * Cloutility at `since`; `hasPrevious` says whether the one it replaced can still be revealed.
   */
  unconfirmed?: { since: string; hasPrevious: boolean }
}
