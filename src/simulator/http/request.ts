import { HttpError, type SimRequest } from './types'

// Provider-neutral request parsing helpers. Query names are matched case-insensitively because
// ASP.NET binds them that way (the Go client sends `bunitID`, the docs `bunitId`).

export function queryParam(req: SimRequest, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [k, v] of req.query) if (k.toLowerCase() === lower) return v
  return undefined
}

export function queryAll(req: SimRequest, name: string): string[] {
  const lower = name.toLowerCase()
  const out: string[] = []
  for (const [k, v] of req.query) if (k.toLowerCase() === lower) out.push(v)
  return out
}

export function hasQuery(req: SimRequest, name: string): boolean {
  return queryParam(req, name) !== undefined
}

export function boolQuery(req: SimRequest, name: string, fallback: boolean): boolean {
  const v = queryParam(req, name)
  if (v === undefined || v === '') return fallback
  if (/^(true|1)$/i.test(v)) return true
  if (/^(false|0)$/i.test(v)) return false
  throw new HttpError(400, `The value '${v}' is not valid for ${name}.`)
}

export function intQuery(req: SimRequest, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = queryParam(req, name)
  if (v === undefined || v === '') return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `The value '${v}' is not valid for ${name}.`)
  return n
}

/** ISO-8601 date or date-time → ms; 400 when unparseable. */
export function dateQuery(req: SimRequest, name: string): number | undefined {
  const v = queryParam(req, name)
  if (v === undefined || v === '') return undefined
  const ms = Date.parse(v)
  if (Number.isNaN(ms)) throw new HttpError(400, `The value '${v}' is not a valid date for ${name}.`)
  return ms
}

export function parseJsonBody(req: SimRequest, { required = true } = {}): unknown {
  const text = req.body.toString('utf8').trim()
  if (!text) {
    if (required) throw new HttpError(400, 'A request body is required.')
    return {}
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.')
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Property of an input object, name matched case-insensitively (PascalCase from Go clients). */
export function field(obj: unknown, name: string): unknown {
  if (!isRecord(obj)) return undefined
  if (name in obj) return obj[name]
  const lower = name.toLowerCase()
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k]
  return undefined
}

export function hasField(obj: unknown, name: string): boolean {
  if (!isRecord(obj)) return false
  const lower = name.toLowerCase()
  return Object.keys(obj).some((k) => k.toLowerCase() === lower)
}

/** Form (x-www-form-urlencoded) or JSON object body, whatever the Content-Type says. */
export function parseFormOrJson(req: SimRequest): Record<string, string> {
  const text = req.body.toString('utf8').trim()
  const out: Record<string, string> = {}
  if (text.startsWith('{')) {
    try {
      const obj = JSON.parse(text) as unknown
      if (isRecord(obj)) for (const [k, v] of Object.entries(obj)) out[k] = v === null || v === undefined ? '' : String(v)
      return out
    } catch {
      /* fall through to form parsing */
    }
  }
  for (const [k, v] of new URLSearchParams(text)) out[k] = v
  return out
}
