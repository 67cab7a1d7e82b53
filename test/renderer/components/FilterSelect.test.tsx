import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FilterSelect } from '../../../src/renderer/src/components/FilterSelect'

describe('FilterSelect', () => {
  it('shows options in words and hands back the raw value', () => {
    let chosen = ''
    render(<FilterSelect id="f" label="Region" value="" options={['US_EST']} labelOf={(v) => (v === 'US_EST' ? 'United States (East)' : v)} onChange={(v) => (chosen = v)} />)
    const select = screen.getByLabelText('Region') as HTMLSelectElement
    expect(screen.getByRole('option', { name: 'United States (East)' })).toBeTruthy()
    fireEvent.change(select, { target: { value: 'US_EST' } })
    expect(chosen).toBe('US_EST')
  })
})
