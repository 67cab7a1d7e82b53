// The Ctrl/⌘ shortcuts as this platform writes them: a Mac uses ⌘ where the others use Ctrl.

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Ctrl/⌘ with `key` (one upper-case letter): as shown ('Ctrl+K', '⌘K') and as `aria-keyshortcuts` names it. */
export function modShortcut(key: string): { label: string; aria: string } {
  return IS_MAC ? { label: `⌘${key}`, aria: `Meta+${key}` } : { label: `Ctrl+${key}`, aria: `Control+${key}` }
}
