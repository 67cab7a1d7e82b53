import { z } from 'zod'
import type { TicketResult, TicketTargetSummary } from '../model/tickets'
import { defineChannel } from './define'

// Hand-off to a ticket system: where tickets go (per customer or global; the secret stays in the
// vault and is never answered), and "Create ticket" for a fleet item.

const Customer = z.string().max(200).nullable()

export const ticketsChannels = {
  'tickets.targets.list': defineChannel<TicketTargetSummary[]>()(z.object({}).strict().optional()),
  /** Sets a target's webhook URL, e-mail and secret ('' clears a field; secret null removes it). */
  'tickets.targets.set': defineChannel<TicketTargetSummary>()(
    z
      .object({
        customer: Customer,
        url: z.string().max(2048).optional(),
        email: z.string().max(320).optional(),
        secret: z.string().min(1).max(4096).nullable().optional()
      })
      .strict(),
    { mutates: true }
  ),
  'tickets.targets.remove': defineChannel<{ removed: boolean }>()(z.object({ customer: Customer }).strict(), { mutates: true }),
  /**
   * Creates a ticket for an item of the latest scan. Refused (CONFLICT) when one was already sent
   * for the item from this scan, unless `resend` says the user asked for another.
   */
  'tickets.create': defineChannel<TicketResult>()(
    z
      .object({
        key: z.string().min(1).max(600),
        note: z.string().max(2000).optional(),
        resend: z.boolean().optional()
      })
      .strict(),
    { mutates: true }
  )
} as const
