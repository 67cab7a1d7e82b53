import { afterEach, describe, expect, it } from 'vitest'
import type { ReportBatchProgress } from '../../../src/shared/model/reports'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, type FakeBridge } from '../fake-bridge'

let bridge: FakeBridge | undefined
afterEach(() => bridge?.remove())

const running = { batchId: 'b1', month: '2026-02', state: 'running', total: 3, done: 1, failures: [] } as unknown as ReportBatchProgress

describe('reports slice', () => {
  it("reads the batch main is running, and shows no progress when main cannot say", async () => {
    bridge = installFakeBridge({ 'reports.batch.status': () => running })
    const store = createAppStore()
    await store.getState().loadReportBatch()
    expect(store.getState().reportBatch).toEqual(running)
    bridge.remove()

    bridge = installFakeBridge()
    const other = createAppStore()
    await other.getState().loadReportBatch()
    expect(other.getState().reportBatch).toBeNull()
  })
})
