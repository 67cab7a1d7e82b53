// The review queue's state: acknowledged / snoozed / annotated items, keyed by the row's stable
// key, kept in the data folder sealed under the vault (not secret, but customer metadata: keys
// name connections, tasks and repositories; the technician's notes). Survives restarts; writes are
// atomic. Neither read nor kept in memory while the vault is locked.

import { join } from 'node:path'
import { REVIEW_STATES, type FleetReview, type ReviewState } from '../../../shared/model/fleet'
import { silentLogger, type Logger } from '../log/logger'
import type { TicketRef } from '../../../shared/model/tickets'
import { SealedJsonFile } from '../storage/sealed-json-file'
import type { VaultKeys } from '../storage/vault-keys'

export const REVIEW_FILE = 'fleet-review.sealed.json'
/** Where versions before sealed files kept it, in plaintext. */
export const LEGACY_REVIEW_FILE = 'fleet-review.json'

interface StoreShape {
  version: 1
  items: Record<string, FleetReview>
}

const MAX_ITEMS = 50_000

function valid(value: unknown): StoreShape | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Partial<StoreShape>
  if (v.version !== 1 || !v.items || typeof v.items !== 'object') return undefined
  const items: Record<string, FleetReview> = {}
  for (const [key, r] of Object.entries(v.items)) {
    if (!r || typeof r !== 'object' || !REVIEW_STATES.includes((r as FleetReview).state)) continue
    items[key] = { ...(r as FleetReview), key }
  }
  return { version: 1, items }
}

export interface ReviewInput {
  key: string
  state: ReviewState
  snoozedUntil?: string
  note?: string
  /** A ticket reference typed by the technician (tickets created through a webhook use setTicket). */
  ticket?: string
}

/**
 * The team workspace's review queue, when this computer is in one (null answers mean it is not):
 * actions are recorded there, for every member to see, instead of in the local file.
 */
export interface SharedReviewQueue {
  reviews(): Promise<Map<string, FleetReview> | null>
  record(input: ReviewInput): Promise<FleetReview | null>
}

/** Local reviews overlaid with the workspace's (the newer wins; a bare re-open clears the item). */
export function mergeReviews(local: Map<string, FleetReview>, shared: Map<string, FleetReview> | null): Map<string, FleetReview> {
  if (!shared) return local
  const out = new Map(local)
  for (const [key, review] of shared) {
    const mine = out.get(key)
    if (mine && mine.updatedAt > review.updatedAt) continue
    if (review.state === 'open' && !review.note && !review.ticket) out.delete(key)
    else out.set(key, review)
  }
  return out
}

export class ReviewStore {
  private state: StoreShape = { version: 1, items: {} }
  private readonly file: SealedJsonFile<StoreShape>
  private loaded: Promise<void> | undefined
  private readonly now: () => number
  private readonly stopKeys: Array<() => void>

  constructor(options: { dataDir: string; keys: VaultKeys; logger?: Logger; now?: () => number }) {
    this.file = new SealedJsonFile(join(options.dataDir, REVIEW_FILE), {
      keys: options.keys,
      purpose: 'backdesk/fleet/review/seal/v1',
      legacyPath: join(options.dataDir, LEGACY_REVIEW_FILE),
      ...(options.logger ? { logger: options.logger } : {})
    })
    this.now = options.now ?? Date.now
    const logger = (options.logger ?? silentLogger).child('fleet')
    this.stopKeys = [
      options.keys.onLock(() => {
        this.loaded = undefined
        this.state = { version: 1, items: {} }
      }),
      // The first unlock moves a plaintext file of an earlier version under the key.
      options.keys.onUnlock(() => {
        this.ready().catch((err: unknown) => logger.error('the review queue could not be loaded', { err }))
      }),
      options.keys.onReset(() => void this.file.discard().catch(() => undefined))
    ]
  }

  /** LOCKED while the vault is locked. */
  private ready(): Promise<void> {
    if (this.loaded) return this.loaded
    const loading = this.file.read(() => ({ version: 1, items: {} }), valid).then((s) => {
      this.state = s
    })
    this.loaded = loading
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = undefined
    })
    return loading
  }

  async list(): Promise<FleetReview[]> {
    await this.ready()
    return Object.values(this.state.items)
  }

  async map(): Promise<Map<string, FleetReview>> {
    await this.ready()
    return new Map(Object.entries(this.state.items))
  }

  /**
   * Sets an item's review; `open` without a note or ticket removes it. A typed ticket reference
   * replaces the item's ticket; without one the ticket stays. Answers the stored review or null.
   */
  async set(input: ReviewInput): Promise<FleetReview | null> {
    await this.ready()
    const note = input.note?.trim() || undefined
    const at = new Date(this.now()).toISOString()
    const typed = input.ticket?.trim()
    const ticket = typed ? manualTicket(typed, at) : this.state.items[input.key]?.ticket
    if (input.state === 'open' && !note && !ticket) {
      delete this.state.items[input.key]
      await this.file.write(this.state)
      return null
    }
    const review: FleetReview = { key: input.key, state: input.state, updatedAt: at }
    if (input.state === 'snoozed' && input.snoozedUntil) review.snoozedUntil = new Date(input.snoozedUntil).toISOString()
    if (note) review.note = note
    if (ticket) review.ticket = ticket
    if (!this.state.items[input.key] && Object.keys(this.state.items).length >= MAX_ITEMS) {
      // Keep the newest: drop the oldest-updated entry rather than refuse the technician.
      const oldest = Object.values(this.state.items).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))[0]
      if (oldest) delete this.state.items[oldest.key]
    }
    this.state.items[input.key] = review
    await this.file.write(this.state)
    return review
  }

  /** Keeps a ticket with the item (an open item is created when there is none). */
  async setTicket(key: string, ticket: TicketRef): Promise<FleetReview> {
    await this.ready()
    const review: FleetReview = { ...(this.state.items[key] ?? { key, state: 'open' }), key, ticket, updatedAt: new Date(this.now()).toISOString() }
    this.state.items[key] = review
    await this.file.write(this.state)
    return review
  }

  flush(): Promise<void> {
    return this.file.flush()
  }

  async dispose(): Promise<void> {
    for (const stop of this.stopKeys) stop()
    await this.file.flush()
  }
}

/** A reference the technician typed (or a teammate shared through the workspace). */
export function manualTicket(reference: string, at: string): TicketRef {
  return { via: 'manual', state: 'sent', reference, at }
}
