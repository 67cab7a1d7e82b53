import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { JoinWorkspaceForm } from '../../../../src/renderer/src/features/workspace/JoinWorkspaceForm'
import { installFakeBridge, MainError } from '../../fake-bridge'

const inviterProblem = 'Paste the public line of the teammate who added you, or its fingerprint (20 hex digits, e.g. 1a2b-3c4d-…).'

describe('JoinWorkspaceForm', () => {
  it('shows main’s refusal under the field it names, not as a banner, and an edit takes it away', async () => {
    installFakeBridge({
      'workspace.join': () => {
        throw new MainError({ code: 'VALIDATION', message: inviterProblem, retryable: false, details: { issues: [{ path: 'inviter', message: inviterProblem }] } })
      }
    })
    render(<JoinWorkspaceForm />)
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: '/srv/share/team.git' } })
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    const inviter = screen.getByLabelText('The line of the teammate who added you, or its fingerprint')
    fireEvent.change(inviter, { target: { value: '1a2b-3c4d-5e' } })
    fireEvent.click(screen.getByRole('button', { name: 'Join workspace' }))
    await waitFor(() => expect(inviter.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getAllByText(inviterProblem)).toHaveLength(1)
    expect(document.getElementById(inviter.getAttribute('aria-describedby')!)?.textContent).toBe(inviterProblem)
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.change(inviter, { target: { value: '1a2b-3c4d' } })
    expect(screen.queryByText(inviterProblem)).toBeNull()
    expect(inviter.hasAttribute('aria-invalid')).toBe(false)
  })

  it('keeps a banner for an error that belongs to no field', async () => {
    installFakeBridge({
      'workspace.join': () => {
        throw new MainError({ code: 'NOT_FOUND', message: 'That repository is empty: nobody has created a workspace in it yet.', retryable: false })
      }
    })
    render(<JoinWorkspaceForm />)
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: '/srv/share/team.git' } })
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    fireEvent.change(screen.getByLabelText('The line of the teammate who added you, or its fingerprint'), { target: { value: '1a2b-3c4d-5e6f-7a8b-9c0d' } })
    fireEvent.click(screen.getByRole('button', { name: 'Join workspace' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/repository is empty/)
  })

  it('checks the form before sending: one plain message per empty field, no call', () => {
    const bridge = installFakeBridge({})
    render(<JoinWorkspaceForm />)
    fireEvent.click(screen.getByRole('button', { name: 'Join workspace' }))
    const messages = document.querySelectorAll('.field-error')
    expect(messages.length).toBeGreaterThan(0)
    for (const m of messages) expect(m.textContent).not.toMatch(/expected|Too small|Invalid input|>=/)
    expect(bridge.callsTo('workspace.join')).toEqual([])
  })
})
