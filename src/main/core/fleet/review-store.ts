// The review queue's state: acknowledged / snoozed / annotated items, keyed by the row's stable
// key, kept as JSON in the data folder (non-secret: keys, states, dates, the technician's notes).
// Survives restarts; writes are atomic (JsonFile).

import { join } from 'node:path'
import { REVIEW_STATES, type FleetReview, type ReviewState } from '../../../shared/model/fleet'
import type { TicketRef } from '../../../shared/model/tickets'
import type { Logger } from '../log/logger'
import { JsonFile } from '../restores/json-file'

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
}

export class ReviewStore {
  private state: StoreShape = { version: 1, items: {} }
  private readonly file: JsonFile<StoreShape>
  private loaded: Promise<void> | undefined
  private readonly now: () => number

  constructor(options: { dataDir: string; logger?: Logger; now?: () => number }) {
    this.file = new JsonFile(join(options.dataDir, 'fleet-review.json'), options.logger)
    this.now = options.now ?? Date.now
  }

  private ready(): Promise<void> {
    this.loaded ??= this.file.read(() => ({ version: 1, items: {} }), valid).then((s) => {
      this.state = s
    })
    return this.loaded
  }

  async list(): Promise<FleetReview[]> {
    await this.ready()
    return Object.values(this.state.items)
  }

  async map(): Promise<Map<string, FleetReview>> {
    await this.ready()
    return new Map(Object.entries(this.state.items))
  }

  /** Sets an item's review; `open` without a note (or ticket) removes it. Answers the stored review or null. */
  async set(input: ReviewInput): Promise<FleetReview | null> {
    await this.ready()
    const note = input.note?.trim() || undefined
    const ticket = this.state.items[input.key]?.ticket
    if (input.state === 'open' && !note && !ticket) {
      delete this.state.items[input.key]
      await this.file.write(this.state)
      return null
    }
    const review: FleetReview = { key: input.key, state: input.state, updatedAt: new Date(this.now()).toISOString() }
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
}
