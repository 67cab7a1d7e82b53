import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ImportCredentialsDialog } from '../../../../src/renderer/src/features/workspace/ImportCredentialsDialog'
import { installFakeBridge, MainError } from '../../fake-bridge'

const wrongPassword = 'The KeePass master password (or key file) is not correct.'

describe('ImportCredentialsDialog', () => {
  it('says under each field what it needs before reading anything', () => {
    const bridge = installFakeBridge({})
    render(<ImportCredentialsDialog onClose={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Read file' }))
    expect(screen.getByLabelText('File').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Choose the file to read.')).toBeTruthy()
    expect(screen.getByText('Enter the KeePass master password.')).toBeTruthy()
    expect(bridge.callsTo('workspace.credentials.preview')).toEqual([])
  })

  it('puts a wrong master password under its field, once, and an edit clears it', async () => {
    installFakeBridge({
      'workspace.credentials.preview': () => {
        throw new MainError({ code: 'WRONG_PASSPHRASE', message: wrongPassword, retryable: false, details: { issues: [{ path: 'password', message: wrongPassword }] } })
      }
    })
    render(<ImportCredentialsDialog onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('File'), { target: { files: [new File(['kdbx'], 'team.kdbx')] } })
    const password = screen.getByLabelText('KeePass master password')
    fireEvent.change(password, { target: { value: 'not it' } })
    fireEvent.click(screen.getByRole('button', { name: 'Read file' }))
    await waitFor(() => expect(screen.getAllByText(wrongPassword)).toHaveLength(1))
    expect(password.getAttribute('aria-invalid')).toBe('true')
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.change(password, { target: { value: 'kp-master-pass' } })
    expect(screen.queryByText(wrongPassword)).toBeNull()
  })
})
