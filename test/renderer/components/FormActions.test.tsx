import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { FormActions } from '../../../src/renderer/src/components/FormActions'
import { useAction } from '../../../src/renderer/src/components/use-action'

function Saving({ answer }: { answer: () => Promise<void> }): ReactNode {
  const [sent, setSent] = useState(0)
  const save = useAction(async () => {
    setSent((n) => n + 1)
    await answer()
  })
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void save.run()
      }}
    >
      <FormActions busy={save.busy} label="Save" error={save.error} />
      <output aria-label="sent">{sent}</output>
    </form>
  )
}

describe('FormActions', () => {
  it('keeps the submit button focusable while the action runs, and a click then sends nothing more', async () => {
    let finish: () => void = () => undefined
    render(<Saving answer={() => new Promise<void>((resolve) => (finish = resolve))} />)
    const button = screen.getByRole('button', { name: 'Save' })
    button.focus()
    await act(async () => {
      fireEvent.click(button)
    })
    const busy = screen.getByRole('button', { name: 'Saving…' })
    expect(busy).toBe(button)
    expect(busy.hasAttribute('disabled')).toBe(false)
    expect(busy.getAttribute('aria-disabled')).toBe('true')
    expect(document.activeElement).toBe(busy)
    await act(async () => {
      fireEvent.click(busy)
    })
    expect(screen.getByLabelText('sent').textContent).toBe('1')
    await act(async () => finish())
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-disabled')).toBeNull()
  })
})
