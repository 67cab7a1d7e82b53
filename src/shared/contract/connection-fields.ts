import { z } from 'zod'
import { Id } from './define'

// What every connection's create and update input is made of: the checks of a base URL and an
// origin, and the field schemas each provider's input (shared/providers/<p>/contract.ts) builds on.

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

/** An origin and nothing else: scheme://host[:port] (a registered Origin header, a secret's bound origin). */
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

export const Name = z.string().trim().min(1, 'Give the connection a name').max(120)
const Customer = z.string().trim().max(120)
const Tags = z.array(z.string().trim().min(1).max(40)).max(20)
const BaseUrl = z.string().trim().min(1, 'Enter the base URL of the API').max(2048).superRefine(refineWith(baseUrlProblem))
export const Origin = z.string().trim().min(1, 'Enter the registered Origin, such as https://portal.example.com').max(2048).superRefine(refineWith(originProblem))
export const ClientId = z.string().trim().min(1, 'Enter the client ID of the API app').max(200)
export const UserName = z.string().trim().min(1, 'Enter the user name').max(320)
export const Email = z.string().trim().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address')
export const Secret = z.string().min(1).max(4096)
/** PEM shape only here; main parses it as an X.509 certificate. */
const Pem = z
  .string()
  .max(64 * 1024)
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----)')

/** The fields of every provider's `connections.create` input. */
export const common = {
  name: Name,
  customer: Customer.default(''),
  tags: Tags.default([]),
  baseUrl: BaseUrl,
  customCa: Pem.optional(),
  demo: z.boolean().optional()
}

/** The fields of every provider's `connections.update` input. */
export const commonPatch = {
  id: Id,
  name: Name.optional(),
  customer: Customer.optional(),
  tags: Tags.optional(),
  baseUrl: BaseUrl.optional(),
  /** A PEM replaces the CA, null removes it, absent keeps it. */
  customCa: Pem.nullable().optional(),
  demo: z.boolean().optional()
}

