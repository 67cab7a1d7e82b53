// Request bodies out, response bodies in.

export type QueryValue = string | number | boolean | Date | null | undefined
export type QueryParams = Record<string, QueryValue | readonly QueryValue[]>

function queryString(value: Exclude<QueryValue, null | undefined>): string {
  return value instanceof Date ? value.toISOString() : String(value)
}

/** Appends query parameters; arrays become repeated keys (`types=0&types=100`); null/undefined are left out. */
export function appendQuery(url: URL, query: QueryParams | undefined): void {
  if (!query) return
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw]
    for (const value of values as QueryValue[]) {
      if (value === undefined || value === null) continue
      url.searchParams.append(key, queryString(value))
    }
  }
}

export interface EncodedBody {
  body: string | Buffer | undefined
  contentType: string | undefined
}

export interface BodyInput {
  json?: unknown
  form?: Record<string, string | number | boolean | undefined>
  body?: Uint8Array
  contentType?: string
}

export function encodeBody(input: BodyInput): EncodedBody {
  if (input.body !== undefined) {
    return {
      body: Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body),
      contentType: input.contentType ?? 'application/octet-stream'
    }
  }
  if (input.form !== undefined) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(input.form)) if (v !== undefined) params.append(k, String(v))
    return { body: params.toString(), contentType: 'application/x-www-form-urlencoded' }
  }
  if (input.json !== undefined) {
    return { body: JSON.stringify(input.json), contentType: 'application/json; charset=utf-8' }
  }
  return { body: undefined, contentType: input.contentType }
}

export type ParsedBody =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'html' | 'json' }

function looksLikeHtml(contentType: string, text: string): boolean {
  if (/\bhtml\b/i.test(contentType)) return true
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)
}

/**
 * Parses a response body defensively: an HTML page is never data, JSON must parse completely,
 * and a JSON content type with an empty body is "no content".
 */
export function parseJsonBody(contentType: string, bytes: Buffer): ParsedBody {
  if (bytes.length === 0) return { ok: true, value: undefined }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  if (looksLikeHtml(contentType, text)) return { ok: false, reason: 'html' }
  const jsonType = /\bjson\b/i.test(contentType) || contentType === ''
  const trimmed = text.trim()
  if (jsonType || /^[[{"]/.test(trimmed)) {
    if (!trimmed) return { ok: true, value: undefined }
    try {
      return { ok: true, value: JSON.parse(trimmed) as unknown }
    } catch {
      return { ok: false, reason: 'json' }
    }
  }
  // text/plain, text/csv...: hand the text over as it is.
  return { ok: true, value: text }
}

/** Best-effort parse of an error body, for its message: never throws. */
export function parseErrorBody(contentType: string, bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined
  const parsed = parseJsonBody(contentType, bytes)
  if (parsed.ok) return parsed.value
  if (parsed.reason === 'html') return undefined
  return bytes.subarray(0, 500).toString('utf8')
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}
