import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BatchPanel } from '../../../../src/renderer/src/features/reports/BatchPanel'
import { installFakeBridge } from '../../fake-bridge'

describe('BatchPanel', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
  })

  it('stops the month picker at the month main counts as begun, as the single report\'s picker does', () => {
    // 23:30 UTC on 31 December is already January in Stockholm; main counts months in UTC, so
    // January has not begun for it yet and the picker does not offer it.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-31T23:30:00Z'))
    vi.stubEnv('TZ', 'Europe/Stockholm')
    installFakeBridge({ 'reports.batch.status': () => null })
    render(<BatchPanel />)
    const month = screen.getByLabelText('Month') as HTMLInputElement
    expect(month.max).toBe('2026-12')
    expect(month.value).toBe('2026-11')
  })
})
