import { describe, expect, it } from 'vitest'
import {
  DASH,
  codeTitle,
  formatAgo,
  formatAgeShort,
  formatCode,
  formatBytes,
  formatBytesChange,
  formatDate,
  formatDateTime,
  formatDayStamp,
  formatDuration,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatIn,
  formatRelativeText,
  formatText,
  formatTime,
  fromLocalDateInput,
  fromLocalInput,
  toLocalDateInput,
  toLocalInput
} from '../../src/shared/format'

describe('formatBytesChange', () => {
  it('signs a growth with a plus, keeps a shrink’s minus, and leaves no change unsigned', () => {
    expect(formatBytesChange(2.29 * 1024 ** 3, 'en')).toBe('+2.29 GiB')
    expect(formatBytesChange(-1536, 'en')).toBe('-1.5 KiB')
    expect(formatBytesChange(0, 'en')).toBe('0 B')
    expect(formatBytesChange(undefined, 'en')).toBe('—')
  })
})

describe('formatBytes', () => {
  it('uses binary units with three significant digits', () => {
    expect(formatBytes(0, 'en')).toBe('0 B')
    expect(formatBytes(1023, 'en')).toBe('1,023 B')
    expect(formatBytes(1024, 'en')).toBe('1 KiB')
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB')
    expect(formatBytes(10.5 * 1024 ** 2, 'en')).toBe('10.5 MiB')
    expect(formatBytes(123.4 * 1024 ** 3, 'en')).toBe('123 GiB')
    expect(formatBytes(2 * 1024 ** 4, 'en')).toBe('2 TiB')
    expect(formatBytes(3 * 1024 ** 5, 'en')).toBe('3 PiB')
  })
  it('never shows 1024 of a unit', () => {
    expect(formatBytes(1024 ** 2 - 1, 'en')).toBe('1 MiB')
  })
  it('handles negatives and missing values', () => {
    expect(formatBytes(-2048, 'en')).toBe('-2 KiB')
    expect(formatBytes(undefined)).toBe(DASH)
    expect(formatBytes(Number.NaN)).toBe(DASH)
  })
  it('follows the locale for the decimal mark', () => {
    expect(formatBytes(1536, 'sv-SE')).toBe('1,5 KiB')
  })
})

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(0.4)).toBe('< 1 s')
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(200)).toBe('3 min 20 s')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(7500)).toBe('2 h 5 min')
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 59)).toBe('3 d 4 h')
    expect(formatDuration(86_400 + 30)).toBe('1 d')
    expect(formatDuration(undefined)).toBe(DASH)
    expect(formatDuration(-1)).toBe(DASH)
  })
})

describe('dates', () => {
  it('shows an instant in the given time zone', () => {
    const iso = '2026-03-04T23:30:00Z'
    expect(formatDateTime(iso, { locale: 'en-GB', timeZone: 'UTC' })).toBe('04/03/2026, 23:30')
    expect(formatDateTime(iso, { locale: 'en-GB', timeZone: 'Europe/Stockholm' })).toBe('05/03/2026, 00:30')
    expect(formatDate(iso, { locale: 'sv-SE', timeZone: 'America/New_York' })).toBe('2026-03-04')
  })
  it('shows a dash for missing or invalid dates', () => {
    expect(formatDateTime(undefined)).toBe(DASH)
    expect(formatDateTime('not a date')).toBe(DASH)
    expect(formatDate('')).toBe(DASH)
  })
  it('round-trips datetime-local input values in the local zone', () => {
    const d = new Date(2026, 2, 4, 14, 5)
    expect(toLocalInput(d)).toBe('2026-03-04T14:05')
    expect(fromLocalInput('2026-03-04T14:05')).toBe(d.toISOString())
    expect(fromLocalInput('')).toBeUndefined()
  })
})

describe('numbers', () => {
  it('formats numbers, percentages and money', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567')
    expect(formatPercent(42.25, 'en')).toBe('42.3 %')
    expect(formatPercent(undefined)).toBe(DASH)
    expect(formatMoney(12.5, 'SEK', 'en')).toMatch(/SEK\s?12\.50/)
    expect(formatMoney(12.5, undefined, 'en')).toBe('12.50')
    expect(formatMoney(undefined, 'SEK')).toBe(DASH)
  })
})

describe('formatAgo', () => {
  const now = Date.parse('2026-03-04T12:00:00Z')
  const before = (ms: number) => new Date(now - ms).toISOString()
  it('says how old saved data is in plain words', () => {
    expect(formatAgo(before(30_000), now)).toBe('less than a minute ago')
    expect(formatAgo(before(60_000), now)).toBe('1 minute ago')
    expect(formatAgo(before(12 * 60_000), now)).toBe('12 minutes ago')
    expect(formatAgo(before(47 * 3_600_000), now)).toBe('47 hours ago')
    expect(formatAgo(before(3 * 86_400_000), now)).toBe('3 days ago')
  })
  it('never says "in the future", and admits an unknown time', () => {
    expect(formatAgo(new Date(now + 60_000).toISOString(), now)).toBe('less than a minute ago')
    expect(formatAgo(undefined, now)).toBe('an unknown time ago')
  })
  it('words the span in the locale asked for', () => {
    expect(formatAgo(before(12 * 60_000), now, 'de')).toBe('vor 12 Minuten')
    expect(formatAgo(before(3 * 86_400_000), now, 'fr')).toBe('il y a 3 jours')
  })
  it('admits a time it cannot read', () => {
    expect(formatAgo('yesterday', now)).toBe('an unknown time ago')
  })
})

describe('formatRelativeText', () => {
  it('words a provider\'s "In N units" with the unit agreeing with the number', () => {
    expect(formatRelativeText('In 1 hours', 'en')).toBe('in 1 hour')
    expect(formatRelativeText('In 1 hour', 'en')).toBe('in 1 hour')
    expect(formatRelativeText('In 7 hours', 'en')).toBe('in 7 hours')
    expect(formatRelativeText('in 1 minutes', 'en')).toBe('in 1 minute')
    expect(formatRelativeText('In 2 day', 'en')).toBe('in 2 days')
    expect(formatRelativeText('In 3 hours', 'de')).toBe('in 3 Stunden')
  })
  it('keeps any other text as it came, and a dash for none', () => {
    expect(formatRelativeText('Tomorrow 02:00')).toBe('Tomorrow 02:00')
    expect(formatRelativeText('')).toBe(DASH)
    expect(formatRelativeText(undefined)).toBe(DASH)
  })
})

describe('formatIn', () => {
  const now = Date.parse('2026-03-04T12:00:00Z')
  const after = (ms: number) => new Date(now + ms).toISOString()
  it('says when something is due in plain words', () => {
    expect(formatIn(after(30_000), now)).toBe('in less than a minute')
    expect(formatIn(after(5 * 60_000), now)).toBe('in 5 minutes')
    expect(formatIn(after(1 * 60_000), now)).toBe('in 1 minute')
    expect(formatIn(after(3 * 3_600_000), now)).toBe('in 3 hours')
    expect(formatIn(after(47 * 3_600_000), now)).toBe('in 47 hours')
    expect(formatIn(after(4 * 86_400_000), now)).toBe('in 4 days')
    expect(formatIn(after(5 * 60_000), now, 'de')).toBe('in 5 Minuten')
  })
  it('says "now" for a time already passed and a dash for none', () => {
    expect(formatIn(new Date(now - 1000), now)).toBe('now')
    expect(formatIn(undefined, now)).toBe(DASH)
    expect(formatIn('soon', now)).toBe(DASH)
  })
})

describe('formatTime', () => {
  it('shows the time of day in the given zone and locale', () => {
    expect(formatTime('2026-03-04T14:05:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('14:05')
    expect(formatTime('2026-03-04T14:05:00Z', { locale: 'en-GB', timeZone: 'Europe/Stockholm' })).toBe('15:05')
    expect(formatTime(undefined)).toBe(DASH)
  })
})

describe('date inputs', () => {
  it('round-trips a local day through an <input type="date"> value', () => {
    const day = new Date(2026, 2, 4, 23, 30)
    expect(toLocalDateInput(day)).toBe('2026-03-04')
    const start = fromLocalDateInput('2026-03-04')
    expect(start).toBe(new Date(2026, 2, 4, 0, 0).toISOString())
  })
  it('refuses an empty or malformed day', () => {
    expect(fromLocalDateInput('')).toBeUndefined()
    expect(fromLocalDateInput('04/03/2026')).toBeUndefined()
    expect(fromLocalDateInput('2026-13-45')).toBeUndefined()
  })
})

describe('formatText', () => {
  it('shows a dash for missing or empty values and the value otherwise', () => {
    expect(formatText(undefined)).toBe(DASH)
    expect(formatText(null)).toBe(DASH)
    expect(formatText('')).toBe(DASH)
    expect(formatText(0)).toBe('0')
    expect(formatText('DAILY')).toBe('DAILY')
  })
})

describe('formatCode', () => {
  const words = { MS365_GROUPS: 'Microsoft 365 Groups' }
  it('uses the words a provider module gives, and the raw code in the tooltip', () => {
    expect(formatCode('MS365_GROUPS', words)).toBe('Microsoft 365 Groups')
    expect(codeTitle('MS365_GROUPS', words)).toBe('Microsoft 365 Groups (MS365_GROUPS)')
  })
  it('makes an unnamed code readable and leaves free text alone', () => {
    expect(formatCode('LEGAL_HOLD')).toBe('Legal hold')
    expect(formatCode('PAUSED')).toBe('Paused')
    expect(formatCode('Paused')).toBe('Paused')
    expect(codeTitle('Paused')).toBe('Paused')
    expect(formatCode(undefined)).toBe(DASH)
    expect(codeTitle('')).toBe('')
  })
  it('does not read inherited keys as words', () => {
    expect(formatCode('constructor', words)).toBe('constructor')
  })
})

describe('formatDayStamp', () => {
  it('is the day in the given zone, as year-month-day whatever the locale', () => {
    const late = new Date('2026-03-04T23:30:00Z')
    expect(formatDayStamp(late, { timeZone: 'UTC' })).toBe('2026-03-04')
    expect(formatDayStamp(late, { timeZone: 'Europe/Stockholm' })).toBe('2026-03-05')
    expect(formatDayStamp(new Date('2026-01-01T03:00:00Z'), { timeZone: 'America/Los_Angeles' })).toBe('2025-12-31')
  })
})

describe('formatMonth', () => {
  it('shows a billing period as a month in the user’s locale', () => {
    expect(formatMonth('2026-03', { locale: 'en-US' })).toBe('March 2026')
    expect(formatMonth('2026-12', { locale: 'de-DE' })).toBe('Dezember 2026')
    expect(formatMonth('2026-01', { locale: 'sv-SE' })).toBe('januari 2026')
  })

  it('shows anything that is not a year and month as it came, and nothing as a dash', () => {
    expect(formatMonth('2026-13', { locale: 'en-US' })).toBe('2026-13')
    expect(formatMonth('Q1 2026', { locale: 'en-US' })).toBe('Q1 2026')
    expect(formatMonth(undefined)).toBe(DASH)
    expect(formatMonth('')).toBe(DASH)
  })
})

describe('formatAgeShort', () => {
  it('gives an age in the largest sensible unit, narrow, in the given locale', () => {
    const hour = 3_600_000
    expect(formatAgeShort(35 * 60_000, 'en-US')).toBe('35m')
    expect(formatAgeShort(5 * hour, 'en-US')).toBe('5h')
    expect(formatAgeShort(50 * hour, 'en-US')).toBe('2d')
    expect(formatAgeShort(50 * hour, 'de-DE')).toBe('2 T')
    expect(formatAgeShort(10_000, 'en-US')).toBe('<1m')
    expect(formatAgeShort(-5_000, 'en-US')).toBe('<1m')
    expect(formatAgeShort(undefined)).toBe(DASH)
  })
})
