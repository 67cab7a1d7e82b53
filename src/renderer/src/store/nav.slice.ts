import type { StateCreator } from 'zustand'
import type { AppState } from './index'

/** Every screen the app can show. A screen survives a vault lock: the lock screen overlays it. */
export const SCREEN_IDS = ['home', 'about', 'settings', 'connection', 'connectionEdit', 'fleet', 'restores', 'customers', 'customer', 'workspace', 'reports', 'activity'] as const
export type ScreenId = (typeof SCREEN_IDS)[number]

export interface Screen {
  id: ScreenId
  params?: Record<string, string | number>
}

/**
 * The screens the sidebar lists, by name, in its order: the sidebar draws them, and search offers
 * them by name too, so the keyboard reaches every one with the sidebar hidden.
 */
export const NAV_SCREENS = {
  main: [
    { id: 'home', label: 'Overview' },
    { id: 'customers', label: 'Customers' },
    { id: 'restores', label: 'Restore center' },
    { id: 'fleet', label: 'Fleet health' },
    { id: 'reports', label: 'Reports' },
    { id: 'activity', label: 'Activity' },
    { id: 'workspace', label: 'Team workspace' }
  ],
  bottom: [
    { id: 'settings', label: 'Settings' },
    { id: 'about', label: 'About' }
  ]
} as const satisfies Record<string, ReadonlyArray<{ id: ScreenId; label: string }>>

/** An editor holding edits not saved yet: its guard, and its name as a sentence says it ("the connection “Contoso”"). */
export interface UnsavedEdit {
  guard: string
  editor: string
}

export interface NavSlice {
  screen: Screen
  /** Shows the screen, or first asks a screen with unsaved edits (see `unsavedEdits`). */
  navigate(screen: Screen): void
  /** The guards (`useUnsavedChangesGuard`) of what holds edits not saved yet, each with its editor's name. */
  unsavedEdits: UnsavedEdit[]
  /** The guard being asked whether to throw its edits away, and what "Discard changes" goes on to do. */
  leaving: { guard: string; proceed: () => void } | null
  /** `editor`: the name of the editor holding unsaved edits under this guard; null when it holds none. */
  setUnsavedEdits(guard: string, editor: string | null): void
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
    const [first] = get().unsavedEdits
    // Going to the screen already shown throws nothing away.
    if (first === undefined || screenHash(screen) === screenHash(get().screen)) set({ screen })
    // Asked again after a discard: another guard's edits, if any, get their own question.
    else set({ leaving: { guard: first.guard, proceed: () => get().navigate(screen) } })
  },
  unsavedEdits: [],
  leaving: null,
  setUnsavedEdits: (guard, editor) =>
    set(({ unsavedEdits, leaving }) => {
      const index = unsavedEdits.findIndex((u) => u.guard === guard)
      // A renamed editor keeps its place (the first one is asked first).
      if (editor !== null && index >= 0) return { unsavedEdits: unsavedEdits.map((u, i) => (i === index ? { guard, editor } : u)) }
      const others = unsavedEdits.filter((u) => u.guard !== guard)
      // A guard lifted while asked (its edits saved or typed back) has nothing left to ask.
      return { unsavedEdits: editor !== null ? [...others, { guard, editor }] : others, leaving: editor === null && leaving?.guard === guard ? null : leaving }
    }),
  leaveOrAsk: (guard, leave) => {
    if (get().unsavedEdits.some((u) => u.guard === guard)) set({ leaving: { guard, proceed: leave } })
    else leave()
  },
  answerLeaving: (discard) => {
    const leaving = get().leaving
    if (!leaving) return
    set({ leaving: null, unsavedEdits: discard ? get().unsavedEdits.filter((u) => u.guard !== leaving.guard) : get().unsavedEdits })
    if (discard) leaving.proceed()
  }
})
