// The wire-guard kit every provider's mappers read with. A provider's answer is untrusted JSON:
// each field goes through a guard, and a missing or odd value becomes undefined, never a crash or a
// wrong type. One meaning per name, for all three providers.

/** A JSON object as it came off the wire. */
export interface WireObject {
  [key: string]: unknown
}

export function isObject(v: unknown): v is WireObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The object, or an empty one: for reading fields without a guard per access. */
export function rec(v: unknown): WireObject {
  return isObject(v) ? v : {}
}

/** A finite number, or a string that is one. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}

export function int(v: unknown): number | undefined {
  const n = num(v)
  return n !== undefined && Number.isInteger(n) ? n : undefined
}

/** A non-empty string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** A non-empty string, or a finite number written out: for ids and codes an API sends either way. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v !== '' ? v : undefined
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

/** A boolean, or "true"/"false" in any case (.NET writes "True"). */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (typeof v !== 'string') return undefined
  const t = v.toLowerCase()
  return t === 'true' ? true : t === 'false' ? false : undefined
}

/** The array's items without null/undefined holes; anything else is an empty array. */
export function arr<T = WireObject>(v: unknown): T[] {
  return Array.isArray(v) ? (v.filter((x) => x !== null && x !== undefined) as T[]) : []
}

/** A wire array mapped in one pass, dropping what does not map: no intermediate arrays (a status report holds 10,000 node reports). */
export function mapEach<W, T>(v: unknown, map: (w: W) => T | undefined): T[] {
  const out: T[] = []
  if (!Array.isArray(v)) return out
  for (const w of v as W[]) {
    const mapped = map(w)
    if (mapped !== undefined) out.push(mapped)
  }
  return out
}

// Already canonical (what toISOString produces) and in range: returned as is, with no parse and
// format per field (at 10,000 node reports that was a fifth of the mapping time). The ranges are
// the ones Date.parse checks; anything else takes the slow path.
const CANONICAL_ISO = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/
const HAS_ZONE = /[zZ]|[+-]\d{2}:?\d{2}$/

/**
 * A date as an ISO string (UTC), or undefined for missing, unparseable or .NET's "zero" date
 * (0001-01-01). Read: ISO strings (one without a zone is UTC, as the APIs document), and compact
 * yyyymmdd or yyyymmddhhmmss as a number or string (CloudAlly).
 */
export function isoDate(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? compactDate(String(Math.trunc(v))) : undefined
  if (typeof v !== 'string' || !v) return undefined
  if (CANONICAL_ISO.test(v)) return v
  const t = v.trim()
  if (!t || t.startsWith('0001-01-01')) return undefined
  if (COMPACT_DATE.test(t)) return compactDate(t)
  const ms = Date.parse(HAS_ZONE.test(t) || !t.includes('T') ? t : `${t}Z`)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

function compactDate(t: string): string | undefined {
  const m = COMPACT_DATE.exec(t)
  if (!m) return undefined
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

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

/** Scalar fields not in `known`, for detail views. */
export function extraScalars(o: WireObject, known: ReadonlySet<string>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [k, v] of Object.entries(o)) {
    if (known.has(k)) continue
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v
  }
  return out
}
