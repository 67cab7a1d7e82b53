/**
 * `value` without its undefined fields, so that optional fields stay absent (the model types'
 * convention: a field the provider did not send is not there). A copy rather than `delete`:
 * deleting a field drops a V8 object into slow dictionary mode, and mapped provider objects are
 * read many times afterwards.
 */
export function defined<T extends object>(value: T): T {
  const out = {} as T
  for (const key in value) if (value[key] !== undefined) out[key] = value[key]
  return out
}
