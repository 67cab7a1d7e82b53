import type { StateCreator } from 'zustand'
import type { ReportBatchProgress } from '../../../shared/model/reports'
import { call } from '../api'
import type { AppState } from './index'
import { latestReader, notLoaded, received, type Loadable } from './resource'

// The month's batch of customer reports as main runs it. Kept current by `reports.progress`
// (app/ipc-events.ts), so the progress survives leaving the reports screen.

export interface ReportsSlice {
  /** The batch (null: none run yet). A failed read is not shown: the panel then shows no progress. */
  reportBatch: Loadable<ReportBatchProgress | null>
  loadReportBatch(): Promise<void>
  applyReportBatch(progress: ReportBatchProgress): void
}

export const createReportsSlice: StateCreator<AppState, [], [], ReportsSlice> = (set, get) => ({
  reportBatch: notLoaded(),
  loadReportBatch: latestReader({ read: () => get().reportBatch, write: (reportBatch) => set({ reportBatch }) }, () => call('reports.batch.status')),
  applyReportBatch: (progress) => set((s) => ({ reportBatch: received(s.reportBatch, progress) }))
})
