import { render, screen } from '@testing-library/react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { WorkspaceScreen } from '../../../../src/renderer/src/features/workspace/WorkspaceScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { formatDateTime } from '../../../../src/shared/format'
import { installFakeBridge } from '../../fake-bridge'
import { joinedWorkspace } from './workspace-status'

const foundAt = '2026-12-05T16:40:00.000Z'

const removed = joinedWorkspace({ sharedCount: 0, removedAt: foundAt })

describe('WorkspaceScreen: removed from the workspace', () => {
  it('gives the time as when this computer found out, not as when the teammate removed you', async () => {
    installFakeBridge({
      'workspace.status': () => removed,
      'workspace.identity': () => ({ line: 'backdesk-member v1 age1example Bob', fingerprint: '0f1e-2d3c-4b5a-6978-8796', memberId: 'm-bob', name: 'Bob' })
    })
    onTestFinished(() => useStore.setState({ workspace: notLoaded(), workspaceIdentity: notLoaded() }))
    render(<WorkspaceScreen />)
    const banner = await screen.findByText(/A teammate removed you from this workspace/)
    // The time main keeps is that of the sync that saw the removal; the removal itself may be older.
    expect(banner.textContent).toContain(`(this computer found out at the sync of ${formatDateTime(foundAt)})`)
    expect(banner.textContent).not.toContain(`on ${formatDateTime(foundAt)}`)
  })
})
