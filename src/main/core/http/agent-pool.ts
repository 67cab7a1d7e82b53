// One undici dispatcher per origin (plus CA and proxy), with keep-alive and a connect timeout.
// A connection's custom CA (PEM) is trusted in addition to the public roots Node ships with, so a
// private CA never breaks a provider that uses a public certificate.

import { createHash } from 'node:crypto'
import { rootCertificates } from 'node:tls'
import { Agent, ProxyAgent, type Dispatcher } from 'undici'
import { proxyFor, type ProxySetting } from './proxy'

export interface AgentOptions {
  /** PEM text of extra CA certificate(s) for this connection. */
  ca?: string | string[]
  /** Socket connect timeout (TCP + TLS). Default 10 s. */
  connectTimeoutMs?: number
  /** Idle keep-alive sockets are closed after this. Default 30 s. */
  keepAliveTimeoutMs?: number
  /** Sockets per origin. Default 8. */
  connections?: number
  proxy?: ProxySetting
  /** Environment used for proxy variables (tests pass their own). Default process.env. */
  env?: Record<string, string | undefined>
}

export interface AgentPool {
  /** The dispatcher for this URL's origin. */
  dispatcherFor(url: URL): Dispatcher
  /** The proxy this URL goes through (for logs and diagnostics; credentials removed). */
  proxyDescription(url: URL): string | undefined
  close(): Promise<void>
  destroy(): Promise<void>
}

function stripCredentials(proxyUrl: string): string {
  try {
    const u = new URL(proxyUrl)
    u.username = ''
    u.password = ''
    return u.toString()
  } catch {
    return '[invalid proxy url]'
  }
}

export function createAgentPool(options: AgentOptions = {}): AgentPool {
  const dispatchers = new Map<string, Dispatcher>()
  const ca = options.ca
  const caKey = ca === undefined ? '' : createHash('sha256').update(Array.isArray(ca) ? ca.join('\n') : ca).digest('hex').slice(0, 16)
  const connectTimeout = options.connectTimeoutMs ?? 10_000
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 30_000
  const connections = options.connections ?? 8

  const dispatcherFor = (url: URL): Dispatcher => {
    const proxy = proxyFor(url, options.proxy ?? 'env', options.env ?? process.env)
    const key = `${url.origin}|${caKey}|${proxy ?? ''}`
    let dispatcher = dispatchers.get(key)
    if (dispatcher) return dispatcher
    const tls = ca === undefined ? {} : { ca: [...rootCertificates, ...(Array.isArray(ca) ? ca : [ca])] }
    if (proxy) {
      const proxyUrl = new URL(proxy)
      const token =
        proxyUrl.username || proxyUrl.password
          ? `Basic ${Buffer.from(`${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`).toString('base64')}`
          : undefined
      proxyUrl.username = ''
      proxyUrl.password = ''
      dispatcher = new ProxyAgent({
        uri: proxyUrl.toString(),
        ...(token ? { token } : {}),
        requestTls: { ...tls, timeout: connectTimeout },
        proxyTls: { timeout: connectTimeout },
        connectTimeout,
        keepAliveTimeout,
        connections
      })
    } else {
      dispatcher = new Agent({
        connect: { ...tls, timeout: connectTimeout },
        keepAliveTimeout,
        keepAliveMaxTimeout: Math.max(keepAliveTimeout, 60_000),
        connections
      })
    }
    dispatchers.set(key, dispatcher)
    return dispatcher
  }

  return {
    dispatcherFor,
    proxyDescription(url) {
      const proxy = proxyFor(url, options.proxy ?? 'env', options.env ?? process.env)
      return proxy ? stripCredentials(proxy) : undefined
    },
    async close() {
      const all = [...dispatchers.values()]
      dispatchers.clear()
      await Promise.all(all.map((d) => d.close().catch(() => undefined)))
    },
    async destroy() {
      const all = [...dispatchers.values()]
      dispatchers.clear()
      await Promise.all(all.map((d) => d.destroy().catch(() => undefined)))
    }
  }
}
