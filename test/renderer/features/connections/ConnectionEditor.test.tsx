import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ProbeResult } from '../../../../src/shared/model/connection'
import { ConnectionEditor } from '../../../../src/renderer/src/features/connections/ConnectionEditor'
import { deferred } from '../../deferred'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { cedarLabs } from './connection-fixture'

const problemOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('field-error'))?.textContent

describe('ConnectionEditor', () => {
  it('keeps the keyboard focus on Test and add connection while the login is tested and after it fails', async () => {
    const answer = deferred<ProbeResult>()
    const bridge = installFakeBridge({ 'connections.testDraft': () => answer.promise })
    render(<ConnectionEditor onDone={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'cloudback' } })
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Cedar Labs Cloudback' } })
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'cb-key-0123456789' } })
    const submit = screen.getByRole('button', { name: 'Test and add connection' })
    submit.focus()
    fireEvent.click(submit)

    // Busy: said with aria-disabled; a disabled button would drop the focus on the page's body.
    const busy = await screen.findByRole('button', { name: 'Testing the login…' })
    expect(busy).toBe(submit)
    expect(busy.hasAttribute('disabled')).toBe(false)
    expect(busy.getAttribute('aria-disabled')).toBe('true')
    const saveAnyway = screen.getByRole('button', { name: 'Save without testing' })
    expect(saveAnyway.hasAttribute('disabled')).toBe(false)
    expect(saveAnyway.getAttribute('aria-disabled')).toBe('true')
    // Pressed meanwhile, neither starts anything nor relabels the test as a save.
    fireEvent.click(saveAnyway)
    fireEvent.click(busy)
    expect(screen.getByRole('button', { name: 'Testing the login…' })).toBe(submit)
    expect(bridge.callsTo('connections.testDraft')).toHaveLength(1)
    expect(bridge.callsTo('connections.create')).toHaveLength(0)

    answer.resolve({ ok: false, stage: 'connect', message: 'The server refused the connection.' })
    await screen.findByTestId('draft-test-failed')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Test and add connection' }))
    expect(submit.getAttribute('aria-disabled')).toBeNull()
  })

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

  it('asks before Cancel throws away what was typed into a new connection, and keeps it when the answer is no', () => {
    installFakeBridge({})
    const onDone = vi.fn()
    render(<ConnectionEditor onDone={onDone} />)
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Cedar Labs AS' } })
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    const ask = screen.getByRole('dialog', { name: 'Discard the new connection?' })
    expect(ask.textContent).toContain('What you entered is thrown away and no connection is added.')
    expect(onDone).not.toHaveBeenCalled()

    fireEvent.click(within(ask).getByRole('button', { name: 'Keep editing' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByLabelText('Name')).toHaveProperty('value', 'Cedar Labs AS')
    expect(onDone).not.toHaveBeenCalled()

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }))
    expect(onDone).toHaveBeenCalledWith()
  })

  it('closes at once on Cancel when nothing was typed', () => {
    installFakeBridge({})
    const onDone = vi.fn()
    render(<ConnectionEditor onDone={onDone} />)
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onDone).toHaveBeenCalledWith()
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('closes at once on Cancel when a change to a saved connection was typed back', () => {
    installFakeBridge({})
    const onEdit = vi.fn()
    render(<ConnectionEditor existing={cedarLabs} onDone={onEdit} />)
    const name = screen.getByLabelText('Name')
    fireEvent.change(name, { target: { value: 'Cedar Labs' } })
    fireEvent.change(name, { target: { value: cedarLabs.name } })
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onEdit).toHaveBeenCalledWith()
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('asks before Cancel throws away a change to a saved connection, a secret typed included', () => {
    installFakeBridge({})
    const onDone = vi.fn()
    render(<ConnectionEditor existing={cedarLabs} onDone={onDone} />)
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a-new-password-1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.getByRole('dialog', { name: `Discard your changes to ${cedarLabs.name}?` })).toBeTruthy()
    expect(onDone).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }))
    expect(onDone).toHaveBeenCalledWith()
  })
})
