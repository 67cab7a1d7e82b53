// A compromised renderer (an XSS, a malicious UI dependency, any script in the window) can call
// every channel the bridge exposes, with inputs of its choosing. vault.export is the one channel
// that could hand it every login at once (a bundle under a passphrase it picked), so:
//   - without the master passphrase, or with a wrong one, export is refused, throttled and counted
//     like an unlock, and no bundle is made;
//   - with it, the answer still carries no bundle: only counts and where it went (a file the user
//     picks in Electron, a one-time download in the web shell that a script's fetch cannot read).
// Over real HTTP against the web shell, as a script in the page would call it (its cookie, the
// bridge header, its origin), and through the router with the Electron port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as electron from 'electron'
import type * as ElectronStub from '../stubs/electron'
import { electronPlatform } from '../../src/main/electron/electron-platform'
import { DOWNLOAD_PREFIX } from '../../src/main/web/one-time-downloads'
import { startWebShell, type WebShell } from '../../src/main/web/web-shell'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../main/vault/helpers'

const stub = electron as unknown as typeof ElectronStub
const ATTACKER_PASS = 'attacker-chosen-bundle-passphrase-77'
const attack = { passphrase: ATTACKER_PASS, confirm: ATTACKER_PASS }
const CANARIES = { apiKey: 'CANARY-export-attack-api-key-3e9a', password: 'CANARY-export-attack-password-71c0', node: 'CANARY-export-attack-node-5d22' }

/** A bundle, or anything long enough to be a piece of one (its armor lines are 64 base64 characters). */
const BUNDLE_LIKE = /BACKDESK BUNDLE|[A-Za-z0-9+/=]{64,}/

function expectNothingSecret(answers: string[]): void {
  for (const answer of answers) {
    expect(answer).not.toMatch(BUNDLE_LIKE)
    for (const canary of Object.values(CANARIES)) expect(answer).not.toContain(canary)
  }
}

describe('a compromised renderer in the web shell', () => {
  let shell: WebShell
  let dir: string
  let cookie: string
  const answers: string[] = []

  function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    const url = new URL(shell.origin)
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      if (options.body) req.write(options.body)
      req.end()
    })
  }

  /** What `window.backdesk.invoke[channel](input)` sends from the page. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
  async function invoke(channel: string, input?: unknown): Promise<any> {
    const reply = await raw(`/ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-backdesk-bridge': '1', origin: shell.origin, cookie },
      body: JSON.stringify({ input })
    })
    answers.push(reply.body)
    return JSON.parse(reply.body)
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backdesk-export-attack-'))
    const renderer = join(dir, 'renderer')
    mkdirSync(renderer, { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
    shell = await startWebShell({ dataDir: join(dir, 'data'), rendererDir: renderer })
    const token = new URL(shell.url).searchParams.get('token')!
    cookie = String((await raw(`/?token=${token}`)).headers['set-cookie']).split(';')[0]!
    expect((await invoke('vault.setup', { passphrase: PASS, confirm: PASS })).ok).toBe(true)
    expect((await invoke('connections.create', { provider: 'cloudback', name: 'Alpha', baseUrl: 'https://a.example', apiKey: CANARIES.apiKey })).ok).toBe(true)
    const beta = await invoke('connections.create', {
      provider: 'cloutility', name: 'Beta', baseUrl: 'https://b.example', clientId: 'cid', origin: 'https://b.example', username: 'u', password: CANARIES.password
    })
    await shell.core.vault.nodeCredentials.put({ connectionId: beta.value.id, nodeId: 'n1', nodeName: 'NODE-1', password: CANARIES.node })
  }, 60_000)

  afterAll(async () => {
    await shell.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('cannot export with its own passphrase and no, an empty or a wrong master passphrase', async () => {
    expect(await invoke('vault.export', attack)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await invoke('vault.export', { ...attack, includeNodeCredentials: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await invoke('vault.export', { ...attack, masterPassphrase: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    for (let failures = 1; failures <= 2; failures++) {
      expect(await invoke('vault.export', { ...attack, masterPassphrase: `a-guess-at-the-master-${failures}` })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSPHRASE', details: { failures, retryAfterMs: 0 } }
      })
    }
    // The guesses count like wrong unlocks: they show in the lock screen's throttle.
    await invoke('vault.lock')
    expect((await invoke('vault.status')).value.throttle).toEqual({ failures: 2, retryAfterMs: 0 })
    expect((await invoke('vault.unlock', { passphrase: PASS })).ok).toBe(true)
    expectNothingSecret(answers)
  })

  it('with the master passphrase still gets no bundle, and its fetch() of the download is refused', async () => {
    const answer = await invoke('vault.export', { ...attack, masterPassphrase: PASS, includeNodeCredentials: true })
    expect(answer).toMatchObject({ ok: true, value: { connections: 2, nodeCredentials: 1 } })
    expect(Object.keys(answer.value).sort()).toEqual(['connections', 'download', 'fileName', 'nodeCredentials'])
    const url = String(answer.value.download)
    expect(url.startsWith(DOWNLOAD_PREFIX)).toBe(true)
    // A script's fetch() or XHR carries the cookie but cannot claim to be a navigation.
    for (const mode of ['cors', 'same-origin', 'no-cors']) {
      const reply = await raw(url, { headers: { cookie, 'sec-fetch-mode': mode, 'sec-fetch-dest': 'empty', origin: shell.origin } })
      answers.push(reply.body)
      expect(reply.status, mode).toBe(403)
    }
    expectNothingSecret(answers)
  })
})

describe('a compromised renderer in Electron', () => {
  afterEach(() => {
    stub.dialog.nextSavePath = null
    stub.dialog.saveCalls.length = 0
    cleanupDirs()
  })

  it('cannot even make the save dialog appear without the master passphrase', async () => {
    const t = await makeCore(tmpDir(), { saveFile: electronPlatform().saveFile! })
    await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await t.ok('connections.create', { provider: 'cloudback', name: 'Alpha', baseUrl: 'https://a.example', apiKey: CANARIES.apiKey })
    stub.dialog.nextSavePath = join(tmpDir(), 'would-be.backdesk-bundle')
    expect(await t.call('vault.export', attack)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await t.call('vault.export', { ...attack, masterPassphrase: 'a-guess-at-the-master' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', details: { failures: 1 } }
    })
    expect(stub.dialog.saveCalls).toEqual([])
    expectNothingSecret(t.answers)
    await t.core.dispose()
  })
})
