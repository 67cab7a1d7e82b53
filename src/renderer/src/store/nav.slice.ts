import type { StateCreator } from 'zustand'
import type { AppState } from './index'

/** Every screen the app can show. A screen survives a vault lock: the lock screen overlays it. */
export const SCREEN_IDS = ['home', 'about', 'settings', 'connection', 'connectionEdit', 'fleet', 'restores', 'customers', 'customer', 'workspace', 'reports'] as const
export type ScreenId = (typeof SCREEN_IDS)[number]

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
