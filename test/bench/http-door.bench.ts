// What the HTTP door adds to one request: the check, on every attempt, that no secret bound to
// another origin rides in its URL, headers or body (SecretRegistry.boundElsewhere, as
// http-client.ts calls it). Measured on the request the fleet scan sends hundreds of (a GET with
// a bearer token bound to its own origin) and on a login (a form body carrying the password),
// against a registry the size of a busy vault: 50 connections, 1,000 issued tokens (a long day of
// refreshes) and 500 node passwords, each bound to its origin.
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { SecretRegistry } from '../../src/main/core/log/redact'
import { atSlowerCpu, summarise, type Figure } from './harness'

const ORIGIN = 'https://portal-api.backup.example.net'

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

export async function benchHttpDoor(reps = 7, requestsPerRep = 20_000, cpuThrottle?: number): Promise<Figure[]> {
  const secrets = new SecretRegistry()
  const origins = Array.from({ length: 50 }, (_, i) => (i === 0 ? ORIGIN : `https://host-${i}.example.com`))
  for (const origin of origins) {
    secrets.add(`pw-${token(12)}!&"`, origin)
    secrets.add(`cs-${token(24)}`, origin)
  }
  const tokens = Array.from({ length: 1000 }, (_, i) => {
    const value = `eyJ${token(600)}`
    secrets.add(value, origins[i % origins.length])
    return value
  })
  for (let i = 0; i < 500; i++) secrets.add(`Np.${token(9)}-7`, origins[i % origins.length])
  const password = `pw-own-${token(12)}`
  secrets.add(password, ORIGIN)
  const bearer = tokens[0] as string // bound to ORIGIN

  const get = {
    url: `${ORIGIN}/v1/bunits/123456/reports/latest?includeNodes=true`,
    headers: {
      accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
      'user-agent': 'Backdesk',
      origin: 'https://backdesk.example.com',
      'x-request-id': 'bd-mx7r42yi-7939d8c674ef',
      authorization: `Bearer ${bearer}`
    }
  }
  const login = {
    url: `${ORIGIN}/v1/oauth`,
    headers: { ...get.headers, 'content-type': 'application/x-www-form-urlencoded', authorization: '' },
    body: new URLSearchParams({ client_id: 'backdesk-app', grant_type: 'password', username: 'tech@example.com', password }).toString()
  }

  // Exactly what http-client.ts does per request: the URL and body once, each header value per attempt.
  const check = (req: { url: string; headers: Record<string, string>; body?: string }) => {
    let refused = 0
    if (secrets.boundElsewhere(req.url, ORIGIN)) refused++
    if (req.body !== undefined && secrets.boundElsewhere(req.body, ORIGIN)) refused++
    for (const name in req.headers) if (secrets.boundElsewhere(req.headers[name] as string, ORIGIN)) refused++
    return refused
  }
  if (check(get) + check(login) !== 0) throw new Error('the benchmark requests must pass the door')
  check({ url: get.url, headers: { authorization: `Bearer ${tokens[1]}` } }) // warm the index

  const measure = (req: Parameters<typeof check>[0]) => {
    const start = performance.now()
    let refused = 0
    for (let i = 0; i < requestsPerRep; i++) refused += check(req)
    const perRequest = (performance.now() - start) / requestsPerRep
    if (refused !== 0) throw new Error('refused during the benchmark')
    return perRequest
  }
  // The floor of any check that looks at every character once: reading them (charCodeAt).
  const texts = [get.url, ...Object.values(get.headers)]
  let sink = 0
  const floor = () => {
    const start = performance.now()
    for (let i = 0; i < requestsPerRep; i++) for (const t of texts) for (let k = 0; k < t.length; k++) sink += t.charCodeAt(k)
    return (performance.now() - start) / requestsPerRep
  }
  const getMs: number[] = []
  const loginMs: number[] = []
  const ratio: number[] = []
  for (let rep = 0; rep < reps; rep++) {
    const door = measure(get)
    getMs.push(door)
    loginMs.push(measure(login))
    ratio.push(door / floor())
  }
  if (sink === 0) throw new Error('unreachable')
  const note = `${secrets.size} registered values, bearer token ${bearer.length} characters`
  return [
    atSlowerCpu(summarise('HTTP door: added per request (GET with a bearer token)', 'ms', getMs, { text: '< 0.01 ms', ok: (m) => m < 0.01 }, note), cpuThrottle, getMs.map((x) => ({ value: x, cpu: x }))),
    atSlowerCpu(summarise('HTTP door: added per request (login form with the password)', 'ms', loginMs, { text: '< 0.01 ms', ok: (m) => m < 0.01 }, note), cpuThrottle, loginMs.map((x) => ({ value: x, cpu: x }))),
    summarise('HTTP door (GET) ÷ reading its characters once', 'x', ratio, undefined, 'the cost of any check that looks at every character')
  ]
}
