import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { BusinessUnit, BusinessUnitNode } from '../../../../src/shared/providers/cloutility/model'
import { UnitDetails } from '../../../../src/renderer/src/providers/cloutility/UnitDetails'
import { deferred, type Deferred } from '../../deferred'
import { installFakeBridge } from '../../fake-bridge'

const zenith: BusinessUnit = { id: 17, name: 'Zenith Consulting AS', registrationNumber: '998877', note: '', invoiceDay: 0, tags: [] }
const node = { id: 17, name: 'Zenith Consulting AS', children: [] } as unknown as BusinessUnitNode

describe('UnitDetails', () => {
  it('opens Edit after a save with the saved values, while the unit is still being read again', async () => {
    let held: Deferred<BusinessUnit> | undefined
    let reads = 0
    installFakeBridge({
      'cloutility.timeZones': () => [],
      // The first read answers at once; the one after the save is held (a slow connection).
      'cloutility.businessUnit.get': () => (reads++ === 0 ? zenith : (held = deferred<BusinessUnit>()).promise),
      'cloutility.businessUnit.update': (input) => ({ ...zenith, ...input.unit })
    })
    render(<UnitDetails connectionId="c1" node={node} isRoot onChanged={() => undefined} onCreated={() => undefined} onDeleted={() => undefined} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit…' }))
    fireEvent.change(within(screen.getByRole('dialog')).getByLabelText('Invoice day'), { target: { value: '15' } })
    await act(async () => void fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Save changes' })))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(held).toBeDefined()

    // Opened again before the read answers: the form holds day 15, not the day the save replaced.
    fireEvent.click(screen.getByRole('button', { name: 'Edit…' }))
    expect(within(screen.getByRole('dialog')).getByLabelText<HTMLSelectElement>('Invoice day').value).toBe('15')
    await act(async () => held?.resolve({ ...zenith, invoiceDay: 15 }))
  })
})
