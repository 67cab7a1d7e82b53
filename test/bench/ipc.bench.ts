// Router and validation overhead against calling the handler directly, for a no-op call and for a
// 1,000-row list (the size of a typical consumption-unit page). Both go through the full path a
// renderer call takes in main: zod validation, the handler, JSON serialisation and the leak guard,
// whose checked text is the answer both shells send (the preload or the web bridge parses it).
import { performance } from 'node:perf_hooks'
import { createRouter, type HandlerMap } from '../../src/main/core/ipc/router'
import { createLogger } from '../../src/main/core/log/logger'
import { SecretRegistry } from '../../src/main/core/log/redact'
import { atSlowerCpu, summarise, type Figure } from './harness'

const rows = Array.from({ length: 1000 }, (_, i) => ({
  id: i,
  name: `consumption-unit-${i}`,
  nodeName: `NODE${String(i).padStart(6, '0')}`,
  os: i % 3 ? 'Windows' : 'Linux',
  type: 'File server',
  lastBackup: new Date(Date.UTC(2026, 10, 21, i % 24)).toISOString(),
  status: i % 17 ? 'ok' : 'error',
  storageBytes: i * 1_048_576
}))

export async function benchIpc(reps = 7, callsPerRep = 2000, cpuThrottle?: number): Promise<Figure[]> {
  const secrets = new SecretRegistry()
  // A vault typically registers a few dozen secrets; the leak guard scans for each.
  for (let i = 0; i < 40; i++) secrets.add(`registered-secret-value-${i}-xyz`)
  const noop = () => ({ pong: true as const, at: 'now' })
  const list = () => rows
  const handlers = {
    'app.ping': noop,
    'app.about': list,
    'app.openExternal': () => ({ opened: true })
  } as unknown as HandlerMap
  const router = createRouter({ handlers, logger: createLogger({ sinks: [], secrets }), secrets })

  const measure = async (fn: () => unknown | Promise<unknown>, calls: number) => {
    const start = performance.now()
    for (let i = 0; i < calls; i++) await fn()
    return (performance.now() - start) / calls
  }

  const noopAdded: number[] = []
  const listAdded: number[] = []
  for (let rep = 0; rep < reps; rep++) {
    const direct = await measure(noop, callsPerRep)
    const routed = await measure(() => router.dispatchJson('app.ping', undefined, 'test'), callsPerRep)
    noopAdded.push(routed - direct)
    const listCalls = Math.max(50, callsPerRep / 20)
    const directList = await measure(list, listCalls)
    const routedList = await measure(() => router.dispatchJson('app.about', undefined, 'test'), listCalls)
    listAdded.push(routedList - directList)
  }
  // All of it is CPU work in this process.
  const cpu = (xs: number[]) => xs.map((x) => ({ value: x, cpu: x }))
  return [
    atSlowerCpu(summarise('IPC router: no-op call, added per call', 'ms', noopAdded, { text: '< 0.2 ms', ok: (m) => m < 0.2 }), cpuThrottle, cpu(noopAdded)),
    atSlowerCpu(summarise('IPC router: 1,000-row list, added per call', 'ms', listAdded, { text: '< 5 ms', ok: (m) => m < 5 }), cpuThrottle, cpu(listAdded))
  ]
}
