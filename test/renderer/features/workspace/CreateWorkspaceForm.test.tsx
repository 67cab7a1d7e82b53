import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CreateWorkspaceForm } from '../../../../src/renderer/src/features/workspace/CreateWorkspaceForm'
import { installFakeBridge, MainError } from '../../fake-bridge'

const problem = 'That folder is not empty and not a git repository. Choose an empty or new folder.'

describe('CreateWorkspaceForm', () => {
  it('shows a refused repository under the Repository field, once, and clears it on edit', async () => {
    installFakeBridge({
      'workspace.create': () => {
        throw new MainError({ code: 'VALIDATION', message: `Repository: ${problem}`, retryable: false, details: { issues: [{ path: 'remote', message: problem }] } })
      }
    })
    render(<CreateWorkspaceForm />)
    const remote = screen.getByLabelText('Repository')
    fireEvent.change(remote, { target: { value: '/home/ann/notes' } })
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }))
    await waitFor(() => expect(screen.getAllByText(problem)).toHaveLength(1))
    expect(remote.getAttribute('aria-invalid')).toBe('true')
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.change(remote, { target: { value: '/home/ann/team.git' } })
    expect(screen.queryByText(problem)).toBeNull()
  })
})
