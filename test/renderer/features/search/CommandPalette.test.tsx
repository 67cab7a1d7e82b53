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
    const answer: SearchAnswer = { results: [result('saved', 'acme/one'), result('unsaved', 'acme/two'), result('online', 'acme/three')], notIndexed: [], moreNotIndexed: [] }
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
  const gap = (connectionId: string, customer: string): SearchGap => ({ connectionId, connectionName: `Conn ${connectionId}`, provider: 'cloudback', customer, what: 'Cloudback repositories' })
  const named = ['a', 'b', 'c', 'd', 'e'].map((id) => gap(id, 'Contoso'))
  const closingLine = async (moreNotIndexed: SearchAnswer['moreNotIndexed'], offlineIds: string[]) => {
    installFakeBridge({ 'search.query': (): SearchAnswer => ({ results: [], notIndexed: named, moreNotIndexed }) })
    useStore.setState({ searchOpen: true })
    for (const id of offlineIds) useStore.getState().applyOffline({ connectionId: id, offline: true, message: 'The server refused the connection.' })
    const { unmount } = render(<CommandPalette />)
    await act(async () => fireEvent.change(screen.getByRole('combobox'), { target: { value: 'acme' } }))
    const items = within(await screen.findByRole('list', { name: 'Not searchable yet' })).getAllByRole('listitem')
    const last = items.at(-1)?.textContent ?? ''
    unmount()
    return last
  }

  it('counts the connections not named apart: those a scan would load, and those it would not (offline, or the index full)', async () => {
    expect(await closingLine([{ connectionId: 'f' }, { connectionId: 'g' }, { connectionId: 'h' }, { connectionId: 'i' }, { connectionId: 'j' }], ['i', 'j'])).toBe(
      'and 3 more connections — run a scan; 2 more cannot be reached now'
    )
    // Every one offline: no scan hint at all.
    expect(await closingLine([{ connectionId: 'k' }, { connectionId: 'l' }], ['k', 'l'])).toBe('and 2 more connections cannot be reached now')
    expect(await closingLine([{ connectionId: 'm' }], ['m'])).toBe('and 1 more connection cannot be reached now')
    expect(await closingLine([{ connectionId: 'n' }, { connectionId: 'o' }], ['o'])).toBe('and 1 more connection — run a scan; 1 more cannot be reached now')
    expect(await closingLine([{ connectionId: 'p' }, { connectionId: 'q', partial: true }], [])).toBe(
      'and 1 more connection — run a scan; 1 more only partly searchable (the search index is full)'
    )
    expect(await closingLine([{ connectionId: 'r' }, { connectionId: 's' }], [])).toBe('and 2 more connections — run a scan')
  })

  it('says an offline connection cannot be reached now, with no scan hint, and keeps the hint for an online one', async () => {
    const answer: SearchAnswer = { results: [], notIndexed: [gap('down', 'Contoso'), gap('up', 'Fabrikam')], moreNotIndexed: [] }
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

describe('CommandPalette, screens by name', () => {
  it('offers the screens whose name or a word of it starts with what was typed, before the results, and Enter goes there', async () => {
    installFakeBridge({ 'search.query': (): SearchAnswer => ({ results: [result('one', 'fleet-tools')], notIndexed: [], moreNotIndexed: [] }) })
    useStore.setState({ searchOpen: true, screen: { id: 'home' } })
    const { unmount } = render(<CommandPalette />)
    const box = screen.getByRole('combobox')
    await act(async () => fireEvent.change(box, { target: { value: 'fle' } }))
    await screen.findByText('fleet-tools')
    const options = screen.getAllByRole('option')
    expect(options.map((o) => o.querySelector('.palette-label')?.textContent)).toEqual(['Fleet health', 'fleet-tools'])
    expect(options[0]?.querySelector('.palette-kind')?.textContent).toBe('Screen')
    expect(options[0]?.getAttribute('aria-selected')).toBe('true')
    expect(screen.getByRole('status').textContent).toMatch(/^2 results\./)

    // A word inside the name counts, and so does New connection, which only the sidebar's list offers.
    await act(async () => fireEvent.change(box, { target: { value: 'health' } }))
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('Fleet health')
    await act(async () => fireEvent.change(box, { target: { value: 'new c' } }))
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('New connection')

    // Down moves past the screens to the results; Up comes back; Enter opens the screen.
    await act(async () => fireEvent.change(box, { target: { value: 'fle' } }))
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(box, { key: 'ArrowUp' })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(useStore.getState().screen).toEqual({ id: 'fleet' })
    expect(useStore.getState().searchOpen).toBe(false)
    unmount()
  })

  it('offers no screen for text that starts none of their words', async () => {
    installFakeBridge({ 'search.query': (): SearchAnswer => ({ results: [], notIndexed: [], moreNotIndexed: [] }) })
    useStore.setState({ searchOpen: true })
    const { unmount } = render(<CommandPalette />)
    await act(async () => fireEvent.change(screen.getByRole('combobox'), { target: { value: 'eet' } }))
    expect(await screen.findByText(/^Nothing found for “eet”/)).toBeTruthy()
    expect(screen.queryAllByRole('option')).toHaveLength(0)
    unmount()
  })
})
