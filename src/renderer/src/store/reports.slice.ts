import type { StateCreator } from 'zustand'
import type { ReportBatchProgress } from '../../../shared/model/reports'
import { call } from '../api'
import type { AppState } from './index'

// The month's batch of customer reports as main runs it. Kept current by `reports.progress`
// (app/ipc-events.ts), so the progress survives leaving the reports screen.

export interface ReportsSlice {
  reportBatch: ReportBatchProgress | null
  loadReportBatch(): Promise<void>
  applyReportBatch(progress: ReportBatchProgress): void
}

export const createReportsSlice: StateCreator<AppState, [], [], ReportsSlice> = (set) => ({
  reportBatch: null,
  async loadReportBatch() {
    try {
      set({ reportBatch: await call('reports.batch.status') })
    } catch {
      // Main not reachable: the panel shows no progress rather than an error.
    }
  },
  applyReportBatch: (reportBatch) => set({ reportBatch })
})
