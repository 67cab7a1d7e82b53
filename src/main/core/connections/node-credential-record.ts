import { z } from 'zod'

/** A node password captured through a Cloutility connection (activation, password change): kept in the vault with its connection. */
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
