import type { IncomingMessage } from 'node:http'
import { OneTimeStore, refusal } from './one-time-store'

// The web shell's `handOffLink`: a link main would open in the system browser (a CloudAlly
// download's pre-signed URL) but cannot, because the browser is the user's and main runs
// headless. The link is kept here under a random id; the IPC answer carries only `/go/<id>`, which
// the page opens in a new tab and which answers once, to a navigation of the page's own session,
// with a redirect to the link. So the renderer's script never holds the link's token: a fetch()
// from the page (an XSS) is refused, and a redirect a navigation follows is not readable by it.

export const LINK_PREFIX = '/go/'
/** Unused links are dropped after this long. */
export const LINK_TTL_MS = 60_000

export interface LinkAnswer {
  status: number
  body: string
  headers: Record<string, string>
}

/** Links kept for one use each (put, take, size and clear are the store's). */
export class OneTimeLinks extends OneTimeStore<string> {
  constructor(ttlMs = LINK_TTL_MS) {
    super(ttlMs)
  }

  /** The platform port (see PlatformServices.handOffLink). */
  readonly handOffLink = (url: string): Promise<{ open: string }> => Promise.resolve({ open: `${LINK_PREFIX}${this.put(url)}` })

  /**
   * Answers `GET /go/<id>` for a request the shell has already checked for Host and Origin;
   * `authorised` says whether it carries the session cookie. Only a navigation spends the link.
   */
  answer(path: string, req: IncomingMessage, authorised: boolean): LinkAnswer {
    const refused = refusal(req, authorised, 'Links')
    if (refused) return { ...refused, headers: {} }
    const url = this.take(path.slice(LINK_PREFIX.length))
    if (url === undefined) return { status: 404, body: 'This link has already been opened or has expired. Open it again from Backdesk.', headers: {} }
    return { status: 303, body: '', headers: { location: url } }
  }
}
