import type { StateCreator } from 'zustand'
import type { FleetProgress, FleetReview, FleetRow, FleetScanSummary, FleetScope, ReviewState } from '../../../shared/model/fleet'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// Fleet health: the latest scan (rows arrive in batches on `fleet.progress`, see
// features/fleet/feed.ts) and the review queue's state.

export interface FleetSlice {
  fleetScan: FleetScanSummary | null
  fleetRows: FleetRow[]
  fleetReviews: Record<string, FleetReview>
  fleetError: string | null
  /** True once the latest scan and the reviews were read from main. */
  fleetLoaded: boolean
  loadFleet(): Promise<void>
  startFleetScan(scope?: FleetScope): Promise<void>
  cancelFleetScan(): Promise<void>
  applyFleetProgress(progress: FleetProgress): void
  setFleetReview(input: { key: string; state: ReviewState; snoozedUntil?: string; note?: string; ticket?: string }): Promise<void>
}

function summaryOf(p: FleetScanSummary): FleetScanSummary {
  const { scanId, state, scope, startedAt, finishedAt, done, total, rowCount, notes } = p
  return { scanId, state, scope, startedAt, ...(finishedAt ? { finishedAt } : {}), done, total, rowCount, notes }
}

export const createFleetSlice: StateCreator<AppState, [], [], FleetSlice> = (set, get) => ({
  fleetScan: null,
  fleetRows: [],
  fleetReviews: {},
  fleetError: null,
  fleetLoaded: false,

  async loadFleet() {
    try {
      const [status, reviews] = await Promise.all([call('fleet.scan.status'), call('fleet.review.list')])
      set((s) => {
        const fleetReviews = Object.fromEntries(reviews.map((r) => [r.key, r]))
        // Progress events may have run ahead of this answer for the same scan: keep the fuller set.
        if (status && s.fleetScan?.scanId === status.scanId && s.fleetRows.length > status.rows.length) {
          return { fleetReviews, fleetLoaded: true, fleetError: null }
        }
        return {
          fleetScan: status ? summaryOf(status) : null,
          fleetRows: status?.rows ?? [],
          fleetReviews,
          fleetLoaded: true,
          fleetError: null
        }
      })
    } catch (error) {
      set({ fleetError: errorMessage(error), fleetLoaded: true })
    }
  },

  async startFleetScan(scope = {}) {
    try {
      const summary = await call('fleet.scan.start', { scope })
      set((s) => (s.fleetScan?.scanId === summary.scanId ? { fleetError: null } : { fleetScan: summary, fleetRows: [], fleetError: null }))
    } catch (error) {
      set({ fleetError: errorMessage(error) })
    }
  },

  async cancelFleetScan() {
    try {
      const scanId = get().fleetScan?.scanId
      await call('fleet.scan.cancel', scanId ? { scanId } : {})
    } catch (error) {
      set({ fleetError: errorMessage(error) })
    }
  },

  applyFleetProgress: (p) =>
    set((s) => {
      if (s.fleetScan?.scanId === p.scanId) {
        return { fleetScan: summaryOf(p), fleetRows: p.rows.length ? s.fleetRows.concat(p.rows) : s.fleetRows }
      }
      // A scan started elsewhere (another window) or one whose start answer has not come back yet;
      // never the end of an older scan (a cancelled one finishing after a new one started).
      if (p.state === 'running' || !s.fleetScan) return { fleetScan: summaryOf(p), fleetRows: p.rows }
      return {}
    }),

  async setFleetReview(input) {
    const saved = await call('fleet.review.set', input)
    set((s) => {
      const fleetReviews = { ...s.fleetReviews }
      if (saved) fleetReviews[saved.key] = saved
      else delete fleetReviews[input.key]
      return { fleetReviews }
    })
  }
})
