import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { cleanupDirs, fakeClipboard, makeCore, PASS, TEST_CA_PEM, tmpDir } from '../vault/helpers'
import { until } from '../../support/until'
import { startSimulator } from '../../simulator/helpers'

afterEach(() => {
  vi.useRealTimers()
  cleanupDirs()
})

const CANARY = {
  cloutilityPassword: 'CANARY-cloutility-pw-7f3a9',
  clientSecret: 'CANARY-cloudally-secret-c41d',
  cloudallyPassword: 'CANARY-cloudally-pw-22be',
  apiKey: 'CANARY-cloudback-key-99e0',
  nodePassword: 'CANARY-node-pw-5150'
}

async function unlockedCore(platform = {}) {
  const t = await makeCore(tmpDir(), platform)
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  return t
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
async function createAll(ok: (c: string, i?: unknown) => Promise<any>) {
  const cloutility = await ok('connections.create', {
    provider: 'cloutility',
    name: 'Acme Cloutility',
    customer: 'Acme',
    tags: ['eu', 'gold', 'eu'],
    baseUrl: 'https://portal.acme.example/',
    clientId: 'acme-client',
    origin: 'https://portal.acme.example',
    username: 'tech@acme.example',
    password: CANARY.cloutilityPassword,
    customCa: TEST_CA_PEM
  })
  const cloudally = await ok('connections.create', {
    provider: 'cloudally',
    name: 'Acme CloudAlly',
    baseUrl: 'https://api.cloudally.example',
    mode: 'partner',
    clientId: 'partner-id',
    clientSecret: CANARY.clientSecret,
    email: 'partner@acme.example',
    password: CANARY.cloudallyPassword
  })
  const cloudback = await ok('connections.create', {
    provider: 'cloudback',
    name: 'Acme Cloudback',
    baseUrl: 'http://127.0.0.1:4010',
    apiKey: CANARY.apiKey,
    demo: true
  })
  return { cloutility, cloudally, cloudback }
}

describe('connections through the router', () => {
  it('creates one connection per provider and returns only public fields with hasSecret flags', async () => {
    const { ok } = await unlockedCore()
    const { cloutility, cloudally, cloudback } = await createAll(ok)
    expect(cloutility).toMatchObject({
      provider: 'cloutility',
      baseUrl: 'https://portal.acme.example',
      tags: ['eu', 'gold'],
      clientId: 'acme-client',
      origin: 'https://portal.acme.example',
      username: 'tech@acme.example',
      secrets: { password: true },
      hasCustomCa: true,
      demo: false
    })
    expect(cloudally).toMatchObject({ mode: 'partner', email: 'partner@acme.example', clientId: 'partner-id', secrets: { password: true, clientSecret: true } })
    expect(cloudback).toMatchObject({ secrets: { apiKey: true }, demo: true })
    for (const summary of [cloutility, cloudally, cloudback]) {
      expect(Object.keys(summary)).not.toContain('password')
      expect(Object.keys(summary)).not.toContain('apiKey')
      expect(Object.keys(summary)).not.toContain('clientSecret')
      expect(Object.keys(summary)).not.toContain('customCa')
    }
    const list = await ok('connections.list')
    expect(list.map((c: { name: string }) => c.name)).toEqual(['Acme Cloutility', 'Acme CloudAlly', 'Acme Cloudback'])
    expect(await ok('connections.get', { id: cloudback.id })).toEqual(cloudback)
  })

  it('a canary secret never appears in any answer, event or log line', async () => {
    const clipboard = fakeClipboard()
    const { ok, call, core, answers, events, sink } = await unlockedCore({ clipboard })
    const { cloutility, cloudally, cloudback } = await createAll(ok)
    await core.vault.nodeCredentials.put({ connectionId: cloutility.id, nodeId: 'n1', nodeName: 'NODE-1', password: CANARY.nodePassword })
    await ok('connections.list')
    for (const c of [cloutility, cloudally, cloudback]) await ok('connections.get', { id: c.id })
    await ok('connections.update', { id: cloutility.id, provider: 'cloutility', name: 'Renamed' })
    await ok('connections.duplicate', { id: cloudally.id })
    await ok('vault.nodeCredential.list')
    await ok('vault.nodeCredential.copy', { connectionId: cloutility.id, nodeId: 'n1' })
    const copied = clipboard.text
    await ok('vault.status')
    await ok('vault.settings.get')
    await call('connections.test', { id: cloudback.id }) // the real probe, against a closed loopback port
    await call('connections.create', { provider: 'cloudback', name: 'x', baseUrl: 'gopher:nope', apiKey: CANARY.apiKey }) // validation error
    core.logger.info('deliberate attempt to log', { value: CANARY.apiKey, note: `key is ${CANARY.clientSecret}` })
    await ok('vault.lock')
    await ok('vault.unlock', { passphrase: PASS })
    const everything = [...answers, JSON.stringify(events), JSON.stringify(sink.records)].join('\n')
    for (const value of Object.values(CANARY)) expect(everything, value).not.toContain(value)
    // The values were really there to leak: the clipboard got the node password in main.
    expect(copied).toBe(CANARY.nodePassword)
  })

  it('the router withholds an answer that would carry a secret (defence in depth)', async () => {
    const { ok, core } = await unlockedCore()
    const { cloudback } = await createAll(ok)
    // Simulate a buggy handler by naming a connection after its own API key: the guard trips.
    await ok('connections.update', { id: cloudback.id, provider: 'cloudback', name: 'plain name' })
    const record = core.vault.connections.get(cloudback.id)
    expect(record.provider === 'cloudback' && record.apiKey).toBe(CANARY.apiKey)
    await core.vault.vault.update((p) => {
      const c = p.connections.find((x) => x.id === cloudback.id)!
      c.name = `leak ${CANARY.apiKey}`
    })
    const result = await core.router.dispatch('connections.get', { id: cloudback.id }, 'test')
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain(CANARY.apiKey)
  })

  it('update keeps omitted secrets, replaces given ones, and never changes provider', async () => {
    const { ok, call, core } = await unlockedCore()
    const { cloutility, cloudally } = await createAll(ok)
    await ok('connections.update', { id: cloutility.id, provider: 'cloutility', username: 'other@acme.example', customCa: null })
    let record = core.vault.connections.get(cloutility.id)
    expect(record).toMatchObject({ username: 'other@acme.example', password: CANARY.cloutilityPassword })
    expect(record.customCa).toBeUndefined()
    await ok('connections.update', { id: cloutility.id, provider: 'cloutility', password: 'new-password-123' })
    record = core.vault.connections.get(cloutility.id)
    expect(record.provider === 'cloutility' && record.password).toBe('new-password-123')
    expect(await call('connections.update', { id: cloutility.id, provider: 'cloudback' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // CloudAlly partner → portal user keeps the client id and secret: both logins send them.
    const user = await ok('connections.update', { id: cloudally.id, provider: 'cloudally', mode: 'user' })
    expect(user).toMatchObject({ mode: 'user', clientId: 'partner-id', secrets: { password: true, clientSecret: true } })
    expect(core.vault.connections.get(cloudally.id)).toMatchObject({ clientId: 'partner-id', clientSecret: CANARY.clientSecret })
    expect(await ok('connections.update', { id: cloudally.id, provider: 'cloudally', mode: 'partner' })).toMatchObject({ mode: 'partner' })
  })

  it('a CloudAlly portal-user connection asks for the client id and secret too, as a partner one does', async () => {
    const { ok, call } = await unlockedCore()
    const portal = { provider: 'cloudally', name: 'Portal', baseUrl: 'https://api.cloudally.example', mode: 'user', email: 'it@acme.example', password: CANARY.cloudallyPassword }
    const refused = await call('connections.create', portal)
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.stringify(refused)).toMatch(/portal user login needs the client id/)
    const created = await ok('connections.create', { ...portal, clientId: 'portal-client', clientSecret: CANARY.clientSecret })
    expect(created).toMatchObject({ mode: 'user', clientId: 'portal-client', secrets: { password: true, clientSecret: true } })
    expect(JSON.stringify(created)).not.toContain(CANARY.clientSecret)
  })

  it('concurrent edits of one connection both apply; changes are announced on connections.changed', async () => {
    const { ok, events } = await unlockedCore()
    const { cloudback } = await createAll(ok)
    await Promise.all([
      ok('connections.update', { id: cloudback.id, provider: 'cloudback', name: 'New name' }),
      ok('connections.update', { id: cloudback.id, provider: 'cloudback', customer: 'New customer' }),
      ok('connections.update', { id: cloudback.id, provider: 'cloudback', tags: ['x'] })
    ])
    expect(await ok('connections.get', { id: cloudback.id })).toMatchObject({ name: 'New name', customer: 'New customer', tags: ['x'] })
    await ok('connections.delete', { id: cloudback.id, confirmId: cloudback.id })
    const changes = events.filter((e) => e.topic === 'connections.changed').map((e) => e.payload)
    expect(changes).toContainEqual({ kind: 'created', id: cloudback.id })
    expect(changes.filter((c) => (c as { kind: string }).kind === 'updated')).toHaveLength(3)
    expect(changes.at(-1)).toEqual({ kind: 'deleted', id: cloudback.id })
  })

  it('validates base URLs, origins, CloudAlly modes and PEM certificates', async () => {
    const { call } = await unlockedCore()
    const base = { provider: 'cloudback', name: 'x', apiKey: 'k-123456' }
    const insecure = ['http', '://backup.example.com'].join('')
    for (const baseUrl of [insecure, 'gopher:x.example', 'https://u:p@x.example', 'https://x.example/?q=1', 'not a url']) {
      expect(await call('connections.create', { ...base, baseUrl }), baseUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    for (const baseUrl of ['http://localhost:8080', 'http://127.0.0.1:4010/api', 'https://backup.example.com/api/']) {
      expect(await call('connections.create', { ...base, baseUrl }), baseUrl).toMatchObject({ ok: true })
    }
    const badPem = TEST_CA_PEM.replace('MIIBizCCATGg', 'MIIBizCCATGX')
    expect(await call('connections.create', { ...base, baseUrl: 'https://a.example', customCa: badPem })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/X\.509/) }
    })
    expect(await call('connections.create', { ...base, baseUrl: 'https://a.example', customCa: `junk\n${TEST_CA_PEM}` })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(
      await call('connections.create', {
        provider: 'cloutility', name: 'c', baseUrl: 'https://a.example', clientId: 'c', origin: 'https://a.example/path', username: 'u', password: 'p-123456'
      })
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(
      await call('connections.create', {
        provider: 'cloudally', name: 'c', baseUrl: 'https://a.example', mode: 'partner', email: 'a@b.c', password: 'p-123456'
      })
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(
      await call('connections.create', { ...base, baseUrl: 'https://a.example', unexpected: true })
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('duplicates (with secrets) and deletes only with a matching confirmation', async () => {
    const { ok, call, core } = await unlockedCore()
    const { cloudback, cloutility } = await createAll(ok)
    const copy = await ok('connections.duplicate', { id: cloudback.id })
    expect(copy.name).toBe('Acme Cloudback (copy)')
    expect(copy.id).not.toBe(cloudback.id)
    const rec = core.vault.connections.get(copy.id)
    expect(rec.provider === 'cloudback' && rec.apiKey).toBe(CANARY.apiKey)
    expect(await call('connections.delete', { id: cloudback.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await call('connections.delete', { id: cloudback.id, confirmId: copy.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    await core.vault.nodeCredentials.put({ connectionId: cloutility.id, nodeId: 'n1', nodeName: 'N1', password: 'node-pass-1' })
    expect(await ok('connections.delete', { id: cloutility.id, confirmId: cloutility.id })).toEqual({ deleted: true, id: cloutility.id })
    expect(await call('connections.get', { id: cloutility.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await ok('vault.nodeCredential.list')).toEqual([])
  })

  it('answers LOCKED for every connections call while locked, and after reload everything is still there', async () => {
    const dir = tmpDir()
    const first = await makeCore(dir)
    await first.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    const { cloudback } = await createAll(first.ok)
    await first.ok('vault.lock')
    for (const [channel, input] of [
      ['connections.list', undefined],
      ['connections.get', { id: cloudback.id }],
      ['connections.test', { id: cloudback.id }],
      ['connections.update', { id: cloudback.id, provider: 'cloudback', name: 'x' }],
      ['vault.nodeCredential.list', undefined],
      ['vault.settings.get', undefined]
    ] as const) {
      expect(await first.call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    }
    expect(() => first.core.vault.connections.secretsFor(cloudback.id, 'http://127.0.0.1:4010/x')).toThrow(
      expect.objectContaining({ code: 'LOCKED' })
    )
    await first.core.dispose()
    const reloaded = await makeCore(dir)
    expect((await reloaded.ok('vault.status')).state).toBe('locked')
    await reloaded.ok('vault.unlock', { passphrase: PASS })
    expect((await reloaded.ok('connections.list')).length).toBe(3)
  })

  it('OS lock / suspend from the shell locks the vault', async () => {
    const { ok, core, events } = await unlockedCore()
    // The Electron shell passes sentences from powerMonitor events.
    core.lockOnSystemEvent('the computer went to sleep')
    expect((await ok('vault.status')).state).toBe('locked')
    // Other topics (the schedule's status) may follow; the last vault state is what counts.
    const lastVaultState = () => events.filter((e) => e.topic === 'vault.state').at(-1)
    expect(lastVaultState()).toEqual({ topic: 'vault.state', payload: { state: 'locked', reason: 'suspend' } })
    await ok('vault.unlock', { passphrase: PASS })
    core.lockOnSystemEvent('the screen was locked')
    expect(lastVaultState()).toEqual({ topic: 'vault.state', payload: { state: 'locked', reason: 'os-lock' } })
  })

  it('IPC calls count as activity for auto-lock; vault.status polling does not', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { ok } = await unlockedCore()
    await ok('vault.settings.set', { autoLockMinutes: 2 })
    vi.advanceTimersByTime(90_000)
    await ok('connections.list')
    vi.advanceTimersByTime(90_000)
    expect((await ok('vault.status')).state).toBe('unlocked')
    vi.advanceTimersByTime(31_000)
    expect((await ok('vault.status')).state).toBe('locked')
  })
})

describe('secrets bound to the origin they were entered for', () => {
  it('binds them at create; a move to another origin needs every secret again, then the binding moves with it', async () => {
    const { ok, call, core } = await unlockedCore()
    const { cloutility, cloudally, cloudback } = await createAll(ok)
    expect([cloutility.secretOrigin, cloudally.secretOrigin, cloudback.secretOrigin]).toEqual([
      'https://portal.acme.example',
      'https://api.cloudally.example',
      'http://127.0.0.1:4010'
    ])
    expect([...core.secrets.originsOf(CANARY.cloutilityPassword)]).toEqual(['https://portal.acme.example'])

    // Refused, in words and per field: which secrets, sent only where, needed for where.
    const moved = await call('connections.update', { id: cloutility.id, provider: 'cloutility', baseUrl: 'https://portal.other.example/api' })
    expect(moved).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The saved password is only ever sent to https://portal.acme.example. Enter it again to use it with https://portal.other.example.',
        details: { fields: ['password'], savedOrigin: 'https://portal.acme.example', newOrigin: 'https://portal.other.example' }
      }
    })
    const partner = await call('connections.update', { id: cloudally.id, provider: 'cloudally', baseUrl: 'https://api.cloudally.example:8443' })
    expect(partner).toMatchObject({
      ok: false,
      error: {
        message: 'The saved client secret and the password are only ever sent to https://api.cloudally.example. Enter them again to use them with https://api.cloudally.example:8443.',
        details: { fields: ['clientSecret', 'password'] }
      }
    })
    // Another path on the same origin needs nothing.
    expect(await ok('connections.update', { id: cloutility.id, provider: 'cloutility', baseUrl: 'https://portal.acme.example/v2' })).toMatchObject({
      baseUrl: 'https://portal.acme.example/v2',
      secretOrigin: 'https://portal.acme.example'
    })

    // With every secret again, the move succeeds and the binding moves: the old value is gone,
    // and a value re-entered unchanged is bound to the new origin only.
    const after = await ok('connections.update', { id: cloutility.id, provider: 'cloutility', baseUrl: 'https://portal.other.example', password: 'a-new-password-1' })
    expect(after).toMatchObject({ baseUrl: 'https://portal.other.example', secretOrigin: 'https://portal.other.example' })
    expect(core.secrets.containsSecret(CANARY.cloutilityPassword)).toBe(false)
    expect([...core.secrets.originsOf('a-new-password-1')]).toEqual(['https://portal.other.example'])
    await ok('connections.update', { id: cloudback.id, provider: 'cloudback', baseUrl: 'https://backup.example.com', apiKey: CANARY.apiKey })
    expect([...core.secrets.originsOf(CANARY.apiKey)]).toEqual(['https://backup.example.com'])

    // A partner turned portal user on another origin needs only the password.
    expect(
      await ok('connections.update', { id: cloudally.id, provider: 'cloudally', mode: 'user', baseUrl: 'https://eu.cloudally.example', clientSecret: 'a-new-client-secret-2', password: 'a-new-password-2' })
    ).toMatchObject({ mode: 'user', secretOrigin: 'https://eu.cloudally.example', secrets: { password: true } })
  })

  it('a duplicate keeps the binding; the same secret in two connections may go to both origins', async () => {
    const { ok, core } = await unlockedCore()
    const { cloudback } = await createAll(ok)
    const copy = await ok('connections.duplicate', { id: cloudback.id })
    expect(copy.secretOrigin).toBe(cloudback.secretOrigin)
    await ok('connections.update', { id: copy.id, provider: 'cloudback', baseUrl: 'https://second.example', apiKey: CANARY.apiKey })
    expect([...core.secrets.originsOf(CANARY.apiKey)].sort()).toEqual(['http://127.0.0.1:4010', 'https://second.example'])
    await ok('connections.delete', { id: copy.id, confirmId: copy.id })
    expect([...core.secrets.originsOf(CANARY.apiKey)]).toEqual(['http://127.0.0.1:4010'])
  })
})

describe('secretsFor: a secret only goes to its own connection host', () => {
  it('allows the base URL origin and refuses any other scheme, host or port', async () => {
    const { ok, core } = await unlockedCore()
    const { cloutility, cloudback } = await createAll(ok)
    const store = core.vault.connections
    expect(store.secretsFor(cloutility.id, 'https://portal.acme.example/v1/oauth')).toEqual({ password: CANARY.cloutilityPassword })
    expect(store.secretsFor(cloutility.id, new URL('https://PORTAL.acme.example:443/v1/me'))).toEqual({ password: CANARY.cloutilityPassword })
    expect(store.secretsFor(cloudback.id, 'http://127.0.0.1:4010/ops/definition/get')).toEqual({ apiKey: CANARY.apiKey })
    for (const target of [
      'https://evil.example/v1/oauth',
      'https://portal.acme.example.evil.example/',
      'https://portal.acme.example:8443/',
      ['http', '://portal.acme.example/'].join(''),
      'not a url'
    ]) {
      expect(() => store.secretsFor(cloutility.id, target), target).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    }
    expect(() => store.secretsFor(cloudback.id, 'http://localhost:4010/')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    let caught: AppError | undefined
    try {
      store.secretsFor(cloudback.id, 'https://evil.example/')
    } catch (err) {
      caught = err as AppError
    }
    expect(caught?.message).not.toContain(CANARY.apiKey)
  })
})

describe('connections.test and the probe registry', () => {
  it('answers NOT_SUPPORTED with a clear message when no probe is registered', async () => {
    const { ok, call, core } = await unlockedCore()
    const { cloudally } = await createAll(ok)
    core.vault.probes.delete('cloudally') // provider code registers real probes in createCore
    expect(core.vault.probes.has('cloudally')).toBe(false)
    expect(await call('connections.test', { id: cloudally.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SUPPORTED', message: expect.stringContaining('CloudAlly') }
    })
  })

  it('runs the registered probe with the full record and a signal, and maps failures to a stage', async () => {
    const { ok, core } = await unlockedCore()
    const { cloutility, cloudback } = await createAll(ok)
    const seen: Array<{ password: string; aborted: boolean }> = []
    core.vault.probes.register('cloutility', async (record, signal) => {
      seen.push({ password: String(record['password']), aborted: signal.aborted })
      return { ok: true, message: 'Logged in as tech@acme.example', account: 'Acme' }
    })
    core.vault.probes.register('cloudback', async () => {
      throw new AppError('AUTH_FAILED', 'The API key was refused (401).')
    })
    expect(await ok('connections.test', { id: cloutility.id })).toEqual({ ok: true, message: 'Logged in as tech@acme.example', account: 'Acme' })
    expect(seen).toEqual([{ password: CANARY.cloutilityPassword, aborted: false }])
    expect(await ok('connections.test', { id: cloudback.id })).toEqual({ ok: false, stage: 'credentials', message: 'The API key was refused (401).' })
  })

  it('remembers a failed test until one passes: the Overview shows the connection failing, with why', async () => {
    const { ok, core } = await unlockedCore()
    const { cloudback } = await createAll(ok)
    let answer: 'refuse' | 'pass' = 'refuse'
    core.vault.probes.register('cloudback', async () => {
      if (answer === 'refuse') throw new AppError('AUTH_FAILED', 'The API key was refused (401).')
      return { ok: true, message: 'API key accepted' }
    })
    const dot = async () => ((await ok('overview.get')) as { connections: Array<{ connectionId: string; health: string; reason?: string; testFailed: boolean }> }).connections.find((c) => c.connectionId === cloudback.id)
    expect(await dot()).toMatchObject({ health: 'unchecked', testFailed: false })
    await ok('connections.test', { id: cloudback.id })
    expect(await dot()).toMatchObject({ health: 'failing', testFailed: true, reason: 'Test connection failed: The API key was refused (401).' })
    answer = 'pass'
    await ok('connections.test', { id: cloudback.id })
    expect(await dot()).toMatchObject({ health: 'unchecked', testFailed: false })
  })

  it('aborts a running probe when the vault locks', async () => {
    const { ok, core } = await unlockedCore()
    const { cloutility } = await createAll(ok)
    let signalSeen: AbortSignal | undefined
    core.vault.probes.register('cloutility', (_record, signal) => {
      signalSeen = signal
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
    })
    const pending = core.router.dispatch('connections.test', { id: cloutility.id }, 'test')
    await until(() => signalSeen !== undefined)
    core.vault.vault.lock('user')
    expect(await pending).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  })
})

describe('connections.testDraft: testing a new connection before it is saved', () => {
  it('logs in with the typed details against the real provider and stores nothing', async () => {
    const sim = await startSimulator({ scale: 'tiny', seed: 11 })
    try {
      const { ok, core, sink } = await unlockedCore()
      const draft = { provider: 'cloudback', name: 'Draft', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey }
      expect(await ok('connections.testDraft', draft)).toMatchObject({ ok: true })
      expect(await ok('connections.testDraft', { ...draft, apiKey: CANARY.apiKey })).toMatchObject({ ok: false, stage: 'credentials' })
      expect(await ok('connections.list')).toEqual([])
      // The unsaved key is blanked in logs and may only travel to the origin it was typed for.
      expect([...core.secrets.originsOf(CANARY.apiKey)]).toEqual([new URL(sim.cloudback.url).origin])
      expect(JSON.stringify(sink.records)).not.toContain(CANARY.apiKey)
    } finally {
      await sim.stop()
    }
  })

  it('answers a form with a missing field in plain words, naming the field', async () => {
    const { call } = await unlockedCore()
    const answer = await call('connections.testDraft', { provider: 'cloudback', name: '', baseUrl: 'http://127.0.0.1:1', apiKey: 'abcd' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'name', message: 'Give the connection a name' }] } } })
  })
})

describe('node credentials', () => {
  it('lists without passwords, reveals through the router guard, copies and clears after 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const clipboard = fakeClipboard()
    const { ok, core, call } = await unlockedCore({ clipboard })
    const { cloutility } = await createAll(ok)
    await core.vault.nodeCredentials.put({ connectionId: cloutility.id, nodeId: 'n1', nodeName: 'NODE-1', password: CANARY.nodePassword })
    const list = await ok('vault.nodeCredential.list', { connectionId: cloutility.id })
    expect(list).toEqual([{ connectionId: cloutility.id, nodeId: 'n1', nodeName: 'NODE-1', capturedAt: expect.any(String) }])
    expect(await ok('vault.nodeCredential.reveal', { connectionId: cloutility.id, nodeId: 'n1' })).toEqual({
      nodeName: 'NODE-1',
      password: CANARY.nodePassword
    })
    expect(await call('vault.nodeCredential.reveal', { connectionId: cloutility.id, nodeId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })

    expect(await ok('vault.nodeCredential.copy', { connectionId: cloutility.id, nodeId: 'n1' })).toEqual({ copied: true, clearAfterMs: 30_000 })
    expect(clipboard.text).toBe(CANARY.nodePassword)
    vi.advanceTimersByTime(29_999)
    expect(clipboard.text).toBe(CANARY.nodePassword)
    vi.advanceTimersByTime(1)
    expect(clipboard.text).toBe('')

    // Something else copied meanwhile: left alone.
    await ok('vault.nodeCredential.copy', { connectionId: cloutility.id, nodeId: 'n1' })
    clipboard.text = 'user copied this'
    vi.advanceTimersByTime(30_000)
    expect(clipboard.text).toBe('user copied this')

    // Lock clears it at once.
    await ok('vault.nodeCredential.copy', { connectionId: cloutility.id, nodeId: 'n1' })
    await ok('vault.lock')
    expect(clipboard.text).toBe('')

    await ok('vault.unlock', { passphrase: PASS })
    expect(await ok('vault.nodeCredential.delete', { connectionId: cloutility.id, nodeId: 'n1' })).toEqual({ deleted: true })
    expect(await ok('vault.nodeCredential.list')).toEqual([])
  })

  it('copy answers NOT_SUPPORTED where the shell has no clipboard', async () => {
    const { ok, core, call } = await unlockedCore()
    const { cloutility } = await createAll(ok)
    await core.vault.nodeCredentials.put({ connectionId: cloutility.id, nodeId: 'n1', nodeName: 'N', password: 'pw-abcdef' })
    expect(await call('vault.nodeCredential.copy', { connectionId: cloutility.id, nodeId: 'n1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SUPPORTED' }
    })
  })
})
