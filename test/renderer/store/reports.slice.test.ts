import { describe, expect, it } from 'vitest'
import type { ReportBatchProgress } from '../../../src/shared/model/reports'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge } from '../fake-bridge'

const running = { batchId: 'b1', month: '2026-02', state: 'running', total: 3, done: 1, failures: [] } as unknown as ReportBatchProgress

describe('reports slice', () => {
  it("reads the batch main is running, and shows no progress when main cannot say", async () => {
    const bridge = installFakeBridge({ 'reports.batch.status': () => running })
    const store = createAppStore()
    await store.getState().loadReportBatch()
    expect(store.getState().reportBatch).toMatchObject({ value: running, loading: false })
    bridge.remove()

    installFakeBridge()
    const other = createAppStore()
    await other.getState().loadReportBatch()
    expect(other.getState().reportBatch.value).toBeUndefined()
  })
  it('takes the progress main pushes as the value, and keeps it when a later read fails', async () => {
    installFakeBridge()
    const store = createAppStore()
    const done = { ...running, state: 'done', done: 3 } as ReportBatchProgress
    store.getState().applyReportBatch(done)
    expect(store.getState().reportBatch).toMatchObject({ value: done, loading: false })
    expect(store.getState().reportBatch.loadedAt).toBeDefined()
    await store.getState().loadReportBatch()
    expect(store.getState().reportBatch).toMatchObject({ value: done, error: 'No answer for reports.batch.status in this test.' })
  })
})
