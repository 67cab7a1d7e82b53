// The simulator in its own process, so that its work (building a 10,000-node report) does not
// share an event loop with the client being measured: as with a real provider, the server's time
// and the client's time only meet on the wire. Controlled over the fork IPC channel.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { SimulatorOptions, StatsFilter } from '../../src/simulator'

interface Ready {
  type: 'ready'
  cloutility: { url: string; credentials: { clientId: string; origin: string; username: string; password: string; homeBusinessUnitId: number } }
  consumers: number
  reachableConsumers: number
  businessUnits: number
  startMs: number
  rssMB: number
}

export interface SimProcess {
  info: Ready
  count(filter?: StatsFilter): Promise<number>
  resetStats(): Promise<void>
  setLatency(ms: number): Promise<void>
  /** The simulator process's resident memory now. */
  rssMB(): Promise<number>
  /** The simulator process's CPU time so far (user + system), in ms: the server's share of a scan. */
  cpuMs(): Promise<number>
  /**
   * A login (a user on its business unit, through the home app) for each of `count` customer
   * business units with units below them: one Cloutility connection per customer.
   */
  customerLogins(count: number): Promise<Array<{ customer: string; username: string; password: string; units: number }>>
  stop(): Promise<void>
}

export async function startSimProcess(options: Omit<SimulatorOptions, 'now' | 'faults'>): Promise<SimProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  let seq = 0
  const pending = new Map<number, (v: unknown) => void>()
  const ready = new Promise<Ready>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`simulator process exited (${String(code)})`)))
    child.on('message', (m: { type: string; id?: number; value?: unknown }) => {
      if (m.type === 'ready') resolve(m as unknown as Ready)
      else if (m.type === 'reply' && m.id !== undefined) {
        pending.get(m.id)?.(m.value)
        pending.delete(m.id)
      }
    })
  })
  child.send({ type: 'start', options })
  const info = await ready
  const ask = (msg: Record<string, unknown>) =>
    new Promise<unknown>((resolve) => {
      const id = ++seq
      pending.set(id, resolve)
      child.send({ ...msg, id })
    })
  return {
    info,
    count: async (filter) => (await ask({ type: 'count', filter })) as number,
    resetStats: async () => {
      await ask({ type: 'reset' })
    },
    setLatency: async (ms) => {
      await ask({ type: 'latency', ms })
    },
    rssMB: async () => (await ask({ type: 'rss' })) as number,
    cpuMs: async () => (await ask({ type: 'cpu' })) as number,
    customerLogins: async (count) => (await ask({ type: 'logins', count })) as Array<{ customer: string; username: string; password: string; units: number }>,
    stop: async () => {
      child.removeAllListeners('exit')
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.send({ type: 'stop' })
      await exited
    }
  }
}

if (process.argv.includes('--child')) {
  const { startSimulator } = await import('../../src/simulator')
  process.on('message', async (m: { type: string; id?: number; options?: SimulatorOptions; filter?: StatsFilter; ms?: number; count?: number }) => {
    if (m.type === 'start') {
      const t0 = performance.now()
      const sim = await startSimulator({ strict: true, ...m.options }) // as the test suite runs it
      const startMs = performance.now() - t0
      const data = sim.cloutility.data
      const subtree = new Set<number>()
      const stack = [sim.cloutility.credentials.homeBusinessUnitId]
      while (stack.length) {
        const id = stack.pop() as number
        subtree.add(id)
        stack.push(...(data.businessUnits.get(id)?.childIds ?? []))
      }
      const consumers = [...data.consumers.values()]
      ;(globalThis as { sim?: unknown }).sim = sim
      process.send?.({
        type: 'ready',
        cloutility: { url: sim.cloutility.url, credentials: sim.cloutility.credentials },
        consumers: consumers.length,
        reachableConsumers: consumers.filter((c) => subtree.has(c.buId)).length,
        businessUnits: subtree.size,
        startMs,
        rssMB: process.memoryUsage().rss / 2 ** 20
      })
      return
    }
    const sim = (globalThis as { sim?: Awaited<ReturnType<typeof startSimulator>> }).sim
    if (!sim) return
    if (m.type === 'count') process.send?.({ type: 'reply', id: m.id, value: sim.stats.count(m.filter) })
    else if (m.type === 'reset') {
      sim.stats.reset()
      process.send?.({ type: 'reply', id: m.id, value: null })
    } else if (m.type === 'latency') {
      sim.setLatency('all', m.ms ? { ms: m.ms, jitterMs: 0 } : null)
      process.send?.({ type: 'reply', id: m.id, value: null })
    } else if (m.type === 'logins') {
      const data = sim.cloutility.data
      const unitsUnder = (buId: number): number => {
        const bu = data.businessUnits.get(buId)
        return bu ? bu.consumerIds.length + bu.childIds.reduce((n, c) => n + unitsUnder(c), 0) : 0
      }
      const customers = [...data.businessUnits.values()].filter((b) => b.level === 'customer' && unitsUnder(b.id) > 0).slice(0, m.count ?? 0)
      const logins = customers.map((bu, i) => {
        const username = `report-bench-${i}@customer.example`
        const password = `Bench-Passw0rd-${i}!`
        const id = data.nextIds.user++
        data.users.set(id, { id, buId: bu.id, username, name: `Bench ${i}`, email: username, password, roleName: 'Administrator', createdMs: data.anchorMs })
        bu.userIds.push(id)
        return { customer: bu.name, username, password, units: unitsUnder(bu.id) }
      })
      data.revision++
      process.send?.({ type: 'reply', id: m.id, value: logins })
    } else if (m.type === 'rss') {
      process.send?.({ type: 'reply', id: m.id, value: process.memoryUsage().rss / 2 ** 20 })
    } else if (m.type === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.({ type: 'reply', id: m.id, value: (user + system) / 1000 })
    } else if (m.type === 'stop') {
      await sim.stop()
      process.exit(0)
    }
  })
}
