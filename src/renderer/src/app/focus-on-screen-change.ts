// A screen change takes away the control that had focus (a row's link, a dialog's button), which
// leaves focus on the page's body: a keyboard or screen-reader user would start again from the top.
// After each change of screen, focus moves to the new screen's main heading instead.
import { useEffect, useRef } from 'react'

/**
 * Moves focus to the first h1 in the element with id `mainId` (made focusable for this), or to
 * that element itself where the screen has none, each time `screenKey` changes. Not on the first
 * render (the page opens as the browser left it), and not where focus already sits inside the
 * screen: a screen that focuses its own first field, or a control of the screen that stays (a
 * filter whose value is in the address).
 */
export function useFocusOnScreenChange(screenKey: string, mainId = 'main'): void {
  const shown = useRef(screenKey)
  useEffect(() => {
    if (shown.current === screenKey) return
    shown.current = screenKey
    const main = document.getElementById(mainId)
    if (!main) return
    const active = document.activeElement
    if (active && active !== main && main.contains(active)) return
    const heading = main.querySelector<HTMLElement>('h1')
    if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1
    // The screen already opens scrolled to its top (app/routes.ts): focusing does not scroll again.
    ;(heading ?? main).focus({ preventScroll: true })
  }, [screenKey, mainId])
}
