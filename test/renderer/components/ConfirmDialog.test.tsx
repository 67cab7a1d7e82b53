import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ConfirmDialog } from '../../../src/renderer/src/components/Dialog'

function renderDialog() {
  const onConfirm = vi.fn()
  render(
    <ConfirmDialog title="Delete backup node CEDA-NAS76-1192?" confirmLabel="Delete node" typeToConfirm="CEDA-NAS76-1192" onConfirm={onConfirm} onCancel={() => undefined}>
      <p>This deletes the node.</p>
    </ConfirmDialog>
  )
  const field = screen.getByLabelText(/to confirm/)
  const problem = () => document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent
  return { onConfirm, field, problem, press: () => fireEvent.click(screen.getByRole('button', { name: 'Delete node' })) }
}

describe('ConfirmDialog with a word to type', () => {
  it('says under the field what is missing when pressed with nothing typed, and puts the cursor there', () => {
    const { onConfirm, field, problem, press } = renderDialog()
    press()
    expect(onConfirm).not.toHaveBeenCalled()
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(problem()).toBe('Type CEDA-NAS76-1192 to confirm.')
    expect(document.activeElement).toBe(field)
  })

  it('points at the letter case when only that differs, and an edit takes the message away', () => {
    const { onConfirm, field, problem, press } = renderDialog()
    fireEvent.change(field, { target: { value: 'ceda-nas76-1192' } })
    press()
    expect(onConfirm).not.toHaveBeenCalled()
    expect(problem()).toBe('Type CEDA-NAS76-1192 exactly, with the same capital and small letters.')
    fireEvent.change(field, { target: { value: 'CEDA-NAS76-119' } })
    expect(field.getAttribute('aria-invalid')).toBeNull()
    expect(screen.queryByText(/exactly/)).toBeNull()
    press()
    expect(problem()).toBe('That is not CEDA-NAS76-1192. Type it exactly as shown.')
  })

  it('confirms once the word is typed as shown', () => {
    const { onConfirm, field, press } = renderDialog()
    fireEvent.change(field, { target: { value: 'CEDA-NAS76-1192' } })
    press()
    expect(onConfirm).toHaveBeenCalledOnce()
    expect(field.getAttribute('aria-invalid')).toBeNull()
  })
})
