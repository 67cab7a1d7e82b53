import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ConnectionEditor } from '../../../../src/renderer/src/features/connections/ConnectionEditor'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { cedarLabs } from './connection-fixture'

const problemOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('field-error'))?.textContent

describe('ConnectionEditor', () => {
  it('moves the cursor to the first field with a problem when a save is refused, each field saying what to enter', () => {
    const bridge = installFakeBridge({})
    render(<ConnectionEditor onDone={() => undefined} />)
    const save = screen.getByRole('button', { name: 'Save without testing' })
    save.focus()
    fireEvent.click(save)
    expect(bridge.calls).toEqual([])
    const name = screen.getByLabelText('Name')
    expect(document.activeElement).toBe(name)
    expect(problemOf(name)).toBe('Give the connection a name')
    expect(problemOf(screen.getByLabelText('Client ID'))).toBe('Enter the client ID of the API app')
    expect(problemOf(screen.getByLabelText('User name'))).toBe('Enter the user name')

    fireEvent.change(name, { target: { value: 'Cedar Labs AS' } })
    fireEvent.click(save)
    expect(document.activeElement).toBe(screen.getByLabelText('Client ID'))
  })

  it('moves the cursor to the field main refused', async () => {
    installFakeBridge({
      'connections.update': () => {
        throw new MainError({ code: 'VALIDATION', message: 'Invalid input', retryable: false, details: { issues: [{ path: 'origin', message: 'The Origin is scheme://host[:port] with no path' }] } })
      }
    })
    render(<ConnectionEditor existing={cedarLabs} onDone={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    const origin = screen.getByLabelText('Origin')
    await waitFor(() => expect(document.activeElement).toBe(origin))
    expect(problemOf(origin)).toBe('The Origin is scheme://host[:port] with no path')
  })
})
