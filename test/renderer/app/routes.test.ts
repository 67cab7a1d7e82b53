import { afterEach, describe, expect, it } from 'vitest'
import { createStore } from 'zustand/vanilla'
import { screenFromHash, screenHash, startRouting } from '../../../src/renderer/src/app/routes'
import type { Screen } from '../../../src/renderer/src/store/nav.slice'

describe('screen addresses', () => {
  it('round-trips a screen and its parameters through the address', () => {
    const screens: Screen[] = [{ id: 'home' }, { id: 'fleet' }, { id: 'connection', params: { id: 'c-1', task: '42' } }, { id: 'customer', params: { name: 'Acme & Sons / Ørsted' } }]
    for (const screen of screens) expect(screenFromHash(screenHash(screen))).toEqual(screen)
    expect(screenHash({ id: 'connection', params: { task: 7, id: 'x' } })).toBe('#/connection?id=x&task=7')
  })

  it('names no screen for an in-page anchor, an unknown screen or junk', () => {
    for (const hash of ['', '#', '#main', '#/', '#/nowhere', '#/fleet/extra', 'fleet']) expect(screenFromHash(hash)).toBeUndefined()
  })
})

describe('routing', () => {
  let stop: (() => void) | undefined
  afterEach(() => {
    stop?.()
    stop = undefined
    window.history.replaceState(null, '', '#')
  })

  const makeStore = (screen: Screen = { id: 'home' }) =>
    createStore<{ screen: Screen; navigate(screen: Screen): void }>()((set) => ({ screen, navigate: (next) => set({ screen: next }) }))

  it('opens the screen the address names (a reload keeps its screen)', () => {
    window.history.replaceState(null, '', '#/customer?name=Acme')
    const store = makeStore()
    stop = startRouting(store)
    expect(store.getState().screen).toEqual({ id: 'customer', params: { name: 'Acme' } })
  })

  it('writes each navigation into the history, and back and forward navigate', async () => {
    window.history.replaceState(null, '', '#')
    const store = makeStore()
    stop = startRouting(store)
    expect(window.location.hash).toBe('#/home')
    store.getState().navigate({ id: 'fleet' })
    store.getState().navigate({ id: 'connection', params: { id: 'c-9' } })
    expect(window.location.hash).toBe('#/connection?id=c-9')

    const popped = () => new Promise<void>((resolve) => window.addEventListener('popstate', () => resolve(), { once: true }))
    let pop = popped()
    window.history.back()
    await pop
    expect(store.getState().screen).toEqual({ id: 'fleet' })
    pop = popped()
    window.history.forward()
    await pop
    expect(store.getState().screen).toEqual({ id: 'connection', params: { id: 'c-9' } })
  })

  it('puts the address back when a navigation by Back is held back (a form asking about unsaved edits)', async () => {
    window.history.replaceState(null, '', '#')
    let holdBack = false
    const store = createStore<{ screen: Screen; navigate(screen: Screen): void }>()((set) => ({
      screen: { id: 'home' },
      navigate: (next) => {
        if (!holdBack) set({ screen: next })
      }
    }))
    stop = startRouting(store)
    store.getState().navigate({ id: 'connectionEdit' })
    holdBack = true
    const popped = new Promise<void>((resolve) => window.addEventListener('popstate', () => resolve(), { once: true }))
    window.history.back()
    await popped
    expect(store.getState().screen).toEqual({ id: 'connectionEdit' })
    expect(window.location.hash).toBe('#/connectionEdit')
  })
})
