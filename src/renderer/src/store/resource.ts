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

/**
 * Loads `fetch` into a slot: marks it loading, then stores the value (or the error, keeping the
 * last value). Does nothing while a load is running, or when a value is there and `force` is
 * not set, so every screen can ask without sending the same read twice. Resolves to the value,
 * or undefined when nothing new was loaded.
 */
export async function loadInto<T>(slot: LoadableSlot<T>, fetch: () => Promise<T>, force = false): Promise<T | undefined> {
  const current = slot.read()
  if (current?.loading || (current?.value !== undefined && !force)) return undefined
  slot.write({ ...current, loading: true })
  try {
    const value = await fetch()
    slot.write({ value, loading: false, loadedAt: new Date().toISOString() })
    return value
  } catch (error) {
    const kept: Loadable<T> = { loading: false, error: errorMessage(error) }
    if (current?.value !== undefined) kept.value = current.value
    if (current?.loadedAt !== undefined) kept.loadedAt = current.loadedAt
    slot.write(kept)
    return undefined
  }
}
