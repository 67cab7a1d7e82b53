// What every resource file builds its calls from: the door's shape, paths and PUT bodies.

import { AppError } from '../../../../../shared/errors'
import type { BodyStream, QueryParams } from '../../../http/body'
import type { Logger } from '../../../log/logger'
import type { SecretRegistry } from '../../../log/redact'
import { isObject } from '../../wire'

export interface CallOptions {
  signal?: AbortSignal
}

export interface DateRange {
  start?: Date | string
  end?: Date | string
}

export interface RequestOptions extends CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: QueryParams
  json?: unknown
  body?: Uint8Array
  contentType?: string
  /** What the call is about, for messages: "business unit 42". */
  about?: string
  responseType?: 'json' | 'text' | 'buffer'
  /** An empty success is a fine answer to this call (a 204 to a DELETE). Else it is UNREADABLE. */
  allowEmpty?: boolean
  /** Hand the success body to this consumer as it arrives (the HTTP door's BodyStream); the answer is what its end() returns. */
  stream?: BodyStream<unknown>
}

/** The client's one private request door, as the resource files see it. */
export interface Door {
  /** Every item of a collection, reading further pages when the server answers one at a time. */
  request<W, T extends { id: number }>(options: RequestOptions & { paging: (w: W) => T | undefined }): Promise<T[]>
  /** One call; its answer's body. */
  request<T = unknown>(options: RequestOptions): Promise<T>
  logger: Logger
  secrets: SecretRegistry
  now: () => number
  units: UnitNames
}

export function toDate(v: Date | string | undefined): Date | undefined {
  if (v === undefined) return undefined
  const d = v instanceof Date ? v : new Date(v)
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION', `"${String(v)}" is not a valid date.`)
  return d
}

/** An id that goes into a path: a positive whole number, or the call is not made. */
export function positiveId(id: number, what: string): number {
  if (!Number.isInteger(id) || id <= 0) throw new AppError('VALIDATION', `Invalid ${what} id: ${String(id)}.`)
  return id
}

export const buPath = (id: number) => `/v1/bunits/${positiveId(id, 'business unit')}`
export const cuPath = (buId: number, cid: number) => `${buPath(buId)}/consumers/${positiveId(cid, 'consumption unit')}`
/**
 * What messages call a unit: a business unit by its name once this client has read it (a
 * technician knows "Cedar Labs AS", not 16), with the id beside it; by its id until then.
 */
export interface UnitNames {
  bu(id: number): string
  cu(buId: number, cid: number): string
  /** Remembers the names of business units read from Cloutility (the tree, one unit, a created or renamed one). */
  learn(units: Iterable<{ id: number; name: string }>): void
}

export function unitNames(): UnitNames {
  const names = new Map<number, string>()
  const bu = (id: number) => {
    const name = names.get(id)
    return name ? `business unit “${name}” (#${id})` : `business unit ${id}`
  }
  return {
    bu,
    cu: (buId, cid) => `consumption unit ${cid} in ${bu(buId)}`,
    learn(units) {
      for (const unit of units) if (unit.name.trim()) names.set(unit.id, unit.name)
    }
  }
}

/** A JSON-quoted string (`"ABC"`, as spname and activate return it) → its content; anything else as it is. */
export function unquote(value: string): string {
  const t = value.trim()
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(t)
      if (typeof parsed === 'string') return parsed
    } catch {
      return t.slice(1, -1)
    }
  }
  return t
}

/** Parts of a GET answer that are not the object's own state: links, type tags, embedded parents and collection stubs. */
const NOT_STATE = new Set(['$type', 'href', 'actions', 'parentBusinessUnit', 'businessUnit', 'ancestors'])

/**
 * A GET answer turned into a PUT body. Cloutility's PUT replaces the object (as the safespring-community Go client assumes),
 * so an update sends everything it read, changed where asked: a field left out would be reset.
 * Only what is not the object's own state is dropped, and whatever `omit` names (a secret that
 * has its own endpoint).
 */
export function asPutBody(current: unknown, what: string, omit: readonly string[] = []): Record<string, unknown> {
  if (!isObject(current)) throw new AppError('UPSTREAM', `Cloutility returned an unreadable ${what}, so it cannot be updated safely.`)
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(current)) {
    if (NOT_STATE.has(key) || omit.includes(key)) continue
    if (isObject(value) && Array.isArray(value.items) && 'href' in value) continue // a nested collection stub
    body[key] = value
  }
  return body
}
