// The month's batch of customer reports at the simulator's scale `large` (800 business units,
// 10,000 nodes), the simulator in its own process: 50 customers, each with its own Cloutility
// login (its business unit's subtree), one fleet scan kept first (as the schedule would have),
// then `reports.batch.start` for the last calendar month through the real core and router. Each
// report reads the customer's status report and every unit's jobs of the month (two calls per
// unit), renders a PDF and a CSV and writes them through the saveFiles port into a folder.
// Reported: the time per report (between two progress events), and this process's peak resident
// memory and heap while the batch runs, above what it was before.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../src/main/core/app/core'
import type { FileSink } from '../../src/main/core/platform/platform'
import { memoryStore } from '../../src/main/core/vault/prefs'
import type { ReportBatchProgress } from '../../src/shared/model/reports'
import { median, summarise, type Figure } from './harness'
import { startSimProcess } from './sim-process'

const CUSTOMERS = 50
const PASSPHRASE = 'bench reports amber tractor 42!'

export async function benchReports(): Promise<Figure[]> {
  const sim = await startSimProcess({ scale: 'large', seed: 5 })
  const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-bench-reports-'))
  const outDir = mkdtempSync(join(tmpdir(), 'backdesk-bench-reports-out-'))
  const core = await createCore({
    shell: 'web',
    dataDir,
    versions: { node: process.versions.node },
    platform: {
      openExternal: async () => undefined,
      saveFiles: async (request): Promise<FileSink> => {
        const dir = join(outDir, request.suggestedName)
        await mkdir(dir, { recursive: true })
        const files: string[] = []
        return {
          add: async (f) => {
            await writeFile(join(dir, f.name), f.data)
            files.push(f.name)
          },
          close: async () => ({ path: dir, files }),
          abort: () => rm(dir, { recursive: true, force: true })
        }
      }
    },
    vault: { kdf: { N: 2 ** 14, r: 8, p: 1 }, prefs: memoryStore() }
  })
  const call = async (channel: string, input?: unknown) => {
    const r = await core.router.dispatch(channel, input, 'test')
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value as Record<string, unknown>
  }
  try {
    await call('vault.setup', { passphrase: PASSPHRASE, confirm: PASSPHRASE })
    const logins = await sim.customerLogins(CUSTOMERS)
    const c = sim.info.cloutility.credentials
    for (const l of logins) {
      await call('connections.create', { provider: 'cloutility', name: `Portal ${l.customer}`, customer: l.customer, baseUrl: sim.info.cloutility.url, clientId: c.clientId, origin: c.origin, username: l.username, password: l.password })
    }
    const units = logins.reduce((n, l) => n + l.units, 0)

    // One kept scan, as the schedule would have made.
    const scanned = new Promise<void>((resolve) => {
      const stop = core.events.subscribe((topic, payload) => {
        if (topic === 'fleet.progress' && (payload as { state: string }).state !== 'running') {
          stop()
          resolve()
        }
      })
    })
    await call('fleet.scan.start', {})
    await scanned
    await core.watch.settle()

    global.gc?.()
    const before = process.memoryUsage()
    let peakRss = before.rss
    let peakHeap = before.heapUsed
    const sampler = setInterval(() => {
      const m = process.memoryUsage()
      peakRss = Math.max(peakRss, m.rss)
      peakHeap = Math.max(peakHeap, m.heapUsed)
    }, 20)
    // When each customer's report starts: the first progress event naming it.
    const stamps: number[] = []
    let current: string | undefined
    const ended = new Promise<ReportBatchProgress>((resolve) => {
      core.events.subscribe((topic, payload) => {
        if (topic !== 'reports.progress') return
        const p = payload as ReportBatchProgress
        if (p.state === 'running' && p.current !== undefined && p.current !== current) {
          current = p.current
          stamps.push(performance.now())
        }
        if (p.state !== 'running') resolve(p)
      })
    })
    const t0 = performance.now()
    await call('reports.batch.start', {})
    const done = await ended
    const total = performance.now() - t0
    clearInterval(sampler)
    if (done.state !== 'done' || done.failures.length) throw new Error(`batch ended ${done.state}: ${JSON.stringify(done.failures.slice(0, 3))}`)
    const files = readdirSync(done.saved?.path as string).length
    // stamps[i] = when report i started (its first progress event); the last one ends at `total`.
    const per = stamps.map((s, i) => (stamps[i + 1] ?? t0 + total) - s)
    const MB = 2 ** 20
    return [
      summarise(
        'Reports: 50-customer batch at scale large, time per report',
        'ms',
        per,
        undefined,
        `${CUSTOMERS} customers, ${units.toLocaleString('en-US')} consumption units (${Math.round(units / CUSTOMERS)} per customer), one month of jobs each; PDF + CSV; whole batch ${(total / 1000).toFixed(1)} s, ${files} files; median ${median(per).toFixed(0)} ms`
      ),
      {
        name: 'Reports: 50-customer batch, peak memory added (RSS)',
        unit: 'MB',
        median: Math.round(((peakRss - before.rss) / MB) * 10) / 10,
        note: `peak RSS ${(peakRss / MB).toFixed(0)} MB, peak heap ${(peakHeap / MB).toFixed(0)} MB (heap added ${((peakHeap - before.heapUsed) / MB).toFixed(1)} MB); sampled every 20 ms`
      }
    ]
  } finally {
    await core.dispose()
    await sim.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(outDir, { recursive: true, force: true })
  }
}
