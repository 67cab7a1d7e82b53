import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useValueAfterPaint } from '../../../src/renderer/src/components/use-value-after-paint'

// Frames and tasks run on fake timers: the test paints a frame when it says so, instead of
// waiting for one on the real clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useValueAfterPaint', () => {
  it('follows the value one painted frame later, skipping values that changed before their frame', async () => {
    const seen: string[] = []
    const { result, rerender } = renderHook(({ value }) => {
      const shown = useValueAfterPaint(value)
      seen.push(shown)
      return shown
    }, { initialProps: { value: '' } })
    expect(result.current).toBe('')
    rerender({ value: 'w' })
    // Not in the same render as the keystroke: the input paints first.
    expect(result.current).toBe('')
    rerender({ value: 'ws' })
    rerender({ value: 'ws2' })
    // The frame paints; the value follows in the task queued from that frame, not before.
    await act(async () => {
      vi.advanceTimersToNextFrame()
    })
    expect(result.current).toBe('')
    // Only the last value's frame was left to run: one task, for 'ws2'.
    expect(vi.getTimerCount()).toBe(1)
    await act(async () => {
      vi.runOnlyPendingTimers()
    })
    expect(result.current).toBe('ws2')
    expect(seen).not.toContain('w')
    expect(seen).not.toContain('ws')
  })
})
