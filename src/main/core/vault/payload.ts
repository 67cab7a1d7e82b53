import { z } from 'zod'
import { ConnectionRecordSchema, secretsOf } from '../connections/connection-record'

// What the vault encrypts: every connection with its secrets, the node credentials captured at
// activation, and the user's non-secret per-vault settings. Only ever held in memory while
// unlocked.

export const DEFAULT_AUTO_LOCK_MINUTES = 15

export const NodeCredentialRecordSchema = z
  .object({
    connectionId: z.string().min(1).max(200),
    nodeId: z.string().min(1).max(200),
    nodeName: z.string().max(500),
    password: z.string().min(1).max(4096),
    capturedAt: z.string().max(64)
  })
  .strict()

export type NodeCredentialRecord = z.infer<typeof NodeCredentialRecordSchema>

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

export const VaultPayloadSchema = z
  .object({
    connections: z.array(ConnectionRecordSchema).max(100_000),
    nodeCredentials: z.array(NodeCredentialRecordSchema).max(1_000_000),
    ticketTargets: z.array(TicketTargetRecordSchema).max(10_000).optional(),
    settings: z
      .object({
        autoLockMinutes: z.number().int().min(0).max(24 * 60)
      })
      .strict()
  })
  .strict()

export type VaultPayload = z.infer<typeof VaultPayloadSchema>

export function emptyPayload(): VaultPayload {
  return { connections: [], nodeCredentials: [], settings: { autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES } }
}

/** Every secret string in a payload: registered with the SecretRegistry while unlocked. */
export function payloadSecrets(payload: VaultPayload): Set<string> {
  const out = new Set<string>()
  for (const record of payload.connections) {
    for (const value of Object.values(secretsOf(record))) if (value) out.add(value)
  }
  for (const cred of payload.nodeCredentials) out.add(cred.password)
  for (const target of payload.ticketTargets ?? []) if (target.secret) out.add(target.secret)
  return out
}
