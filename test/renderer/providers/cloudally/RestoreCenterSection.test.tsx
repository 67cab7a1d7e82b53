import { render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { RestoreRecord } from '../../../../src/shared/model/restore'
import { CloudAllyRestoreCenterSection } from '../../../../src/renderer/src/providers/cloudally/RestoreCenterSection'
import { installFakeBridge } from '../../fake-bridge'

const connection = (id: string, name: string) => ({ id, provider: 'cloudally', name, customer: '', tags: [], baseUrl: 'https://api.example', secretOrigin: 'https://api.example' }) as unknown as ConnectionSummary

const request = (id: string, connectionId: string, entities: string[], items: string[], createdAt: string): RestoreRecord => ({
  id,
  requestKey: `k-${id}`,
  connectionId,
  provider: 'cloudally',
  taskId: 'T1',
  taskName: 'Northwind MS365',
  kind: 'restore',
  entities,
  items,
  status: 'running',
  progress: 40,
  createdAt,
  updatedAt: createdAt
})

describe('CloudAllyRestoreCenterSection', () => {
  it('tells two requests of one task apart: what each asked for, and on which connection', async () => {
    const users = ['alex.1@northwind.example', 'blake.2@northwind.example', 'casey.3@northwind.example', 'drew.4@northwind.example']
    installFakeBridge({
      'restores.list': () => [
        request('r1', 'c1', [users[0] as string], ['Inbox/Invoices'], '2026-12-04T10:00:00.000Z'),
        request('r2', 'c2', users, [], '2026-12-04T11:00:00.000Z')
      ]
    })
    render(<CloudAllyRestoreCenterSection connections={[connection('c1', 'Contoso partner'), connection('c2', 'Fabrikam partner')]} />)
    await waitFor(() => expect(screen.getAllByTestId('restore-progress')).toHaveLength(2))
    const [newer, older] = screen.getAllByTestId('restore-progress') as [HTMLElement, HTMLElement]
    expect(within(newer).getByTestId('restore-choices').textContent).toBe(
      'Entities: alex.1@northwind.example, blake.2@northwind.example, casey.3@northwind.example and 1 more · items: everything · connection Fabrikam partner'
    )
    expect(within(older).getByTestId('restore-choices').textContent).toBe('Entities: alex.1@northwind.example · items: Inbox/Invoices · connection Contoso partner')
  })
})
