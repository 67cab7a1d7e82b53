import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { APP_HOST } from '../../shared/contract/ipc-names'
import { ELECTRON_CSP } from '../../shared/csp'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** Maps app://backdesk/<path> to a file under `root`, or undefined for anything outside it. */
export function resolveAppPath(rawUrl: string, root: string): string | undefined {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return undefined
  }
  if (url.host !== APP_HOST) return undefined
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  if (pathname.includes('\0')) return undefined
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  const full = normalize(join(root, relative))
  const base = root.endsWith(sep) ? root : root + sep
  return full.startsWith(base) ? full : undefined
}

/** Serves the packaged renderer with the strict CSP as a response header. */
export async function serveAppFile(rawUrl: string, root: string): Promise<Response> {
  const file = resolveAppPath(rawUrl, root)
  if (!file) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(file)
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': ELECTRON_CSP,
        'x-content-type-options': 'nosniff'
      }
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
