// Every screen has a URL: `#/<screen>?<params>`. Back and forward move between screens, a reload
// (web shell) or a new window keeps the screen, and a screen opens scrolled to the top. The store's
// `screen` stays the one source of truth; this only mirrors it into the address and back.
import { SCREEN_IDS, screenHash, type Screen, type ScreenId } from '../store/nav.slice'

// The address of a screen lives beside the screens (store/nav.slice.ts), so a feature's links can make it too.
export { screenHash }

/** The screen an address names, or undefined for anything else (an in-page anchor, a typo). */
export function screenFromHash(hash: string): Screen | undefined {
  const match = /^#\/([A-Za-z]+)(?:\?(.*))?$/.exec(hash)
  if (!match) return undefined
  const id = match[1] as ScreenId
  if (!SCREEN_IDS.includes(id)) return undefined
  const params = Object.fromEntries(new URLSearchParams(match[2] ?? ''))
  return Object.keys(params).length ? { id, params } : { id }
}

function sameScreen(a: Screen, b: Screen): boolean {
  return screenHash(a) === screenHash(b)
}

export interface RoutedStore {
  getState(): { screen: Screen; navigate(screen: Screen): void }
  subscribe(listener: (state: { screen: Screen }, previous: { screen: Screen }) => void): () => void
}

/**
 * Starts mirroring: the address's screen is shown first (a reload keeps its screen), each later
 * navigation adds a history entry, and back/forward navigate. Answers the stop.
 */
export function startRouting(store: RoutedStore, win: Window = window): () => void {
  const initial = screenFromHash(win.location.hash)
  if (initial && !sameScreen(initial, store.getState().screen)) store.getState().navigate(initial)
  else win.history.replaceState(win.history.state, '', screenHash(store.getState().screen))

  const onPop = () => {
    const screen = screenFromHash(win.location.hash)
    if (!screen || sameScreen(screen, store.getState().screen)) return
    store.getState().navigate(screen)
    // Held back (a form asks about its unsaved edits first): the address goes back to the screen
    // still shown; a discard then navigates, which writes the address again.
    const shown = screenHash(store.getState().screen)
    if (win.location.hash !== shown) win.history.pushState(null, '', shown)
  }
  win.addEventListener('popstate', onPop)
  const stop = store.subscribe((state, previous) => {
    if (state.screen === previous.screen) return
    const hash = screenHash(state.screen)
    if (win.location.hash !== hash) win.history.pushState(null, '', hash)
    // A new screen starts at its top, not where the previous one was scrolled to.
    win.document.getElementById('main')?.scrollTo?.(0, 0)
  })
  return () => {
    win.removeEventListener('popstate', onPop)
    stop()
  }
}
