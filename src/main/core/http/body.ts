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
  | { ok: false; reason: UnreadableReason }

/** Why a body where JSON was expected is not data: nothing, a web page, broken JSON, other text. */
export type UnreadableReason = 'empty' | 'html' | 'json' | 'not-json'

/** A web page rather than data: an HTML content type, or a body that opens like one. */
export function looksLikeHtml(contentType: string, text: string): boolean {
  if (/\bhtml\b/i.test(contentType)) return true
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)
}

/**
 * Parses a body where JSON is expected, defensively: it must be there, must not be a web page,
 * and must parse completely. Whatever the content type says: a JSON body labelled text/plain is
 * read, text that is not JSON is refused (`not-json`), as is an empty body (`empty`): whether
 * "nothing" is a fine answer is the caller's call (RequestOptions.allowEmpty), never a default.
 */
export function parseJsonBody(contentType: string, bytes: Buffer): ParsedBody {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  const trimmed = text.trim()
  if (!trimmed) return { ok: false, reason: 'empty' }
  if (looksLikeHtml(contentType, text)) return { ok: false, reason: 'html' }
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown }
  } catch {
    return { ok: false, reason: notJsonReason(contentType, trimmed) }
  }
}

/** Why a body that did not parse is not data, from its content type and its (trimmed) start. */
function notJsonReason(contentType: string, trimmedStart: string): 'json' | 'not-json' {
  const jsonType = /\bjson\b/i.test(contentType) || contentType === ''
  return jsonType || /^[[{"]/.test(trimmedStart) ? 'json' : 'not-json'
}

/**
 * A success body handed over as it arrives (RequestOptions.stream), for an answer too large to
 * wait for whole: parsing overlaps the wire. The door keeps its rules: only a 2xx body is
 * streamed (error bodies are read whole, as always), an HTML answer never reaches the consumer,
 * and the size limit, deadlines and abort apply to every chunk.
 */
export interface BodyStream<T> {
  /** The next bytes of the body, in order. Throw UnreadableBody when they cannot be the data expected. */
  write(chunk: Buffer): void
  /** The last byte has arrived: the answer (the response's `body`). Throw UnreadableBody when it is not data. */
  end(): T
  /**
   * Forget everything written so far, so the call may be tried again from its first byte. Without
   * it, a call whose body was partly handed over is never repeated: the consumer may have acted on it.
   */
  reset?(): void
}

/** Thrown by a BodyStream: the body is not the data expected. The door words it as parseJsonBody's reasons. */
export class UnreadableBody extends Error {
  constructor(readonly empty = false) {
    super(empty ? 'empty body' : 'unreadable body')
  }
}

/**
 * What parseJsonBody would say of a body a BodyStream refused, from its start (a web page, other
 * text, or malformed JSON; `empty` is the consumer's to say, having seen every byte).
 */
export function streamedRefusalReason(contentType: string, head: Buffer, empty: boolean): UnreadableReason {
  if (empty) return 'empty'
  const text = head.toString('utf8').replace(/^\uFEFF/, '')
  if (looksLikeHtml(contentType, text)) return 'html'
  return notJsonReason(contentType, text.trim())
}

/** Best-effort parse of an error body, for its message: never throws. */
export function parseErrorBody(contentType: string, bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined
  const parsed = parseJsonBody(contentType, bytes)
  if (parsed.ok) return parsed.value
  if (parsed.reason === 'html' || parsed.reason === 'empty') return undefined
  return bytes.subarray(0, 500).toString('utf8')
}

const SECRET_PAIR = /("?(?:[\w-]*(?:pass(?:word)?|secret|token|api[-_]?key|authorization|cookie|credential)[\w-]*)"?\s*[:=]\s*)("[^"]*"|[^\s&,;}]+)/gi

/**
 * The first bytes of a body, for an error's details: printable text only, at most `max`
 * characters, with registered secrets, bearer tokens and the values of secret-looking fields
 * blanked (a body may echo what it was sent).
 */
export function bodyStart(bytes: Buffer, redactText: (text: string) => string, max = 120): string {
  // Redact a generous window, then cut: a secret cut in half at the window's edge is far beyond `max`.
  const text = bytes.subarray(0, 8192).toString('utf8').replace(/^\uFEFF/, '')
  let clean = redactText(text)
    .replace(/(bearer\s+)[\w.~+/=-]+/gi, '$1[redacted]')
    .replace(SECRET_PAIR, '$1[redacted]')
    .replace(/\p{Cc}+/gu, ' ') // control characters
    .replace(/\s{2,}/g, ' ')
    .trim()
  if (clean.length > max) clean = `${clean.slice(0, max - 1)}…`
  return clean
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}
