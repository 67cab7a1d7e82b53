import { field, isRecord } from '../http/request'
import { apiError } from './errors'

/**
 * Resolves a nested reference from a request body ({ id } or { name }, a bare id or a bare name).
 * Zero-valued fields (id 0, name "", the Go client's 0001-01-01 dates) count as absent, so
 * `{ "ID": 3, "Name": "", "CreatedDate": "0001-01-01T00:00:00Z" }` means id 3. Returns undefined
 * when nothing usable was given, throws 400 when it names something unknown.
 */
export function refId(value: unknown, items: ReadonlyArray<{ id: number; name: string }>, what: string, aliases: Record<string, number> = {}): number | undefined {
  if (value === undefined || value === null) return undefined
  let id: unknown
  let name: unknown
  if (isRecord(value)) {
    id = field(value, 'id')
    name = field(value, 'name')
  } else if (typeof value === 'number') {
    id = value
  } else if (typeof value === 'string') {
    if (/^\d+$/.test(value)) id = Number(value)
    else name = value
  } else {
    throw apiError(400, `Invalid ${what}.`)
  }
  if (typeof id === 'string' && /^\d+$/.test(id)) id = Number(id)
  if (typeof id === 'number' && id !== 0) {
    const found = items.find((i) => i.id === id)
    if (!found) throw apiError(400, `Unknown ${what} id ${id}.`)
    return found.id
  }
  if (typeof name === 'string' && name.trim()) {
    const lower = name.trim().toLowerCase()
    const found = items.find((i) => i.name.toLowerCase() === lower)
    if (found) return found.id
    const alias = aliases[lower]
    if (alias !== undefined) return alias
    throw apiError(400, `Unknown ${what} '${name}'.`)
  }
  return undefined
}

/** A value that counts as given: not absent, null, "", 0 or a reference with neither id nor name. */
function given(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0) return false
  if (isRecord(value)) {
    const id = field(value, 'id')
    const name = field(value, 'name')
    return given(id) || (typeof name === 'string' && name.trim() !== '')
  }
  return true
}

/**
 * Strict mode: a PUT replaces the object, so a body without one of its required fields is
 * refused (400) instead of keeping the old value, which is what a partial "patch" body gets at
 * the service.
 */
export function requireFields(body: Record<string, unknown>, names: readonly string[], resource: string): void {
  const missing = names.filter((n) => !given(field(body, n)))
  if (missing.length === 0) return
  const list = missing.map((n) => n[0]?.toUpperCase() + n.slice(1)).join(', ')
  throw apiError(
    400,
    `The request is invalid: ${list} ${missing.length === 1 ? 'is' : 'are'} required.`,
    `PUT replaces the whole ${resource}: read it, change it and send all of it back (missing: ${missing.join(', ')}).`
  )
}
