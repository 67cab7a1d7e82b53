// Which proxy (if any) a base URL goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, lower- or
// upper-case, with loopback always direct (the built-in simulator and the web shell live there).

export type ProxySetting =
  | 'env' // read HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment (default)
  | 'none' // always direct
  | { url: string; noProxy?: string } // an explicit proxy for this connection

type Env = Record<string, string | undefined>

function envValue(env: Env, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()]
  return v && v.trim() ? v.trim() : undefined
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '0:0:0:0:0:0:0:1'
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80'
}

/** True when NO_PROXY says this URL goes direct (curl/undici semantics: suffix match, `*`, optional port). */
export function matchesNoProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = url.port || defaultPort(url.protocol)
  for (const rawEntry of noProxy.split(/[,\s]+/)) {
    let entry = rawEntry.trim().toLowerCase()
    if (!entry) continue
    if (entry === '*') return true
    let entryPort: string | undefined
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
    if (bracketed) {
      entry = bracketed[1] ?? ''
      entryPort = bracketed[2]
    } else {
      const m = /^([^:]+):(\d+)$/.exec(entry)
      if (m) {
        entry = m[1] ?? ''
        entryPort = m[2]
      }
    }
    if (entryPort && entryPort !== port) continue
    entry = entry.replace(/^\*?\./, '')
    if (host === entry || host.endsWith(`.${entry}`)) return true
  }
  return false
}

/** The proxy URL for a request to `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, setting: ProxySetting = 'env', env: Env = process.env): string | undefined {
  if (setting === 'none') return undefined
  if (isLoopbackHost(url.hostname)) return undefined
  if (setting !== 'env') {
    return matchesNoProxy(url, setting.noProxy) ? undefined : setting.url
  }
  if (matchesNoProxy(url, envValue(env, 'NO_PROXY'))) return undefined
  if (url.protocol === 'https:') return envValue(env, 'HTTPS_PROXY') ?? envValue(env, 'HTTP_PROXY')
  return envValue(env, 'HTTP_PROXY')
}
