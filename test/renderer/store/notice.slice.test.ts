import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../../src/renderer/src/store'

describe('notice slice', () => {
  it('keeps the five newest toasts, each with its own id, and dismisses one by id', () => {
    const store = createAppStore()
    for (let n = 1; n <= 7; n++) store.getState().pushToast({ level: 'info', message: `Notice ${n}` })
    const toasts = store.getState().toasts
    expect(toasts.map((t) => t.message)).toEqual(['Notice 3', 'Notice 4', 'Notice 5', 'Notice 6', 'Notice 7'])
    expect(new Set(toasts.map((t) => t.id)).size).toBe(5)
    store.getState().dismissToast(toasts[0]!.id)
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Notice 4', 'Notice 5', 'Notice 6', 'Notice 7'])
  })
})
