import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { AddMemberDialog } from '../../../../src/renderer/src/features/workspace/AddMemberDialog'
import { installFakeBridge, MainError } from '../../fake-bridge'

const already = 'Bob is already a member.'

describe('AddMemberDialog', () => {
  it('says an empty line under the field without calling main', () => {
    const bridge = installFakeBridge({})
    render(<AddMemberDialog onClose={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }))
    const line = screen.getByLabelText('Their member line')
    expect(line.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(line.getAttribute('aria-describedby')!)?.textContent).toBe('Paste the member line your teammate sent you.')
    expect(bridge.callsTo('workspace.members.add')).toEqual([])
  })

  it('shows main’s refusal of the line under it, not as a banner, and an edit takes it away', async () => {
    installFakeBridge({
      'workspace.members.add': () => {
        throw new MainError({ code: 'CONFLICT', message: already, retryable: false, details: { issues: [{ path: 'line', message: already }] } })
      }
    })
    render(<AddMemberDialog onClose={() => undefined} />)
    const line = screen.getByLabelText('Their member line')
    fireEvent.change(line, { target: { value: 'backdesk-member v1 age1example' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }))
    await waitFor(() => expect(line.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getAllByText(already)).toHaveLength(1)
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.change(line, { target: { value: 'backdesk-member v1 age1other' } })
    expect(screen.queryByText(already)).toBeNull()
  })

  it('keeps a banner for a refusal that names no field', async () => {
    installFakeBridge({
      'workspace.members.add': () => {
        throw new MainError({ code: 'VALIDATION', message: 'A workspace has at most 50 members.', retryable: false })
      }
    })
    render(<AddMemberDialog onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Their member line'), { target: { value: 'backdesk-member v1 age1example' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/at most 50 members/)
  })
})
