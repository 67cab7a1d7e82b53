import { z } from 'zod'
import { originOf } from '../../../shared/contract/connections.contract'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary, ProviderKind } from '../../../shared/model/connection'

// The full connection record, secrets included. Core-only: it lives in the encrypted vault
// payload and is handed to provider code through ConnectionStore.get / secretsFor, after
// `assertSecretOrigin`. It must never be returned over IPC; `toSummary` is the only way out.

const base = {
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

const Secret = z.string().min(1).max(4096)

export const CloutilityRecord = z
  .object({
    provider: z.literal('cloutility'),
    ...base,
    clientId: z.string().max(200),
    origin: z.string().max(2048),
    username: z.string().max(320),
    password: Secret
  })
  .strict()

export const CloudAllyRecord = z
  .object({
    provider: z.literal('cloudally'),
    ...base,
    mode: z.enum(['partner', 'user']),
    clientId: z.string().max(200).optional(),
    clientSecret: Secret.optional(),
    email: z.string().max(320),
    password: Secret
  })
  .strict()

export const CloudbackRecord = z
  .object({
    provider: z.literal('cloudback'),
    ...base,
    apiKey: Secret
  })
  .strict()

export const ConnectionRecordSchema = z.discriminatedUnion('provider', [CloutilityRecord, CloudAllyRecord, CloudbackRecord])

export type ConnectionRecord = z.infer<typeof ConnectionRecordSchema>
export type CloutilityConnection = z.infer<typeof CloutilityRecord>
export type CloudAllyConnection = z.infer<typeof CloudAllyRecord>
export type CloudbackConnection = z.infer<typeof CloudbackRecord>
export type ConnectionOf<P extends ProviderKind> = Extract<ConnectionRecord, { provider: P }>

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

/** The schema of records read from storage that may predate `secretOrigin` (export bundles). */
export const StoredConnectionRecordSchema = z.preprocess(withSecretOrigin, ConnectionRecordSchema)

/**
 * Throws FORBIDDEN unless the record's base URL is on the origin its secrets are bound to. Every
 * place that turns a record into a client or a probe calls this first.
 */
export function assertSecretOrigin(record: ConnectionRecord): void {
  const target = originOf(record.baseUrl)
  if (target !== '' && target === record.secretOrigin) return
  throw new AppError(
    'FORBIDDEN',
    `Refusing to send the secrets of "${record.name}" to ${target || record.baseUrl}: they are only ever sent to ${record.secretOrigin || 'the address they were entered for'}. Edit the connection and enter them again to use them with ${target || 'the new address'}.`,
    { details: { connectionId: record.id, target: target || null, allowed: record.secretOrigin || null } }
  )
}

/** The secret values of a record, by field. */
export interface ConnectionSecrets {
  password?: string
  clientSecret?: string
  apiKey?: string
}

export function secretsOf(record: ConnectionRecord): ConnectionSecrets {
  switch (record.provider) {
    case 'cloutility':
      return { password: record.password }
    case 'cloudally':
      return record.clientSecret === undefined
        ? { password: record.password }
        : { password: record.password, clientSecret: record.clientSecret }
    case 'cloudback':
      return { apiKey: record.apiKey }
  }
}

/** The public view: every secret replaced by a flag. Built field by field (an allowlist), never by deleting. */
export function toSummary(record: ConnectionRecord): ConnectionSummary {
  const summary: ConnectionSummary = {
    id: record.id,
    provider: record.provider,
    name: record.name,
    customer: record.customer,
    tags: [...record.tags],
    baseUrl: record.baseUrl,
    secretOrigin: record.secretOrigin,
    secrets: {},
    hasCustomCa: record.customCa !== undefined,
    demo: record.demo,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt
  }
  if (record.team) {
    summary.team = { updatedBy: record.team.updatedByName, updatedAt: record.team.updatedAt }
    if (record.team.problem) summary.team.problem = record.team.problem
  }
  switch (record.provider) {
    case 'cloutility':
      summary.clientId = record.clientId
      summary.origin = record.origin
      summary.username = record.username
      summary.secrets = { password: record.password.length > 0 }
      break
    case 'cloudally':
      summary.mode = record.mode
      summary.email = record.email
      if (record.clientId !== undefined) summary.clientId = record.clientId
      // Both login kinds use a client secret (a portal-user record from before may lack one).
      summary.secrets = { password: record.password.length > 0, clientSecret: (record.clientSecret ?? '').length > 0 }
      break
    case 'cloudback':
      summary.secrets = { apiKey: record.apiKey.length > 0 }
      break
  }
  return summary
}
