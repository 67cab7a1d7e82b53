import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { BusinessUnit } from '../../../../src/shared/providers/cloutility/model'
import { BusinessUnitForm } from '../../../../src/renderer/src/providers/cloutility/BusinessUnitForm'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'

const zenith: BusinessUnit = { id: 17, name: 'Zenith Consulting AS', registrationNumber: '998877', note: '', invoiceDay: 15, tags: [] }

function renderEdit(existing: BusinessUnit) {
  const bridge = installFakeBridge({
    'cloutility.timeZones': () => [{ id: 1, name: 'W. Europe Standard Time' }],
    'cloutility.businessUnit.update': (input) => ({ ...existing, ...input.unit })
  })
  const outcome = { saved: [] as BusinessUnit[], closed: 0 }
  render(
    <BusinessUnitForm
      connectionId="c1"
      existing={existing}
      onClose={() => void outcome.closed++}
      onSaved={(unit) => void outcome.saved.push(unit)}
    />
  )
  return { bridge, outcome }
}

describe('BusinessUnitForm', () => {
  it('offers the invoice day as a choice, with the last day of the month named, and no empty value', () => {
    renderEdit(zenith)
    const day = screen.getByLabelText<HTMLSelectElement>('Invoice day')
    expect(day.tagName).toBe('SELECT')
    expect(day.value).toBe('15')
    const options = [...day.options]
    expect(options[0]?.textContent).toBe('Last day of the month')
    expect(options[0]?.value).toBe('0')
    expect(options.map((o) => o.value)).not.toContain('')
    expect(options.slice(1).map((o) => Number(o.value))).toEqual(Array.from({ length: 28 }, (_, i) => i + 1))
  })

  it('sends the last day of the month only when it is chosen', async () => {
    const { bridge, outcome } = renderEdit(zenith)
    fireEvent.change(screen.getByLabelText('Invoice day'), { target: { value: '0' } })
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Save changes' })))
    expect(bridge.callsTo('cloutility.businessUnit.update')).toEqual([{ connectionId: 'c1', businessUnitId: 17, unit: { invoiceDay: 0 } }])
    expect(outcome.saved).toHaveLength(1)
  })

  it('keeps a day the unit already holds beyond the 28th', () => {
    renderEdit({ ...zenith, invoiceDay: 30 })
    expect(screen.getByLabelText<HTMLSelectElement>('Invoice day').value).toBe('30')
  })

  it('sends no update when nothing changed, and says so', async () => {
    useStore.setState({ toasts: [] })
    const { bridge, outcome } = renderEdit(zenith)
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Save changes' })))
    expect(bridge.callsTo('cloutility.businessUnit.update')).toEqual([])
    expect(outcome).toEqual({ saved: [], closed: 1 })
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Nothing to save: Zenith Consulting AS is unchanged.'])
  })
})
