import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../../src/renderer/src/store'

describe('search slice', () => {
  it('opens and closes the command palette', () => {
    const store = createAppStore()
    expect(store.getState().searchOpen).toBe(false)
    store.getState().openSearch()
    expect(store.getState().searchOpen).toBe(true)
    store.getState().closeSearch()
    expect(store.getState().searchOpen).toBe(false)
  })
})
