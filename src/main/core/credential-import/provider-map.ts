import type { z } from 'zod'
import { baseUrlProblem, normaliseBaseUrl, type ConnectionCreateInput } from '../../../shared/contract/connections.contract'
import type { SourceEntry } from './sources'

// Which provider a password-manager entry is for (by its URL) and the connection it becomes.
// Each provider module says it in its `credentialImport` (providers/<p>/credential-import.ts);
// this file only iterates them.

/** What a provider contributes to the credential import. */
export interface CredentialMapping {
  /** Host names (and their subdomains) that are this provider's. */
  hostSuffixes: readonly string[]
  /** An entry on any other host that is still this provider's (a self-hosted portal). */
  recognise?(entry: SourceEntry): boolean
  /** The provider's own create fields from an entry, or why it cannot become a connection. */
  fields(entry: SourceEntry, baseUrl: string): Record<string, unknown> | { problem: string }
}

function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`
}

/** The first non-empty field of `names` (password managers name custom fields freely). */
export function entryField(entry: SourceEntry, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = entry.fields[name]?.trim()
    if (v) return v
  }
  return undefined
}

export interface ProviderMap {
  readonly kinds: readonly string[]
  detect(entry: SourceEntry): string | null
  /** The connection an entry becomes for `provider`, or why it cannot (a missing field). */
  draftFor(entry: SourceEntry, provider: string): { input: ConnectionCreateInput } | { problem: string }
}

export function createProviderMap(
  modules: ReadonlyArray<{ kind: string; credentialImport?: CredentialMapping }>,
  /** The `connections.create` input schema (the router's): a draft must pass it. */
  createInput: z.ZodType
): ProviderMap {
  const mappings = modules.flatMap((m) => (m.credentialImport ? [{ kind: m.kind, map: m.credentialImport }] : []))
  return {
    kinds: mappings.map((m) => m.kind),
    detect(entry) {
      let host = ''
      try {
        host = new URL(withScheme(entry.url.trim())).hostname.toLowerCase()
      } catch {
        host = ''
      }
      for (const m of mappings) if (m.map.hostSuffixes.some((s) => host === s || host.endsWith(`.${s}`))) return m.kind
      for (const m of mappings) if (m.map.recognise?.(entry)) return m.kind
      return null
    },
    draftFor(entry, provider) {
      const mapping = mappings.find((m) => m.kind === provider)
      if (!mapping) return { problem: 'Backdesk cannot import logins of this provider.' }
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
      const own = mapping.map.fields(entry, baseUrl)
      if ('problem' in own && typeof own['problem'] === 'string') return { problem: own['problem'] }
      const common = { name: (entry.title.trim() || new URL(baseUrl).host).slice(0, 120), customer: entry.group.trim().slice(0, 120), tags: ['imported'], baseUrl }
      const parsed = createInput.safeParse({ provider, ...common, ...own })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return { problem: `${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'not valid'}.` }
      }
      return { input: parsed.data as ConnectionCreateInput }
    }
  }
}
