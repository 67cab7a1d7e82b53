import type { StateCreator } from 'zustand'
import type { FleetProgress, FleetReview, FleetRow, FleetScanSummary, FleetScope, ReviewState } from '../../../shared/model/fleet'
import type { EarlierRows } from '../../../shared/model/watch'
import { call } from '../api'
import type { AppState } from './index'
import { failed, latestReader, notLoaded, received, withoutError, type Loadable } from './resource'

// Fleet health: the latest scan and the review queue's state. `fleet.progress` (routed here by
// app/ipc-events.ts) carries counts only; while Fleet health is shown (`followFleet`) each event
// pulls the rows found since with `fleet.scan.rows`. A page showing something else is not made to receive
// and parse a 10,000-row scan it does not show (it cost frames while scrolling another table).

export interface FleetSlice {
  /** The latest scan (null: none yet); `error` also says why a start, cancel or row read failed. */
  fleetScan: Loadable<FleetScanSummary | null>
  /** The rows of `fleetScan` read so far (they come with it, or by `pullFleetRows`). */
  fleetRows: FleetRow[]
  /** The review queue, read with the scan. */
  fleetReviews: Record<string, FleetReview>
  /** Reads the latest scan and the reviews again; one read at a time. */
  loadFleet(): Promise<void>
  startFleetScan(scope?: FleetScope): Promise<void>
  cancelFleetScan(): Promise<void>
  applyFleetProgress(progress: FleetProgress): void
  /** How many screens show the rows; while any does, progress pulls the new rows. */
  fleetFollowers: number
  /** A screen that shows the rows calls this on mount; the answer is its unmount. */
  followFleet(): () => void
  /** Reads the rows found since the last read (one read at a time; a call during one asks for another). */
  pullFleetRows(): Promise<void>
  setFleetReview(input: { key: string; state: ReviewState; snoozedUntil?: string; note?: string; ticket?: string }): Promise<void>
  /**
   * After a scan of one customer, the other connections as their last scan found them (`watch.earlier`),
   * for the latest kept scan: Fleet health lists them beside the scan's own rows.
   */
  fleetEarlier: Loadable<EarlierRows | null>
  /** Reads `fleetEarlier` again (the latest answer wins; a failed read keeps the last answer, which names its scan). */
  loadFleetEarlier(): Promise<void>
}

function summaryOf(p: FleetScanSummary): FleetScanSummary {
  const { scanId, state, scope, startedAt, finishedAt, done, total, rowCount, notes } = p
  return { scanId, state, scope, startedAt, ...(finishedAt ? { finishedAt } : {}), done, total, rowCount, notes }
}

/** The scan as last read or pushed (undefined: not read yet, null: there is none). */
export const selectFleetScan = (s: AppState): FleetScanSummary | null | undefined => s.fleetScan.value

export const createFleetSlice: StateCreator<AppState, [], [], FleetSlice> = (set, get) => {
  // One row read at a time (per store); progress that arrives during a read asks for one more.
  let pulling: Promise<void> | undefined
  let pullAgain = false
  return {
    fleetScan: notLoaded(),
    fleetRows: [],
    fleetReviews: {},
    fleetFollowers: 0,
    fleetEarlier: notLoaded(),
    loadFleetEarlier: latestReader({ read: () => get().fleetEarlier, write: (fleetEarlier) => set({ fleetEarlier }) }, () =>
      call('watch.earlier'),
    ),

    loadFleet: latestReader({ read: () => get().fleetScan, write: (fleetScan) => set({ fleetScan }) }, async () => {
      const [status, reviews] = await Promise.all([call('fleet.scan.status'), call('fleet.review.list')])
      const s = get()
      set({ fleetReviews: Object.fromEntries(reviews.map((r) => [r.key, r])) })
      // Progress events may have run ahead of this answer for the same scan: keep the fuller set.
      const known = s.fleetScan.value
      if (status && known?.scanId === status.scanId && s.fleetRows.length > status.rows.length) return known
      set({ fleetRows: status?.rows ?? [] })
      return status ? summaryOf(status) : null
    }),

    async startFleetScan(scope = {}) {
      try {
        const summary = await call('fleet.scan.start', { scope })
        set((s) =>
          s.fleetScan.value?.scanId === summary.scanId ? { fleetScan: withoutError(s.fleetScan) } : { fleetScan: received(s.fleetScan, summary), fleetRows: [] }
        )
      } catch (error) {
        set((s) => ({ fleetScan: failed(s.fleetScan, error) }))
      }
    },

    async cancelFleetScan() {
      try {
        const scanId = get().fleetScan.value?.scanId
        await call('fleet.scan.cancel', scanId ? { scanId } : {})
      } catch (error) {
        set((s) => ({ fleetScan: failed(s.fleetScan, error) }))
      }
    },

    applyFleetProgress: (p) => {
      set((s) => {
        const known = s.fleetScan.value
        if (known?.scanId === p.scanId) return { fleetScan: received(s.fleetScan, summaryOf(p)) }
        // A scan started elsewhere (another window, the schedule) or one whose start answer has not
        // come back yet; never the end of an older scan (a cancelled one finishing after a new one started).
        if (p.state === 'running' || !known) return { fleetScan: received(s.fleetScan, summaryOf(p)), fleetRows: [] }
        return {}
      })
      if (get().fleetFollowers > 0) void get().pullFleetRows()
    },

    followFleet() {
      set((s) => ({ fleetFollowers: s.fleetFollowers + 1 }))
      void get().pullFleetRows()
      return () => set((s) => ({ fleetFollowers: Math.max(0, s.fleetFollowers - 1) }))
    },

    pullFleetRows() {
      if (pulling) {
        pullAgain = true
        return pulling
      }
      pulling = (async () => {
        do {
          pullAgain = false
          const { fleetRows } = get()
          const fleetScan = get().fleetScan.value
          if (!fleetScan) return
          const page = await call('fleet.scan.rows', { scanId: fleetScan.scanId, from: fleetRows.length })
          set((s) => {
            // A newer scan began, or a full read (loadFleet) landed, during this read: the next read sorts it out.
            const scanId = s.fleetScan.value?.scanId
            if (!page || scanId !== page.scanId || s.fleetRows.length !== page.from) {
              if (page && scanId === page.scanId) pullAgain = true
              return {}
            }
            return page.rows.length ? { fleetRows: s.fleetRows.concat(page.rows) } : {}
          })
        } while (pullAgain)
      })()
        .catch((error: unknown) => set((s) => ({ fleetScan: failed(s.fleetScan, error) })))
        .finally(() => {
          pulling = undefined
        })
      return pulling
    },

    async setFleetReview(input) {
      const saved = await call('fleet.review.set', input)
      set((s) => {
        const fleetReviews = { ...s.fleetReviews }
        if (saved) fleetReviews[saved.key] = saved
        else delete fleetReviews[input.key]
        return { fleetReviews }
      })
    }
  }
}
