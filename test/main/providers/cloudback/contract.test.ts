import { describe, expect, it } from 'vitest'
import { channels } from '../../../../src/shared/contract'

// Inputs the renderer may send to the CloudAlly, Cloudback and restore channels: main validates
// each with these schemas before any handler runs.

describe('CloudAlly / Cloudback / restore channel inputs', () => {
  const ok = (name: keyof typeof channels, input: unknown) => channels[name].input.safeParse(input).success

  it('checks the Cloudback subjectName format per platform and subject type', () => {
    const base = { connectionId: 'c1', account: 'octo', subjectType: 'Repository' }
    expect(ok('cloudback.definition.get', { ...base, platform: 'GitHub', subjectName: 'demo-repository' })).toBe(true)
    expect(ok('cloudback.definition.get', { ...base, platform: 'GitHub', subjectName: 'proj/repo' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...base, platform: 'GitHub', subjectName: 'x', subjectType: 'Project' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...base, platform: 'AzureDevOps', subjectName: 'proj/repo' })).toBe(true)
    expect(ok('cloudback.definition.get', { ...base, platform: 'AzureDevOps', subjectName: 'repo' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...base, platform: 'AzureDevOps', subjectName: 'proj', subjectType: 'Project' })).toBe(true)
    expect(ok('cloudback.definition.get', { ...base, platform: 'Bitbucket', subjectName: 'x' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...base, platform: 'GitHub', subjectName: 'x', apiKey: 'smuggled' })).toBe(false)
  })

  it('caps the subject name and the account, saying the limit: 255 for any platform, 100 for a GitHub repository, 200 for an account', () => {
    const issues = (input: unknown) => {
      const r = channels['cloudback.definition.get'].input.safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    const github = { connectionId: 'c1', platform: 'GitHub', account: 'octo', subjectType: 'Repository' }
    expect(ok('cloudback.definition.get', { ...github, subjectName: 'r'.repeat(100) })).toBe(true)
    expect(issues({ ...github, subjectName: 'r'.repeat(101) })).toContain('A GitHub repository name has at most 100 characters')
    expect(issues({ ...github, subjectName: 'r'.repeat(300) })).toContain('A repository or project name has at most 255 characters')
    const gitlab = { connectionId: 'c1', platform: 'GitLab', account: 'my-group', subjectType: 'Repository' }
    expect(ok('cloudback.definition.get', { ...gitlab, subjectName: 'p'.repeat(255) })).toBe(true)
    expect(ok('cloudback.definition.get', { ...gitlab, subjectName: 'p'.repeat(256) })).toBe(false)
    expect(ok('cloudback.definition.get', { ...github, account: 'a'.repeat(200), subjectName: 'repo' })).toBe(true)
    expect(issues({ ...github, account: 'a'.repeat(201), subjectName: 'repo' })).toContain('An account has at most 200 characters')
  })

  it('checks GitLab names: the group path (nested groups with /) as the account, one project path as the subject', () => {
    const gitlab = { connectionId: 'c1', platform: 'GitLab', subjectType: 'Repository' }
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group', subjectName: 'my-project' })).toBe(true)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group/sub.group/deeper_1', subjectName: 'api.go' })).toBe(true)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group', subjectName: 'sub/my-project' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group', subjectName: 'my-project', subjectType: 'Project' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group', subjectName: 'repo.git' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group', subjectName: '-dash' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my-group//sub', subjectName: 'p' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...gitlab, account: 'my group', subjectName: 'p' })).toBe(false)
    expect(ok('cloudback.definition.get', { ...gitlab, account: Array.from({ length: 21 }, (_, i) => `g${i}`).join('/'), subjectName: 'p' })).toBe(false)
  })

  it('needs all four settings for an update and at least one field for a bulk change', () => {
    const subject = { connectionId: 'c1', platform: 'GitHub', account: 'octo', subjectName: 'r', subjectType: 'Repository' }
    expect(ok('cloudback.definition.update', { ...subject, settings: { enabled: true, schedule: 'Daily at 9 pm', storage: 'Cloudback EU', retention: null } })).toBe(true)
    expect(ok('cloudback.definition.update', { ...subject, settings: { enabled: true } })).toBe(false)
    expect(ok('cloudback.bulk.preview', { connectionId: 'c1', keys: ['k'], change: {} })).toBe(false)
    expect(ok('cloudback.bulk.preview', { connectionId: 'c1', keys: ['k'], change: { schedule: 'Daily at 6 am' } })).toBe(true)
    expect(ok('cloudback.bulk.preview', { connectionId: 'c1', keys: [], change: { enabled: false } })).toBe(false)
  })

  it('requires a request key and accepts the snapshot date the screen sends', () => {
    const start = { connectionId: 'c1', requestKey: crypto.randomUUID(), taskId: 'T1', kind: 'download' }
    expect(ok('cloudally.restore.start', start)).toBe(true)
    expect(ok('cloudally.restore.start', { ...start, snapshotDate: new Date('2026-11-01T10:00').toISOString() })).toBe(true)
    expect(ok('cloudally.restore.start', { ...start, snapshotDate: 'yesterday' })).toBe(false)
    expect(ok('cloudally.restore.start', { ...start, requestKey: undefined })).toBe(false)
    expect(ok('cloudally.restore.start', { ...start, requestKey: 'short' })).toBe(false)
    expect(ok('cloudally.restore.start', { ...start, kind: 'delete' })).toBe(false)
    expect(channels['cloudally.restore.start'].mutates).toBe(true)
    expect(channels['cloudback.bulk.apply'].mutates).toBe(true)
    expect(channels['cloudback.bulk.preview'].mutates).toBe(false)
  })
})
