import { z } from 'zod'
import type { FleetProgress, FleetReview, FleetRowsPage, FleetScanResult, FleetScanSummary } from '../model/fleet'
import { REVIEW_STATES, SNOOZE_IN_PAST } from '../model/fleet'
import { defineChannel, defineTopic, Id, NoInput } from './define'

// Fleet health: a scan over every connection (or one customer's), and the review queue.

const Scope = z
  .object({
    customer: z.string().max(200).optional(),
    connectionIds: z.array(Id).max(1000).optional()
  })
  .strict()

const ItemKey = z.string().min(1).max(600)

export const fleetChannels = {
  /** Starts a scan (a running one is cancelled first). Answers at once; progress comes as `fleet.progress`. */
  'fleet.scan.start': defineChannel<FleetScanSummary>()(z.object({ scope: Scope.optional() }).strict().optional()),
  /** Cancels the running scan (or the given one); rows found so far are kept. */
  'fleet.scan.cancel': defineChannel<{ cancelled: boolean }>()(z.object({ scanId: Id.optional() }).strict().optional()),
  /** The latest scan with every row, queue order (unreviewed first); null before the first scan. */
  'fleet.scan.status': defineChannel<FleetScanResult | null>()(NoInput),
  /**
   * The rows found since `from` (arrival order), for a screen following a scan. Another scan than
   * `scanId` (or none given) answers the latest scan's rows from 0; null before the first scan.
   */
  'fleet.scan.rows': defineChannel<FleetRowsPage | null>()(z.object({ scanId: Id.optional(), from: z.number().int().min(0) }).strict()),
  /** Acknowledge, snooze (until a date) or annotate an item; `open` with no note clears it. */
  'fleet.review.set': defineChannel<FleetReview | null>()(
    z
      .object({
        key: ItemKey,
        state: z.enum(REVIEW_STATES),
        snoozedUntil: z.iso.datetime({ offset: true }).optional(),
        note: z.string().max(2000).optional(),
        ticket: z.string().trim().max(200).optional()
      })
      .strict()
      .refine((v) => v.state !== 'snoozed' || v.snoozedUntil !== undefined, { message: 'A snooze needs a date', path: ['snoozedUntil'] })
      // A snooze that has already ended would be stored as one and read as open: refuse it.
      .refine((v) => v.state !== 'snoozed' || v.snoozedUntil === undefined || Date.parse(v.snoozedUntil) > Date.now(), {
        message: SNOOZE_IN_PAST,
        path: ['snoozedUntil']
      }),
    { mutates: true }
  ),
  'fleet.review.list': defineChannel<FleetReview[]>()(NoInput)
} as const

export const fleetTopics = {
  'fleet.progress': defineTopic<FleetProgress>()
} as const
