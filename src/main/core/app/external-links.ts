// External links open in the OS browser only when https and on this list, or on the host of a
// connection whose Test connection passed. Any other https link needs the user's yes in a dialog
// main shows; everything else is refused: a compromised renderer must not be able to launch
// arbitrary URLs or schemes.

import { PROVIDER_MODULES } from '../providers/registry'

// The providers' documentation and portal hosts (each module's `docsHosts`).
const STATIC_ALLOWED_HOSTS = new Set(PROVIDER_MODULES.flatMap((m) => m.docsHosts))

/** What to do with a link: open it, ask the user first, or refuse it. */
export type ExternalLinkVerdict = 'open' | 'ask' | 'refuse'

export function externalLinkVerdict(raw: string, trustedHosts: Iterable<string> = []): ExternalLinkVerdict {
  if (isAllowedExternalUrl(raw, trustedHosts)) return 'open'
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'refuse'
  }
  return url.protocol === 'https:' && !url.username && !url.password ? 'ask' : 'refuse'
}

export function isAllowedExternalUrl(raw: string, extraHosts: Iterable<string> = []): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  const host = url.hostname.toLowerCase()
  const extra = new Set([...extraHosts].map((h) => h.toLowerCase()))
  if (url.protocol === 'https:') return STATIC_ALLOWED_HOSTS.has(host) || extra.has(host)
  // Plain http only for trusted loopback hosts (the built-in simulator's downloads).
  if (url.protocol === 'http:') return (host === '127.0.0.1' || host === 'localhost') && extra.has(host)
  return false
}
