import { afterEach, describe, expect, it, vi } from 'vitest'
import { OneTimeStore } from '../../../src/main/web/one-time-store'

describe('OneTimeStore', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands a value out once, under an id nobody can guess', () => {
    const store = new OneTimeStore<string>(1000)
    const a = store.put('first')
    const b = store.put('second')
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[\w-]{43}$/)
    expect(store.take(a)).toBe('first')
    expect(store.take(a)).toBeUndefined()
    expect(store.size).toBe(1)
  })

  it('wipes a value left unused when its time is up or on clear, and never one handed out', () => {
    vi.useFakeTimers()
    const dropped: Buffer[] = []
    const store = new OneTimeStore<Buffer>(1000, (bytes) => {
      bytes.fill(0)
      dropped.push(bytes)
    })
    const taken = Buffer.from('taken')
    const expires = Buffer.from('expires')
    const cleared = Buffer.from('cleared')
    store.take(store.put(taken))
    store.put(expires)
    vi.advanceTimersByTime(999)
    expect(store.size).toBe(1)
    vi.advanceTimersByTime(1)
    expect(store.size).toBe(0)
    store.put(cleared)
    store.clear()
    expect(dropped).toEqual([expires, cleared])
    expect(expires.every((b) => b === 0) && cleared.every((b) => b === 0)).toBe(true)
    expect(taken.toString()).toBe('taken')
  })
})
