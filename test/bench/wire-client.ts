// The wire alone: the fleet scan's three requests (log in → /v1/me → the home business unit's
// status report) over one kept-alive connection, with the report's body read and thrown away.
// No client that parses the report can be faster, so this is the least a scan can take on this
// machine and this simulator: Backdesk ÷ floor can approach its ratio, not go under it.
import { Agent, request } from 'undici'

export interface WireOptions {
  baseUrl: string
  clientId: string
  origin: string
  username: string
  password: string
}

export interface WireResult {
  ms: number
  /** `keepBody`: the report's body, for timing a parse of it outside the scan. */
  body?: Buffer
}

export async function wireOnlyScan(o: WireOptions, keepBody = false): Promise<WireResult> {
  const agent = new Agent({ pipelining: 1 })
  try {
    const start = performance.now()
    const form = new URLSearchParams({ client_id: o.clientId, grant_type: 'password', username: o.username, password: o.password })
    const login = await request(`${o.baseUrl}/v1/oauth`, {
      method: 'POST',
      dispatcher: agent,
      headers: { origin: o.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString()
    })
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`)
    const { access_token: token } = (await login.body.json()) as { access_token: string }
    const headers = { origin: o.origin, authorization: `Bearer ${token}` }
    const me = await request(`${o.baseUrl}/v1/me`, { dispatcher: agent, headers })
    if (me.statusCode !== 200) throw new Error(`/v1/me failed: ${me.statusCode}`)
    const home = ((await me.body.json()) as { businessUnit: { id: number } }).businessUnit.id
    const report = await request(`${o.baseUrl}/v1/bunits/${home}/reports/latest`, { dispatcher: agent, headers })
    if (report.statusCode !== 200) throw new Error(`report failed: ${report.statusCode}`)
    const kept: Buffer[] = []
    for await (const chunk of report.body) if (keepBody) kept.push(chunk as Buffer)
    return { ms: performance.now() - start, ...(keepBody ? { body: Buffer.concat(kept) } : {}) }
  } finally {
    await agent.close()
  }
}
