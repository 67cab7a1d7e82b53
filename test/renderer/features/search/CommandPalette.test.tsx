import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { SearchAnswer, SearchGap, SearchResult } from '../../../../src/shared/model/search'
import { CommandPalette } from '../../../../src/renderer/src/features/search/CommandPalette'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'

const result = (connectionId: string, label: string): SearchResult => ({
  id: `${connectionId}:${label}`,
  provider: 'cloudback',
  connectionId,
  connectionName: `Conn ${connectionId}`,
  kind: 'repository',
  label,
  score: 1,
  target: { screen: 'connection', params: { id: connectionId } }
})

describe('CommandPalette', () => {
  it('marks a result of an offline connection with the age of its saved data, and never with "an unknown time ago" when none was shown', async () => {
    const answer: SearchAnswer = { results: [result('saved', 'acme/one'), result('unsaved', 'acme/two'), result('online', 'acme/three')], notIndexed: [], notIndexedCount: 0 }
    installFakeBridge({ 'search.query': () => answer })
    useStore.setState({ searchOpen: true })
    useStore.getState().applyOffline({ connectionId: 'saved', offline: true, snapshotAt: new Date().toISOString() })
    useStore.getState().applyOffline({ connectionId: 'unsaved', offline: true, message: 'The server refused the connection.' })
    render(<CommandPalette />)
    await act(async () => fireEvent.change(screen.getByRole('combobox'), { target: { value: 'acme' } }))
    const options = await screen.findAllByRole('option')
    const details = options.map((o) => o.querySelector('.palette-detail')?.textContent ?? '')
    expect(details[0]).toContain('offline: saved data from less than a minute ago')
    expect(details[1]).toContain('offline: cannot be reached now')
    expect(details[1]).not.toContain('unknown time')
    expect(details[2]).not.toContain('offline')
  })
})

describe('CommandPalette, what is not searchable yet', () => {
  it('says an offline connection cannot be reached now, with no scan hint, and keeps the hint for an online one', async () => {
    const gap = (connectionId: string, customer: string): SearchGap => ({ connectionId, connectionName: `Conn ${connectionId}`, provider: 'cloudback', customer, what: 'Cloudback repositories' })
    const answer: SearchAnswer = { results: [], notIndexed: [gap('down', 'Contoso'), gap('up', 'Fabrikam')], notIndexedCount: 2 }
    installFakeBridge({ 'search.query': () => answer })
    useStore.setState({ searchOpen: true })
    useStore.getState().applyOffline({ connectionId: 'down', offline: true, message: 'The server refused the connection.' })
    render(<CommandPalette />)
    await act(async () => fireEvent.change(screen.getByRole('combobox'), { target: { value: 'acme' } }))
    const gaps = within(await screen.findByRole('list', { name: 'Not searchable yet' })).getAllByRole('listitem').map((li) => li.textContent ?? '')
    expect(gaps[0]).toBe('Cloudback repositories of Contoso (Conn down) not loaded: the connection cannot be reached now')
    expect(gaps[0]).not.toContain('scan')
    expect(gaps[1]).toBe('Cloudback repositories of Fabrikam (Conn up) not loaded yet — run a scan')
  })
})
