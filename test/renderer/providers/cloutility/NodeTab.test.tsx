import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { BackupNode } from '../../../../src/shared/providers/cloutility/model'
import type { NodeOptions } from '../../../../src/shared/providers/cloutility/contract'
import { NodeTab } from '../../../../src/renderer/src/providers/cloutility/NodeTab'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { lockVault, startUnlocked } from '../../vault-state'

const where = { connectionId: 'c1', businessUnitId: 16, consumptionUnitId: 1192 }
const activated: BackupNode = {
  id: 501,
  name: 'ceda-nas76-1192',
  activated: true,
  nodeName: 'CEDA-NAS76-1192',
  hasPassword: true,
  schedules: [],
  operatingSystem: { id: 1, name: 'Linux' },
  type: { id: 2, name: 'Server' },
  domain: { id: 3, name: 'STANDARD' },
  clientOptionSet: { id: 4, name: 'DEFAULT' },
  contact: 'ops',
  cpuCount: 2,
  proxy: { agents: [], targets: [] }
}
const options: NodeOptions = {
  operatingSystems: [{ id: 1, name: 'Linux', supportedNodeTypes: [] }],
  nodeTypes: [{ id: 2, name: 'Server' }],
  domains: [{ id: 3, name: 'STANDARD' }],
  clientOptionSets: [{ id: 4, name: 'DEFAULT' }]
}

function renderTab(node: BackupNode | null = activated) {
  let password = 'Old-password-1'
  const bridge = installFakeBridge({
    'cloutility.node.get': () => node,
    'cloutility.node.options': () => options,
    'cloutility.node.update': () => activated,
    'cloutility.node.proposeName': () => ({ name: 'CEDA-NAS76-1192' }),
    'vault.nodeCredential.list': () => [{ connectionId: 'c1', nodeId: '501', nodeName: 'CEDA-NAS76-1192', capturedAt: '2026-01-01T00:00:00Z' }],
    'vault.nodeCredential.reveal': () => ({ nodeName: 'CEDA-NAS76-1192', password }),
    'cloutility.node.changePassword': (input) => {
      password = input.password
      return { changed: true as const }
    }
  })
  render(<NodeTab where={where} consumptionUnit={undefined} onChanged={() => undefined} onDeleted={() => undefined} />)
  return bridge
}

/** Reveals the stored password (the old one), then types a new one in the change dialog. */
async function revealThenTypeNewPassword(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: 'Reveal' }))
  await waitFor(() => expect(screen.getByTestId('node-password-value').textContent).toBe('Old-password-1'))
  fireEvent.click(screen.getByRole('button', { name: 'Change password…' }))
  const dialog = screen.getByRole('dialog')
  fireEvent.change(within(dialog).getByLabelText('New password'), { target: { value: 'New-password-2' } })
  fireEvent.change(within(dialog).getByLabelText('Repeat the new password'), { target: { value: 'New-password-2' } })
  return dialog
}

describe('NodeTab', () => {
  it('never leaves the old password revealed after a password change', async () => {
    renderTab()
    const dialog = await revealThenTypeNewPassword()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }))
    await screen.findByText('Password changed and stored in the vault.')

    expect(screen.getByTestId('node-password-value').textContent).not.toContain('Old-password-1')
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }))
    await waitFor(() => expect(screen.getByTestId('node-password-value').textContent).toBe('New-password-2'))
  })

  it('after a change the vault could not confirm, shows the new password as unconfirmed with the previous one, until the technician settles it', async () => {
    let unconfirmed: { since: string; hasPrevious: boolean } | undefined
    const bridge = installFakeBridge({
      'cloutility.node.get': () => activated,
      'vault.nodeCredential.list': () => [{ connectionId: 'c1', nodeId: '501', nodeName: 'CEDA-NAS76-1192', capturedAt: '2026-01-01T00:00:00Z', ...(unconfirmed ? { unconfirmed } : {}) }],
      'vault.nodeCredential.reveal': (input) => ({ nodeName: 'CEDA-NAS76-1192', password: input.slot === 'previous' ? 'Old-password-1' : 'New-password-2' }),
      'vault.nodeCredential.settle': () => {
        unconfirmed = undefined
        return { settled: true as const }
      },
      'cloutility.node.changePassword': () => {
        unconfirmed = { since: '2026-01-02T00:00:00Z', hasPrevious: true }
        throw new MainError({ code: 'INTERNAL', message: 'Cloutility accepted the new password: the password of CEDA-NAS76-1192 WAS changed.', retryable: false })
      }
    })
    render(<NodeTab where={where} consumptionUnit={undefined} onChanged={() => undefined} onDeleted={() => undefined} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Change password…' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText('New password'), { target: { value: 'New-password-2' } })
    fireEvent.change(within(dialog).getByLabelText('Repeat the new password'), { target: { value: 'New-password-2' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }))
    await within(dialog).findByText(/WAS changed/)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    const box = await screen.findByTestId('node-password-unconfirmed')
    expect(box.textContent).toContain('Not confirmed')
    fireEvent.click(within(box).getByRole('button', { name: 'Reveal previous' }))
    await waitFor(() => expect(screen.getByTestId('node-password-previous').textContent).toBe('Old-password-1'))
    expect(bridge.callsTo('vault.nodeCredential.reveal')).toEqual([{ connectionId: 'c1', nodeId: '501', slot: 'previous' }])

    fireEvent.click(within(box).getByRole('button', { name: 'The node uses this password' }))
    await waitFor(() => expect(screen.queryByTestId('node-password-unconfirmed')).toBeNull())
    expect(bridge.callsTo('vault.nodeCredential.settle')).toEqual([{ connectionId: 'c1', nodeId: '501', keep: 'current' }])
  })

  it('gives focus back to "Edit node…" after the node is saved', async () => {
    const bridge = renderTab()
    const edit = await screen.findByRole('button', { name: 'Edit node…' })
    act(() => edit.focus())
    fireEvent.click(edit)
    const dialog = screen.getByRole('dialog')
    await waitFor(() => expect((within(dialog).getByLabelText('Contact') as HTMLInputElement).value).toBe('ops'))
    fireEvent.change(within(dialog).getByLabelText('Contact'), { target: { value: 'night shift' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    await screen.findByText('Node saved.')
    expect(bridge.callsTo('cloutility.node.update')).toHaveLength(1)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit node…' }))
  })

  it('says "Enter a node name" in the activation dialog for an empty name, as for spaces', async () => {
    renderTab({ ...activated, activated: false })
    fireEvent.click(await screen.findByRole('button', { name: 'Activate…' }))
    const dialog = screen.getByRole('dialog')
    const name = within(dialog).getByLabelText('Node name') as HTMLInputElement
    await waitFor(() => expect(name.value).toBe('CEDA-NAS76-1192'))
    for (const typed of ['', '   ']) {
      fireEvent.change(name, { target: { value: typed } })
      expect(name.getAttribute('aria-invalid')).toBe('true')
      expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toMatch(/^Enter a node name/)
      expect((within(dialog).getByRole('button', { name: 'Activate' }) as HTMLButtonElement).disabled).toBe(true)
    }
  })

  it('hides a revealed password and empties a half-typed new one when the vault locks', async () => {
    startUnlocked()
    renderTab()
    const dialog = await revealThenTypeNewPassword()

    // Not 30 s later: nothing of the node's password waits in the page under the unlock screen.
    lockVault()
    expect(screen.getByTestId('node-password-value').textContent).not.toContain('Old-password-1')
    expect((within(dialog).getByLabelText('New password') as HTMLInputElement).value).toBe('')
    expect((within(dialog).getByLabelText('Repeat the new password') as HTMLInputElement).value).toBe('')
  })
})
