/** Only the fields that differ from `before` (an edit sends just what changed). */
export function changed<T extends object>(next: T, before: Partial<T> | undefined): Partial<T> {
  if (!before) return next
  const out: Partial<T> = {}
  for (const key of Object.keys(next) as Array<keyof T>) if (next[key] !== before[key]) out[key] = next[key]
  return out
}
