import { createCloudAlly, type CloudAllyData, type CloudAllyDemoCredentials } from './cloudally'
import { createCloudback, type CloudbackData, type CloudbackDemoCredentials } from './cloudback'
import { createCloutility, type CloutilityData, type CloutilityDemoCredentials } from './cloutility'
import { FaultController, parseFaultSpec, type ActiveFaultRule, type FaultRule } from './http/faults'
import { LatencyControl, type Latency } from './http/latency'
import { startProviderServer, type ProviderServer } from './http/server'
import { RequestStats, type RequestRecord, type StatsFilter } from './http/stats'
import type { ProviderName } from './http/types'

export type { ProviderName } from './http/types'
export type { FaultRule, FaultKind, ActiveFaultRule } from './http/faults'
export { parseFaultSpec, FAULT_KINDS } from './http/faults'
export type { CloutilityData, CloutilityDemoCredentials } from './cloutility'
export type { CloudAllyData, CloudAllyDemoCredentials } from './cloudally'
export type { CloudbackData, CloudbackDemoCredentials } from './cloudback'
export type { RequestRecord, StatsFilter } from './http/stats'

export type ScalePreset = 'tiny' | 'small' | 'demo' | 'large' | 'huge'

/** Business units and nodes per preset. */
export const SCALES: Record<ScalePreset, { businessUnits: number; nodes: number }> = {
  tiny: { businessUnits: 8, nodes: 10 },
  small: { businessUnits: 20, nodes: 60 },
  demo: { businessUnits: 40, nodes: 200 },
  large: { businessUnits: 800, nodes: 10_000 },
  huge: { businessUnits: 3_000, nodes: 50_000 }
}

export interface SimulatorOptions {
  /** Default 1; all data is deterministic per seed (and per `now()` at start). */
  seed?: number
  /** Default '127.0.0.1' (loopback only). */
  host?: string
  /** 0 (default) = ephemeral ports; else cloutility = base, cloudally = base+1, cloudback = base+2. */
  basePort?: number
  scale?: ScalePreset
  businessUnits?: number
  nodes?: number
  /** Applied to every response of every provider. */
  latency?: Latency
  /** Initial fault rules (string spec or rules). */
  faults?: string | FaultRule[]
  /** Clock in ms since epoch; default Date.now. */
  now?: () => number
  /**
   * Behave like the live services where the lax default accepts more (README, "Strict mode"):
   * PUT replaces, CloudAlly pages by `page` alone and wants client headers on `/auth`, `/v1/oauth`
   * takes only a form body, CloudAlly ids are GUIDs. Default false; the test suite turns it on.
   */
  strict?: boolean
  /**
   * Answer a client that sends `accept-encoding: gzip` with a gzipped body (of 1 KiB or more), as a
   * front end with dynamic compression on does (IIS, ASP.NET Core: the fastest level). Default off:
   * whether the live services compress is not documented.
   */
  compress?: boolean
}

export interface Simulator {
  cloutility: { url: string; credentials: CloutilityDemoCredentials; data: CloutilityData }
  cloudally: { url: string; credentials: CloudAllyDemoCredentials; data: CloudAllyData }
  cloudback: { url: string; credentials: CloudbackDemoCredentials; data: CloudbackData }
  faults: { add(rule: FaultRule): string; remove(id: string): void; clear(): void; list(): ActiveFaultRule[] }
  setLatency(provider: ProviderName | 'all', latency: Latency | null): void
  /** Every issued access token (Cloutility, CloudAlly) expires now. Cloudback has no tokens. */
  expireTokens(provider?: ProviderName): void
  stats: {
    requests: ReadonlyArray<RequestRecord>
    count(filter?: StatsFilter): number
    reset(): void
  }
  stop(): Promise<void>
  /** Every route each server answers, as [METHOD, pattern] (for docs and route sweeps). */
  routes: Record<ProviderName, Array<[string, string]>>
  /** Whether strict mode is on. */
  readonly strict: boolean
}

function clampSize(n: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer`)
  return Math.min(max, Math.max(min, n))
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1
  const host = options.host ?? '127.0.0.1'
  // Demo credentials are printed and fixed per seed: never listen beyond this machine.
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) throw new Error(`the simulator listens on loopback only, not '${host}'`)
  const now = options.now ?? Date.now
  const preset = SCALES[options.scale ?? 'tiny']
  if (!preset) throw new Error(`unknown scale preset: ${String(options.scale)}`)
  const nodes = clampSize(options.nodes ?? preset.nodes, 1, 50_000, 'nodes')
  const businessUnits = clampSize(options.businessUnits ?? preset.businessUnits, 6, 10_000, 'businessUnits')

  const strict = options.strict ?? false
  const cloutility = createCloutility(seed, { businessUnits, nodes }, now, { strict })
  const cloudally = createCloudAlly(seed, nodes, now, { strict })
  const cloudback = createCloudback(seed, nodes)

  const faults = new FaultController(seed)
  const initialFaults = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? [])
  for (const rule of initialFaults) faults.add(rule)
  const latency = new LatencyControl(seed, options.latency)
  const stats = new RequestStats()
  const basePort = options.basePort ?? 0
  const port = (offset: number) => (basePort ? basePort + offset : 0)

  const common = { host, faults, latency, stats, now, compress: options.compress ?? false }
  const servers: ProviderServer[] = []
  try {
    servers.push(
      await startProviderServer({
        ...common,
        provider: 'cloutility',
        port: port(0),
        router: cloutility.router,
        formatError: cloutility.formatError,
        expireTokens: (req) => cloutility.auth.expireFromRequest(req)
      })
    )
    servers.push(
      await startProviderServer({
        ...common,
        provider: 'cloudally',
        port: port(1),
        router: cloudally.router,
        formatError: cloudally.formatError,
        expireTokens: (req) => cloudally.auth.expireFromRequest(req)
      })
    )
    servers.push(
      await startProviderServer({
        ...common,
        provider: 'cloudback',
        port: port(2),
        router: cloudback.router,
        formatError: cloudback.formatError,
        expireTokens: () => cloudback.rejectNextKey()
      })
    )
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()))
    throw err
  }
  const [cloutilityServer, cloudallyServer, cloudbackServer] = servers as [ProviderServer, ProviderServer, ProviderServer]

  let stopped: Promise<void> | undefined
  return {
    cloutility: { url: cloutilityServer.url, credentials: cloutility.credentials, data: cloutility.data },
    cloudally: { url: cloudallyServer.url, credentials: cloudally.credentials, data: cloudally.data },
    cloudback: { url: cloudbackServer.url, credentials: cloudback.credentials, data: cloudback.data },
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list()
    },
    setLatency: (provider, l) => latency.set(provider, l),
    expireTokens: (provider) => {
      if (!provider || provider === 'cloutility') cloutility.auth.expireAll()
      if (!provider || provider === 'cloudally') cloudally.auth.expireAll()
    },
    stats: {
      get requests() {
        return stats.requests
      },
      count: (filter) => stats.count(filter),
      reset: () => stats.reset()
    },
    routes: { cloutility: cloutility.router.list(), cloudally: cloudally.router.list(), cloudback: cloudback.router.list() },
    strict,
    stop: () => {
      stopped ??= Promise.all(servers.map((s) => s.stop())).then(() => undefined)
      return stopped
    }
  }
}

