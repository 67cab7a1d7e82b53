import type { StateCreator } from 'zustand'
import type { AppState } from './index'

/** Every screen the app can show. A screen survives a vault lock: the lock screen overlays it. */
export type ScreenId = 'home' | 'about' | 'settings' | 'connection' | 'connectionEdit' | 'fleet' | 'restores' | 'customers' | 'customer' | 'workspace' | 'reports'

export interface Screen {
  id: ScreenId
  params?: Record<string, string | number>
}

export interface NavSlice {
  screen: Screen
  navigate(screen: Screen): void
}

export const createNavSlice: StateCreator<AppState, [], [], NavSlice> = (set) => ({
  screen: { id: 'home' },
  navigate: (screen) => set({ screen })
})
