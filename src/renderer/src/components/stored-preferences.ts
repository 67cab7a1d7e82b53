// Display preferences a user set by dragging (column and pane widths), kept in the page's
// localStorage: ids and pixel counts only, no customer data, so they need neither the vault nor
// main. Anything unreadable is ignored, and the view falls back to its defaults.

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // storage disabled for this origin
  }
}

/** The value stored under `key`, parsed; undefined when there is none or it is not JSON. */
export function readPreference(key: string): unknown {
  try {
    const raw = storage()?.getItem(key)
    return raw ? (JSON.parse(raw) as unknown) : undefined
  } catch {
    return undefined
  }
}

/** Stores `value` under `key`; undefined removes it (back to the default). */
export function writePreference(key: string, value: unknown): void {
  try {
    const s = storage()
    if (!s) return
    if (value === undefined) s.removeItem(key)
    else s.setItem(key, JSON.stringify(value))
  } catch {
    // Quota or a disabled storage: the preference lasts until the view unmounts.
  }
}

/** A stored width in whole pixels, or undefined when it is not a sane one (old or edited data). */
export function storedWidth(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 10_000 ? Math.round(value) : undefined
}
