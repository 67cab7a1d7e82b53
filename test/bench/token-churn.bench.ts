// 8.2 Token churn: 1,000 Cloutility calls spread across several token expiries, 200 in flight at a
// time (6 on the wire, the connection's limit). Two ways a token runs out:
//  - clock: the shared clock passes the 299-second lifetime (the client sees it coming and refreshes
//    ahead of expiry);
//  - revoked: the server expires every token without telling the client (`expireTokens()`), in the
//    middle of a burst, so the calls on the wire get 401s at once.
// Budget: token requests after the first login equal the number of expiries (single-flight: one
// refresh however many calls need it), and zero failed calls.
import { performance } from 'node:perf_hooks'
import { createLogger } from '../../src/main/core/log/logger'
import { SecretRegistry } from '../../src/main/core/log/redact'
import { createCloutilityClient } from '../../src/main/core/providers/cloutility/client'
import { startSimulator } from '../simulator/helpers'
import { summarise, type Figure } from './harness'

const CALLS = 1_000
const EXPIRIES = 5

interface ChurnRun {
  tokenRequests: number
  failed: number
  ms: number
}

async function churn(mode: 'clock' | 'revoked'): Promise<ChurnRun> {
  let clock = Date.parse('2026-11-20T08:00:00Z')
  const now = () => clock
  const sim = await startSimulator({ scale: 'small', seed: 9, now, latency: { ms: 5, jitterMs: 3 } })
  const secrets = new SecretRegistry()
  const c = sim.cloutility.credentials
  const client = createCloutilityClient({
    baseUrl: sim.cloutility.url,
    clientId: c.clientId,
    origin: c.origin,
    username: c.username,
    password: c.password,
    logger: createLogger({ sinks: [], secrets, level: 'error' }),
    secrets,
    now
  })
  try {
    const phase = CALLS / (EXPIRIES + 1)
    let failed = 0
    let issued = 0
    const start = performance.now()
    const home = c.homeBusinessUnitId
    const one = (i: number) => (i % 3 === 0 ? client.me() : i % 3 === 1 ? client.businessUnit(home) : client.fullVersion())
    for (let p = 0; p <= EXPIRIES; p++) {
      const count = p === EXPIRIES ? CALLS - issued : Math.round(phase)
      const calls: Array<Promise<unknown>> = []
      for (let i = 0; i < count; i++) {
        calls.push(one(issued + i).catch(() => failed++))
        // Revoked mode: the server drops every token half-way through the burst (not in the first).
        if (mode === 'revoked' && p > 0 && i === Math.floor(count / 2)) {
          await new Promise((r) => setTimeout(r, 15))
          sim.expireTokens('cloutility')
        }
      }
      issued += count
      await Promise.all(calls)
      if (mode === 'clock' && p < EXPIRIES) clock += 300_000 // past the 299-second lifetime
    }
    return { tokenRequests: sim.stats.count({ provider: 'cloutility', method: 'POST', path: '/v1/oauth' }), failed, ms: performance.now() - start }
  } finally {
    await client.destroy()
    await sim.stop()
  }
}

export async function benchTokenChurn(reps = 3): Promise<Figure[]> {
  const figures: Figure[] = []
  for (const mode of ['clock', 'revoked'] as const) {
    const runs: ChurnRun[] = []
    for (let i = 0; i < reps; i++) runs.push(await churn(mode))
    const extra = runs.map((r) => r.tokenRequests - 1)
    const what = mode === 'clock' ? 'clock passes the token lifetime' : 'server revokes tokens mid-burst'
    figures.push(
      summarise(`8.2 Token churn (${what}): token requests after login`, 'count', extra, { text: `= ${EXPIRIES} (expiries)`, ok: (m) => m === EXPIRIES && extra.every((x) => x === EXPIRIES) }, `${CALLS} calls, ${EXPIRIES} expiries, 200 calls queued at a time`),
      summarise(`8.2 Token churn (${what}): failed calls`, 'count', runs.map((r) => r.failed), { text: '= 0', ok: (m) => m === 0 && runs.every((r) => r.failed === 0) }, `wall time ${Math.round(runs[0]?.ms ?? 0)} ms`)
    )
  }
  return figures
}
