import { z } from 'zod'
import type { ConnectionSummary, ProbeResult } from '../model/connection'
import { defineChannel, defineTopic, Id, NoInput } from './define'

// Connections: the renderer may create, edit, duplicate, delete and test them, and read their
// public summaries. Secret fields go one way: create/update accept them, nothing returns them; an
// update that omits a secret keeps the stored one.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost')
}

/**
 * Why a base URL is not acceptable, or null when it is: https anywhere, plain http only to this
 * machine (the simulator), no user:password@ in the URL, no query or fragment.
 */
export function baseUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter a full URL such as https://portal.example.com'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https://'
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'Use https://; plain http is only allowed for this computer (localhost)'
  }
  if (url.username || url.password) return 'Do not put a user name or password in the URL'
  if (url.search || url.hash) return 'The base URL cannot have a query (?…) or fragment (#…)'
  if (!url.hostname) return 'The URL has no host'
  return null
}

/**
 * `URL.origin` (scheme://host[:port]) of a URL, or '' when it is not one. Secrets are bound to
 * the origin they were entered for and are never sent to another.
 */
export function originOf(url: string): string {
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? '' : origin
  } catch {
    return ''
  }
}

/** The canonical form we store: no trailing slash. */
export function normaliseBaseUrl(value: string): string {
  const url = new URL(value.trim())
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.protocol}//${url.host}${path}`
}

/** The Cloutility Origin header is an origin: scheme://host[:port], nothing else. */
export function originProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter the registered Origin, such as https://portal.example.com'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The Origin must start with https:// or http://'
  if (url.origin !== value.replace(/\/$/, '')) return 'The Origin is scheme://host[:port] with no path'
  return null
}

const refineWith = (check: (v: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

const Name = z.string().trim().min(1, 'Give the connection a name').max(120)
const Customer = z.string().trim().max(120)
const Tags = z.array(z.string().trim().min(1).max(40)).max(20)
const BaseUrl = z.string().trim().min(1).max(2048).superRefine(refineWith(baseUrlProblem))
const Origin = z.string().trim().min(1).max(2048).superRefine(refineWith(originProblem))
const ClientId = z.string().trim().min(1).max(200)
const UserName = z.string().trim().min(1).max(320)
const Email = z.string().trim().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address')
const Secret = z.string().min(1).max(4096)
/** PEM shape only here; main parses it as an X.509 certificate. */
const Pem = z
  .string()
  .max(64 * 1024)
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----)')

const common = {
  name: Name,
  customer: Customer.default(''),
  tags: Tags.default([]),
  baseUrl: BaseUrl,
  customCa: Pem.optional(),
  demo: z.boolean().optional()
}

const CloutilityCreate = z
  .object({
    provider: z.literal('cloutility'),
    ...common,
    clientId: ClientId,
    origin: Origin,
    username: UserName,
    password: Secret
  })
  .strict()

const CloudAllyCreate = z
  .object({
    provider: z.literal('cloudally'),
    ...common,
    mode: z.enum(['partner', 'user']),
    clientId: ClientId.optional(),
    clientSecret: Secret.optional(),
    email: Email,
    password: Secret
  })
  .strict()
  .superRefine((value, ctx) => {
    // Both logins send client-id/client-secret: real clients refuse /auth without them too.
    const who = value.mode === 'partner' ? 'A partner login' : 'A portal user login'
    if (!value.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: `${who} needs the client id` })
    if (!value.clientSecret) ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: `${who} needs the client secret` })
  })

const CloudbackCreate = z
  .object({
    provider: z.literal('cloudback'),
    ...common,
    apiKey: Secret
  })
  .strict()

export const ConnectionCreateInput = z.discriminatedUnion('provider', [CloutilityCreate, CloudAllyCreate, CloudbackCreate])
export type ConnectionCreateInput = z.output<typeof ConnectionCreateInput>

const commonPatch = {
  id: Id,
  name: Name.optional(),
  customer: Customer.optional(),
  tags: Tags.optional(),
  baseUrl: BaseUrl.optional(),
  /** A PEM replaces the CA, null removes it, absent keeps it. */
  customCa: Pem.nullable().optional(),
  demo: z.boolean().optional()
}

const CloutilityUpdate = z
  .object({
    provider: z.literal('cloutility'),
    ...commonPatch,
    clientId: ClientId.optional(),
    origin: Origin.optional(),
    username: UserName.optional(),
    password: Secret.optional()
  })
  .strict()

const CloudAllyUpdate = z
  .object({
    provider: z.literal('cloudally'),
    ...commonPatch,
    mode: z.enum(['partner', 'user']).optional(),
    clientId: ClientId.optional(),
    clientSecret: Secret.optional(),
    email: Email.optional(),
    password: Secret.optional()
  })
  .strict()

const CloudbackUpdate = z
  .object({
    provider: z.literal('cloudback'),
    ...commonPatch,
    apiKey: Secret.optional()
  })
  .strict()

/** `provider` must match the stored connection's: a connection never changes provider. */
export const ConnectionUpdateInput = z.discriminatedUnion('provider', [CloutilityUpdate, CloudAllyUpdate, CloudbackUpdate])
export type ConnectionUpdateInput = z.output<typeof ConnectionUpdateInput>

export type ConnectionChange =
  | { kind: 'created' | 'updated' | 'deleted'; id: string }
  | { kind: 'imported' | 'reset' | 'restored'; id?: undefined }

export const connectionsChannels = {
  'connections.list': defineChannel<ConnectionSummary[]>()(NoInput),
  'connections.get': defineChannel<ConnectionSummary>()(z.object({ id: Id }).strict()),
  'connections.create': defineChannel<ConnectionSummary>()(ConnectionCreateInput, { mutates: true }),
  'connections.update': defineChannel<ConnectionSummary>()(ConnectionUpdateInput, { mutates: true }),
  'connections.duplicate': defineChannel<ConnectionSummary>()(
    z.object({ id: Id, name: Name.optional() }).strict(),
    { mutates: true }
  ),
  /** Destructive: `confirmId` must repeat the id, so a stray call cannot delete anything. */
  'connections.delete': defineChannel<{ deleted: true; id: string }>()(
    z
      .object({ id: Id, confirmId: Id })
      .strict()
      .refine((v) => v.id === v.confirmId, { path: ['confirmId'], message: 'Confirm by repeating the connection id' }),
    { mutates: true }
  ),
  /** A real login and one cheap call against the provider; says which step failed. */
  'connections.test': defineChannel<ProbeResult>()(z.object({ id: Id }).strict()),
  /** The same test for a new connection before it is saved: nothing is stored. */
  'connections.testDraft': defineChannel<ProbeResult>()(ConnectionCreateInput)
} as const

export const connectionsTopics = {
  'connections.changed': defineTopic<ConnectionChange>()
} as const
