import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCloudbackClient, type CloudbackClient, type CloudbackConfig } from '../../../../src/main/core/providers/cloudback/client'
import { CLOUDBACK_DEFINITIONS_FILE, CloudbackService } from '../../../../src/main/core/providers/cloudback/cloudback.service'
import { testCloudbackConnection } from '../../../../src/main/core/providers/cloudback/probe'
import type { CloudbackSubject } from '../../../../src/shared/providers/cloudback/model'
import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'
import { startProxy } from '../cloudally/proxy'
import { vaultIn, type KeyedVaultHandle } from '../../storage/vault-keys'

const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 20, retries: 3 } }

describe('Cloudback client against the simulator', () => {
  let sim: Simulator
  const clients: CloudbackClient[] = []
  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', seed: 11 })
  })
  afterAll(() => sim.stop())
  afterEach(async () => {
    sim.faults.clear()
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  const config = (over: Partial<CloudbackConfig> = {}): CloudbackConfig => ({ baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey, ...over })
  const make = (c: CloudbackConfig = config()) => {
    const client = createCloudbackClient(c, { http: FAST })
    clients.push(client)
    return client
  }
  const repo = (name = sim.cloudback.data.knownRepos['backdesk-demo']![0]!): CloudbackSubject => ({ platform: 'GitHub', account: 'backdesk-demo', subjectName: name, subjectType: 'Repository' })
  const simDef = (s: CloudbackSubject) =>
    sim.cloudback.data.definitions.get(`${s.platform}|${s.account}|${s.subjectType}|${s.subjectName}`.toLowerCase())!

  it('gets a GitHub repository, an Azure DevOps repository and project, sending X-API-Key to /ops/ first', async () => {
    const client = make()
    sim.stats.reset()
    const d = await client.getDefinition(repo())
    expect(d).toMatchObject({ platform: 'GitHub', account: 'backdesk-demo', subjectName: repo().subjectName, subjectType: 'Repository' })
    expect(d.settings).toEqual(simDef(repo()).settings)
    expect(sim.stats.count({ provider: 'cloudback', path: '/ops/definition/get' })).toBe(1)
    expect(client.confirmedBase).toBe('/ops')

    const ado = sim.cloudback.data.accounts.find((a) => a.platform === 'AzureDevOps')!
    const adoRepo: CloudbackSubject = { platform: 'AzureDevOps', account: ado.name, subjectName: ado.repositories[0]!, subjectType: 'Repository' }
    expect((await client.getDefinition(adoRepo)).subjectName).toBe(adoRepo.subjectName)
    const adoProject: CloudbackSubject = { platform: 'AzureDevOps', account: ado.name, subjectName: ado.projects[0]!, subjectType: 'Project' }
    expect((await client.getDefinition(adoProject))).toMatchObject({ subjectType: 'Project', subjectName: ado.projects[0] })
  })

  it('gets and updates a GitLab project of a nested group: the group path as the account, the project path as the name', async () => {
    const client = make()
    const nested = sim.cloudback.data.accounts.find((a) => a.platform === 'GitLab' && a.name.split('/').length === 3)!
    const project: CloudbackSubject = { platform: 'GitLab', account: nested.name, subjectName: nested.repositories[0]!, subjectType: 'Repository' }
    const proxy = await startProxy(sim.cloudback.url)
    try {
      const viaProxy = make(config({ baseUrl: proxy.url }))
      const d = await viaProxy.getDefinition(project)
      expect(d).toMatchObject({ platform: 'GitLab', account: nested.name, subjectName: project.subjectName, subjectType: 'Repository', settings: simDef(project).settings })
      expect(JSON.parse(proxy.seen[0]!.body)).toEqual({ platform: 'GitLab', account: nested.name, subjectName: project.subjectName, subjectType: 'Repository' })
    } finally {
      await proxy.stop()
    }
    const next = { ...simDef(project).settings, enabled: false, retention: 'Last 360 days' }
    expect((await client.updateDefinition(project, next)).settings).toEqual(next)
    expect(simDef(project).settings).toEqual(next)
    // A project named with its group in the name is not found: Cloudback keeps one account per namespace.
    const top = nested.name.split('/')[0]!
    await expect(client.getDefinition({ ...project, account: top, subjectName: `${nested.name.slice(top.length + 1)}/${project.subjectName}` })).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(client.getDefinition({ ...project, subjectName: 'no-such-project' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`GitLab project ${nested.name}/no-such-project`) })
  })

  it('a lookup answered without settings (empty, or JSON without them) is UNREADABLE, never a disabled definition', async () => {
    for (const answer of [{ status: 200 }, { status: 200, body: { platform: 'GitHub', account: 'backdesk-demo' } }]) {
      const proxy = await startProxy(sim.cloudback.url, (req) => (req.path.endsWith('/definition/get') ? answer : undefined))
      try {
        await expect(make(config({ baseUrl: proxy.url })).getDefinition(repo()), JSON.stringify(answer)).rejects.toMatchObject({ code: 'UNREADABLE' })
      } finally {
        await proxy.stop()
      }
    }
    // The update's answer is not read by the official client: an empty success means "done as sent".
    const proxy = await startProxy(sim.cloudback.url, (req) => (req.path.endsWith('/definition/update') ? { status: 200 } : undefined))
    try {
      const s = repo(sim.cloudback.data.knownRepos['backdesk-demo']![2]!)
      const sent = { ...simDef(s).settings, storage: 'Cloudback UK' }
      expect((await make(config({ baseUrl: proxy.url })).updateDefinition(s, sent)).settings).toEqual(sent)
    } finally {
      await proxy.stop()
    }
  })

  it('an HTML 403 from a proxy or firewall is "blocked before reaching Cloudback", not a refused API key or definition', async () => {
    const proxy = await startProxy(sim.cloudback.url, () => ({ status: 403, text: '<html><body><h1>403</h1>Denied by policy</body></html>', contentType: 'text/html' }))
    try {
      const err = await make(config({ baseUrl: proxy.url })).getDefinition(repo()).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(err).toMatchObject({ code: 'OFFLINE', message: expect.stringContaining('blocked before reaching Cloudback (HTML answer, status 403)') })
      const probe = await testCloudbackConnection(config({ baseUrl: proxy.url }), { http: FAST })
      expect(probe).toMatchObject({ ok: false, stage: 'connect', message: expect.stringContaining('blocked before reaching Cloudback') })
    } finally {
      await proxy.stop()
    }
  })

  it('falls back to /api/ops/ when /ops/ is not there, and remembers it', async () => {
    const proxy = await startProxy(sim.cloudback.url, (req) => (req.path.startsWith('/ops/') ? { status: 404, body: undefined } : undefined))
    try {
      const client = make(config({ baseUrl: proxy.url }))
      await client.getDefinition(repo())
      expect(client.confirmedBase).toBe('/api/ops')
      const current = simDef(repo()).settings
      await client.updateDefinition(repo(), { ...current, retention: 'Last 90 days' })
      expect(simDef(repo()).settings.retention).toBe('Last 90 days')
      expect(proxy.seen.map((r) => r.path)).toEqual(['/ops/definition/get', '/api/ops/definition/get', '/api/ops/definition/update'])
      // Once the base is known, a 404 means "no such definition", not "try the other base".
      await expect(client.getDefinition(repo('no-such-repo'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(proxy.seen.at(-1)!.path).toBe('/api/ops/definition/get')
    } finally {
      await proxy.stop()
    }
  })

  it('reads both documented response shapes (backupSubjectName and the older repository)', async () => {
    const proxy = await startProxy(sim.cloudback.url, undefined, (req, status, body) => {
      if (status !== 200) return undefined
      const b = JSON.parse(body)
      return JSON.stringify({ platform: b.platform, account: b.account, repository: b.backupSubjectName, settings: b.settings })
    })
    try {
      const d = await make(config({ baseUrl: proxy.url })).getDefinition(repo())
      expect(d).toMatchObject({ subjectName: repo().subjectName, subjectType: 'Repository', settings: simDef(repo()).settings })
    } finally {
      await proxy.stop()
    }
  })

  it('updates with absolute settings and retries an update on 503 without harm', async () => {
    const client = make()
    const s = repo(sim.cloudback.data.knownRepos['backdesk-demo']![1]!)
    const before = simDef(s).settings
    sim.faults.add({ provider: 'cloudback', method: 'POST', path: '/ops/definition/update', kind: '503', times: 1 })
    sim.stats.reset()
    const after = await client.updateDefinition(s, { ...before, schedule: 'Daily at 6 am' })
    expect(after.settings.schedule).toBe('Daily at 6 am')
    expect(simDef(s).settings).toEqual({ ...before, schedule: 'Daily at 6 am' })
    expect(sim.stats.count({ provider: 'cloudback', path: '/ops/definition/update' })).toBe(2)
    const body = sim.stats.requests.filter((r) => r.path === '/ops/definition/update').length
    expect(body).toBe(2)
  })

  it('explains 400, 401, 402, 404 and 422 in plain words', async () => {
    const client = make()
    // 400: a GitHub name in Azure DevOps project/repo form.
    await expect(client.getDefinition({ ...repo(), subjectName: 'a/b' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/name format/) })
    // 401
    await expect(make(config({ apiKey: 'cb_live_wrong' })).getDefinition(repo())).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringMatching(/API key/)
    })
    // 404
    await expect(client.getDefinition(repo('does-not-exist'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no backup definition for GitHub repository backdesk-demo\/does-not-exist/)
    })
    // 422, naming the field and the value
    const s = repo()
    const current = (await client.getDefinition(s)).settings
    await expect(client.updateDefinition(s, { ...current, schedule: 'Daily at 25 pm' })).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      message: expect.stringMatching(/no schedule named “Daily at 25 pm”/)
    })
    await expect(client.updateDefinition(s, { ...current, storage: 'Moon storage' })).rejects.toMatchObject({
      message: expect.stringMatching(/no storage named “Moon storage”/)
    })
    await expect(client.updateDefinition(s, { ...current, retention: 'Forever' })).rejects.toMatchObject({
      message: expect.stringMatching(/no retention policy named “Forever”/)
    })
    // 402: enable disabled definitions until the plan limit is hit.
    const disabled = [...sim.cloudback.data.definitions.values()].filter((d) => !d.settings.enabled)
    expect(disabled.length).toBeGreaterThan(sim.cloudback.credentials.planLimit - [...sim.cloudback.data.definitions.values()].filter((d) => d.settings.enabled).length)
    let planError: unknown
    for (const d of disabled) {
      try {
        await client.updateDefinition(d, { enabled: true, schedule: 'Daily at 9 pm', storage: 'Cloudback EU', retention: 'Last 30 days' })
      } catch (err) {
        planError = err
        break
      }
    }
    expect(planError).toMatchObject({ code: 'PLAN_LIMIT', message: expect.stringMatching(/plan's limit of scheduled repositories is reached/) })
  })

  it('probe: accepted key, wrong key, and a server that does not check keys', async () => {
    const ok = await testCloudbackConnection(config(), { http: FAST })
    expect(ok).toMatchObject({ ok: true })
    expect(ok.steps?.map((s) => s.ok)).toEqual([true, true])
    const bad = await testCloudbackConnection(config({ apiKey: 'nope' }), { http: FAST })
    expect(bad).toMatchObject({ ok: false, stage: 'credentials' })
    const fake = await startProxy(sim.cloudback.url, () => ({ status: 404, body: { message: 'Not here' } }))
    try {
      expect(await testCloudbackConnection(config({ baseUrl: fake.url }), { http: FAST })).toMatchObject({ ok: false, stage: 'api' })
    } finally {
      await fake.stop()
    }
    const refused = await testCloudbackConnection(config({ baseUrl: 'http://127.0.0.1:9' }), { http: FAST })
    expect(refused).toMatchObject({ ok: false, stage: 'connect' })
  })
})

describe('Cloudback tracked definitions, bulk preview and apply', () => {
  let sim: Simulator
  let dir: string
  let client: CloudbackClient
  let vault: KeyedVaultHandle
  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', seed: 12 })
    dir = mkdtempSync(join(tmpdir(), 'backdesk-cb-'))
    vault = await vaultIn(dir)
    await vault.unlock()
    client = createCloudbackClient({ baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey }, { http: FAST })
  })
  afterAll(async () => {
    vault.vault.dispose()
    await client.close()
    await sim.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('tracks lookups, previews every change, applies with a result per item, and persists', async () => {
    const service = new CloudbackService({ dataDir: dir, keys: vault.keys, clientFor: async () => client })
    const repos = sim.cloudback.data.knownRepos['octo-labs']!.slice(0, 3)
    const subjects: CloudbackSubject[] = repos.map((r) => ({ platform: 'GitHub', account: 'octo-labs', subjectName: r, subjectType: 'Repository' }))
    for (const s of subjects) await service.lookup('c1', s)
    await expect(service.lookup('c1', { ...subjects[0]!, subjectName: 'missing-repo' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const tracked = await service.list('c1')
    expect(tracked.map((t) => t.subjectName)).toEqual(repos)
    expect(await service.list('other')).toEqual([])

    const preview = await service.preview('c1', tracked.map((t) => t.key), { schedule: 'Daily at 3 am' })
    expect(preview.items).toHaveLength(3)
    for (const item of preview.items) {
      expect(item.next!.schedule).toBe('Daily at 3 am')
      const changed = item.current!.schedule !== 'Daily at 3 am'
      expect(item.changes.length).toBe(changed ? 1 : 0)
      if (changed) expect(item.changes[0]).toEqual({ field: 'schedule', from: item.current!.schedule, to: 'Daily at 3 am' })
    }
    // Nothing changed on the server by a preview.
    expect(sim.stats.count({ provider: 'cloudback', path: /update/ })).toBe(0)

    const result = await service.apply('c1', preview.previewId)
    expect(result.items.map((i) => i.outcome).every((o) => o === 'updated' || o === 'unchanged')).toBe(true)
    for (const s of subjects) {
      expect(sim.cloudback.data.definitions.get(`github|octo-labs|repository|${s.subjectName}`.toLowerCase())!.settings.schedule).toBe('Daily at 3 am')
    }
    await expect(service.apply('c1', preview.previewId)).rejects.toMatchObject({ code: 'NOT_FOUND' })

    // A change that fails for every item: 422 per item, in plain words.
    const bad = await service.preview('c1', tracked.map((t) => t.key), { storage: 'Nowhere' })
    const failed = await service.apply('c1', bad.previewId)
    expect(failed.failed).toBe(3)
    expect(failed.items.every((i) => i.outcome === 'failed' && /no storage named “Nowhere”/.test(i.message ?? ''))).toBe(true)

    await service.dispose()
    // Sealed under the vault: neither the key nor any account or repository name is on disk.
    const onDisk = readFileSync(join(dir, CLOUDBACK_DEFINITIONS_FILE), 'utf8')
    for (const plain of [sim.cloudback.credentials.apiKey, 'octo-labs', ...repos]) expect(onDisk).not.toContain(plain)
    // A restart: locked (nothing to read), then everything back after the unlock.
    vault.vault.dispose()
    vault = await vaultIn(dir)
    const reopened = new CloudbackService({ dataDir: dir, keys: vault.keys, clientFor: async () => client })
    await expect(reopened.list('c1')).rejects.toMatchObject({ code: 'LOCKED' })
    await vault.unlock()
    expect((await reopened.list('c1')).map((t) => t.settings?.schedule)).toEqual(['Daily at 3 am', 'Daily at 3 am', 'Daily at 3 am'])
    expect(await reopened.untrack('c1', [tracked[0]!.key])).toBe(1)
    expect(await reopened.list('c1')).toHaveLength(2)
    await reopened.dispose()
  })

  it('a definition removed at Cloudback is marked missing in the tracked list by a failed save, and a lookup that finds it again clears the mark', async () => {
    const service = new CloudbackService({ dataDir: dir, keys: vault.keys, clientFor: async () => client })
    const repo = sim.cloudback.data.knownRepos['octo-labs']!.at(-1)!
    const subject: CloudbackSubject = { platform: 'GitHub', account: 'octo-labs', subjectName: repo, subjectType: 'Repository' }
    const looked = await service.lookup('c2', subject)
    const simKey = `github|octo-labs|repository|${repo}`.toLowerCase()
    const held = sim.cloudback.data.definitions.get(simKey)!
    sim.cloudback.data.definitions.delete(simKey)
    try {
      await expect(service.update('c2', subject, { ...looked.settings!, schedule: 'Daily at 3 am' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect((await service.list('c2'))[0]).toMatchObject({ key: looked.key, missing: true, lastError: expect.stringContaining('Cloudback has no backup definition') })
    } finally {
      sim.cloudback.data.definitions.set(simKey, held)
    }
    await service.lookup('c2', subject)
    const back = (await service.list('c2'))[0]!
    expect(back.missing).toBeUndefined()
    expect(back.lastError).toBeUndefined()
    await service.dispose()
  })
})
