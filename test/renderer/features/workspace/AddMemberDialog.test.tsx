import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { AddMemberDialog } from '../../../../src/renderer/src/features/workspace/AddMemberDialog'
import type { WorkspaceMember } from '../../../../src/shared/model/workspace'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { joinedWorkspace } from './workspace-status'

const already = 'Bob is already a member.'
const notALine = 'That is not a Backdesk member line. It starts with "backdesk-member v1 age1…": ask your teammate to copy it again.'
const bobLine = 'backdesk-member v1 age1example Bob'
/** Main's reading of a pasted line: Bob's name and fingerprint. */
const readsBob = () => ({ name: 'Bob', fingerprint: bob.fingerprint })

const alice: WorkspaceMember = { id: 'm-alice', name: 'Alice', fingerprint: '1a2b-3c4d-5e6f-7a8b-9c0d', me: true, addedBy: 'Alice', addedAt: '2026-01-01T00:00:00.000Z' }
const bob: WorkspaceMember = { id: 'm-bob', name: 'Bob', fingerprint: '0f1e-2d3c-4b5a-6978-8796', me: false, addedBy: 'Alice', addedAt: '2026-01-02T00:00:00.000Z' }
const statusWith = (members: WorkspaceMember[]) => joinedWorkspace({ members })

describe('AddMemberDialog', () => {
  it('says an empty line under the field without calling main', () => {
    const bridge = installFakeBridge({})
    render(<AddMemberDialog onClose={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }))
    const line = screen.getByLabelText('Member line your teammate sent you')
    expect(line.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(line.getAttribute('aria-describedby')!)?.textContent).toBe('Paste the member line your teammate sent you.')
    expect(bridge.callsTo('workspace.members.add')).toEqual([])
  })

  it('shows main’s refusal of the line under it, not as a banner, and an edit takes it away', async () => {
    installFakeBridge({
      'workspace.members.inspect': readsBob,
      'workspace.members.add': () => {
        throw new MainError({ code: 'CONFLICT', message: already, retryable: false, details: { issues: [{ path: 'line', message: already }] } })
      }
    })
    render(<AddMemberDialog onClose={() => undefined} />)
    const line = screen.getByLabelText('Member line your teammate sent you')
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
      'workspace.members.inspect': readsBob,
      'workspace.members.add': () => {
        throw new MainError({ code: 'VALIDATION', message: 'A workspace has at most 50 members.', retryable: false })
      }
    })
    render(<AddMemberDialog onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Member line your teammate sent you'), { target: { value: 'backdesk-member v1 age1example' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/at most 50 members/)
  })

  it('says what adding a member does and how to check them, and names the member added and what they need to join', async () => {
    installFakeBridge({ 'workspace.members.inspect': readsBob, 'workspace.members.add': () => statusWith([alice, bob]) })
    useStore.setState({ workspace: received(notLoaded(), statusWith([alice])) })
    const onClose = vi.fn()
    render(<AddMemberDialog onClose={onClose} />)
    const dialog = screen.getByRole('dialog', { name: 'Add a member' })
    expect(dialog.textContent).toContain('Adding a teammate lets them join this workspace and read every connection shared in it: each one is encrypted again to their key.')
    fireEvent.change(screen.getByLabelText('Member line your teammate sent you'), { target: { value: bobLine } })
    await screen.findByTestId('member-line-fingerprint')
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Added Bob. To join, they need your member line: send it to them.'])
  })

  it('shows the pasted line’s fingerprint as soon as it is pasted, with how to check it, before anyone is added', async () => {
    const bridge = installFakeBridge({ 'workspace.members.inspect': readsBob })
    render(<AddMemberDialog onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Member line your teammate sent you'), { target: { value: `  ${bobLine}\n` } })
    const shown = await screen.findByTestId('member-line-fingerprint')
    expect(shown.textContent).toContain(`Fingerprint of Bob’s line: ${bob.fingerprint}`)
    expect(shown.textContent).toContain('Before adding, ask Bob to read you the fingerprint on their Team workspace screen, by phone or in person')
    expect(shown.textContent).toContain('Add them only if the two are the same')
    expect(bridge.callsTo('workspace.members.inspect')).toEqual([{ line: bobLine }])
    expect(bridge.callsTo('workspace.members.add')).toEqual([])
    // Another text: the fingerprint of the old one goes at once.
    fireEvent.change(screen.getByLabelText('Member line your teammate sent you'), { target: { value: '' } })
    expect(screen.queryByTestId('member-line-fingerprint')).toBeNull()
  })

  it('says under the field when the pasted text is no member line, and shows no fingerprint', async () => {
    const bridge = installFakeBridge({
      'workspace.members.inspect': () => {
        throw new MainError({ code: 'VALIDATION', message: notALine, retryable: false, details: { issues: [{ path: 'line', message: notALine }] } })
      }
    })
    render(<AddMemberDialog onClose={() => undefined} />)
    const line = screen.getByLabelText('Member line your teammate sent you')
    fireEvent.change(line, { target: { value: 'backdesk-member v1 not-a-key Mallory' } })
    await waitFor(() => expect(line.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(line.getAttribute('aria-describedby')!)?.textContent).toBe(notALine)
    expect(screen.queryByTestId('member-line-fingerprint')).toBeNull()
    // Too short to be one: the contract says so here, in the same words, without asking main.
    fireEvent.change(line, { target: { value: 'hello' } })
    expect(document.getElementById(line.getAttribute('aria-describedby')!)?.textContent).toBe(notALine)
    expect(bridge.callsTo('workspace.members.inspect')).toHaveLength(1)
  })
})
