import { startSimulator as startAnySimulator, type Simulator, type SimulatorOptions } from '../../src/simulator'
import type { ConsumerRecord, NodeRecord } from '../../src/simulator/cloutility/data'

export interface Reply {
  status: number
  headers: Headers
  text: string
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A real HTTP call (global fetch); the body is parsed as JSON when possible. */
export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Reply> {
  const { json: body, ...rest } = init
  const headers = new Headers(rest.headers)
  if (body !== undefined) headers.set('content-type', 'application/json')
  const res = await fetch(url, { ...rest, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: res.status, headers: res.headers, text, json: parsed }
}

/** A controllable clock: tests move time forward with `advance`. */
export function fakeClock(startIso = '2026-11-22T12:00:00.000Z') {
  let t = Date.parse(startIso)
  return {
    now: () => t,
    advance(ms: number) {
      t += ms
    },
    set(ms: number) {
      t = ms
    }
  }
}

/**
 * The simulator as the test suite runs it: strict (as the live services behave) unless a test
 * asks for the lax mode, which only the seed's own Python example needs.
 */
export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startAnySimulator({ strict: true, ...options })
}

export async function withSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ scale: 'tiny', ...options })
}

export interface CloutilitySession {
  token: string
  refreshToken: string | undefined
  headers: Record<string, string>
  api: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Reply>
}

export async function cloutilityLogin(
  sim: Simulator,
  who: { clientId: string; origin: string; username: string; password: string } = sim.cloutility.credentials
): Promise<CloutilitySession> {
  const res = await call(`${sim.cloutility.url}/v1/oauth`, {
    method: 'POST',
    headers: { origin: who.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: who.clientId, grant_type: 'password', username: who.username, password: who.password }).toString()
  })
  if (res.status !== 200) throw new Error(`login failed ${res.status} ${res.text}`)
  const headers = { authorization: `Bearer ${res.json.access_token}`, origin: who.origin }
  return {
    token: res.json.access_token,
    refreshToken: res.json.refresh_token,
    headers,
    api: (path, init = {}) => call(`${sim.cloutility.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } })
  }
}

/** A consumer of the demo data that has an activated node (and so jobs and reports). */
export function activatedConsumer(sim: Simulator, predicate: (c: ConsumerRecord) => boolean = () => true): ConsumerRecord & { node: NodeRecord } {
  const home = sim.cloutility.credentials.homeBusinessUnitId
  const data = sim.cloutility.data
  const inHome = (buId: number): boolean => {
    let bu = data.businessUnits.get(buId)
    while (bu) {
      if (bu.id === home) return true
      bu = bu.parentId === null ? undefined : data.businessUnits.get(bu.parentId)
    }
    return false
  }
  for (const c of data.consumers.values()) {
    if (c.node?.activatedMs && inHome(c.buId) && c.node.activatedMs < data.anchorMs - 5 * 86_400_000 && predicate(c)) return c as ConsumerRecord & { node: NodeRecord }
  }
  throw new Error('no activated consumer in the demo data')
}
