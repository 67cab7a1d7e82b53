import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import { CloutilityRestoreCenterSection } from '../../../../src/renderer/src/providers/cloutility/RestoreCenterSection'
import { useStore } from '../../../../src/renderer/src/store'

const connection = (id: string, name: string) => ({ id, provider: 'cloutility', name, customer: '', tags: [], baseUrl: 'https://api.example', secretOrigin: 'https://api.example' }) as unknown as ConnectionSummary

describe('CloutilityRestoreCenterSection', () => {
  it('is not shown without a Cloutility connection', () => {
    const { container } = render(<CloutilityRestoreCenterSection connections={[]} />)
    expect(container.textContent).toBe('')
  })

  it('shows the way to the proxy restore guide with a button per Cloutility connection', () => {
    render(<CloutilityRestoreCenterSection connections={[connection('c1', 'Contoso SP'), connection('c2', 'Fabrikam SP')]} />)
    expect(screen.getByRole('heading', { name: /on another machine/ })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Open Fabrikam SP' }))
    expect(useStore.getState().screen).toMatchObject({ id: 'connection', params: { id: 'c2' } })
  })
})
