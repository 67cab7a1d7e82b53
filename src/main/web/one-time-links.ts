import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

// The web shell's `handOffLink`: a link main would open in the system browser (a CloudAlly
// download's pre-signed URL) but cannot, because the browser is the user's and main runs
// headless. The link is kept here under a random id; the IPC answer carries only `/go/<id>`, which
// the page opens in a new tab and which answers once, to a navigation of the page's own session,
// with a redirect to the link. So the renderer's script never holds the link's token: a fetch()
// from the page (an XSS) is refused, and a redirect a navigation follows is not readable by it.

export const LINK_PREFIX = '/go/'
/** Unused links are dropped after this long. */
export const LINK_TTL_MS = 60_000

interface Entry {
  url: string
  timer: ReturnType<typeof setTimeout>
}

export interface LinkAnswer {
  status: number
  body: string
  headers: Record<string, string>
}

export class OneTimeLinks {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly ttlMs = LINK_TTL_MS) {}

  /** The platform port (see PlatformServices.handOffLink). */
  readonly handOffLink = (url: string): Promise<{ open: string }> => Promise.resolve({ open: `${LINK_PREFIX}${this.put(url)}` })

  /** Keeps `url` for one use; returns its id. */
  put(url: string): string {
    const id = randomBytes(32).toString('base64url')
    const timer = setTimeout(() => this.entries.delete(id), this.ttlMs)
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
    this.entries.set(id, { url, timer })
    return id
  }

  get size(): number {
    return this.entries.size
  }

  /** Forgets every link (vault lock, shell closing). */
  clear(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer)
    this.entries.clear()
  }

  /**
   * Answers `GET /go/<id>` for a request the shell has already checked for Host and Origin;
   * `authorised` says whether it carries the session cookie. Only a navigation spends the link.
   */
  answer(path: string, req: IncomingMessage, authorised: boolean): LinkAnswer {
    if (!authorised) return { status: 401, body: 'Not authorised', headers: {} }
    if (req.method !== 'GET') return { status: 405, body: 'Method not allowed', headers: {} }
    if (req.headers['sec-fetch-mode'] !== 'navigate') return { status: 403, body: 'Links open only by navigating to them', headers: {} }
    const id = path.slice(LINK_PREFIX.length)
    const entry = this.entries.get(id)
    if (!entry) return { status: 404, body: 'This link has already been opened or has expired. Open it again from Backdesk.', headers: {} }
    clearTimeout(entry.timer)
    this.entries.delete(id)
    return { status: 303, body: '', headers: { location: entry.url } }
  }
}
