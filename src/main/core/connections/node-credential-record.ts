import { z } from 'zod'

/**
 * A node password captured through a Cloutility connection (activation, password change): kept in
 * the vault with its connection. `unconfirmed` marks a password change whose outcome Backdesk has
 * not recorded yet: `password` is the new password, stored before it was sent to Cloutility, and
 * `previous` the one it replaces (see NodeCredentialStore.beginChange).
 */
export const NodeCredentialRecordSchema = z
  .object({
    connectionId: z.string().min(1).max(200),
    nodeId: z.string().min(1).max(200),
    nodeName: z.string().max(500),
    password: z.string().min(1).max(4096),
    capturedAt: z.string().max(64),
    unconfirmed: z
      .object({
        since: z.string().max(64),
        previous: z
          .object({
            password: z.string().min(1).max(4096),
            capturedAt: z.string().max(64),
            /** The previous password was itself unconfirmed (two changes in a row without an answer). */
            unconfirmed: z.literal(true).optional()
          })
          .strict()
          .optional()
      })
      .strict()
      .optional()
  })
  .strict()

export type NodeCredentialRecord = z.infer<typeof NodeCredentialRecordSchema>
