import { act, fireEvent, render, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { CreateWorkspaceForm } from '../../../../src/renderer/src/features/workspace/CreateWorkspaceForm'
import { JoinWorkspaceForm } from '../../../../src/renderer/src/features/workspace/JoinWorkspaceForm'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'
import type { VaultStatus } from '../../../../src/shared/contract/vault.contract'
import { installFakeBridge } from '../../fake-bridge'

const vaultIn = (state: VaultStatus['state']): VaultStatus => ({ state, vaultFile: '/data/vault.json', backupFile: null, deviceUnlock: false, deviceUnlockSupported: false })

describe.each<[string, () => ReactNode]>([
  ['CreateWorkspaceForm', () => <CreateWorkspaceForm />],
  ['JoinWorkspaceForm', () => <JoinWorkspaceForm />]
])('%s: the vault locks while the repository is typed', (_name, form) => {
  it('empties the access token, and keeps the repository and user name', () => {
    installFakeBridge({})
    useStore.setState({ vault: received(notLoaded(), vaultIn('unlocked')) })
    onTestFinished(() => useStore.setState({ vault: notLoaded() }))
    render(form())
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'https://git.example.com/team/backdesk.git' } })
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: 'glpat-typed-token' } })
    fireEvent.change(screen.getByLabelText('User name for the token (optional)'), { target: { value: 'ann' } })

    // The app stays mounted under the unlock screen: the token must not wait in it.
    act(() => useStore.getState().setVault(vaultIn('locked')))
    expect((screen.getByLabelText('Access token') as HTMLInputElement).value).toBe('')
    expect((screen.getByLabelText('Repository') as HTMLInputElement).value).toBe('https://git.example.com/team/backdesk.git')
    expect((screen.getByLabelText('User name for the token (optional)') as HTMLInputElement).value).toBe('ann')
  })
})
