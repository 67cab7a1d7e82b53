import type { StateCreator } from 'zustand'
import type { RestoreRecord } from '../../../shared/model/restore'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// Restore and download requests as main's tracker reports them. Kept up to date by the
// `restores.progress` topic (routed by app/ipc-events.ts), whatever screen is showing.

export interface RestoresSlice {
  restores: Record<string, RestoreRecord>
  restoresError: string | null
  loadRestores(connectionId?: string): Promise<void>
  upsertRestore(record: RestoreRecord): void
}

export const createRestoresSlice: StateCreator<AppState, [], [], RestoresSlice> = (set) => ({
  restores: {},
  restoresError: null,
  async loadRestores(connectionId) {
    try {
      const list = await call('restores.list', connectionId ? { connectionId } : {})
      set((s) => {
        const restores = { ...s.restores }
        for (const r of list) {
          const known = restores[r.id]
          // An event may have brought a newer state than this list.
          if (!known || known.updatedAt <= r.updatedAt) restores[r.id] = r
        }
        return { restores, restoresError: null }
      })
    } catch (error) {
      set({ restoresError: errorMessage(error) })
    }
  },
  upsertRestore: (record) =>
    set((s) => {
      const known = s.restores[record.id]
      if (known && known.updatedAt > record.updatedAt) return {}
      return { restores: { ...s.restores, [record.id]: record } }
    })
})
