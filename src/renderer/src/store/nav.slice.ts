import type { StateCreator } from 'zustand'
import type { AppState } from './index'

/** Every screen the app can show. A screen survives a vault lock: the lock screen overlays it. */
export const SCREEN_IDS = ['home', 'about', 'settings', 'connection', 'connectionEdit', 'fleet', 'restores', 'customers', 'customer', 'workspace', 'reports', 'activity'] as const
export type ScreenId = (typeof SCREEN_IDS)[number]

export interface Screen {
  id: ScreenId
  params?: Record<string, string | number>
}

export interface NavSlice {
  screen: Screen
  navigate(screen: Screen): void
}

/** The address of a screen. Parameters become a query string (their values are read back as text). */
export function screenHash(screen: Screen): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(screen.params ?? {}).sort(([a], [b]) => a.localeCompare(b))) params.set(key, String(value))
  const query = params.toString()
  return `#/${screen.id}${query ? `?${query}` : ''}`
}

export const createNavSlice: StateCreator<AppState, [], [], NavSlice> = (set) => ({
  screen: { id: 'home' },
  navigate: (screen) => set({ screen })
})
