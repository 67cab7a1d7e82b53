import type { StateCreator } from 'zustand'
import type { RestoreRecord } from '../../../shared/model/restore'
import { call } from '../api'
import type { AppState } from './index'
import { failed, notLoaded, received, type Loadable } from './resource'

// Restore and download requests as main's tracker reports them. Kept up to date by the
// `restores.progress` topic (routed by app/ipc-events.ts), whatever screen is showing.

export interface RestoresSlice {
  /** Every request seen, by id: lists read merged with the records events brought. */
  restores: Loadable<Record<string, RestoreRecord>>
  /** Reads one connection's requests (or all); the same read asked for while it runs is not sent twice. */
  loadRestores(connectionId?: string): Promise<void>
  upsertRestore(record: RestoreRecord): void
}

const NO_RESTORES: Record<string, RestoreRecord> = {}

/** Every request seen so far, by id (one empty record until then, so a selector's answer stays the same). */
export const selectRestores = (s: AppState): Record<string, RestoreRecord> => s.restores.value ?? NO_RESTORES

/** `known` with each of `records` that is not older than the one it has. */
function merged(known: Record<string, RestoreRecord>, records: RestoreRecord[]): Record<string, RestoreRecord> {
  const next = { ...known }
  for (const r of records) {
    const had = next[r.id]
    if (!had || had.updatedAt <= r.updatedAt) next[r.id] = r
  }
  return next
}

export const createRestoresSlice: StateCreator<AppState, [], [], RestoresSlice> = (set, get) => {
  // One read per scope at a time: a screen mounting twice does not ask twice.
  const running = new Map<string, Promise<void>>()
  const read = async (connectionId: string | undefined) => {
    set((s) => ({ restores: { ...s.restores, loading: true } }))
    try {
      const list = await call('restores.list', connectionId ? { connectionId } : {})
      // An event may have brought a newer state than this list.
      set((s) => ({ restores: { ...received(s.restores, merged(selectRestores(s), list)), loading: running.size > 1 } }))
    } catch (error) {
      set((s) => ({ restores: { ...failed(s.restores, error), loading: running.size > 1 } }))
    }
  }
  return {
    restores: notLoaded(),
    loadRestores(connectionId) {
      const key = connectionId ?? ''
      const pending = running.get(key)
      if (pending) return pending
      const next = read(connectionId).finally(() => running.delete(key))
      running.set(key, next)
      return next
    },
    upsertRestore: (record) => {
      const known = selectRestores(get())[record.id]
      if (known && known.updatedAt > record.updatedAt) return
      set((s) => ({ restores: received(s.restores, { ...selectRestores(s), [record.id]: record }) }))
    }
  }
}
