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
    store.getState().setUnsavedEdits('form', true)
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
    store.getState().setUnsavedEdits('a', true)
    store.getState().setUnsavedEdits('b', true)
    store.getState().navigate({ id: 'fleet' })
    store.getState().answerLeaving(true)
    expect(store.getState().leaving?.guard).toBe('b')
    expect(store.getState().screen).toEqual({ id: 'home' })
    store.getState().answerLeaving(true)
    expect(store.getState().screen).toEqual({ id: 'fleet' })
  })

  it('drops the question when its guard is lifted (the edits were saved)', () => {
    const store = createAppStore()
    store.getState().setUnsavedEdits('form', true)
    store.getState().navigate({ id: 'fleet' })
    store.getState().setUnsavedEdits('form', false)
    expect(store.getState().leaving).toBeNull()
    store.getState().navigate({ id: 'fleet' })
    expect(store.getState().screen).toEqual({ id: 'fleet' })
  })
})
