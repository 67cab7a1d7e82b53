// Cloutility wire → domain: the readers every resource's mapper shares (references, units,
// collections, status names). Fields go through the wire-guard kit (../../wire): a missing or odd
// field becomes undefined, never a crash. Sizes become bytes, dates ISO strings, durations seconds.

import type { BackupStatus, IdName, Page } from '../../../../../shared/providers/cloutility/model'
import type { WireCollection, WireObject, WireRef } from '../dto'
import { arr, int, isObject, num, str } from '../../wire'

export function ref(v: unknown): WireRef | undefined {
  return isObject(v) ? (v as WireRef) : undefined
}

export const MB = 1024 * 1024

export function mbToBytes(v: unknown): number | undefined {
  const n = num(v)
  return n === undefined ? undefined : Math.round(n * MB)
}

/** .NET TimeSpan ("hh:mm:ss", "d.hh:mm:ss", with optional fraction) → seconds. */
export function timeSpanSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return v >= 0 ? v : undefined
  if (typeof v !== 'string') return undefined
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(v.trim())
  if (!m) return undefined
  const [, d, h, min, s, frac] = m
  const seconds = Number(d ?? 0) * 86_400 + Number(h) * 3600 + Number(min) * 60 + Number(s)
  return frac ? seconds + Number(`0.${frac}`) : seconds
}

export function idName(v: unknown): IdName | undefined {
  const r = ref(v)
  const id = int(r?.id)
  const name = str(r?.name)
  return r && id !== undefined && name !== undefined ? { id, name } : undefined
}

export function refName(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v)
  return str(ref(v)?.name)
}

export function tags(v: unknown): string[] {
  return arr(v)
    .map((t) => (typeof t === 'string' ? t : str((t as WireObject).text) ?? str((t as WireObject).name)))
    .filter((t): t is string => !!t)
}

export function page<W, T>(body: unknown, mapItem: (w: W) => T | undefined): Page<T> {
  const c = (isObject(body) ? body : {}) as WireCollection<W>
  const items = (Array.isArray(body) ? (body as W[]) : arr<W>(c.items)).map(mapItem).filter((x): x is T => x !== undefined)
  return { items, total: int(c.total) ?? items.length, offset: int(c.offset) ?? 0 }
}

export function items<W, T>(body: unknown, mapItem: (w: W) => T | undefined): T[] {
  return page(body, mapItem).items
}

// --- status ----------------------------------------------------------------------------------

const STATUS_BY_NAME: Record<string, BackupStatus> = {
  ok: 'ok',
  okwithwarnings: 'warning',
  warning: 'warning',
  error: 'error',
  ignored: 'ignored',
  pending: 'pending'
}
const STATUS_BY_ID: Record<number, BackupStatus> = { 1: 'ok', 2: 'warning', 3: 'warning', 4: 'error', 5: 'ignored', 6: 'pending' }

/** Status names as the wire spells them → status: a handful of spellings, seen thousands of times a report. */
const statusBySpelling = new Map<string, BackupStatus>()

function statusFromName(name: string): BackupStatus {
  let status = statusBySpelling.get(name)
  if (status === undefined) {
    status = STATUS_BY_NAME[name.replace(/[\s_-]/g, '').toLowerCase()] ?? 'unknown'
    if (statusBySpelling.size < 64) statusBySpelling.set(name, status)
  }
  return status
}

export function backupStatus(v: unknown): BackupStatus | undefined {
  if (v === undefined || v === null) return undefined
  const name = typeof v === 'string' ? v : str(ref(v)?.name)
  if (name) return statusFromName(name)
  const id = typeof v === 'number' ? v : int(ref(v)?.id)
  if (id !== undefined) return STATUS_BY_ID[id] ?? 'unknown'
  return undefined
}

export function idFromHref(href: unknown, segment: string): number | undefined {
  if (typeof href !== 'string') return undefined
  const m = new RegExp(`/${segment}/(\\d+)(?:[/?#]|$)`).exec(href)
  return m ? Number(m[1]) : undefined
}
