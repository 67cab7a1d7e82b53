import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import { CloudAllyConsole } from '../../../../src/renderer/src/providers/cloudally/CloudAllyConsole'
import { useStore } from '../../../../src/renderer/src/store'
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

  it('with no restore yet, the Restores tab says where one starts and goes there: the Tasks tab, or the Restore center', async () => {
    installFakeBridge({ 'restores.list': () => [] })
    render(<CloudAllyConsole connection={connection} />)
    fireEvent.click(screen.getByRole('tab', { name: 'Restores' }))
    expect(await screen.findByText(/No restore or download has been started from Backdesk for this connection yet/)).toBeTruthy()
    const where = screen.getByText(/starts from a backup task/)
    expect(where.textContent).toBe(
      'A restore or download starts from a backup task: choose Restore… on the task’s row in the Tasks tab, or find the task in the Restore center, which searches every connection.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Go to Tasks' }))
    const tasks = screen.getByRole('tab', { name: 'Tasks' })
    expect(tasks.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(tasks)
    expect(screen.getByRole('heading', { name: 'Tasks and backup tasks' })).toBeTruthy()
    fireEvent.click(screen.getByRole('tab', { name: 'Restores' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Open the Restore center' }))
    expect(useStore.getState().screen.id).toBe('restores')
  })
})
