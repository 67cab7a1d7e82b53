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
