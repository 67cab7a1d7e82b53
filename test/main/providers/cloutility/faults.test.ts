// The Cloutility client under the simulator's faults: retries only where safe, never a duplicate
// POST, deadlines honoured.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FaultKind, Simulator } from '../../../../src/simulator'
import type { CloutilityClient } from '../../../../src/main/core/providers/cloutility/client'
import { until } from '../../../support/until'
import { ManualClock } from '../../http/manual-clock'
import { OAUTH, failure, makeClient, startSim } from './helpers'

let sim: Simulator
let client: CloutilityClient
let buId: number
let cid: number
const P = 'cloutility' as const

beforeAll(async () => {
  sim = await startSim(31)
  // Its deadlines never fire (nobody moves its clock): a slow machine cannot turn a retry into a TIMEOUT.
  client = makeClient(sim, { deadlineClock: new ManualClock(), retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 } }).client
  const tree = await client.businessUnitTree()
  const stack = [tree]
  while (stack.length) {
    const b = stack.pop()
    if (!b) break
    const list = (await client.consumers(b.id)).filter((c) => c.state === 'Active')
    if (list[0]) {
      buId = b.id
      cid = list[0].id
      break
    }
    stack.push(...b.children)
  }
  if (!buId) throw new Error('no active consumption unit in the simulator data')
})
afterEach(() => {
  sim.faults.clear()
})
afterAll(async () => {
  await client?.destroy()
  await sim?.stop()
})

const consumersPath = () => `/v1/bunits/${buId}/consumers`
/** A one-shot fault has been used up: its request is at the server (hanging, or being delayed). */
const faultReached = () => until(() => sim.faults.list().length === 0)

describe('GET is retried through transient faults', () => {
  const kinds: FaultKind[] = ['500', '502', '503', 'html', 'malformed', 'truncated', 'reset']
  it.each(kinds)('%s once → retried and answered', async (kind) => {
    const expected = (await client.consumers(buId)).map((c) => c.id)
    sim.stats.reset()
    sim.faults.add({ provider: P, method: 'GET', path: consumersPath(), kind, times: 1 })
    const list = await client.consumers(buId)
    expect(list.map((c) => c.id)).toEqual(expected)
    expect(sim.stats.count({ provider: P, method: 'GET', path: consumersPath() })).toBe(2)
  })

  it('429 with Retry-After → waits and retries', async () => {
    sim.stats.reset()
    sim.faults.add({ provider: P, method: 'GET', path: '/v1/me', kind: '429', retryAfter: 1, times: 1 })
    const me = await client.me()
    expect(me.username).toBe(sim.cloutility.credentials.username)
    const hits = sim.stats.requests.filter((r) => r.path === '/v1/me')
    expect(hits.map((r) => r.status)).toEqual([429, 200])
    // the retry came no earlier than Retry-After (the simulator records arrival times)
    expect((hits[1]?.at ?? 0) - (hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(950)
  })

  it('gives up after its retries with the failure kind (UPSTREAM) and the attempt count', async () => {
    sim.stats.reset()
    sim.faults.add({ provider: P, method: 'GET', path: consumersPath(), kind: '503' })
    const err = await failure(client.consumers(buId))
    expect(err.code).toBe('UPSTREAM')
    expect(err.details?.attempts).toBe(4)
    expect(sim.stats.count({ provider: P, method: 'GET', path: consumersPath() })).toBe(4)
  })

  it('PUT and DELETE are idempotent and retried', async () => {
    const cu = await client.createConsumer(buId, { name: 'fault-test-idem' })
    sim.stats.reset()
    sim.faults.add({ provider: P, method: 'PUT', path: `${consumersPath()}/${cu.id}`, kind: '502', times: 1 })
    expect((await client.updateConsumer(buId, cu.id, { note: 'x' })).note).toBe('x')
    expect(sim.stats.count({ provider: P, method: 'PUT' })).toBe(2)
    sim.faults.add({ provider: P, method: 'DELETE', path: `${consumersPath()}/${cu.id}`, kind: '503', times: 1 })
    await client.deleteConsumer(buId, cu.id)
    expect(sim.stats.count({ provider: P, method: 'DELETE' })).toBe(2)
  })

  it('the token request (POST marked idempotent) is retried', async () => {
    const fresh = makeClient(sim).client
    try {
      sim.stats.reset()
      sim.faults.add({ provider: P, path: '/v1/oauth', kind: '503', times: 1 })
      await fresh.me()
      expect(sim.stats.count(OAUTH)).toBe(2)
    } finally {
      await fresh.destroy()
    }
  })

  it('succeeds through random 5xx on every GET (seeded, 30% of calls)', async () => {
    sim.faults.add({ provider: P, method: 'GET', kind: '503', probability: 0.3 })
    const strong = makeClient(sim, { retry: { retries: 8, baseDelayMs: 1, maxDelayMs: 5 } }).client
    try {
      for (let i = 0; i < 20; i++) expect((await strong.consumer(buId, cid)).id).toBe(cid)
    } finally {
      await strong.destroy()
    }
    expect(sim.stats.requests.some((r) => r.status === 503)).toBe(true)
  })
})

describe('POST is never repeated once it may have reached the server', () => {
  const created = async (name: string) => (await client.consumers(buId)).filter((c) => c.name === name)

  it.each(['500', '502', '503', '429', 'reset'] as FaultKind[])('%s on create → one POST, the error, no duplicate', async (kind) => {
    const name = `fault-post-${kind}`
    sim.stats.reset()
    sim.faults.add({ provider: P, method: 'POST', path: consumersPath(), kind, retryAfter: 1, times: 1 })
    const err = await failure(client.createConsumer(buId, { name }))
    expect(['UPSTREAM', 'RATE_LIMITED', 'OFFLINE']).toContain(err.code)
    expect(sim.stats.count({ provider: P, method: 'POST', path: consumersPath() })).toBe(1)
    expect(await created(name)).toHaveLength(0)
  })

  it('truncated answer after the server created it → UPSTREAM, and exactly one unit exists', async () => {
    const name = 'fault-post-truncated'
    sim.stats.reset()
    sim.faults.add({ provider: P, method: 'POST', path: consumersPath(), kind: 'truncated', times: 1 })
    const err = await failure(client.createConsumer(buId, { name }))
    expect(err.code).toBe('UPSTREAM')
    expect(sim.stats.count({ provider: P, method: 'POST', path: consumersPath() })).toBe(1)
    // the server did create it: retrying would have made a duplicate (or a 409)
    const units = await created(name)
    expect(units).toHaveLength(1)
    await client.deleteConsumer(buId, (units[0] as { id: number }).id)
  })

  it('a POST that hangs ends at its deadline, sent once', async () => {
    const clock = new ManualClock()
    const quick = makeClient(sim, { deadlineMs: 700, deadlineClock: clock }).client
    try {
      await quick.me()
      sim.stats.reset()
      sim.faults.add({ provider: P, method: 'POST', path: consumersPath(), kind: 'hang', times: 1 })
      const call = failure(quick.createConsumer(buId, { name: 'fault-post-hang' }))
      await faultReached()
      clock.advance(700)
      const err = await call
      expect(err.code).toBe('TIMEOUT')
      expect(err.message).toMatch(/within 700 ms/)
      expect(sim.stats.count({ provider: P, method: 'POST', path: consumersPath() })).toBe(1)
    } finally {
      await quick.destroy()
    }
  })
})

describe('deadlines', () => {
  it('a GET that never answers ends with TIMEOUT at its deadline', async () => {
    const clock = new ManualClock()
    const quick = makeClient(sim, { deadlineMs: 600, deadlineClock: clock }).client
    try {
      await quick.me()
      sim.faults.add({ provider: P, method: 'GET', path: consumersPath(), kind: 'hang', times: 1 })
      const call = failure(quick.consumers(buId))
      await faultReached()
      clock.advance(600)
      const err = await call
      expect(err.code).toBe('TIMEOUT')
      expect(err.message).toMatch(/did not complete the request within 600 ms/)
    } finally {
      await quick.destroy()
    }
  })

  it('a slow answer (latency over the deadline) ends with TIMEOUT', async () => {
    const clock = new ManualClock()
    const quick = makeClient(sim, { deadlineMs: 500, deadlineClock: clock }).client
    try {
      await quick.me()
      // The answer would come a minute later; the deadline comes first.
      sim.faults.add({ provider: P, method: 'GET', path: '/v1/nodetypes', kind: 'latency', ms: 60_000, times: 1 })
      const call = failure(quick.nodeTypes())
      await faultReached()
      clock.advance(500)
      expect((await call).code).toBe('TIMEOUT')
    } finally {
      await quick.destroy()
    }
  })

  it('a caller abort ends the call with CANCELLED', async () => {
    sim.faults.add({ provider: P, method: 'GET', path: '/v1/nodetypes', kind: 'hang', times: 1 })
    const ac = new AbortController()
    const p = client.nodeTypes({ signal: ac.signal })
    await faultReached()
    ac.abort()
    expect((await failure(p)).code).toBe('CANCELLED')
  })
})
