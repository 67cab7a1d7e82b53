// The Demo workspace: the built-in simulator, started inside main on ephemeral loopback ports with
// a fixed seed, and demo connections to it (`demo: true`) so every screen works without real
// credentials. Which connections a provider gets is its module's `demo` part. The simulator's demo
// credentials go through the vault like any other secret. After a restart (or an unlock) existing
// demo connections are pointed at the new ports and their customer pages warmed, as at a start.

import type { ConnectionCreateInput, ConnectionUpdateInput } from '../../../shared/contract/connections.contract'
import type { DemoStatus } from '../../../shared/contract/demo.contract'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary } from '../../../shared/model/connection'
import type { Simulator, SimulatorOptions } from '../../../simulator'
import type { ConnectionStore } from '../connections/connection-store'
import type { EventBus } from '../events/event-bus'
import { silentLogger, type Logger } from '../log/logger'

export const DEMO_SEED = 2026
export const DEMO_CUSTOMER = 'Demo: Northwind'
export const DEMO_SUB_CUSTOMER = 'Demo: Contoso'

export type StartSimulator = (options: SimulatorOptions) => Promise<Simulator>

/** One demo connection of a provider against the running simulator. */
export interface DemoConnection {
  /** Which simulator login it uses; kept in its tags (`demo:<role>`) to find the login again after a restart. */
  role: string
  input: ConnectionCreateInput
}

/** What a provider module gives the Demo workspace. */
export interface DemoPart {
  /** Its demo connections against `sim`, its main login first. */
  connections(sim: Simulator): DemoConnection[]
  /** The update that points `connection` at the running simulator, given its `fresh` create input (secrets again, in case the seed changed). */
  repoint(connection: ConnectionSummary, fresh: ConnectionCreateInput): ConnectionUpdateInput
}

export interface DemoServiceOptions {
  connections: ConnectionStore
  /** The providers with a demo part (the provider modules), in the order their connections are made. */
  providers: ReadonlyArray<{ kind: string; demo?: DemoPart | undefined }>
  /** The simulator factory (src/simulator's startSimulator). */
  startSimulator: StartSimulator
  events?: EventBus
  logger?: Logger
  /** Lets the connection's provider module prepare what its screens need (runs once per new connection). */
  afterCreate?: (connection: ConnectionSummary, simulator: Simulator) => Promise<void>
  /** Runs after demo connections were created or re-pointed (warm the customer pages / search). */
  afterStart?: (connectionIds: string[]) => Promise<void> | void
  /** Registers a listener for the vault locking: the next unlock warms the customer pages again. */
  onLock?: (listener: () => void) => () => void
  /** Removes what else Backdesk keeps for a connection (snapshots). */
  forget?: (connectionId: string) => Promise<void> | void
}

const ROLE_TAG = 'demo:'

/** The tags of a demo connection of `role`. */
export function demoTags(role: string): string[] {
  return ['demo', `${ROLE_TAG}${role}`]
}

function roleOf(c: ConnectionSummary): string | undefined {
  return c.tags.find((t) => t.startsWith(ROLE_TAG))?.slice(ROLE_TAG.length)
}

export class DemoService {
  private sim: Simulator | undefined
  private starting: Promise<Simulator> | undefined
  private lastError: string | undefined
  private queue: Promise<unknown> = Promise.resolve()
  /** Counts the vault's locks: a start or resume warmed up for the unlock it began in. */
  private lockCount = 0
  private warmedAfterLock: number | undefined
  private readonly logger: Logger

  constructor(private readonly options: DemoServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child('demo')
    options.onLock?.(() => {
      this.lockCount++
    })
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

  /** Every provider's demo connections against `sim`. */
  private demoInputs(sim: Simulator): Array<DemoConnection & { kind: string }> {
    return this.options.providers.flatMap((p) => (p.demo?.connections(sim) ?? []).map((d) => ({ ...d, kind: p.kind })))
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
        this.logger.info('demo simulator started', { urls: this.demoInputs(sim).map((d) => d.input.baseUrl) })
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
      const lockCount = this.lockCount
      const existing = this.demoConnections() // LOCKED while locked
      const sim = await this.ensureSimulator()
      const ids: string[] = []
      if (existing.length) {
        ids.push(...(await this.repoint(sim, existing)))
      } else {
        for (const { role, input } of this.demoInputs(sim)) {
          const created = await this.options.connections.create(input)
          ids.push(created.id)
          await this.options.afterCreate?.(created, sim).catch((err: unknown) => this.logger.warn(`demo ${role} connection not prepared`, { err }))
        }
      }
      return this.warmUp(ids, lockCount)
    })
  }

  /**
   * After an app start or an unlock: if demo connections exist, run the simulator, re-point them and
   * warm the customer pages, as a start does. Once per unlock: a second call after the warm-up (the
   * simulator still running) only answers the status.
   */
  resume(): Promise<DemoStatus> {
    return this.serial(async () => {
      const lockCount = this.lockCount
      if (this.sim && this.warmedAfterLock === lockCount) return this.status()
      const existing = this.demoConnections()
      if (!existing.length) return this.status()
      const sim = await this.ensureSimulator()
      return this.warmUp(await this.repoint(sim, existing), lockCount)
    })
  }

  /**
   * Warms the customer pages of `ids` (its failure is logged: the demo works without it), then tells
   * the renderer, which reads the Overview and the customer list again: the health dots and the list
   * take what the pages found without waiting for another read.
   */
  private async warmUp(ids: string[], lockCount: number): Promise<DemoStatus> {
    await Promise.resolve()
      .then(() => this.options.afterStart?.(ids))
      .catch((err: unknown) => this.logger.warn('demo warm-up failed', { err }))
    this.warmedAfterLock = lockCount
    return this.emit()
  }

  private async repoint(sim: Simulator, existing: ConnectionSummary[]): Promise<string[]> {
    const inputs = this.demoInputs(sim)
    for (const c of existing) {
      const demo = this.options.providers.find((p) => p.kind === c.provider)?.demo
      const role = roleOf(c)
      // Demo connections made some other way use the provider's main login.
      const fresh = inputs.find((d) => d.kind === c.provider && d.role === role) ?? inputs.find((d) => d.kind === c.provider)
      if (!demo || !fresh || c.baseUrl === fresh.input.baseUrl) continue
      await this.options.connections.update(demo.repoint(c, fresh.input))
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
