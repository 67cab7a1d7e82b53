import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { IdentityCard } from '../../../../src/renderer/src/features/workspace/IdentityCard'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'
import { installFakeBridge } from '../../fake-bridge'

const identity = { line: 'backdesk-member v1 age1example Alice', fingerprint: '1a2b-3c4d-5e6f-7a8b-9c0d', memberId: 'm-alice', name: 'Alice' }

afterEach(() => {
  vi.useRealTimers()
})

function withClipboard(): string[] {
  const written: string[] = []
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void written.push(text) }
  })
  onTestFinished(() => {
    Reflect.deleteProperty(navigator, 'clipboard')
  })
  return written
}

describe('IdentityCard: Copy line', () => {
  it('says "Copied" for a few seconds, then is "Copy line" again, and tells screen readers once', async () => {
    installFakeBridge({})
    const written = withClipboard()
    useStore.setState({ workspaceIdentity: received(notLoaded(), identity) })
    onTestFinished(() => useStore.setState({ workspaceIdentity: notLoaded() }))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    render(<IdentityCard />)
    const said = screen.getByTestId('member-line-copied')
    // The live region is there, empty, before the copy, so what comes into it is read.
    expect(said.getAttribute('role')).toBe('status')
    expect(said.textContent).toBe('')

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy line' })))
    expect(written).toEqual([identity.line])
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
    expect(said.textContent).toBe('Member line copied to the clipboard.')

    act(() => vi.advanceTimersByTime(2999))
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
    act(() => vi.advanceTimersByTime(1))
    expect(screen.getByRole('button', { name: 'Copy line' })).toBeTruthy()
    // Emptied as the label goes back: nothing more is read out.
    expect(said.textContent).toBe('')

    // A second copy says it again, and goes back again.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy line' })))
    expect(said.textContent).toBe('Member line copied to the clipboard.')
    act(() => vi.advanceTimersByTime(3000))
    expect(screen.getByRole('button', { name: 'Copy line' })).toBeTruthy()
  })
})
