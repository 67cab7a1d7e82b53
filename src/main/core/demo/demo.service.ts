// The Demo workspace: the built-in simulator, started inside main on ephemeral loopback ports with
// a fixed seed, and demo connections to it (`demo: true`) so every screen works without real
// credentials. The simulator's demo credentials go through the vault like any other secret.
// After a restart (or an unlock) existing demo connections are pointed at the new ports.

import type { ConnectionCreateInput } from '../../../shared/contract/connections.contract'
import type { DemoStatus } from '../../../shared/contract/demo.contract'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary, ProviderKind } from '../../../shared/model/connection'
import type { Simulator, SimulatorOptions } from '../../../simulator'
import type { ConnectionStore } from '../connections/connection-store'
import type { EventBus } from '../events/event-bus'
import { silentLogger, type Logger } from '../log/logger'

export const DEMO_SEED = 2026
export const DEMO_CUSTOMER = 'Demo: Northwind'
export const DEMO_SUB_CUSTOMER = 'Demo: Contoso'

export type StartSimulator = (options: SimulatorOptions) => Promise<Simulator>

export interface DemoServiceOptions {
  connections: ConnectionStore
  /** The simulator factory (src/simulator's startSimulator). */
  startSimulator: StartSimulator
  events?: EventBus
  logger?: Logger
  /** Lets the connection's provider module prepare what its screens need (runs once per new connection). */
  afterCreate?: (connection: ConnectionSummary, simulator: Simulator) => Promise<void>
  /** Runs after demo connections were created or re-pointed (warm the customer pages / search). */
  afterStart?: (connectionIds: string[]) => Promise<void> | void
  /** Removes what else Backdesk keeps for a connection (snapshots). */
  forget?: (connectionId: string) => Promise<void> | void
}

/** Which simulator server and login a demo connection uses; kept in its tags (`demo:<role>`). */
type DemoRole = 'cloutility' | 'cloutility-sub' | 'cloudally-partner' | 'cloudback'

const ROLE_TAG = 'demo:'

function roleOf(c: ConnectionSummary): DemoRole | undefined {
  const tag = c.tags.find((t) => t.startsWith(ROLE_TAG))
  const role = tag?.slice(ROLE_TAG.length)
  if (role === 'cloutility' || role === 'cloutility-sub' || role === 'cloudally-partner' || role === 'cloudback') return role
  // Demo connections made some other way: the provider's main login.
  return c.provider === 'cloutility' ? 'cloutility' : c.provider === 'cloudally' ? 'cloudally-partner' : 'cloudback'
}

function urlFor(sim: Simulator, provider: ProviderKind): string {
  return sim[provider].url
}

/** Create inputs for every demo connection against a running simulator. */
export function demoConnectionInputs(sim: Simulator): Array<{ role: DemoRole; input: ConnectionCreateInput }> {
  const u = sim.cloutility.credentials
  const a = sim.cloudally.credentials
  const b = sim.cloudback.credentials
  const common = (role: DemoRole, customer: string) => ({ customer, tags: ['demo', `${ROLE_TAG}${role}`], demo: true })
  return [
    {
      role: 'cloutility',
      input: {
        provider: 'cloutility',
        name: 'Demo Cloutility',
        ...common('cloutility', DEMO_CUSTOMER),
        baseUrl: sim.cloutility.url,
        clientId: u.clientId,
        origin: u.origin,
        username: u.username,
        password: u.password
      }
    },
    {
      role: 'cloudally-partner',
      input: {
        provider: 'cloudally',
        name: 'Demo CloudAlly partner',
        ...common('cloudally-partner', DEMO_CUSTOMER),
        baseUrl: sim.cloudally.url,
        mode: 'partner',
        clientId: a.clientId,
        clientSecret: a.clientSecret,
        email: a.partnerEmail,
        password: a.partnerPassword
      }
    },
    {
      role: 'cloudback',
      input: { provider: 'cloudback', name: 'Demo Cloudback', ...common('cloudback', DEMO_CUSTOMER), baseUrl: sim.cloudback.url, apiKey: b.apiKey }
    },
    {
      role: 'cloutility-sub',
      input: {
        provider: 'cloutility',
        name: 'Demo Cloutility (customer login)',
        ...common('cloutility-sub', DEMO_SUB_CUSTOMER),
        baseUrl: sim.cloutility.url,
        clientId: u.subUnit.clientId,
        origin: u.subUnit.origin,
        username: u.subUnit.username,
        password: u.subUnit.password
      }
    }
  ]
}

/** A few definitions to track on the demo Cloudback connection. */
export class DemoService {
  private sim: Simulator | undefined
  private starting: Promise<Simulator> | undefined
  private lastError: string | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private readonly logger: Logger

  constructor(private readonly options: DemoServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child('demo')
  }

  /** The running simulator (tests and the offline E2E reach it through the core). */
  get simulator(): Simulator | undefined {
    return this.sim
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private demoConnections(): ConnectionSummary[] {
    return this.options.connections.list().filter((c) => c.demo)
  }

  status(): DemoStatus {
    let connections: ConnectionSummary[] = []
    try {
      connections = this.demoConnections()
    } catch {
      connections = []
    }
    return {
      active: connections.length > 0,
      running: this.sim !== undefined,
      connections: connections.map((c) => ({ id: c.id, provider: c.provider, name: c.name, customer: c.customer })),
      ...(this.lastError ? { error: this.lastError } : {})
    }
  }

  private emit(): DemoStatus {
    const status = this.status()
    this.options.events?.emit('demo.status', status)
    return status
  }

  private async ensureSimulator(): Promise<Simulator> {
    if (this.sim) return this.sim
    this.starting ??= this.options
      .startSimulator({ scale: 'demo', seed: DEMO_SEED, basePort: 0, strict: true })
      .then((sim) => {
        this.sim = sim
        this.lastError = undefined
        this.logger.info('demo simulator started', { cloutility: sim.cloutility.url, cloudally: sim.cloudally.url, cloudback: sim.cloudback.url })
        return sim
      })
      .catch((err: unknown) => {
        this.lastError = `The demo simulator could not start: ${err instanceof Error ? err.message : String(err)}`
        throw new AppError('INTERNAL', this.lastError, { cause: err })
      })
      .finally(() => {
        this.starting = undefined
      })
    return this.starting
  }

  /** Starts the simulator and creates the demo connections (re-points existing ones). */
  start(): Promise<DemoStatus> {
    return this.serial(async () => {
      const existing = this.demoConnections() // LOCKED while locked
      const sim = await this.ensureSimulator()
      const ids: string[] = []
      if (existing.length) {
        ids.push(...(await this.repoint(sim, existing)))
      } else {
        for (const { role, input } of demoConnectionInputs(sim)) {
          const created = await this.options.connections.create(input)
          ids.push(created.id)
          await this.options.afterCreate?.(created, sim).catch((err: unknown) => this.logger.warn(`demo ${role} connection not prepared`, { err }))
        }
      }
      await Promise.resolve(this.options.afterStart?.(ids)).catch((err: unknown) => this.logger.warn('demo warm-up failed', { err }))
      return this.emit()
    })
  }

  /** After an app start or an unlock: if demo connections exist, run the simulator and re-point them. */
  resume(): Promise<DemoStatus> {
    return this.serial(async () => {
      const existing = this.demoConnections()
      if (!existing.length) return this.status()
      const sim = await this.ensureSimulator()
      const ids = await this.repoint(sim, existing)
      void Promise.resolve(this.options.afterStart?.(ids)).catch(() => undefined)
      return this.emit()
    })
  }

  private async repoint(sim: Simulator, existing: ConnectionSummary[]): Promise<string[]> {
    const inputs = new Map(demoConnectionInputs(sim).map((d) => [d.role, d.input]))
    for (const c of existing) {
      const role = roleOf(c)
      const fresh = role ? inputs.get(role) : undefined
      const baseUrl = urlFor(sim, c.provider)
      if (c.baseUrl === baseUrl) continue
      // The secrets derive from the fixed seed, but set them again in case the seed ever changes.
      const patch =
        fresh?.provider === 'cloutility'
          ? { provider: 'cloutility' as const, id: c.id, baseUrl, clientId: fresh.clientId, origin: fresh.origin, username: fresh.username, password: fresh.password }
          : fresh?.provider === 'cloudally'
            ? { provider: 'cloudally' as const, id: c.id, baseUrl, email: fresh.email, password: fresh.password, ...(c.mode === 'partner' && fresh.clientId && fresh.clientSecret ? { clientId: fresh.clientId, clientSecret: fresh.clientSecret } : {}) }
            : fresh?.provider === 'cloudback'
              ? { provider: 'cloudback' as const, id: c.id, baseUrl, apiKey: fresh.apiKey }
              : { provider: c.provider, id: c.id, baseUrl }
      await this.options.connections.update(patch)
    }
    this.logger.info('demo connections re-pointed', { count: existing.length })
    return existing.map((c) => c.id)
  }

  /** Deletes every demo connection (and what Backdesk keeps for it) and stops the simulator. */
  remove(): Promise<DemoStatus> {
    return this.serial(async () => {
      const existing = this.demoConnections()
      for (const c of existing) {
        await this.options.connections.delete(c.id)
        await Promise.resolve(this.options.forget?.(c.id)).catch(() => undefined)
      }
      await this.stopSimulator()
      this.lastError = undefined
      return this.emit()
    })
  }

  /** Stops the simulator only (the connections stay: they go offline). */
  async stopSimulator(): Promise<void> {
    const sim = this.sim ?? (await this.starting?.catch(() => undefined))
    this.sim = undefined
    if (sim) {
      await sim.stop()
      this.logger.info('demo simulator stopped')
    }
  }

  async dispose(): Promise<void> {
    await this.queue.catch(() => undefined)
    await this.stopSimulator()
  }
}
