import { describe, expect, it, vi } from 'vitest'
import { failed, hasAnswered, latestReader, loadInto, notLoaded, onDemandReader, perKey, received, withoutError, type Loadable, type LoadableSlot } from '../../../src/renderer/src/store/resource'
import { ApiError } from '../../../src/renderer/src/api'
import { deferred } from '../deferred'

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
  it('keeps a value that arrived while the read was in flight rather than putting the older answer over it', async () => {
    const slot = memorySlot<string>({ value: 'before', loading: false })
    const answer = deferred<string>()
    const loading = loadInto(slot, () => answer.promise, true)
    slot.write(received(slot.read()!, 'pushed'))
    answer.resolve('answered before the push')
    await expect(loading).resolves.toBeUndefined()
    expect(slot.read()).toMatchObject({ value: 'pushed', loading: false })
  })

  it('keeps a value that arrived during a read that then failed, with the error', async () => {
    const slot = memorySlot<string>({ value: 'before', loading: false })
    const answer = deferred<string>()
    const loading = loadInto(slot, () => answer.promise, true)
    slot.write(received(slot.read()!, 'pushed'))
    answer.reject(new Error('Main did not answer.'))
    await loading
    expect(slot.read()).toMatchObject({ value: 'pushed', loading: false, error: 'Main did not answer.' })
  })
})

describe('the helpers around a Loadable', () => {
  it('counts a value or an error as an answer, and a bare load as none', () => {
    expect(hasAnswered(notLoaded())).toBe(false)
    expect(hasAnswered({ loading: true })).toBe(false)
    expect(hasAnswered({ loading: false, error: 'No.' })).toBe(true)
    expect(hasAnswered({ loading: false, value: null })).toBe(true)
  })

  it('takes a pushed value as of now, clearing the error and leaving a running load marked', () => {
    const next = received<number>({ loading: true, value: 1, error: 'Old failure.', loadedAt: '2026-03-04T10:00:00.000Z' }, 2)
    expect(next).toMatchObject({ value: 2, loading: true })
    expect(next.error).toBeUndefined()
    expect(next.loadedAt).not.toBe('2026-03-04T10:00:00.000Z')
  })

  it('records a failed action with the value kept, and drops the error when the action starts again', () => {
    const current: Loadable<string> = { loading: false, value: 'kept', loadedAt: '2026-03-04T10:00:00.000Z' }
    const broken = failed(current, new ApiError({ code: 'LOCKED', message: 'The vault is locked.', retryable: false }))
    expect(broken).toEqual({ ...current, error: 'The vault is locked.' })
    expect(withoutError(broken)).toEqual(current)
  })
})

describe('latestReader', () => {
  it('sends one read at a time and reads once more after it when asked during it, whatever the number of asks', async () => {
    const slot = memorySlot<number>()
    const answers = [deferred<number>(), deferred<number>()]
    let fetches = 0
    const read = latestReader(slot, () => answers[fetches++]!.promise)
    const first = read()
    const second = read()
    const third = read()
    expect(fetches).toBe(1)
    expect(slot.read()?.loading).toBe(true)
    answers[0]!.resolve(1)
    await vi.waitFor(() => expect(fetches).toBe(2))
    expect(slot.read()).toMatchObject({ value: 1, loading: true })
    answers[1]!.resolve(2)
    await Promise.all([first, second, third])
    expect(fetches).toBe(2)
    expect(slot.read()).toMatchObject({ value: 2, loading: false })
  })

  it('reads again when asked after a read, and keeps the value when a read fails', async () => {
    const slot = memorySlot<number>()
    let fail = false
    let fetches = 0
    const read = latestReader(slot, async () => {
      fetches++
      if (fail) throw new Error('Main did not answer.')
      return fetches
    })
    await read()
    fail = true
    await read()
    expect(fetches).toBe(2)
    expect(slot.read()).toMatchObject({ value: 1, error: 'Main did not answer.', loading: false })
  })

  it('reads once more when a pushed value overtook its read, and stores that answer', async () => {
    const slot = memorySlot<string>({ value: 'before', loading: false })
    const answers = [deferred<string>(), deferred<string>()]
    let fetches = 0
    const read = latestReader(slot, () => answers[fetches++]!.promise)
    const reading = read()
    slot.write(received(slot.read()!, 'pushed'))
    answers[0]!.resolve('stale')
    await vi.waitFor(() => expect(fetches).toBe(2))
    expect(slot.read()).toMatchObject({ value: 'pushed', loading: true })
    answers[1]!.resolve('settled')
    await reading
    expect(slot.read()).toMatchObject({ value: 'settled', loading: false })
  })

  it('lets the pushed value stand when pushes overtake the second read too, so a busy slot is read at most twice', async () => {
    const slot = memorySlot<number>({ value: 0, loading: false })
    let fetches = 0
    const read = latestReader(slot, async () => {
      fetches++
      slot.write(received(slot.read()!, 100 + fetches))
      return fetches
    })
    await read()
    expect(fetches).toBe(2)
    expect(slot.read()).toMatchObject({ value: 102, loading: false })
  })
})

describe('onDemandReader', () => {
  it('sends nothing for a plain ask when a value is there or a read runs, and always reads for a forced one', async () => {
    const slot = memorySlot<number>()
    const answers = [deferred<number>(), deferred<number>()]
    let fetches = 0
    const read = onDemandReader(slot, () => answers[fetches++]!.promise)
    const first = read()
    await read()
    expect(fetches).toBe(1)
    const forced = read(true)
    answers[0]!.resolve(1)
    await vi.waitFor(() => expect(fetches).toBe(2))
    expect(slot.read()).toMatchObject({ value: 1, loading: true })
    answers[1]!.resolve(2)
    await Promise.all([first, forced])
    expect(slot.read()).toMatchObject({ value: 2, loading: false })
    await read()
    expect(fetches).toBe(2)
  })
})

describe('perKey', () => {
  it('makes one per key, on first use', () => {
    let made = 0
    const readerOf = perKey((connectionId: string, unit: number) => `${connectionId}/${unit}`, (connectionId, unit) => ({ connectionId, unit, n: ++made }))
    expect(readerOf('c1', 7)).toBe(readerOf('c1', 7))
    expect(readerOf('c1', 8)).toMatchObject({ connectionId: 'c1', unit: 8, n: 2 })
    expect(made).toBe(2)
  })
})
