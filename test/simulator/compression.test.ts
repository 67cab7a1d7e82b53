import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { call, startSimulator } from './helpers'

/** One raw GET (node:http, which never unpacks): the status, the headers and the bytes as sent. */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; encoding: string | undefined; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

let sim: Simulator
let token: string
beforeAll(async () => {
  sim = await startSimulator({ scale: 'demo', seed: 3, compress: true })
  const { clientId, origin, username, password } = sim.cloutility.credentials
  const login = await call(`${sim.cloutility.url}/v1/oauth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }).toString()
  })
  token = login.json.access_token as string
})
afterAll(() => sim.stop())

describe('simulator: compressed answers', () => {
  it('gzips an answer of 1 KiB or more for a client that accepts gzip, and sends the same data plain to one that does not', async () => {
    const url = `${sim.cloutility.url}/v1/bunits`
    const auth = { authorization: `Bearer ${token}`, origin: sim.cloutility.credentials.origin }
    const packed = await raw(url, { ...auth, 'accept-encoding': 'gzip, br' })
    const plain = await raw(url, auth)
    expect(packed.status).toBe(200)
    expect(packed.encoding).toBe('gzip')
    expect(plain.encoding).toBeUndefined()
    expect(plain.bytes.length).toBeGreaterThanOrEqual(1024)
    expect(packed.bytes.length).toBeLessThan(plain.bytes.length)
    expect(gunzipSync(packed.bytes).equals(plain.bytes)).toBe(true)
  })

  it('sends a small answer (an error) plain even to a client that accepts gzip', async () => {
    const small = await raw(`${sim.cloutility.url}/v1/no-such-route`, { authorization: `Bearer ${token}`, origin: sim.cloutility.credentials.origin, 'accept-encoding': 'gzip' })
    expect(small.status).toBe(404)
    expect(small.bytes.length).toBeLessThan(1024)
    expect(small.encoding).toBeUndefined()
  })
})
