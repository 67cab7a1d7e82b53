// Hand-off to a ticket system: from a failing object or a review item, "Create ticket" posts the
// documented JSON payload below to a webhook (per customer, or global), or opens a pre-filled
// e-mail when no webhook is set. The reference the ticket system answers is kept with the item.

import type { ProviderKind } from './connection'
import type { FleetObjectKind, FleetStatus } from './fleet'

/** Where tickets go: a customer's own target, or the global one (customer null). */
export interface TicketTargetSummary {
  customer: string | null
  /** https:// (or http:// to a loopback host); shown to the user as entered. */
  url?: string
  /** Used for a mailto: when there is no webhook. */
  email?: string
  /** A secret is stored (in the vault); it is never shown again. */
  hasSecret: boolean
}

/**
 * The webhook body, `schema: "backdesk.ticket/v1"`. Sent as `application/json` with
 * `Idempotency-Key: <idempotencyKey>` and, when a secret is set, `Authorization: Bearer <secret>`
 * and `X-Backdesk-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>`.
 * The answer may carry the ticket's reference as JSON `{ "reference": "INC-123" }` (also read:
 * `id`, `key`, `number`, `ticketId`), or in a `Location` header.
 */
export interface TicketPayload {
  schema: 'backdesk.ticket/v1'
  /** Stable per item and scan: the same item from the same scan always carries the same key. */
  idempotencyKey: string
  customer: string
  provider: ProviderKind
  object: {
    /** Backdesk's stable key of the object (the review queue's key). */
    key: string
    name: string
    kind: FleetObjectKind
    context?: string
    connection: string
  }
  status: FleetStatus
  statusText: string
  detail: string
  /** Since when it has been in this state, as far as the kept scans know (ISO). */
  since?: string
  lastSuccess?: string
  /** How to find it in Backdesk, in words: "Backdesk › Fleet health › Contoso › Portal › SRV-01". */
  linkText: string
  /** The technician's note (the review note unless another was typed). */
  note?: string
  scanId: string
  scanAt: string
  createdAt: string
}

export type TicketState = 'sent' | 'unknown' | 'failed' | 'email'

/** Kept with the review item. `manual`: a reference the technician typed (or a teammate shared). */
export interface TicketRef {
  via: 'webhook' | 'email' | 'manual'
  state: TicketState
  reference?: string
  /** The scan the ticket was made from (webhook and e-mail). */
  scanId?: string
  at: string
  /** For `unknown` / `failed`: what happened, in plain words. */
  message?: string
}

export interface TicketResult extends TicketRef {
  /** For e-mail: the mailto: link (opened by main where it can; the renderer opens it otherwise). */
  mailto?: string
  opened?: boolean
}
