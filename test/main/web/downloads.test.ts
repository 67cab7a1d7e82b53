import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '../../../src/main/web/web-shell'

// Reports leave the web shell as one-time downloads (several as one zip), behind the same
// session cookie as everything else (the navigation-only rule is tested in one-time-downloads.test.ts).

let shell: WebShell
let dir: string
let cookie: string

function get(path: string, withCookie = true): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(shell.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers: { 'sec-fetch-mode': 'navigate', ...(withCookie ? { cookie } : {}) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-web-dl-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(renderer, { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  shell = await startWebShell({ dataDir: join(dir, 'data'), rendererDir: renderer })
  const token = new URL(shell.url).searchParams.get('token')!
  const login = await get(`/?token=${token}`, false)
  cookie = String(login.headers['set-cookie']).split(';')[0] as string
})
afterAll(async () => {
  await shell.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('web shell downloads', () => {
  it('serves a report once, to the session only, as an attachment', async () => {
    const sink = await shell.downloads.saveFiles({ title: 't', suggestedName: 'Backup report - Contoso - 2026-03.pdf', multiple: false })
    await sink.add({ name: 'Backup report - Contoso - 2026-03.pdf', data: Buffer.from('%PDF-1.3 test'), type: 'application/pdf' })
    const saved = await sink.close()
    const url = saved.download?.url as string
    expect(url).toMatch(/^\/download\/[A-Za-z0-9_-]{20,}$/)
    expect((await get(url, false)).status).toBe(401)
    const first = await get(url)
    expect(first.status).toBe(200)
    expect(first.headers['content-type']).toBe('application/pdf')
    expect(first.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Backup report - Contoso - 2026-03.pdf')}`)
    expect(first.body.toString()).toBe('%PDF-1.3 test')
    expect((await get(url)).status).toBe(404)
  })

  it('zips several files into one download', async () => {
    const sink = await shell.downloads.saveFiles({ title: 't', suggestedName: 'Backup reports 2026-03', multiple: true })
    await sink.add({ name: 'a.pdf', data: Buffer.from('%PDF-a'), type: 'application/pdf' })
    await sink.add({ name: 'a.csv', data: Buffer.from('x,y\r\n'), type: 'text/csv' })
    const saved = await sink.close()
    expect(saved.download?.fileName).toBe('Backup reports 2026-03.zip')
    const res = await get(saved.download?.url as string)
    const files = unzipSync(new Uint8Array(res.body))
    expect(Object.keys(files).sort()).toEqual(['a.csv', 'a.pdf'])
    expect(Buffer.from(files['a.pdf'] as Uint8Array).toString()).toBe('%PDF-a')
  })
})
