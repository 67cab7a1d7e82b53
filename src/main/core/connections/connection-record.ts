import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary } from '../../../shared/model/connection'
import { withSecretOrigin, type BaseRecord, type CommonFields, type ConnectionSecrets, type RecordSpec, type SecretField } from './record-base'

export { assertSecretOrigin, withSecretOrigin, type ConnectionSecrets } from './record-base'

// The full connection record, secrets included. Core-only: it lives in the encrypted vault
// payload and is handed to provider code through ConnectionStore.get / secretsFor, after
// `assertSecretOrigin`. It must never be returned over IPC; `toSummary` is the only way out.
//
// Which providers exist is not known here: `ConnectionRecords` is assembled from the provider
// modules' record specs (core.ts passes them) and answers every per-provider question by asking
// the record's module.

/** A record of any provider: the common fields, and the provider's own (checked by its schema). */
export type ConnectionRecord = BaseRecord & { readonly [field: string]: unknown }

export interface RecordKind {
  readonly kind: string
  readonly label: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly record: RecordSpec<any>
}

export class ConnectionRecords {
  /** Every provider's record: a union on `provider`. The vault payload parses with it. */
  readonly schema: z.ZodType<ConnectionRecord>
  /** The same for records read from storage that may predate `secretOrigin` (export bundles). */
  readonly storedSchema: z.ZodType<ConnectionRecord>
  private readonly byKind: ReadonlyMap<string, RecordKind>

  constructor(kinds: readonly RecordKind[]) {
    const map = new Map<string, RecordKind>()
    for (const k of kinds) {
      if (map.has(k.kind)) throw new Error(`Two provider modules are called "${k.kind}".`)
      map.set(k.kind, k)
    }
    this.byKind = map
    const schemas = kinds.map((k) => k.record.schema)
    if (schemas.length === 0) throw new Error('No provider modules.')
    this.schema = z.discriminatedUnion('provider', schemas as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<ConnectionRecord>
    this.storedSchema = z.preprocess(withSecretOrigin, this.schema) as unknown as z.ZodType<ConnectionRecord>
  }

  get kinds(): string[] {
    return [...this.byKind.keys()]
  }

  has(kind: string): boolean {
    return this.byKind.has(kind)
  }

  labelOf(kind: string): string {
    return this.byKind.get(kind)?.label ?? kind
  }

  specOf(kind: string): RecordSpec<ConnectionRecord> {
    const found = this.byKind.get(kind)
    if (!found) throw new AppError('NOT_SUPPORTED', `This version of Backdesk does not know ${kind} connections.`)
    return found.record
  }

  secretsOf(record: ConnectionRecord): ConnectionSecrets {
    return this.specOf(record.provider).secretsOf(record)
  }

  secretFields(record: ConnectionRecord): readonly SecretField[] {
    return this.specOf(record.provider).secretFields(record)
  }

  create(input: Readonly<Record<string, unknown>> & { provider: string }, common: CommonFields): ConnectionRecord {
    return this.specOf(input.provider).create(input, common)
  }

  /** The public view: every secret replaced by a flag. Built field by field (an allowlist), never by deleting. */
  toSummary(record: ConnectionRecord): ConnectionSummary {
    const summary: ConnectionSummary = {
      id: record.id,
      provider: record.provider as ConnectionSummary['provider'],
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
    const own = this.specOf(record.provider).summary(record)
    const allowed = ['clientId', 'origin', 'username', 'email', 'mode'] as const
    for (const field of allowed) if (own[field] !== undefined) (summary as unknown as Record<string, unknown>)[field] = own[field]
    summary.secrets = { ...own.secrets }
    return summary
  }
}
