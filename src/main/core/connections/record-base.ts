import { z } from 'zod'
import { originOf } from '../../../shared/contract/connections.contract'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary, SecretFlags } from '../../../shared/model/connection'

// What every connection record has, whatever its provider. A provider module's record schema is
// `z.object({ provider: z.literal(kind), ...recordBase, <its own fields> }).strict()`; the
// connection store and the vault work on these fields only and ask the module for the rest.

export const recordBase = {
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  customer: z.string().max(200),
  tags: z.array(z.string().max(80)).max(50),
  baseUrl: z.string().max(2048),
  /**
   * The origin (scheme://host:port) the secrets were entered for. They are only ever sent there:
   * a base URL on another origin makes the record unusable until the secrets are entered again.
   */
  secretOrigin: z.string().max(2048),
  /** PEM of an extra trusted CA for this connection's host. */
  customCa: z.string().max(64 * 1024).optional(),
  demo: z.boolean(),
  createdAt: z.string().max(64),
  updatedAt: z.string().max(64),
  /** Set on connections shared through the team workspace (materialised from its entry). */
  team: z
    .object({
      rev: z.number().int().min(0),
      updatedBy: z.string().max(64),
      updatedByName: z.string().max(120),
      updatedAt: z.string().max(64),
      /** Why the workspace's latest version of this entry was refused (this one is kept). */
      problem: z.string().max(500).optional()
    })
    .strict()
    .optional()
}

/** A stored secret value. */
export const SecretValue = z.string().min(1).max(4096)

/** The provider-independent part of every record (the provider's own fields come on top). */
export type BaseRecord = z.infer<z.ZodObject<typeof recordBase>> & { provider: string }

/** The fields the store sets on a new record before the provider adds its own. */
export type CommonFields = Omit<BaseRecord, 'provider' | 'team'>

/** The secret values of a record, by field name (`password`, `apiKey`, …). */
export type ConnectionSecrets = Readonly<Record<string, string>>

/**
 * Records written before secrets were bound to an origin (older vault formats, older export
 * bundles) get the origin of their base URL: the only place their secrets were ever sent.
 */
export function withSecretOrigin(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw
  const record = raw as Record<string, unknown>
  if (record['secretOrigin'] !== undefined || typeof record['baseUrl'] !== 'string') return raw
  return { ...record, secretOrigin: originOf(record['baseUrl']) }
}

/**
 * Throws FORBIDDEN unless the record's base URL is on the origin its secrets are bound to. Every
 * place that turns a record into a client or a probe calls this first.
 */
export function assertSecretOrigin(record: BaseRecord): void {
  const target = originOf(record.baseUrl)
  if (target !== '' && target === record.secretOrigin) return
  throw new AppError(
    'FORBIDDEN',
    `Refusing to send the secrets of "${record.name}" to ${target || record.baseUrl}: they are only ever sent to ${record.secretOrigin || 'the address they were entered for'}. Edit the connection and enter them again to use them with ${target || 'the new address'}.`,
    { details: { connectionId: record.id, target: target || null, allowed: record.secretOrigin || null } }
  )
}

// ---- what a provider module says about its records (providers/provider-module.ts) ----------------

/** The provider-specific part of the public summary. */
export type SummaryFields = Omit<Partial<ConnectionSummary>, 'secrets'> & { secrets: SecretFlags }

/** A secret field a move of origin needs entered again, with the words the message uses. */
export interface SecretField {
  field: string
  label: string
}

/**
 * The provider's connection record: its schema and the decisions only it can make. Inputs arrive
 * already checked by the provider's create/update schema (the contract's, or `connectionInput`).
 */
export interface RecordSpec<R extends BaseRecord> {
  /** The stored record, `provider: z.literal(kind)` and `recordBase` included; strict. */
  readonly schema: z.ZodType<R>
  secretsOf(record: R): ConnectionSecrets
  /** Secrets that must come again, in the same update, for the base URL to move to another origin. */
  secretFields(record: R): readonly SecretField[]
  summary(record: R): SummaryFields
  /** A new record from a checked create input and the common fields the store has set. */
  create(input: Readonly<Record<string, unknown>>, common: CommonFields): R
  /** Applies the provider fields of a checked update input to `next` (a copy of the record). */
  patch(next: Record<string, unknown>, input: Readonly<Record<string, unknown>>): void
  /** Normalises an imported record (bundle, team workspace) before it is parsed. */
  imported?(record: R): R
}
