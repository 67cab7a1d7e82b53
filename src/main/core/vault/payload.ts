import { z } from 'zod'
import type { ConnectionRecord, ConnectionSecrets } from '../connections/connection-record'
import { NodeCredentialRecordSchema } from '../connections/node-credential-record'
import { teamSecrets, teamStateSchema } from './team-state'

// What the vault encrypts: every connection with its secrets, the node credentials captured at
// activation, the user's non-secret per-vault settings and (from format 3) the team identity and
// workspace link. Only ever held in memory while
// unlocked.

export const DEFAULT_AUTO_LOCK_MINUTES = 15

export { NodeCredentialRecordSchema, type NodeCredentialRecord } from '../connections/node-credential-record'

/** Where tickets go (tickets/ticket-targets.ts): per customer, or global (customer null). */
export const TicketTargetRecordSchema = z
  .object({
    customer: z.string().max(200).nullable(),
    url: z.string().max(2048).optional(),
    email: z.string().max(320).optional(),
    secret: z.string().min(1).max(4096).optional()
  })
  .strict()

export type TicketTargetRecord = z.infer<typeof TicketTargetRecordSchema>

/** The payload schema over the provider modules' record schema (connections/connection-record.ts). */
export function vaultPayloadSchema(record: z.ZodType<ConnectionRecord>) {
  return z
    .object({
      connections: z.array(record).max(100_000),
      nodeCredentials: z.array(NodeCredentialRecordSchema).max(1_000_000),
      ticketTargets: z.array(TicketTargetRecordSchema).max(10_000).optional(),
      settings: z
        .object({
          autoLockMinutes: z.number().int().min(0).max(24 * 60)
        })
        .strict(),
      team: teamStateSchema(record).optional()
    })
    .strict()
}

export type VaultPayload = z.infer<ReturnType<typeof vaultPayloadSchema>>

export function emptyPayload(): VaultPayload {
  return { connections: [], nodeCredentials: [], settings: { autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES } }
}

/**
 * Every secret string in a payload with the origins it may be sent to: registered with the
 * SecretRegistry while unlocked. Connection secrets go to their record's secret origin; a node
 * password to its connection's (Cloutility issued it there).
 */
export function payloadSecrets(payload: VaultPayload, secretsOf: (record: ConnectionRecord) => ConnectionSecrets): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  const bind = (value: string, origin: string | undefined) => {
    let origins = out.get(value)
    if (!origins) out.set(value, (origins = new Set()))
    if (origin) origins.add(origin)
  }
  const originById = new Map<string, string>()
  for (const record of payload.connections) {
    originById.set(record.id, record.secretOrigin)
    for (const value of Object.values(secretsOf(record))) if (value) bind(value, record.secretOrigin)
  }
  for (const cred of payload.nodeCredentials) {
    bind(cred.password, originById.get(cred.connectionId))
    if (cred.unconfirmed?.previous) bind(cred.unconfirmed.previous.password, originById.get(cred.connectionId))
  }
  teamSecrets(payload.team, bind, (r) => ({ ...secretsOf(r) }))
  // A ticket webhook's secret goes only to the webhook's own origin.
  for (const target of payload.ticketTargets ?? []) if (target.secret) bind(target.secret, webhookOrigin(target.url))
  return out
}

function webhookOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
