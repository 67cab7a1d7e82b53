import { baseUrlProblem, ConnectionCreateInput, normaliseBaseUrl } from '../../../shared/contract/connections.contract'
import type { ProviderKind } from '../../../shared/model/connection'
import type { SourceEntry } from './sources'

// The one place that knows which provider a password-manager entry is for (by its URL) and which
// fields each provider's login needs. Everything else about providers stays in providers/.

const HOST_RULES: ReadonlyArray<{ provider: ProviderKind; suffixes: readonly string[] }> = [
  { provider: 'cloudally', suffixes: ['cloudally.com'] },
  { provider: 'cloudback', suffixes: ['cloudback.it'] },
  { provider: 'cloutility', suffixes: ['cloutility.com', 'cloutility.net', 'cloutility.se', 'safedc.net'] }
]

function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`
}

export function detectProvider(entry: SourceEntry): ProviderKind | null {
  let host = ''
  try {
    host = new URL(withScheme(entry.url.trim())).hostname.toLowerCase()
  } catch {
    host = ''
  }
  for (const rule of HOST_RULES) if (rule.suffixes.some((s) => host === s || host.endsWith(`.${s}`))) return rule.provider
  // Self-hosted Cloutility portals have any host; their API path or the title says so.
  if (/cloutility/i.test(`${entry.url} ${entry.title}`)) return 'cloutility'
  return null
}

function field(entry: SourceEntry, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = entry.fields[name]?.trim()
    if (v) return v
  }
  return undefined
}

/** The connection an entry becomes for `provider`, or why it cannot (a missing field). */
export function draftFor(entry: SourceEntry, provider: ProviderKind): { input: ConnectionCreateInput } | { problem: string } {
  const rawUrl = entry.url.trim()
  if (!rawUrl) return { problem: 'The entry has no URL.' }
  let baseUrl: string
  try {
    const url = new URL(withScheme(rawUrl))
    baseUrl = normaliseBaseUrl(`${url.protocol}//${url.host}${url.pathname}`)
  } catch {
    return { problem: 'The entry’s URL cannot be read.' }
  }
  const urlProblem = baseUrlProblem(baseUrl)
  if (urlProblem) return { problem: `URL: ${urlProblem}.` }
  if (!entry.password) return { problem: 'The entry has no password.' }
  const common = { name: (entry.title.trim() || new URL(baseUrl).host).slice(0, 120), customer: entry.group.trim().slice(0, 120), tags: ['imported'], baseUrl }
  let candidate: unknown
  switch (provider) {
    case 'cloutility': {
      const clientId = field(entry, 'client id', 'client_id', 'clientid')
      if (!clientId) return { problem: 'A Cloutility login needs its client id: add a field named "client id" to the entry.' }
      candidate = { provider, ...common, clientId, origin: field(entry, 'origin') ?? new URL(baseUrl).origin, username: entry.username, password: entry.password }
      break
    }
    case 'cloudally': {
      // Both logins send the API client's id and secret (the real service refuses /auth without
      // them); a "mode" field saying "user" or "portal" marks a portal-user login.
      const clientId = field(entry, 'client id', 'client_id', 'clientid')
      const clientSecret = field(entry, 'client secret', 'client_secret', 'clientsecret')
      if (!clientId || !clientSecret) {
        return { problem: 'A CloudAlly login needs its API client id and secret: add fields named "client id" and "client secret" to the entry.' }
      }
      const mode = /user|portal/i.test(field(entry, 'mode', 'login type') ?? '') ? 'user' : 'partner'
      candidate = { provider, ...common, mode, clientId, clientSecret, email: entry.username, password: entry.password }
      break
    }
    case 'cloudback':
      candidate = { provider, ...common, apiKey: field(entry, 'api key', 'api_key', 'apikey') ?? entry.password }
      break
  }
  const parsed = ConnectionCreateInput.safeParse(candidate)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { problem: `${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'not valid'}.` }
  }
  return { input: parsed.data }
}
