import type { StateCreator } from 'zustand'
import type { AppState } from './index'

// Search everywhere: whether the command palette is open (Ctrl/Cmd+K).

export interface SearchSlice {
  searchOpen: boolean
  openSearch(): void
  closeSearch(): void
}

export const createSearchSlice: StateCreator<AppState, [], [], SearchSlice> = (set) => ({
  searchOpen: false,
  openSearch: () => set({ searchOpen: true }),
  closeSearch: () => set({ searchOpen: false })
})
