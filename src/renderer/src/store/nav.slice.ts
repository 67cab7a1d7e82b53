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
  /** Shows the screen, or first asks a screen with unsaved edits (see `unsavedEdits`). */
  navigate(screen: Screen): void
  /** The guards (`useUnsavedChangesGuard`) of what holds edits not saved yet. */
  unsavedEdits: string[]
  /** The guard being asked whether to throw its edits away, and what "Discard changes" goes on to do. */
  leaving: { guard: string; proceed: () => void } | null
  setUnsavedEdits(guard: string, unsaved: boolean): void
  /** Leaving by the screen's own Cancel or Close: asks first if this guard holds unsaved edits. */
  leaveOrAsk(guard: string, leave: () => void): void
  /** The answer: discard (the guard is lifted and the leaving goes on) or keep editing. */
  answerLeaving(discard: boolean): void
}

/** The address of a screen. Parameters become a query string (their values are read back as text). */
export function screenHash(screen: Screen): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(screen.params ?? {}).sort(([a], [b]) => a.localeCompare(b))) params.set(key, String(value))
  const query = params.toString()
  return `#/${screen.id}${query ? `?${query}` : ''}`
}

export const createNavSlice: StateCreator<AppState, [], [], NavSlice> = (set, get) => ({
  screen: { id: 'home' },
  navigate: (screen) => {
    const [guard] = get().unsavedEdits
    // Going to the screen already shown throws nothing away.
    if (guard === undefined || screenHash(screen) === screenHash(get().screen)) set({ screen })
    // Asked again after a discard: another guard's edits, if any, get their own question.
    else set({ leaving: { guard, proceed: () => get().navigate(screen) } })
  },
  unsavedEdits: [],
  leaving: null,
  setUnsavedEdits: (guard, unsaved) =>
    set(({ unsavedEdits, leaving }) => {
      const others = unsavedEdits.filter((g) => g !== guard)
      // A guard lifted while asked (its edits saved or typed back) has nothing left to ask.
      return { unsavedEdits: unsaved ? [...others, guard] : others, leaving: !unsaved && leaving?.guard === guard ? null : leaving }
    }),
  leaveOrAsk: (guard, leave) => {
    if (get().unsavedEdits.includes(guard)) set({ leaving: { guard, proceed: leave } })
    else leave()
  },
  answerLeaving: (discard) => {
    const leaving = get().leaving
    if (!leaving) return
    set({ leaving: null, unsavedEdits: discard ? get().unsavedEdits.filter((g) => g !== leaving.guard) : get().unsavedEdits })
    if (discard) leaving.proceed()
  }
})
