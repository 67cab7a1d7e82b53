// The naive way, written as the seed's Python example works (shared/seeds/001): one request at a
// time, a NEW connection for every request (a fresh undici Agent, closed after use — Python's
// `requests.get` without a Session), log in, then walk: /v1/me → the business-unit tree → each
// business unit's consumers → each consumption unit's latest report. It answers the same
// question as the fleet scan: which consumption units failed or missed their last backup.
import { Agent, request } from 'undici'

export interface NaiveOptions {
  baseUrl: string
  clientId: string
  origin: string
  username: string
  password: string
  /** Stop after this many consumption units (sampling for extrapolation). */
  maxUnits?: number
}

export interface NaiveResult {
  /** Consumption units checked. */
  units: number
  failedOrMissed: number
  requests: number
  /** Business units in the tree (each costs one consumers request). */
  businessUnits: number
  /** Business units whose consumer lists were read. */
  businessUnitsRead: number
  ms: number
}

interface TreeNode {
  id: number
  businessUnits?: TreeNode[]
}

export async function naiveScan(o: NaiveOptions): Promise<NaiveResult> {
  const start = performance.now()
  let requests = 0
  let token = ''

  async function send(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; json: unknown }> {
    const agent = new Agent({ pipelining: 0 })
    try {
      requests++
      const res = await request(`${o.baseUrl}${path}`, {
        method,
        dispatcher: agent,
        headers: {
          origin: o.origin,
          ...(token && method === 'GET' ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
        },
        ...(body ? { body } : {})
      })
      const text = await res.body.text()
      return { status: res.statusCode, json: text ? (JSON.parse(text) as unknown) : null }
    } finally {
      await agent.close()
    }
  }

  async function login(): Promise<void> {
    const form = new URLSearchParams({ client_id: o.clientId, grant_type: 'password', username: o.username, password: o.password })
    const res = await send('POST', '/v1/oauth', form.toString())
    if (res.status !== 200) throw new Error(`naive login failed: ${res.status}`)
    token = (res.json as { access_token: string }).access_token
  }

  async function get(path: string): Promise<unknown> {
    let res = await send('GET', path)
    if (res.status === 401) {
      // Step 4 of the example: get a new token, then carry on.
      await login()
      res = await send('GET', path)
    }
    if (res.status !== 200) throw new Error(`naive GET ${path} failed: ${res.status}`)
    return res.json
  }

  await login()
  const me = (await get('/v1/me')) as { businessUnit: { id: number } }
  const tree = (await get(`/v1/bunits?bunitId=${me.businessUnit.id}`)) as TreeNode
  const ids: number[] = []
  const walk = (n: TreeNode) => {
    ids.push(n.id)
    for (const c of n.businessUnits ?? []) walk(c)
  }
  walk(tree)

  let units = 0
  let failedOrMissed = 0
  let businessUnitsRead = 0
  outer: for (const bu of ids) {
    const list = (await get(`/v1/bunits/${bu}/consumers`)) as { items: Array<{ id: number }> }
    businessUnitsRead++
    for (const c of list.items) {
      if (o.maxUnits !== undefined && units >= o.maxUnits) break outer
      const report = (await get(`/v1/bunits/${bu}/consumers/${c.id}/reports/latest`)) as { lastBackupStatus?: string | null }
      units++
      if (/fail|miss|sever/i.test(report.lastBackupStatus ?? '')) failedOrMissed++
    }
  }
  return { units, failedOrMissed, requests, businessUnits: ids.length, businessUnitsRead, ms: performance.now() - start }
}
