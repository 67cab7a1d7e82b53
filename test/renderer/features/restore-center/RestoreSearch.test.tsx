import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { BusinessUnitNode } from '../../../../src/shared/providers/cloutility/model'
import { RestoreSearch } from '../../../../src/renderer/src/features/restore-center/RestoreSearch'
import { installFakeBridge } from '../../fake-bridge'

const cloutility = { id: 'c1', provider: 'cloutility', name: 'Provider SP', customer: '', tags: [], baseUrl: 'https://api.example', secretOrigin: 'https://api.example' } as unknown as ConnectionSummary
const unit = (id: number): BusinessUnitNode => ({ id, parentId: 1, name: `Oy ${id}`, tags: [], children: [] })

function search(text: string): void {
  fireEvent.change(screen.getByLabelText("Find a customer's backup"), { target: { value: text } })
  fireEvent.click(screen.getByRole('button', { name: 'Search' }))
}

describe('RestoreSearch', () => {
  it('says, per connection, what a search did not read beside what it found', async () => {
    installFakeBridge({
      'cloutility.searchBusinessUnits': () => [1, 2, 3, 4, 5, 6].map(unit),
      'cloutility.consumptionUnits.list': ({ businessUnitId }) => ({ businessUnitId, items: [{ id: businessUnitId * 10, name: `node-${businessUnitId}`, businessUnitId, nodeName: `NODE-${businessUnitId}`, tags: [] }] })
    })
    render(<RestoreSearch connections={[cloutility]} />)
    search('oy')
    expect(await screen.findByText('5 restorable objects matching “oy”.')).toBeTruthy()
    expect(screen.getByTestId('restore-search-unread').textContent).toBe(
      'Not all searched: Provider SP: “oy” matches 6 customers; only the nodes of the first 5 (Oy 1, Oy 2, Oy 3, Oy 4, Oy 5) were read. Type more of the customer\'s name.'
    )
  })

  it('does not word an empty search as one that matched nothing', async () => {
    installFakeBridge({})
    render(<RestoreSearch connections={[cloutility]} />)
    search('')
    expect(await screen.findByText('Nothing restorable found.')).toBeTruthy()
    expect(screen.getByTestId('restore-search-unread').textContent).toBe("Not all searched: Provider SP: its backup nodes are found by customer: type a customer's name to search them.")
  })
})
