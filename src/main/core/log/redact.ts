// Redaction for everything that leaves main as text: logs, error details, diagnostics.
// Two layers: known secret values (registered by the vault while unlocked) are replaced wherever
// they appear, and fields whose name looks secret are blanked whatever their value.

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|private/i
const REDACTED = '[redacted]'

/** Every registered value is at least this long; the door's index is keyed by this many characters. */
const GRAM = 4
const FILTER_BITS = 1 << 16

interface BoundForm {
  form: string
  /** Shared with `bindings`: a new origin for the value is seen here without re-indexing. */
  origins: Set<string>
}

export class SecretRegistry {
  /**
   * Each secret with the other forms it travels in, computed once: URL-encoded (paths and
   * query strings, both encodings), and JSON-escaped (request bodies, and IPC answers, which are
   * checked as JSON text, where `"`, `\` and control characters are escaped).
   */
  private readonly values = new Map<string, string[]>()
  /** The origins a bound secret may be sent to. Values without a binding are only redacted. */
  private readonly bindings = new Map<string, Set<string>>()
  /**
   * The HTTP door's index over the bound secrets: every form by its first GRAM characters, and a
   * bit filter of those prefixes' hashes, so a request is checked in one pass over its text
   * whatever the number of secrets. Rebuilt lazily after a removal; additions are appended.
   */
  private index: Map<string, BoundForm[]> | null = null
  private readonly filter = new Uint32Array(FILTER_BITS / 32)
  /**
   * The leak guard's index over every registered value (bound or not), built lazily and dropped
   * when a value leaves or a shorter one arrives; see `containsSecret`.
   */
  private guard: GuardIndex | null = null

  /**
   * Registers `value` for redaction. With `origin`, also binds it to that origin (in addition to
   * any it is bound to already): the HTTP door then refuses to send it anywhere else.
   * Values shorter than 4 characters are not registered: they would blank ordinary text.
   */
  add(value: string | undefined | null, origin?: string): void {
    if (!value || value.length < GRAM) return
    if (!this.values.has(value)) {
      const forms = otherForms(value)
      this.values.set(value, forms)
      if (this.guard && !indexGuardForms(this.guard, [value, ...forms])) this.guard = null
    }
    if (origin) this.bindingOf(value).add(origin)
  }

  /**
   * Registers `value` bound to exactly `origins` (replacing its earlier binding). The vault's
   * secrets are registered this way: their binding moves when a connection's does.
   */
  bind(value: string, origins: ReadonlySet<string>): void {
    if (!value || value.length < GRAM) return
    this.add(value)
    if (origins.size === 0) {
      if (this.bindings.delete(value)) this.index = null
      return
    }
    const current = this.bindingOf(value)
    if (current.size === origins.size && [...origins].every((o) => current.has(o))) return
    current.clear()
    for (const origin of origins) current.add(origin)
  }

  delete(value: string): void {
    if (this.values.delete(value)) this.guard = null
    if (this.bindings.delete(value)) this.index = null
  }

  clear(): void {
    this.values.clear()
    this.bindings.clear()
    this.index = null
    this.guard = null
  }

  get size(): number {
    return this.values.size
  }

  /** The origins `value` is bound to (empty when it is not bound). */
  originsOf(value: string): ReadonlySet<string> {
    return this.bindings.get(value) ?? new Set()
  }

  /**
   * For the HTTP door: when `text` (a URL, a header value or a body about to be sent to
   * `origin`) carries a bound secret in any of its forms that may not go to `origin`, the origins
   * it may go to; otherwise undefined. One pass over `text`, whatever the number of secrets.
   */
  boundElsewhere(text: string, origin: string): ReadonlySet<string> | undefined {
    if (this.bindings.size === 0 || text.length < GRAM) return undefined
    const index = this.index ?? this.buildIndex()
    const filter = this.filter
    // A rolling hash of the GRAM characters starting at i (polynomial, base B, mod 2^32).
    let h = 0
    for (let k = 0; k < GRAM; k++) h = (Math.imul(h, B) + text.charCodeAt(k)) | 0
    const last = text.length - GRAM
    for (let i = 0; ; i++) {
      const bit = Math.imul(h, MIX) >>> 16
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) !== 0) {
        const candidates = index.get(text.slice(i, i + GRAM))
        let allowed = 0
        if (candidates) {
          for (const c of candidates) {
            if (!text.startsWith(c.form, i)) continue
            if (!c.origins.has(origin)) return c.origins
            allowed = Math.max(allowed, c.form.length)
          }
        }
        // A secret that may go here (the bearer token of every call) is skipped as a whole rather
        // than hashed character by character: random secrets do not begin inside one another.
        if (allowed > 0) {
          i += allowed - 1
          if (i >= last) return undefined
          h = 0
          for (let k = 1; k <= GRAM; k++) h = (Math.imul(h, B) + text.charCodeAt(i + k)) | 0
          continue
        }
      }
      if (i === last) return undefined
      h = (Math.imul(h, B) - Math.imul(text.charCodeAt(i), B_GRAM) + text.charCodeAt(i + GRAM)) | 0
    }
  }

  /**
   * Whether `text` holds any registered secret in any of its forms (stops at the first).
   * Forms shorter than GUARD_SAMPLED_MIN are searched for one by one (few, and the native search
   * is fast). The others are sampled rather than read whole: each is at least
   * `guard.span + GRAM - 1` characters long, so any occurrence covers one of the windows of GRAM
   * characters starting every `span` characters, and that window is one of the form's own
   * (indexed with its offset). A long answer (an IPC list) is checked in one sparse pass, whatever
   * the number of secrets.
   */
  containsSecret(text: string): boolean {
    if (this.values.size === 0) return false
    const guard = this.guard ?? this.buildGuard()
    for (const form of guard.short) if (text.includes(form)) return true
    const { span, grams, filter } = guard
    const last = text.length - GRAM
    if (grams.size === 0 || last + GRAM < guard.shortest) return false
    for (let s = 0; s <= last; s += span) {
      const h = (Math.imul(Math.imul(Math.imul(text.charCodeAt(s), B) + text.charCodeAt(s + 1), B) + text.charCodeAt(s + 2), B) + text.charCodeAt(s + 3)) | 0
      const bit = Math.imul(h, MIX) >>> GUARD_SHIFT
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue
      const entries = grams.get(text.slice(s, s + GRAM))
      if (!entries) continue
      for (const { form, offset } of entries) {
        const at = s - offset
        if (at >= 0 && text.startsWith(form, at)) return true
      }
    }
    return false
  }

  redactText(text: string): string {
    let out = text
    for (const [value, forms] of this.values) {
      if (out.includes(value)) out = out.split(value).join(REDACTED)
      for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED)
    }
    return out
  }

  private bindingOf(value: string): Set<string> {
    let origins = this.bindings.get(value)
    if (!origins) {
      origins = new Set()
      this.bindings.set(value, origins)
      if (this.index) this.indexForms(this.index, value, origins)
    }
    return origins
  }

  private buildIndex(): Map<string, BoundForm[]> {
    const index = new Map<string, BoundForm[]>()
    this.filter.fill(0)
    for (const [value, origins] of this.bindings) this.indexForms(index, value, origins)
    this.index = index
    return index
  }

  private indexForms(index: Map<string, BoundForm[]>, value: string, origins: Set<string>): void {
    for (const form of [value, ...(this.values.get(value) ?? [])]) {
      const prefix = form.slice(0, GRAM)
      setPrefixBit(this.filter, prefix)
      const list = index.get(prefix)
      if (list) list.push({ form, origins })
      else index.set(prefix, [{ form, origins }])
    }
  }

  private buildGuard(): GuardIndex {
    const all = [...this.values].map(([value, forms]) => [value, ...forms])
    let shortest = GUARD_SPAN_CAP + GRAM - 1
    for (const forms of all) for (const form of forms) if (form.length >= GUARD_SAMPLED_MIN) shortest = Math.min(shortest, form.length)
    const guard: GuardIndex = { short: [], span: shortest - GRAM + 1, shortest, grams: new Map(), filter: new Uint32Array(GUARD_FILTER_BITS / 32) }
    for (const forms of all) indexGuardForms(guard, forms)
    this.guard = guard
    return guard
  }
}

/** What `containsSecret` reads: short forms whole, the others by windows of their first `shortest` characters. */
interface GuardIndex {
  /** The forms shorter than GUARD_SAMPLED_MIN, searched for one by one. */
  readonly short: string[]
  /** The sampling step: windows of GRAM characters are read every `span` characters. */
  readonly span: number
  /** No sampled form is shorter (nor is this more than GUARD_SPAN_CAP + GRAM - 1). */
  readonly shortest: number
  /** Every GRAM-character window of every sampled form's first `shortest` characters, with its offset. */
  readonly grams: Map<string, { form: string; offset: number }[]>
  /** A bit per window hash, so most samples are dismissed without building a string. */
  readonly filter: Uint32Array
}

/**
 * Forms at least this long are sampled (a step of 9 characters or more); shorter ones would make
 * the step so small that reading every sample costs more than a native search per form.
 */
const GUARD_SAMPLED_MIN = 12
/** Up to this many windows per form: a long secret does not make the index grow without bound. */
const GUARD_SPAN_CAP = 29
const GUARD_FILTER_BITS = 1 << 18
const GUARD_SHIFT = 32 - 18

/** Indexes `forms` in `guard`; false when one is shorter than the sampling allows (rebuild it). */
function indexGuardForms(guard: GuardIndex, forms: readonly string[]): boolean {
  if (forms.some((form) => form.length >= GUARD_SAMPLED_MIN && form.length < guard.shortest)) return false
  for (const form of forms) {
    if (form.length < GUARD_SAMPLED_MIN) {
      guard.short.push(form)
      continue
    }
    for (let offset = 0; offset + GRAM <= guard.shortest; offset++) {
      const gram = form.slice(offset, offset + GRAM)
      const bit = Math.imul(gramHash(gram), MIX) >>> GUARD_SHIFT
      guard.filter[bit >>> 5]! |= 1 << (bit & 31)
      const list = guard.grams.get(gram)
      if (list) list.push({ form, offset })
      else guard.grams.set(gram, [{ form, offset }])
    }
  }
  return true
}

function gramHash(gram: string): number {
  let h = 0
  for (let k = 0; k < GRAM; k++) h = (Math.imul(h, B) + gram.charCodeAt(k)) | 0
  return h
}

/** Sets the filter bit of a GRAM-character prefix, as the scans compute it for a window of text. */
function setPrefixBit(filter: Uint32Array, prefix: string): void {
  const bit = Math.imul(gramHash(prefix), MIX) >>> 16
  filter[bit >>> 5]! |= 1 << (bit & 31)
}

const B = 31
/** B^GRAM mod 2^32: what the character leaving the window contributed. */
const B_GRAM = Math.imul(Math.imul(B, B), Math.imul(B, B))
/** Spreads the rolling hash before its top 16 bits pick a filter bit. */
const MIX = 0x9e3779b1 | 0

/** The forms other than itself in which `value` travels: encodeURIComponent, form/query encoding, JSON. */
function otherForms(value: string): string[] {
  const forms = new Set([encodeURIComponent(value), new URLSearchParams({ s: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)])
  forms.delete(value)
  return [...forms]
}

/** Deep copy with secret-looking keys blanked and registered secret values replaced. */
export function redact(value: unknown, secrets?: SecretRegistry, depth = 0): unknown {
  if (depth > 8) return '[truncated]'
  if (typeof value === 'string') return secrets ? secrets.redactText(value) : value
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, secrets, depth + 1) }
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, secrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && typeof item !== 'boolean'
      ? REDACTED
      : redact(item, secrets, depth + 1)
  }
  return out
}
