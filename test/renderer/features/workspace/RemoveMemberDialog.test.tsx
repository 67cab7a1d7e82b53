import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RemoveMemberDialog } from '../../../../src/renderer/src/features/workspace/RemoveMemberDialog'
import type { WorkspaceMember } from '../../../../src/shared/model/workspace'
import { installFakeBridge } from '../../fake-bridge'

const bob: WorkspaceMember = { id: 'm-bob', name: 'Bob', fingerprint: '0f1e-2d3c-4b5a-6978-8796', me: false, addedBy: 'Alice', addedAt: '2026-01-02T00:00:00.000Z' }

describe('RemoveMemberDialog', () => {
  it.each([
    ['no connection', 0, 'loses access to the workspace: no connection is shared yet, so nothing needs encrypting again.'],
    ['one connection', 1, 'loses access to the workspace: the one shared connection is encrypted again without them.'],
    ['three connections', 3, 'loses access to the workspace: all 3 shared connections are encrypted again without them.']
  ])('says what is encrypted again when %s is shared', (_shared, sharedCount, expected) => {
    installFakeBridge({})
    render(<RemoveMemberDialog member={bob} sharedCount={sharedCount} onClose={() => undefined} />)
    expect(screen.getByRole('dialog', { name: 'Remove Bob?' }).textContent).toContain(expected)
  })
})
