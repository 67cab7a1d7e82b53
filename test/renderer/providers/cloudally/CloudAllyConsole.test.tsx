import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import { CloudAllyConsole } from '../../../../src/renderer/src/providers/cloudally/CloudAllyConsole'
import { installFakeBridge } from '../../fake-bridge'

const connection = { id: 'c-tabs', provider: 'cloudally', mode: 'partner', name: 'Partner', customer: '', tags: [], baseUrl: 'https://api.example', secretOrigin: 'https://api.example' } as unknown as ConnectionSummary

describe('CloudAlly console', () => {
  it('its tabs are one tab stop; the arrow keys, Home and End move between them and open them', () => {
    installFakeBridge()
    render(<CloudAllyConsole connection={connection} />)
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((t) => t.textContent)).toEqual(['Overview', 'Tasks', 'Resellers', 'Users', 'Bills', 'Restores'])
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1])
    tabs[0]!.focus()
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' })
    const tasks = screen.getByRole('tab', { name: 'Tasks' })
    expect(document.activeElement).toBe(tasks)
    expect(tasks.getAttribute('aria-selected')).toBe('true')
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tasks.id)
    expect(screen.getByRole('heading', { name: 'Tasks and backup tasks' })).toBeTruthy()
    fireEvent.keyDown(tasks, { key: 'End' })
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Restores' }))
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Overview' }))
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Restores' }))
    expect(screen.getAllByRole('tab').filter((t) => t.tabIndex === 0).map((t) => t.textContent)).toEqual(['Restores'])
  })
})
