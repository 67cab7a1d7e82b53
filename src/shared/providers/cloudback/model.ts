// Cloudback Operations API domain models. The API has no list call: Backdesk keeps, per
// connection, the definitions the user looked up ("tracked"), with their last known settings.

export const CLOUDBACK_PLATFORMS = ['GitHub', 'GitLab', 'AzureDevOps'] as const
export type CloudbackPlatform = (typeof CLOUDBACK_PLATFORMS)[number]

export const CLOUDBACK_SUBJECT_TYPES = ['Repository', 'Project'] as const
export type CloudbackSubjectType = (typeof CLOUDBACK_SUBJECT_TYPES)[number]

export interface CloudbackSubject {
  platform: CloudbackPlatform
  /** GitHub user or organisation; GitLab namespace (user, group or nested group `group/subgroup`); Azure DevOps organisation. */
  account: string
  /** GitHub repository `repo`; GitLab project `project`; Azure DevOps repository `project/repo`; Azure DevOps project `project`. */
  subjectName: string
  subjectType: CloudbackSubjectType
}

export interface CloudbackSettings {
  enabled: boolean
  /** Names of a schedule, storage and retention policy defined in Cloudback; null = none set. */
  schedule: string | null
  storage: string | null
  retention: string | null
}

export interface CloudbackDefinition extends CloudbackSubject {
  settings: CloudbackSettings
}

export interface TrackedDefinition extends CloudbackSubject {
  /** Stable key: platform|account|subjectType|subjectName, lower-case. */
  key: string
  settings?: CloudbackSettings
  lastCheckedAt?: string
  /** The last lookup's problem, in plain words. */
  lastError?: string
  /**
   * The last lookup or save found no definition at Cloudback (a 404): it was removed there, or its
   * account was disconnected. A later lookup that finds it clears this.
   */
  missing?: boolean
}

/** A bulk change: only the fields present are changed. */
export interface CloudbackChange {
  enabled?: boolean
  schedule?: string
  storage?: string
  retention?: string
}

export interface CloudbackPreviewItem {
  key: string
  subject: CloudbackSubject
  current?: CloudbackSettings
  next?: CloudbackSettings
  /** Fields that change, for the "current → new" view. */
  changes: Array<{ field: keyof CloudbackSettings; from: string; to: string }>
  /** Why this item cannot be changed (lookup failed). */
  error?: string
}

export interface CloudbackPreview {
  previewId: string
  connectionId: string
  change: CloudbackChange
  items: CloudbackPreviewItem[]
  createdAt: string
}

export interface CloudbackApplyItem {
  key: string
  subject: CloudbackSubject
  outcome: 'updated' | 'unchanged' | 'failed' | 'skipped'
  before?: CloudbackSettings
  after?: CloudbackSettings
  message?: string
  code?: string
}

export interface CloudbackApplyResult {
  previewId: string
  items: CloudbackApplyItem[]
  updated: number
  failed: number
}

/** Names documented by Cloudback, offered as suggestions (an account may define others). */
export const CLOUDBACK_KNOWN_NAMES = {
  schedules: [
    ...Array.from({ length: 24 }, (_, h) => `Daily at ${h % 12 === 0 ? 12 : h % 12} ${h < 12 ? 'am' : 'pm'}`)
  ],
  storages: ['Cloudback US', 'Cloudback EU', 'Cloudback UK', 'Cloudback Sydney', 'Cloudback Singapore'],
  retentions: ['Last 30 days', 'Last 90 days', 'Last 180 days', 'Last 360 days']
} as const

export function cloudbackKey(s: Pick<CloudbackSubject, 'platform' | 'account' | 'subjectType' | 'subjectName'>): string {
  return `${s.platform}|${s.account}|${s.subjectType}|${s.subjectName}`.toLowerCase()
}

/** How the platforms are written for people. */
export const CLOUDBACK_PLATFORM_LABELS: Record<CloudbackPlatform, string> = { GitHub: 'GitHub', GitLab: 'GitLab', AzureDevOps: 'Azure DevOps' }

/**
 * GitLab's path rule for users, groups and projects: letters, digits, `_`, `-` and `.`, not
 * starting with `-`, not ending in `.git` or `.atom`. Every existing path meets it (paths created
 * since GitLab 16 are stricter still: no leading or trailing special character, none doubled).
 */
function gitlabPathProblem(part: string, what: string): string | null {
  if (!part) return `A ${what} path cannot be empty (no leading, trailing or double "/")`
  if (part.length > 255) return `A ${what} path has at most 255 characters`
  if (!/^[A-Za-z0-9_.-]+$/.test(part)) return `A GitLab ${what} path has only letters, digits, "_", "-" and "." ("${part}" has others)`
  if (part.startsWith('-')) return `A GitLab ${what} path cannot start with "-"`
  if (/\.(git|atom)$/i.test(part)) return `A GitLab ${what} path cannot end in .git or .atom`
  return null
}

/** The longest account Backdesk sends (a GitLab group path nested 20 deep stays well inside it). */
export const CLOUDBACK_ACCOUNT_MAX = 200
/** The longest subject name: a GitLab project path has at most 255 characters, the longest of the platforms' names. */
export const CLOUDBACK_SUBJECT_NAME_MAX = 255
/** GitHub refuses repository names longer than this. */
const GITHUB_REPOSITORY_MAX = 100

/** GitLab nests groups at most 20 levels deep. */
const GITLAB_MAX_DEPTH = 20

/** Why an account does not fit its platform, or null. */
export function accountProblem(platform: CloudbackPlatform, account: string): string | null {
  const value = account.trim()
  if (!value) return 'Enter the account'
  if (value.length > CLOUDBACK_ACCOUNT_MAX) return `An account has at most ${CLOUDBACK_ACCOUNT_MAX} characters`
  if (platform !== 'GitLab') return null
  const groups = value.split('/')
  if (groups.length > GITLAB_MAX_DEPTH) return `GitLab nests groups at most ${GITLAB_MAX_DEPTH} levels deep`
  for (const g of groups) {
    const problem = gitlabPathProblem(g, 'group')
    if (problem) return `${problem}. Use the group path, e.g. my-group or my-group/my-subgroup`
  }
  return null
}

/** Why a subjectName does not fit its platform and type, or null. Mirrors the documented formats. */
export function subjectNameProblem(platform: CloudbackPlatform, subjectType: CloudbackSubjectType, name: string): string | null {
  const value = name.trim()
  if (!value) return 'Enter the name of the repository or project'
  if (value.length > CLOUDBACK_SUBJECT_NAME_MAX) return `A repository or project name has at most ${CLOUDBACK_SUBJECT_NAME_MAX} characters`
  const parts = value.split('/')
  if (platform === 'GitHub') {
    if (subjectType !== 'Repository') return 'GitHub subjects are always repositories'
    if (parts.length !== 1) return 'For GitHub use the repository name only, e.g. demo-repository (the account goes in Account)'
    if (value.length > GITHUB_REPOSITORY_MAX) return `A GitHub repository name has at most ${GITHUB_REPOSITORY_MAX} characters`
    return null
  }
  if (platform === 'GitLab') {
    if (subjectType !== 'Repository') return 'GitLab subjects are projects: choose Repository'
    if (parts.length !== 1) return 'For GitLab use the project path only, e.g. my-project (the group path, subgroups included, goes in Account)'
    return gitlabPathProblem(value, 'project')
  }
  if (subjectType === 'Repository') {
    if (parts.length !== 2 || !parts[0] || !parts[1]) return 'For an Azure DevOps repository use project/repository, e.g. my-project/demo-repo'
    return null
  }
  if (parts.length !== 1) return 'For an Azure DevOps project use the project name only, e.g. my-project'
  return null
}
