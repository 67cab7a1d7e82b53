import { fireEvent, render, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { ConnectionEditor } from '../../../src/renderer/src/features/connections/ConnectionEditor'
import { TicketTargetsSettings } from '../../../src/renderer/src/features/tickets/TicketTargetsSettings'
import { CreateWorkspaceForm } from '../../../src/renderer/src/features/workspace/CreateWorkspaceForm'
import { ImportCredentialsDialog } from '../../../src/renderer/src/features/workspace/ImportCredentialsDialog'
import { JoinWorkspaceForm } from '../../../src/renderer/src/features/workspace/JoinWorkspaceForm'
import { installFakeBridge } from '../fake-bridge'
import { lockVault, startUnlocked, unlockVault } from '../vault-state'

// The app stays mounted under the unlock screen so half-filled forms survive a lock; a secret
// typed into one must not wait there for whoever sits at the computer next.
interface FormWithSecret {
  form: () => ReactNode
  /** Label → value, typed in this order (a field may appear only once an earlier one is filled). */
  typed: Record<string, string>
  secrets: string[]
}

const remote = { Repository: 'https://git.example.com/team/backdesk.git', 'Access token': 'glpat-typed-token', 'User name for the token (optional)': 'ann' }
const forms: Record<string, FormWithSecret> = {
  'the connection editor': { form: () => <ConnectionEditor onDone={() => undefined} />, typed: { Name: 'Cedar Labs AS', 'User name': 'ann', Password: 'typed-password' }, secrets: ['Password'] },
  'the workspace’s Create form': { form: () => <CreateWorkspaceForm />, typed: remote, secrets: ['Access token'] },
  'the workspace’s Join form': { form: () => <JoinWorkspaceForm />, typed: remote, secrets: ['Access token'] },
  'the credentials import': { form: () => <ImportCredentialsDialog onClose={() => undefined} />, typed: { 'KeePass master password': 'kp-master-pass' }, secrets: ['KeePass master password'] },
  'the ticket targets': { form: () => <TicketTargetsSettings />, typed: { 'Webhook URL': 'https://tickets.example.com/hooks/backdesk', 'Webhook secret (optional)': 'hook-secret' }, secrets: ['Webhook secret (optional)'] }
}

describe.each(Object.entries(forms))('%s, when the vault locks', (_name, { form, typed, secrets }) => {
  it('empties the secrets typed into it and keeps the rest of the form', async () => {
    installFakeBridge({ 'tickets.targets.list': () => [] })
    startUnlocked()
    render(form())
    const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement
    for (const [label, value] of Object.entries(typed)) fireEvent.change(await screen.findByLabelText(label), { target: { value } })

    lockVault()
    for (const [label, value] of Object.entries(typed)) expect(field(label).value, label).toBe(secrets.includes(label) ? '' : value)

    // After the unlock the fields take new input as before.
    unlockVault()
    fireEvent.change(field(secrets[0]!), { target: { value: 'typed again' } })
    expect(field(secrets[0]!).value).toBe('typed again')
  })
})
