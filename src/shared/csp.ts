// The renderer's Content Security Policy. The renderer makes no network calls of its own: in
// Electron connect-src is 'none'; the web shell allows 'self' only, for its /ipc bridge.
const BASE = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
]

export const ELECTRON_CSP = [...BASE, "connect-src 'none'"].join('; ')
export const WEB_CSP = [...BASE, "connect-src 'self'"].join('; ')
