import { z } from 'zod'
import { ConnectionRecordSchema, secretsOf } from '../connections/connection-record'
import { teamSecrets, TeamStateSchema } from '../workspace/team-state'

// What the vault encrypts: every connection with its secrets, the node credentials captured at
// activation, the user's non-secret per-vault settings and (from format 3) the team identity and
// workspace link. Only ever held in memory while
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

export const VaultPayloadSchema = z
  .object({
    connections: z.array(ConnectionRecordSchema).max(100_000),
    nodeCredentials: z.array(NodeCredentialRecordSchema).max(1_000_000),
    settings: z
      .object({
        autoLockMinutes: z.number().int().min(0).max(24 * 60)
      })
      .strict(),
    team: TeamStateSchema.optional()
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
  teamSecrets(payload.team, (v) => out.add(v), (r) => ({ ...secretsOf(r) }))
  return out
}
