import { renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useValueAfterPaint } from '../../src/renderer/src/components/use-value-after-paint'

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
    await waitFor(() => expect(result.current).toBe('ws2'))
    expect(seen).not.toContain('w')
    expect(seen).not.toContain('ws')
  })
})
