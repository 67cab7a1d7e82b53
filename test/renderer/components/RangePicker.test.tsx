import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { fromLocalInput } from '../../../src/shared/format'
import { RangePicker, type Range } from '../../../src/renderer/src/components/RangePicker'

const first: Range = { start: fromLocalInput('2026-11-01T00:00') as string, end: fromLocalInput('2026-11-30T00:00') as string }

function Harness({ shown }: { shown: Range[] }) {
  const [range, setRange] = useState(first)
  return (
    <>
      <RangePicker
        value={range}
        onChange={(r) => {
          shown.push(r)
          setRange(r)
        }}
      />
      <button type="button" onClick={() => setRange(first)}>
        Reset
      </button>
    </>
  )
}

const from = () => screen.getByLabelText<HTMLInputElement>('From')
const to = () => screen.getByLabelText<HTMLInputElement>('To')
const show = () => act(() => void fireEvent.click(screen.getByRole('button', { name: 'Show' })))

describe('RangePicker', () => {
  it('refuses an inverted range with a message on From, and applies none', () => {
    const shown: Range[] = []
    render(<Harness shown={shown} />)
    fireEvent.change(from(), { target: { value: '2026-12-10T00:00' } })
    fireEvent.change(to(), { target: { value: '2026-12-01T00:00' } })
    show()
    expect(shown).toEqual([])
    expect(screen.getByText('From must be on or before To.')).toBeTruthy()
    expect(from().getAttribute('aria-invalid')).toBe('true')
    expect(from().getAttribute('aria-describedby')).toBe(screen.getByText('From must be on or before To.').id)

    // Editing takes the message away; a range in order is applied.
    fireEvent.change(to(), { target: { value: '2026-12-20T00:00' } })
    expect(screen.queryByText('From must be on or before To.')).toBeNull()
    show()
    expect(shown).toEqual([{ start: fromLocalInput('2026-12-10T00:00'), end: fromLocalInput('2026-12-20T00:00') }])
  })

  it('asks for an emptied field instead of ignoring Show', () => {
    const shown: Range[] = []
    render(<Harness shown={shown} />)
    fireEvent.change(to(), { target: { value: '' } })
    show()
    expect(shown).toEqual([])
    expect(screen.getByText('Enter the date and time to end at.')).toBeTruthy()
    expect(to().getAttribute('aria-invalid')).toBe('true')
  })

  it('shows in its fields a range set from outside, and drops a message about the typed one', () => {
    const shown: Range[] = []
    render(<Harness shown={shown} />)
    fireEvent.change(from(), { target: { value: '2026-12-10T00:00' } })
    fireEvent.change(to(), { target: { value: '2026-12-20T00:00' } })
    show()
    fireEvent.change(from(), { target: { value: '2026-12-25T00:00' } })
    show()
    expect(screen.getByText('From must be on or before To.')).toBeTruthy()
    act(() => void fireEvent.click(screen.getByRole('button', { name: 'Reset' })))
    expect([from().value, to().value]).toEqual(['2026-11-01T00:00', '2026-11-30T00:00'])
    expect(screen.queryByText('From must be on or before To.')).toBeNull()
  })
})

describe('RangePicker: quick ranges', () => {
  it('groups the quick ranges, so they are announced as one group and wrap together on a narrow pane', () => {
    render(<Harness shown={[]} />)
    const group = screen.getByRole('group', { name: 'Quick ranges' })
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Last 24 h', 'Last 7 days', 'Last 30 days', 'Last 90 days'])
  })
})
