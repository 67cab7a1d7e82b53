import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { call, withSim } from './helpers'

describe('Cloudback Operations API', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await withSim()
  })
  afterAll(() => sim.stop())

  const post = (path: string, body: unknown, key: string | null = sim.cloudback.credentials.apiKey, keyHeader = 'X-API-Key') =>
    call(`${sim.cloudback.url}${path}`, { method: 'POST', headers: key === null ? {} : { [keyHeader]: key }, json: body })

  const ghRepo = () => ({ account: 'backdesk-demo', repo: 'demo-repository' })

  it('gets a GitHub definition at /ops and /api/ops, with the repository alias and the subjectType default', async () => {
    const body = { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository', subjectType: 'Repository' }
    const a = await post('/ops/definition/get', body)
    expect(a.status).toBe(200)
    expect(a.json).toMatchObject({ platform: 'GitHub', account: 'backdesk-demo', backupSubjectName: 'demo-repository', backupSubjectType: 'Repository' })
    expect(a.json.settings).toEqual({ enabled: expect.any(Boolean), schedule: expect.any(String), storage: expect.any(String), retention: expect.any(String) })
    const b = await post('/api/ops/definition/get', body)
    expect(b.json).toEqual(a.json)
    const alias = await post('/ops/definition/get', { platform: 'GitHub', account: 'backdesk-demo', repository: 'demo-repository' })
    expect(alias.json).toEqual(a.json)
    const wins = await post('/ops/definition/get', { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository', repository: 'no-such-repo' })
    expect(wins.status).toBe(200)
    expect((await post('/ops/definition/get', body, sim.cloudback.credentials.apiKey, 'x-api-key')).status).toBe(200)
  })

  it('gets Azure DevOps repositories (project/repo) and projects', async () => {
    const account = 'contoso-devops'
    const repo = sim.cloudback.data.knownRepos[account]![0]!
    const r = await post('/ops/definition/get', { platform: 'AzureDevOps', account, subjectName: repo, subjectType: 'Repository' })
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ platform: 'AzureDevOps', backupSubjectName: repo, backupSubjectType: 'Repository' })
    const project = repo.split('/')[0]
    const p = await post('/ops/definition/get', { platform: 'AzureDevOps', account, subjectName: project, subjectType: 'Project' })
    expect(p.status).toBe(200)
    expect(p.json.backupSubjectType).toBe('Project')
  })

  it('gets and updates GitLab projects: the account is the namespace (a group, nested groups with /, or a user)', async () => {
    const gitlab = sim.cloudback.data.accounts.filter((a) => a.platform === 'GitLab')
    expect(gitlab.map((a) => a.name)).toEqual(expect.arrayContaining(['gitlab-demo', 'gitlab-demo/platform', 'gitlab-demo/platform/infra']))
    for (const a of gitlab) {
      const r = await post('/ops/definition/get', { platform: 'GitLab', account: a.name, subjectName: a.repositories[0], subjectType: 'Repository' })
      expect(r.status, a.name).toBe(200)
      expect(r.json).toMatchObject({ platform: 'GitLab', account: a.name, backupSubjectName: a.repositories[0], backupSubjectType: 'Repository' })
    }
    // Names match case-insensitively, and platform as well ("gitlab").
    const sub = gitlab.find((a) => a.name === 'gitlab-demo/platform')!
    const upper = await post('/api/ops/definition/get', { platform: 'gitlab', account: 'GitLab-Demo/Platform', subjectName: sub.repositories[0]!.toUpperCase() })
    expect(upper.status).toBe(200)
    expect(upper.json).toMatchObject({ platform: 'GitLab', account: 'gitlab-demo/platform', backupSubjectName: sub.repositories[0] })
    const updated = await post('/ops/definition/update', { platform: 'GitLab', account: 'gitlab-demo', subjectName: 'demo-project', settings: { enabled: true, schedule: 'Daily at 3 am', storage: 'Cloudback EU', retention: 'Last 90 days' } })
    expect(updated.status).toBe(200)
    expect(updated.json.settings).toEqual({ enabled: true, schedule: 'Daily at 3 am', storage: 'Cloudback EU', retention: 'Last 90 days' })
    // GitLab's naming rules: 400 before any lookup.
    for (const bad of [
      { account: 'gitlab-demo', subjectName: 'platform/demo-project' }, // the group goes in the account
      { account: 'gitlab-demo', subjectName: 'demo-project', subjectType: 'Project' },
      { account: 'gitlab-demo', subjectName: 'demo-project.git' },
      { account: 'gitlab-demo', subjectName: '-demo' },
      { account: 'gitlab-demo//platform', subjectName: 'demo-project' },
      { account: 'gitlab demo', subjectName: 'demo-project' },
      { account: Array.from({ length: 21 }, (_, i) => `g${i}`).join('/'), subjectName: 'p' }
    ]) {
      expect((await post('/ops/definition/get', { platform: 'GitLab', ...bad })).status, JSON.stringify(bad)).toBe(400)
    }
    expect((await post('/ops/definition/get', { platform: 'GitLab', account: 'gitlab-demo/nope', subjectName: 'demo-project' })).status).toBe(404)
  })

  it('401 without or with a wrong key; 400 for bad bodies and subject formats; 404 for unknown account/repo', async () => {
    const body = { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository' }
    const none = await post('/ops/definition/get', body, null)
    expect(none.status).toBe(401)
    expect(none.json).toEqual({ message: expect.any(String) })
    expect((await post('/ops/definition/get', body, 'cb_live_wrong')).status).toBe(401)
    const bad = [
      {},
      { platform: 'Bitbucket', account: 'a', subjectName: 'b' },
      { platform: 'GitHub', subjectName: 'b' },
      { platform: 'GitHub', account: 'backdesk-demo' },
      { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'org/repo' },
      { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository', subjectType: 'Project' },
      { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository', subjectType: 'Folder' },
      { platform: 'AzureDevOps', account: 'contoso-devops', subjectName: 'just-a-repo', subjectType: 'Repository' },
      { platform: 'AzureDevOps', account: 'contoso-devops', subjectName: 'a/b', subjectType: 'Project' }
    ]
    for (const b of bad) {
      const res = await post('/ops/definition/get', b)
      expect(res.status, JSON.stringify(b)).toBe(400)
      expect(typeof res.json.message).toBe('string')
    }
    const notJson = await call(`${sim.cloudback.url}/ops/definition/get`, { method: 'POST', headers: { 'x-api-key': sim.cloudback.credentials.apiKey, 'content-type': 'application/json' }, body: '{' })
    expect(notJson.status).toBe(400)
    expect((await post('/ops/definition/get', { platform: 'GitHub', account: 'unknown-org', subjectName: 'x' })).status).toBe(404)
    expect((await post('/ops/definition/get', { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'no-such-repo' })).status).toBe(404)
  })

  it('updates settings by name; 422 for unknown names; 400 for wrong types or missing settings', async () => {
    const { account, repo } = ghRepo()
    const key = { platform: 'GitHub', account, subjectName: repo, subjectType: 'Repository' }
    const upd = await post('/ops/definition/update', { ...key, settings: { enabled: false, schedule: 'Daily at 9 pm', storage: 'Cloudback EU', retention: 'Last 90 days' } })
    expect(upd.status).toBe(200)
    expect(upd.json.settings).toEqual({ enabled: false, schedule: 'Daily at 9 pm', storage: 'Cloudback EU', retention: 'Last 90 days' })
    expect((await post('/api/ops/definition/get', key)).json.settings.schedule).toBe('Daily at 9 pm')
    for (const settings of [{ schedule: 'Daily at 25 pm' }, { storage: 'Cloudback Mars' }, { retention: 'Last 7 days' }]) {
      const res = await post('/ops/definition/update', { ...key, settings })
      expect(res.status, JSON.stringify(settings)).toBe(422)
      expect(res.json.message).toMatch(/not found/)
    }
    expect((await post('/ops/definition/update', { ...key, settings: { schedule: 'Every Monday Morning', storage: 'Your S3 bucket' } })).status).toBe(200)
    expect((await post('/ops/definition/update', key)).status).toBe(400)
    expect((await post('/ops/definition/update', { ...key, settings: { enabled: 'yes' } })).status).toBe(400)
    expect((await post('/ops/definition/update', { ...key, settings: { schedule: 5 } })).status).toBe(400)
  })

  it('accepts empty strings when disabling (Terraform delete) and enforces the plan limit with 402', async () => {
    const { account, repo } = ghRepo()
    const key = { platform: 'GitHub', account, subjectName: repo }
    const off = await post('/ops/definition/update', { ...key, settings: { enabled: false, schedule: '', storage: '', retention: '' } })
    expect(off.status).toBe(200)
    expect(off.json.settings.enabled).toBe(false)
    const enabledNow = () => [...sim.cloudback.data.definitions.values()].filter((d) => d.settings.enabled).length
    const disabled = [...sim.cloudback.data.definitions.values()].filter((d) => !d.settings.enabled)
    const limit = sim.cloudback.credentials.planLimit
    let i = 0
    while (enabledNow() < limit) {
      const d = disabled[i++]!
      const res = await post('/ops/definition/update', { platform: d.platform, account: d.account, subjectName: d.subjectName, subjectType: d.subjectType, settings: { enabled: true } })
      expect(res.status).toBe(200)
    }
    const d = disabled[i]!
    const over = await post('/ops/definition/update', { platform: d.platform, account: d.account, subjectName: d.subjectName, subjectType: d.subjectType, settings: { enabled: true, schedule: 'Daily at 6 am' } })
    expect(over.status).toBe(402)
    expect(over.json.message).toMatch(/plan/i)
    // already enabled definitions can still be edited at the limit
    const on = [...sim.cloudback.data.definitions.values()].find((x) => x.settings.enabled)!
    expect((await post('/ops/definition/update', { platform: on.platform, account: on.account, subjectName: on.subjectName, subjectType: on.subjectType, settings: { enabled: true, retention: 'Last 360 days' } })).status).toBe(200)
  })
})
