import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { Overview } from '../../../../src/shared/model/overview'
import { ConnectionList } from '../../../../src/renderer/src/features/connections/ConnectionList'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { installFakeBridge } from '../../fake-bridge'

/** The elements above + New connection: the same number before and after the list arrives, so the button stays put. */
const aboveButton = (): string[] => {
  const button = screen.getByRole('button', { name: '+ New connection' })
  return [...(button.parentElement?.children ?? [])].slice(0, [...(button.parentElement?.children ?? [])].indexOf(button)).map((e) => `${e.tagName}.${e.className}`)
}

describe('ConnectionList', () => {
  it('holds the line "No connections yet." will take while the list is read, so + New connection does not move', async () => {
    let answer: (list: ConnectionSummary[]) => void = () => {}
    installFakeBridge({
      'connections.list': () => new Promise<ConnectionSummary[]>((resolve) => (answer = resolve)),
      'overview.get': () => new Promise<Overview>(() => {})
    })
    useStore.setState({ connections: notLoaded(), overview: notLoaded() })
    render(<ConnectionList />)
    expect(screen.getByTestId('connection-list-loading').textContent).toBe('Loading…')
    const before = aboveButton()
    await act(async () => answer([]))
    expect(screen.getByText('No connections yet.')).toBeTruthy()
    expect(screen.queryByTestId('connection-list-loading')).toBeNull()
    expect(aboveButton()).toEqual(before)
  })
})
