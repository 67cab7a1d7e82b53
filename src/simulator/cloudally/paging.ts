import { queryParam } from '../http/request'
import type { SimRequest } from '../http/types'
import { caError } from './errors'

// v1 paging (provider-apis.md §4.4): `page` (1-based), `pageSize`, `nextPageToken` (alias
// `nextPage`); envelope { data, page, totalPages, total, nextPageToken }. Lax mode follows a
// token; strict mode pages by `page` alone, as a live server may (both real clients,
// jancotanis/cloudally and jancotanis/Monitoring, send `page` with every token), so a client
// that sends only the token gets page 1 again.

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000

function encodeToken(page: number, pageSize: number): string {
  return Buffer.from(`p${page}:s${pageSize}`).toString('base64url')
}

function decodeToken(token: string, path: string): { page: number; pageSize: number } {
  const m = /^p(\d+):s(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
  if (!m) throw caError(400, 'Invalid nextPageToken', path)
  return { page: Number(m[1]), pageSize: Number(m[2]) }
}

function positiveInt(req: SimRequest, name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw caError(400, `${name} must be a positive integer`, req.path)
  return n
}

export function paged<T>(req: SimRequest, items: T[], strict = false) {
  let page = positiveInt(req, 'page', queryParam(req, 'page'), 1)
  // pageSize above the cap is clamped, not refused.
  let pageSize = Math.min(MAX_PAGE_SIZE, positiveInt(req, 'pageSize', queryParam(req, 'pageSize') ?? queryParam(req, 'limit'), DEFAULT_PAGE_SIZE))
  const token = strict ? undefined : (queryParam(req, 'nextPageToken') ?? queryParam(req, 'nextPage'))
  if (token) {
    if (/^\d+$/.test(token)) page = Number(token)
    else ({ page, pageSize } = decodeToken(token, req.path))
  }
  const total = items.length
  const totalPages = Math.max(1, Math.ceil(total / pageSize))
  const data = items.slice((page - 1) * pageSize, page * pageSize)
  return { data, page, totalPages, total, nextPageToken: page < totalPages ? encodeToken(page + 1, pageSize) : null }
}
