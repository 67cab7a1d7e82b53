import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LookupForm } from '../../../../src/renderer/src/providers/cloudback/LookupForm'
import { HANG_GUARD } from './cloudback-fixtures'
import { installFakeBridge, MainError } from '../../fake-bridge'

const lookUp = () => fireEvent.click(screen.getByRole('button', { name: 'Look up' }))

describe('LookupForm', () => {
  it('takes a message away once any field is edited', async () => {
    installFakeBridge({
      'cloudback.definition.get': () => {
        throw new MainError({ code: 'NOT_FOUND', message: 'Cloudback has no backup definition for GitHub repository backdesk-demo/nope.', retryable: false })
      }
    })
    render(<LookupForm connectionId="c1" onFound={() => undefined} />)
    lookUp()
    expect(screen.getByRole('alert').textContent).toBe('Enter the account or organization')
    fireEvent.change(screen.getByLabelText('Account (user or organization)'), { target: { value: 'backdesk-demo' } })
    expect(screen.queryByRole('alert')).toBeNull()

    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'nope' } })
    lookUp()
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('no backup definition for GitHub repository'), HANG_GUARD)
    fireEvent.change(screen.getByLabelText('Platform'), { target: { value: 'AzureDevOps' } })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('caps the account and the name at the lengths main accepts, and refuses a GitHub name GitHub would not allow', () => {
    const bridge = installFakeBridge()
    render(<LookupForm connectionId="c1" onFound={() => undefined} />)
    expect(screen.getByLabelText('Account (user or organization)').getAttribute('maxLength')).toBe('200')
    expect(screen.getByLabelText('Repository').getAttribute('maxLength')).toBe('255')
    fireEvent.change(screen.getByLabelText('Account (user or organization)'), { target: { value: 'backdesk-demo' } })
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'r'.repeat(101) } })
    lookUp()
    expect(screen.getByRole('alert').textContent).toBe('A GitHub repository name has at most 100 characters')
    expect(bridge.calls).toEqual([])
  })
})
