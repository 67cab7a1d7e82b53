import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RemovalChecklists } from '../../../../src/renderer/src/features/workspace/RemovalChecklists'
import type { RemovalChecklist } from '../../../../src/shared/model/workspace'
import { installFakeBridge } from '../../fake-bridge'
import { joinedWorkspace } from './workspace-status'

const bobRemoved: RemovalChecklist = {
  memberId: 'm-bob',
  name: 'Bob',
  removedAt: '2026-03-02T10:00:00.000Z',
  items: [
    { connectionId: 'c1', name: 'Contoso repos', customer: 'Contoso', provider: 'cloudback', secrets: ['apiKey'], rotated: false },
    { connectionId: 'c2', name: 'Northwind SaaS', customer: '', provider: 'cloudally', secrets: ['clientSecret', 'password'], rotated: false }
  ]
}

const status = joinedWorkspace({ removals: [bobRemoved] })

describe('RemovalChecklists', () => {
  it('names the provider where each secret is changed as every screen names it', () => {
    installFakeBridge({})
    render(<RemovalChecklists status={status} />)
    const list = screen.getByRole('list', { name: 'Secrets Bob has seen' })
    expect(list.textContent).toContain('Contoso repos (Contoso) — change the API key at Cloudback')
    expect(list.textContent).toContain('Northwind SaaS — change the client secret and password at CloudAlly')
  })
})
