import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../../src/renderer/src/store'
import { screenHash } from '../../../src/renderer/src/store/nav.slice'

describe('nav slice', () => {
  it('starts at home and shows the screen it is sent to', () => {
    const store = createAppStore()
    expect(store.getState().screen).toEqual({ id: 'home' })
    store.getState().navigate({ id: 'connection', params: { id: 'c1' } })
    expect(store.getState().screen).toEqual({ id: 'connection', params: { id: 'c1' } })
  })

  it('writes a screen address with its parameters sorted and escaped', () => {
    expect(screenHash({ id: 'home' })).toBe('#/home')
    expect(screenHash({ id: 'fleet', params: { status: 'failed', customer: 'A & B', page: 2 } })).toBe('#/fleet?customer=A+%26+B&page=2&status=failed')
  })
})

describe('nav slice: unsaved edits', () => {
  it('holds a navigation back while a guard has unsaved edits, and goes on after a discard', () => {
    const store = createAppStore()
    store.getState().setUnsavedEdits('form', 'the form')
    store.getState().navigate({ id: 'fleet' })
    expect(store.getState().screen).toEqual({ id: 'home' })
    expect(store.getState().leaving?.guard).toBe('form')

    store.getState().answerLeaving(false)
    expect(store.getState().leaving).toBeNull()
    expect(store.getState().screen).toEqual({ id: 'home' })
    // The screen already shown: nothing is left, nothing asked.
    store.getState().navigate({ id: 'home' })
    expect(store.getState().leaving).toBeNull()

    store.getState().navigate({ id: 'fleet' })
    store.getState().answerLeaving(true)
    expect(store.getState().screen).toEqual({ id: 'fleet' })
    expect(store.getState().unsavedEdits).toEqual([])
  })

  it('asks each guard with unsaved edits in turn before navigating', () => {
    const store = createAppStore()
    store.getState().setUnsavedEdits('a', 'form A')
    store.getState().setUnsavedEdits('b', 'form B')
    store.getState().navigate({ id: 'fleet' })
    store.getState().answerLeaving(true)
    expect(store.getState().leaving?.guard).toBe('b')
    expect(store.getState().screen).toEqual({ id: 'home' })
    store.getState().answerLeaving(true)
    expect(store.getState().screen).toEqual({ id: 'fleet' })
  })

  it('drops the question when its guard is lifted (the edits were saved)', () => {
    const store = createAppStore()
    store.getState().setUnsavedEdits('form', 'the form')
    store.getState().navigate({ id: 'fleet' })
    store.getState().setUnsavedEdits('form', null)
    expect(store.getState().leaving).toBeNull()
    store.getState().navigate({ id: 'fleet' })
    expect(store.getState().screen).toEqual({ id: 'fleet' })
  })

  it('keeps each guard’s editor name, renamed in place, for the question main asks before closing', () => {
    const store = createAppStore()
    store.getState().setUnsavedEdits('a', 'the connection “Alpha”')
    store.getState().setUnsavedEdits('b', 'the new connection')
    store.getState().navigate({ id: 'fleet' })
    store.getState().setUnsavedEdits('a', 'the connection “Alpha 2”')
    expect(store.getState().unsavedEdits).toEqual([
      { guard: 'a', editor: 'the connection “Alpha 2”' },
      { guard: 'b', editor: 'the new connection' }
    ])
    // Renaming is no lifting: the question being asked stays.
    expect(store.getState().leaving?.guard).toBe('a')
    store.getState().setUnsavedEdits('a', null)
    expect(store.getState().unsavedEdits).toEqual([{ guard: 'b', editor: 'the new connection' }])
  })
})
