import { spawn, execFileSync } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from '../../../src/main/core/app/core'
import { memorySink } from '../../support/memory-sink'
import { memoryStore } from '../../../src/main/core/vault/prefs'
import { FAST_KDF, PASS, tmpDir } from '../vault/helpers'

// Backdesk cores (separate data folders) and real git repositories for the workspace tests: a
// bare repository on disk, and the same served over smart HTTP by `git http-backend` behind a
// small node:http CGI wrapper that asks for a token (HTTP Basic) and records every request.

export interface TestCore {
  core: Core
  dir: string
  sink: ReturnType<typeof memorySink>
  answers: string[]
  events: Array<{ topic: string; payload: unknown }>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
  ok: (channel: string, input?: unknown) => Promise<any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
  call: (channel: string, input?: unknown) => Promise<{ ok: true; value: any } | { ok: false; error: { code: string; message: string } }>
}

const cores: Core[] = []

export async function startCore(): Promise<TestCore> {
  const dir = tmpDir('backdesk-ws-')
  const sink = memorySink()
  const core = await createCore({
    shell: 'web',
    dataDir: dir,
    versions: { node: process.versions.node },
    platform: { openExternal: async () => undefined },
    logSinks: [sink],
    logLevel: 'debug',
    vault: { kdf: FAST_KDF, prefs: memoryStore() },
    workspaceSyncIntervalMs: 0
  })
  cores.push(core)
  const answers: string[] = []
  const events: TestCore['events'] = []
  core.events.subscribe((topic, payload) => events.push({ topic, payload }))
  const call: TestCore['call'] = async (channel, input) => {
    const result = await core.router.dispatch(channel, input, 'test')
    answers.push(JSON.stringify(result))
    return result as Awaited<ReturnType<TestCore['call']>>
  }
  const ok: TestCore['ok'] = async (channel, input) => {
    const result = await call(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value
  }
  await ok('vault.setup', { passphrase: PASS, confirm: PASS })
  return { core, dir, sink, answers, events, ok, call }
}

export async function disposeCores(): Promise<void> {
  for (const core of cores.splice(0)) await core.dispose()
}

/** An empty bare repository made by the real git. */
export function bareRepo(root = tmpDir('backdesk-remote-')): string {
  const path = join(root, 'team.git')
  execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', path])
  execFileSync('git', ['-C', path, 'config', 'http.receivepack', 'true'])
  return path
}

/** Makes the repository's pre-receive hook refuse every push with `message`. */
export function refusePushes(repo: string, message: string): void {
  const hooks = join(repo, 'hooks')
  mkdirSync(hooks, { recursive: true })
  const hook = join(hooks, 'pre-receive')
  writeFileSync(hook, `#!/bin/sh\necho "${message}" >&2\nexit 1\n`)
  chmodSync(hook, 0o755)
}

export function allowPushes(repo: string): void {
  writeFileSync(join(repo, 'hooks', 'pre-receive'), '#!/bin/sh\nexit 0\n')
}

export interface GitServer {
  url: string
  /** While true every request answers 503 (the server is down). */
  down: boolean
  requests: Array<{ method: string; url: string; authorization: string | undefined }>
  close(): Promise<void>
}

/** `git http-backend` over HTTP on 127.0.0.1 for the repositories under `root`; every request needs `token`. */
export async function gitHttpServer(root: string, token: string): Promise<GitServer> {
  const requests: GitServer['requests'] = []
  const state = { down: false }
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization })
    if (state.down) {
      res.writeHead(503).end('down for maintenance')
      return
    }
    const expected = `Basic ${Buffer.from(`backdesk:${token}`).toString('base64')}`
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end('token needed')
      return
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'backdesk',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        GIT_HTTP_MAX_REQUEST_BUFFER: '100M'
      }
    })
    req.pipe(cgi.stdin)
    const chunks: Buffer[] = []
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c))
    cgi.on('close', () => {
      const out = Buffer.concat(chunks)
      const crlf = out.indexOf('\r\n\r\n')
      const lf = out.indexOf('\n\n')
      const [split, gap] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2]
      const headerText = out.subarray(0, split).toString('utf8')
      const body = out.subarray(split + gap)
      let status = 200
      const headers: Record<string, string> = {}
      for (const line of headerText.split(/\r?\n/)) {
        const i = line.indexOf(':')
        if (i < 0) continue
        const name = line.slice(0, i).trim()
        const value = line.slice(i + 1).trim()
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0])
        else headers[name] = value
      }
      res.writeHead(status, headers).end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get down() {
      return state.down
    },
    set down(value: boolean) {
      state.down = value
    },
    requests,
    close: () => new Promise<void>((r) => server.close(() => r()))
  }
}

/** Every object of a repository, decompressed, as git itself prints them. */
export function allObjects(repo: string): Buffer {
  return execFileSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 512 * 1024 * 1024 })
}

/** A working clone made by the real git (to tamper with the repository as a hostile host would). */
export function gitClone(repo: string): string {
  const dir = join(tmpDir('backdesk-clone-'), 'work')
  execFileSync('git', ['clone', '--quiet', repo, dir])
  execFileSync('git', ['-C', dir, 'config', 'user.name', 'host'])
  execFileSync('git', ['-C', dir, 'config', 'user.email', 'host@example.invalid'])
  return dir
}

export function gitCommitPush(dir: string, message: string): void {
  execFileSync('git', ['-C', dir, 'add', '-A'])
  execFileSync('git', ['-C', dir, 'commit', '--quiet', '-m', message])
  execFileSync('git', ['-C', dir, 'push', '--quiet', 'origin', 'HEAD:main'])
}
