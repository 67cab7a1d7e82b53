import { describe, expect, it } from 'vitest'
import { loadInto, type Loadable, type LoadableSlot } from '../../../src/renderer/src/store/resource'
import { ApiError } from '../../../src/renderer/src/api'

function memorySlot<T>(initial?: Loadable<T>): LoadableSlot<T> & { writes: Array<Loadable<T>> } {
  let current = initial
  const writes: Array<Loadable<T>> = []
  return {
    writes,
    read: () => current,
    write: (next) => {
      current = next
      writes.push(next)
    }
  }
}

/** A fetch the test settles by hand. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('loadInto', () => {
  it('marks the slot loading, then holds the value with when it arrived', async () => {
    const slot = memorySlot<number>()
    const before = Date.now()
    await expect(loadInto(slot, async () => 42)).resolves.toBe(42)
    expect(slot.writes[0]).toEqual({ loading: true })
    const last = slot.read()
    expect(last?.value).toBe(42)
    expect(last?.loading).toBe(false)
    expect(Date.parse(last?.loadedAt ?? '')).toBeGreaterThanOrEqual(before - 1000)
  })

  it('does not read again while a load runs, nor when a value is there unless forced', async () => {
    const slot = memorySlot<number>()
    const first = deferred<number>()
    let fetches = 0
    const running = loadInto(slot, () => {
      fetches++
      return first.promise
    })
    await expect(loadInto(slot, async () => fetches++, true)).resolves.toBeUndefined()
    first.resolve(1)
    await running
    await loadInto(slot, async () => ++fetches)
    expect(fetches).toBe(1)
    await expect(loadInto(slot, async () => ++fetches, true)).resolves.toBe(2)
    expect(slot.read()?.value).toBe(2)
  })

  it('keeps the last value and its time after a failed reload, with the error in plain words', async () => {
    const slot = memorySlot<string>({ value: 'old', loadedAt: '2026-03-04T10:00:00.000Z', loading: false })
    const failed = await loadInto(
      slot,
      async () => {
        throw new ApiError({ code: 'OFFLINE', message: 'The provider did not answer.', retryable: true })
      },
      true
    )
    expect(failed).toBeUndefined()
    expect(slot.read()).toEqual({ value: 'old', loadedAt: '2026-03-04T10:00:00.000Z', loading: false, error: 'The provider did not answer.' })
    await loadInto(slot, async () => 'new', true)
    expect(slot.read()?.error).toBeUndefined()
  })
})
