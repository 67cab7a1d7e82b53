import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { originBoundHttp, remoteUrlProblem } from '../../../src/main/core/workspace/git-http'

// The workspace token is bound to the repository's origin: never sent elsewhere, never carried
// across a redirect. Two recording listeners stand for the git host and another host.

const TOKEN = 'CANARY-bound-token-4e21'
const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()))
})

async function listener(handler: (url: string, res: ServerResponse) => void) {
  const seen: Array<{ url: string; authorization: string | undefined }> = []
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization })
    handler(req.url ?? '', res)
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { seen, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

async function drain(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<string> {
  const chunks: Uint8Array[] = []
  if (body) for await (const c of body) chunks.push(c)
  return Buffer.concat(chunks).toString('utf8')
}

describe('origin-bound git HTTP client', () => {
  it('sends the token to the remote origin only', async () => {
    const host = await listener((_u, res) => res.end('ok'))
    const other = await listener((_u, res) => res.end('other'))
    const http = originBoundHttp(`${host.origin}/team.git`, { token: TOKEN })
    const res = await http.request({ url: `${host.origin}/team.git/info/refs?service=git-upload-pack`, method: 'GET', headers: { Authorization: 'Basic smuggled' } })
    expect(await drain(res.body)).toBe('ok')
    expect(host.seen[0]?.authorization).toBe(`Basic ${Buffer.from(`backdesk:${TOKEN}`).toString('base64')}`)
    await expect(http.request({ url: `${other.origin}/team.git/info/refs`, method: 'GET', headers: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(other.seen).toEqual([])
  })

  it('does not follow a redirect, so the token never reaches the redirect target', async () => {
    const other = await listener((_u, res) => res.end('stolen'))
    const host = await listener((_u, res) => res.writeHead(302, { Location: `${other.origin}/team.git/info/refs` }).end())
    const http = originBoundHttp(`${host.origin}/team.git`, { token: TOKEN })
    const failure = await http.request({ url: `${host.origin}/team.git/info/refs`, method: 'GET', headers: {} }).catch((e: unknown) => e)
    expect(failure).toMatchObject({ code: 'FORBIDDEN' })
    expect(String((failure as Error).message)).not.toContain(TOKEN)
    expect(other.seen).toEqual([])
  })

  it('accepts https anywhere and http only on this computer, never with credentials in the URL', () => {
    expect(remoteUrlProblem('https://git.example.com/team/backdesk.git')).toBeNull()
    expect(remoteUrlProblem('http://127.0.0.1:8080/team.git')).toBeNull()
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- the refused case: nothing is requested
    expect(remoteUrlProblem('http://git.example.com/team.git')).toMatch(/https/)
    expect(remoteUrlProblem('https://me:tok@git.example.com/team.git')).toMatch(/token/)
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- the refused case: nothing is requested
    expect(remoteUrlProblem('ftp://git.example.com/x')).toMatch(/https/)
  })
})
