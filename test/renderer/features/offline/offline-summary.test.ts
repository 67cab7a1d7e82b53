import { describe, expect, it } from 'vitest'
import { offlineSummary } from '../../../../src/renderer/src/features/offline/OfflineBanner'

describe('the status bar line for offline connections', () => {
  it('says saved data is shown only where something was saved', () => {
    const saved = { offline: true, snapshotAt: '2026-12-01T10:00:00Z' }
    const nothing = { offline: true }
    expect(offlineSummary([saved])).toBe('1 connection offline (showing saved data)')
    expect(offlineSummary([nothing])).toBe('1 connection offline (nothing saved to show)')
    expect(offlineSummary([saved, nothing, nothing])).toBe('3 connections offline (saved data for 1)')
    expect(offlineSummary([saved, { offline: false }])).toBe('1 connection offline (showing saved data)')
  })
})
