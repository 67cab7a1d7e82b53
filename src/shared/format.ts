// How every screen shows sizes, dates, durations and numbers: one place, pure, locale-aware.
// Sizes are binary (KiB, MiB, GiB, TiB: powers of 1024) because that is how IBM Storage Protect
// and the providers count. Dates are shown in the user's time zone (Intl) unless one is given.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

export const DASH = '—'

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

// Building an Intl formatter costs far more than using one; table cells call these per row.
const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, options)
    numberFormats.set(key, f)
  }
  return f
}

/** 1536 → "1.5 KiB"; 3 significant digits above 1 KiB, whole bytes below; undefined → "—". */
export function formatBytes(bytes: number | null | undefined, locale?: string): string {
  if (!isNumber(bytes)) return DASH
  const sign = bytes < 0 ? '-' : ''
  let value = Math.abs(bytes)
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digitsFor = (v: number) => (unit === 0 ? 0 : v >= 100 ? 0 : v >= 10 ? 1 : 2)
  // 1023.96 KiB would round to "1,024 KiB": move up a unit instead.
  if (unit > 0 && unit < BYTE_UNITS.length - 1 && Math.round(value) >= 1024) {
    value /= 1024
    unit++
  }
  const digits = digitsFor(value)
  const text = numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)
  return `${sign}${text} ${BYTE_UNITS[unit]}`
}

/** A change in size: 2.4e9 → "+2.24 GiB", a shrink keeps its minus, none → "0 B"; undefined → "—". */
export function formatBytesChange(bytes: number | null | undefined, locale?: string): string {
  const text = formatBytes(bytes, locale)
  return isNumber(bytes) && bytes > 0 ? `+${text}` : text
}

/** Bytes per second → "12.5 MiB/s". */
/** Seconds → "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h"; two largest units; undefined → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds) || seconds < 0) return DASH
  if (seconds < 1) return seconds === 0 ? '0 s' : '< 1 s'
  const total = Math.round(seconds)
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'min'],
    [total % 60, 's']
  ]
  const first = parts.findIndex(([n]) => n > 0)
  if (first < 0) return '0 s'
  const shown = parts.slice(first, first + 2).filter(([n]) => n > 0)
  return shown.map(([n, unit]) => `${n} ${unit}`).join(' ')
}

export interface DateOptions {
  locale?: string
  /** IANA zone; default the user's own (the runtime's). */
  timeZone?: string
}

function toDate(value: string | number | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : d
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Intl formatters are costly to build; a 10,000-row table formats through a handful. */
function formatter(kind: 'dateTime' | 'date' | 'time' | 'month' | 'monthYear', options: DateOptions): Intl.DateTimeFormat {
  const key = `${kind}|${options.locale ?? ''}|${options.timeZone ?? ''}`
  let f = formatters.get(key)
  if (!f) {
    const base: Intl.DateTimeFormatOptions = options.timeZone ? { timeZone: options.timeZone } : {}
    const shape: Intl.DateTimeFormatOptions =
      kind === 'dateTime'
        ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }
        : kind === 'date'
          ? { year: 'numeric', month: '2-digit', day: '2-digit' }
          : kind === 'time'
            ? { hour: '2-digit', minute: '2-digit' }
            : kind === 'month'
              ? { month: 'short', day: 'numeric' }
              : { month: 'long', year: 'numeric' }
    f = new Intl.DateTimeFormat(options.locale, { ...base, ...shape })
    formatters.set(key, f)
  }
  return f
}

/** "2026-03-04 14:05"-like, in the user's zone and locale; invalid or missing → "—". */
export function formatDateTime(value: string | number | Date | null | undefined, options: DateOptions = {}): string {
  const d = toDate(value)
  return d ? formatter('dateTime', options).format(d) : DASH
}

export function formatDate(value: string | number | Date | null | undefined, options: DateOptions = {}): string {
  const d = toDate(value)
  return d ? formatter('date', options).format(d) : DASH
}

/** Short day label for chart axes ("Mar 4"). */
export function formatDayShort(value: string | number | Date | null | undefined, options: DateOptions = {}): string {
  const d = toDate(value)
  return d ? formatter('month', options).format(d) : DASH
}

/**
 * A billing period as the provider sends it ("2026-03") → the month in the user's locale
 * ("March 2026"); anything else is shown as it came, missing → "—". The raw value belongs in the
 * tooltip. The month is a calendar month, not an instant: no zone can move it.
 */
export function formatMonth(period: string | null | undefined, options: { locale?: string } = {}): string {
  if (period === null || period === undefined || period === '') return DASH
  const match = /^(\d{4})-(\d{2})$/.exec(period.trim())
  const month = match ? Number(match[2]) : 0
  if (!match || month < 1 || month > 12) return period
  return formatter('monthYear', { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), month - 1, 1)))
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? ''
  let f = relativeFormats.get(key)
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' })
    relativeFormats.set(key, f)
  }
  return f
}

/** A whole span in its largest sensible unit: minutes under an hour, hours under two days, then days. */
function relativeUnit(ms: number): [number, Intl.RelativeTimeFormatUnit] {
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return [minutes, 'minute']
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return [hours, 'hour']
  return [Math.floor(hours / 24), 'day']
}

/**
 * An age in a narrow column: "35m", "5h", "3d" in the user's locale (the same units as `formatAgo`),
 * "<1m" under a minute; missing → "—". Never negative: a clock a little ahead reads as just now.
 */
export function formatAgeShort(ms: number | null | undefined, locale?: string): string {
  if (!isNumber(ms)) return DASH
  const [n, unit] = relativeUnit(Math.max(0, ms))
  const f = numberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' })
  return n < 1 ? `<${f.format(1)}` : f.format(n)
}

/**
 * "12 minutes ago", "3 hours ago", "2 days ago" (Intl.RelativeTimeFormat, so in the user's
 * locale): how old saved data is. Never in the future: a clock a little ahead reads as just now.
 */
export function formatAgo(iso: string | undefined, now: number = Date.now(), locale?: string): string {
  if (!iso) return 'an unknown time ago'
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return 'an unknown time ago'
  const ms = Math.max(0, now - at)
  if (ms < 60_000) return 'less than a minute ago'
  const [n, unit] = relativeUnit(ms)
  return relativeFormat(locale).format(-n, unit)
}

/** "in 5 minutes", "in 3 hours", "in 2 days": when something is due (a scan, a lock). Past or now → "now". */
export function formatIn(value: string | number | Date | null | undefined, now: number = Date.now(), locale?: string): string {
  const d = toDate(value)
  if (!d) return DASH
  const ms = d.getTime() - now
  if (ms <= 0) return 'now'
  if (ms < 60_000) return 'in less than a minute'
  const [n, unit] = relativeUnit(ms)
  return relativeFormat(locale).format(n, unit)
}

/**
 * A relative time a provider sends as text ("In 7 hours", "in 1 hours", "In 30 minutes") in the
 * user's words, so the number and the unit agree ("in 1 hour") whatever the provider wrote; text
 * of any other shape is shown as it came, missing → "—".
 */
export function formatRelativeText(text: string | null | undefined, locale?: string): string {
  if (!text?.trim()) return DASH
  const m = /^\s*in\s+(\d+)\s+(minute|hour|day|week)s?\s*$/i.exec(text)
  if (!m) return text
  return relativeFormat(locale).format(Number(m[1]), (m[2] ?? '').toLowerCase() as Intl.RelativeTimeFormatUnit)
}

/** "14:05"-like: the time of day in the user's zone and locale; invalid or missing → "—". */
export function formatTime(value: string | number | Date | null | undefined, options: DateOptions = {}): string {
  const d = toDate(value)
  return d ? formatter('time', options).format(d) : DASH
}

/**
 * A provider's enum value in words: `words[raw]` when the provider module names it, otherwise the
 * code made readable ("LEGAL_HOLD" → "Legal hold"). Show the raw value beside it in a tooltip
 * (`codeTitle`), so a technician can still match it with the provider's portal and docs.
 */
export function formatCode(raw: string | null | undefined, words: Readonly<Record<string, string>> = {}): string {
  if (raw === null || raw === undefined || raw === '') return DASH
  const named = Object.hasOwn(words, raw) ? words[raw] : undefined
  if (named !== undefined) return named
  if (!/^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(raw)) return raw
  const spaced = raw.replace(/_/g, ' ').toLowerCase()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

/** The tooltip of a value shown with `formatCode`: its words and the raw code. */
export function codeTitle(raw: string | null | undefined, words: Readonly<Record<string, string>> = {}): string {
  if (raw === null || raw === undefined || raw === '') return ''
  const text = formatCode(raw, words)
  return text === raw ? raw : `${text} (${raw})`
}

/** A provider's free-form value as text; missing or empty → "—". */
export function formatText(value: unknown): string {
  return value === null || value === undefined || value === '' ? DASH : String(value)
}

export function formatNumber(value: number | null | undefined, locale?: string, maximumFractionDigits = 0): string {
  return isNumber(value) ? numberFormat(locale, { maximumFractionDigits }).format(value) : DASH
}

/** 0..100 → "42.5 %". */
export function formatPercent(value: number | null | undefined, locale?: string): string {
  return isNumber(value) ? `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)} %` : DASH
}

export function formatMoney(value: number | null | undefined, currency: string | undefined, locale?: string): string {
  if (!isNumber(value)) return DASH
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return numberFormat(locale, { style: 'currency', currency }).format(value)
    } catch {
      // unknown currency code: fall through
    }
  }
  return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}${currency ? ` ${currency}` : ''}`
}

/**
 * The day `value` falls on in the user's zone (or `timeZone`), as "2026-03-05": for file names,
 * which sort by it; a file saved just after midnight carries the day the user sees.
 */
export function formatDayStamp(value: Date, options: { timeZone?: string } = {}): string {
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', ...(options.timeZone ? { timeZone: options.timeZone } : {}) }).formatToParts(value)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** A Date → the value of an <input type="datetime-local"> in the user's zone ("2026-03-04T14:05"). */
export function toLocalInput(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}`
}

/** The value of an <input type="datetime-local"> (user's zone) → ISO UTC, or undefined when empty/invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** A Date → the value of an <input type="date"> in the user's zone ("2026-03-04"). */
export function toLocalDateInput(value: Date): string {
  return toLocalInput(value).slice(0, 10)
}

/** The value of an <input type="date"> → the start of that day in the user's zone, as ISO UTC; undefined when empty/invalid. */
export function fromLocalDateInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  return fromLocalInput(`${value}T00:00`)
}
