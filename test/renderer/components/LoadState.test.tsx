import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { LoadState } from '../../../src/renderer/src/components/LoadState'

describe('LoadState', () => {
  it('keeps the keyboard focus on Reload while it loads, and a press then asks nothing more', () => {
    const onReload = vi.fn()
    const { rerender } = render(<LoadState loading={false} onReload={onReload} />)
    const reload = screen.getByRole('button', { name: 'Reload' })
    reload.focus()
    fireEvent.click(reload)
    expect(onReload).toHaveBeenCalledTimes(1)

    rerender(<LoadState loading onReload={onReload} />)
    const busy = screen.getByRole('button', { name: 'Loading…' })
    // The same button, still focusable: a disabled one drops the focus on the page's body.
    expect(busy).toBe(reload)
    expect(busy.hasAttribute('disabled')).toBe(false)
    expect(busy.getAttribute('aria-disabled')).toBe('true')
    expect(document.activeElement).toBe(busy)
    fireEvent.click(busy)
    expect(onReload).toHaveBeenCalledTimes(1)

    rerender(<LoadState loading={false} onReload={onReload} />)
    expect(reload.getAttribute('aria-disabled')).toBeNull()
  })
})
