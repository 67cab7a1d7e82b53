import { extname, join, normalize, sep } from 'node:path'

// The renderer build's files, as both shells serve them: the desktop app's app:// protocol and the
// web shell's HTTP. One containment check and one type table, so the two cannot drift apart.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/**
 * The file a decoded request path names under `root` ('/' is index.html), or undefined when the
 * path would leave the folder (`..`, an absolute path) or holds a NUL byte.
 */
export function rendererFile(root: string, decodedPath: string): string | undefined {
  if (decodedPath.includes('\0')) return undefined
  const relative = decodedPath === '/' ? 'index.html' : decodedPath.replace(/^\/+/, '')
  const full = normalize(join(root, relative))
  const base = root.endsWith(sep) ? root : root + sep
  return full.startsWith(base) ? full : undefined
}

/** The content type a renderer file is served with (unknown kinds as bytes, never sniffed). */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
}
