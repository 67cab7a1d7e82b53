import { errorMessage } from '../api'

// One shape for anything the store holds that came from main, and one way to load into it.

export interface Loadable<T> {
  /** The last value that arrived; kept while reloading and after a failed reload. */
  value?: T
  /** When `value` arrived (ISO), for "as of" labels. */
  loadedAt?: string
  /** Why the last load failed; cleared by the next success. */
  error?: string
  loading: boolean
}

/** Where one Loadable lives in the store: how to read it and how to replace it. */
export interface LoadableSlot<T> {
  read(): Loadable<T> | undefined
  write(next: Loadable<T>): void
}

/** How one read ended: its value stored, overtaken by a value that arrived meanwhile, failed, or not sent. */
type ReadOutcome<T> = { kind: 'stored'; value: T } | { kind: 'overtaken' } | { kind: 'failed' } | { kind: 'skipped' }

async function readInto<T>(slot: LoadableSlot<T>, fetch: () => Promise<T>, force: boolean): Promise<ReadOutcome<T>> {
  const current = slot.read()
  if (current?.loading || (current?.value !== undefined && !force)) return { kind: 'skipped' }
  slot.write({ ...current, loading: true })
  const before = current?.value
  try {
    const value = await fetch()
    const now = slot.read()
    // A value `received` while this read was in flight (an event main pushed, an action's answer)
    // may be newer than this answer: main can change between answering and pushing, and the web
    // shell's events and answers travel apart. Overwriting it put an older status back on screen.
    if (now && now.value !== before) {
      slot.write({ ...now, loading: false })
      return { kind: 'overtaken' }
    }
    slot.write({ value, loading: false, loadedAt: new Date().toISOString() })
    return { kind: 'stored', value }
  } catch (error) {
    // The value kept is the one there now: one may have arrived during the failed read.
    const now = slot.read() ?? current
    const kept: Loadable<T> = { loading: false, error: errorMessage(error) }
    if (now?.value !== undefined) kept.value = now.value
    if (now?.loadedAt !== undefined) kept.loadedAt = now.loadedAt
    slot.write(kept)
    return { kind: 'failed' }
  }
}

/**
 * Loads `fetch` into a slot: marks it loading, then stores the value (or the error, keeping the
 * last value). Does nothing while a load is running, or when a value is there and `force` is
 * not set, so every screen can ask without sending the same read twice. A value that arrived
 * while the read was in flight is kept rather than overwritten (`latestReader` then reads again).
 * Resolves to the value, or undefined when nothing new was stored.
 */
export async function loadInto<T>(slot: LoadableSlot<T>, fetch: () => Promise<T>, force = false): Promise<T | undefined> {
  const outcome = await readInto(slot, fetch, force)
  return outcome.kind === 'stored' ? outcome.value : undefined
}

/** Nothing read yet. */
export function notLoaded<T>(): Loadable<T> {
  return { loading: false }
}

/** Whether main ever answered (with a value or an error): lists say "none" only after that. */
export function hasAnswered(slot: Loadable<unknown>): boolean {
  return slot.value !== undefined || slot.error !== undefined
}

/**
 * A value that arrived outside a load (an event main pushed, an action's answer, a change made
 * here): it becomes the value as of now, clears the last error and leaves a running load alone.
 */
export function received<T>(current: Loadable<T>, value: T): Loadable<T> {
  return { value, loadedAt: new Date().toISOString(), loading: current.loading }
}

/** An action on the resource failed: the error, with the last value kept. */
export function failed<T>(current: Loadable<T>, error: unknown): Loadable<T> {
  return { ...current, error: errorMessage(error) }
}

/** An action on the resource starts again: its last error no longer stands. */
export function withoutError<T>(current: Loadable<T>): Loadable<T> {
  const { error: _cleared, ...rest } = current
  return rest
}

/**
 * A read that always reaches main, for resources events say have moved: a call while a read runs
 * waits for it and then reads once more (the running read may predate what prompted the call),
 * so at most one read is in flight and the last answer is never older than the last request.
 * A read overtaken by a pushed value is sent once more to settle which is newer; overtaken again
 * (a scan pushing progress all along), the pushed value stands: it is main's word, and at most
 * two reads answer one call.
 */
export function latestReader<T>(slot: LoadableSlot<T>, fetch: () => Promise<T>): () => Promise<void> {
  let running: Promise<void> | undefined
  let again = false
  return () => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      // Set after a read a push overtook, cleared once that read was sent again.
      let resend = false
      do {
        again = false
        const overtaken = (await readInto(slot, fetch, true)).kind === 'overtaken'
        resend = overtaken && !resend
      } while (again || resend)
    })().finally(() => {
      running = undefined
    })
    return running
  }
}

/**
 * A resource read when a screen asks for it: `read()` sends nothing when a value is there or a
 * read runs; `read(true)` (a refresh, a reload after a change) always reaches main as
 * `latestReader` does, so a reload asked for during a read started before the change is not
 * dropped, and awaiting it means the answer is newer than the ask.
 */
export function onDemandReader<T>(slot: LoadableSlot<T>, fetch: () => Promise<T>): (force?: boolean) => Promise<void> {
  const latest = latestReader(slot, fetch)
  return (force = false) => {
    const current = slot.read()
    if (!force && (current?.loading || current?.value !== undefined)) return Promise.resolve()
    return latest()
  }
}

/** One of `make`'s per key (a connection's tree, a business unit's list), made on first use. */
export function perKey<A extends unknown[], R>(keyOf: (...args: A) => string, make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>()
  return (...args) => {
    const key = keyOf(...args)
    let found = made.get(key)
    if (found === undefined) {
      found = make(...args)
      made.set(key, found)
    }
    return found
  }
}
