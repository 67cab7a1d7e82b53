import { Rng } from '../random'

// Cloudback backup definitions: one per repository (GitHub, Azure DevOps, GitLab project) or
// Azure DevOps project on a handful of connected accounts. Keyed case-insensitively: GitHub, Azure
// DevOps and GitLab names are. A GitLab account is a namespace: a user, a group or a nested group
// (`group/subgroup`), as Cloudback makes one account per namespace it discovers.

export type CloudbackPlatform = 'GitHub' | 'AzureDevOps' | 'GitLab'
export type SubjectType = 'Repository' | 'Project'

export interface CloudbackSettings {
  enabled: boolean
  schedule: string | null
  storage: string | null
  retention: string | null
}

export interface Definition {
  platform: CloudbackPlatform
  account: string
  subjectName: string
  subjectType: SubjectType
  settings: CloudbackSettings
}

export interface CloudbackAccount {
  platform: CloudbackPlatform
  name: string
  /** GitHub and GitLab: repository (project) names. Azure DevOps: `project/repo`. */
  repositories: string[]
  /** Azure DevOps projects (empty for GitHub). */
  projects: string[]
}

export interface CloudbackData {
  apiKey: string
  planLimit: number
  accounts: CloudbackAccount[]
  definitions: Map<string, Definition>
  schedules: string[]
  storages: string[]
  retentions: string[]
  /** Account name → a few repository subject names, for tests to look up. */
  knownRepos: Record<string, string[]>
}

export interface CloudbackDemoCredentials {
  apiKey: string
  accounts: string[]
  planLimit: number
}

function hourName(h: number): string {
  const suffix = h < 12 ? 'am' : 'pm'
  const twelve = h % 12 === 0 ? 12 : h % 12
  return `Daily at ${twelve} ${suffix}`
}

/** 'Daily at 12 am' … 'Daily at 11 pm' plus one custom schedule (Schedule Manager). */
export const SCHEDULES = [...Array.from({ length: 24 }, (_, h) => hourName(h)), 'Every Monday Morning']
export const STORAGES = ['Cloudback US', 'Cloudback EU', 'Cloudback UK', 'Cloudback Sydney', 'Cloudback Singapore', 'Your S3 bucket']
export const RETENTIONS = ['Last 30 days', 'Last 90 days', 'Last 180 days', 'Last 360 days']

export function definitionKey(platform: string, account: string, subjectType: string, subjectName: string): string {
  return `${platform.toLowerCase()}|${account.toLowerCase()}|${subjectType.toLowerCase()}|${subjectName.toLowerCase()}`
}

/** GitLab namespaces: a group, its nested groups and a user's personal namespace. */
export const GITLAB_NAMESPACES = ['gitlab-demo', 'gitlab-demo/platform', 'gitlab-demo/platform/infra', 'jdoe.gl']

const REPO_WORDS = ['api', 'web', 'infra', 'docs', 'mobile', 'billing', 'auth', 'search', 'design-system', 'data-pipeline', 'terraform', 'helm-charts', 'sdk', 'cli', 'backend', 'frontend', 'analytics', 'ml-models', 'monitoring', 'website']
const PROJECT_WORDS = ['Platform', 'Payments', 'Customer Portal', 'Internal Tools', 'Warehouse', 'Mobile']

export function generateCloudback(seed: number, nodes: number): CloudbackData {
  const rng = new Rng(seed * 7 + 3)
  const reposPerAccount = Math.max(4, Math.min(60, Math.round(nodes / 20)))
  const accounts: CloudbackAccount[] = [
    { platform: 'GitHub', name: 'backdesk-demo', repositories: ['demo-repository'], projects: [] },
    { platform: 'GitHub', name: 'octo-labs', repositories: [], projects: [] },
    { platform: 'GitHub', name: 'jdoe', repositories: [], projects: [] },
    { platform: 'AzureDevOps', name: 'contoso-devops', repositories: [], projects: [] },
    { platform: 'AzureDevOps', name: 'fabrikam', repositories: [], projects: [] }
  ]
  for (const a of accounts) {
    if (a.platform === 'GitHub') {
      const used = new Set(a.repositories)
      while (a.repositories.length < reposPerAccount) {
        const name = `${rng.pick(REPO_WORDS)}${rng.chance(0.3) ? `-${rng.pick(REPO_WORDS)}` : ''}`
        if (!used.has(name)) {
          used.add(name)
          a.repositories.push(name)
        }
      }
    } else {
      const projectCount = Math.max(2, Math.min(PROJECT_WORDS.length, Math.round(reposPerAccount / 4)))
      a.projects = PROJECT_WORDS.slice(0, projectCount).map((p) => p.replace(/ /g, '-').toLowerCase())
      for (const p of a.projects) {
        const used = new Set<string>()
        const n = rng.int(2, 5)
        while (used.size < n) used.add(rng.pick(REPO_WORDS))
        for (const r of used) a.repositories.push(`${p}/${r}`)
      }
    }
  }
  const definitions = new Map<string, Definition>()
  let enabled = 0
  const add = (a: CloudbackAccount, subjectType: SubjectType, subjectName: string) => {
    const on = rng.chance(0.6)
    if (on) enabled++
    definitions.set(definitionKey(a.platform, a.name, subjectType, subjectName), {
      platform: a.platform,
      account: a.name,
      subjectName,
      subjectType,
      settings: {
        enabled: on,
        schedule: rng.chance(0.9) ? hourName(rng.int(0, 23)) : 'Every Monday Morning',
        storage: rng.chance(0.85) ? rng.pick(STORAGES.slice(0, 5)) : 'Your S3 bucket',
        retention: rng.pick(RETENTIONS)
      }
    })
  }
  for (const a of accounts) {
    for (const r of a.repositories) add(a, 'Repository', r)
    for (const p of a.projects) add(a, 'Project', p)
  }
  const apiKey = `cb_live_${rng.token(32, '0123456789abcdefghijklmnopqrstuvwxyz')}`
  // GitLab namespaces come last and from their own generator, so the GitHub and Azure DevOps data
  // (and the API key) of a seed are what they were before GitLab existed.
  const gitlab = new Rng(seed * 7 + 4)
  const gitlabAccounts: CloudbackAccount[] = GITLAB_NAMESPACES.map((name) => ({ platform: 'GitLab', name, repositories: [], projects: [] }))
  for (const a of gitlabAccounts) {
    const used = new Set<string>(a.name === GITLAB_NAMESPACES[0] ? ['demo-project'] : [])
    while (used.size < Math.max(3, Math.round(reposPerAccount / 2))) used.add(`${gitlab.pick(REPO_WORDS)}${gitlab.chance(0.2) ? '.go' : ''}`)
    a.repositories.push(...used)
    accounts.push(a)
    for (const r of a.repositories) {
      const on = gitlab.chance(0.6)
      if (on) enabled++
      definitions.set(definitionKey(a.platform, a.name, 'Repository', r), {
        platform: a.platform,
        account: a.name,
        subjectName: r,
        subjectType: 'Repository',
        settings: { enabled: on, schedule: hourName(gitlab.int(0, 23)), storage: gitlab.pick(STORAGES.slice(0, 5)), retention: gitlab.pick(RETENTIONS) }
      })
    }
  }
  const knownRepos: Record<string, string[]> = {}
  for (const a of accounts) knownRepos[a.name] = a.repositories.slice(0, 5)
  return {
    apiKey,
    planLimit: enabled + 3,
    accounts,
    definitions,
    schedules: SCHEDULES,
    storages: STORAGES,
    retentions: RETENTIONS,
    knownRepos
  }
}

export function enabledCount(data: CloudbackData): number {
  let n = 0
  for (const d of data.definitions.values()) if (d.settings.enabled) n++
  return n
}
