import { timingSafeEqual } from 'node:crypto'
import { Router } from '../http/router'
import { isRecord, parseJsonBody } from '../http/request'
import { header, HttpError, json, type SimRequest } from '../http/types'
import {
  definitionKey,
  enabledCount,
  generateCloudback,
  type CloudbackData,
  type CloudbackDemoCredentials,
  type CloudbackPlatform,
  type Definition,
  type SubjectType
} from './data'

export type { CloudbackData, CloudbackDemoCredentials } from './data'

// Cloudback Operations API (seed 002 + provider-apis.md §3): POST definition/get and
// definition/update under both /ops/ and /api/ops/, authenticated by X-API-Key.
// Error bodies are `{ "message": "..." }` (the real format is not published).

export function formatCloudbackError(_status: number, message: string) {
  return { message }
}

const fail = (status: number, message: string) => new HttpError(status, message, { message })

const PLATFORMS: Record<string, CloudbackPlatform> = { github: 'GitHub', azuredevops: 'AzureDevOps', gitlab: 'GitLab' }
const SUBJECT_TYPES: Record<string, SubjectType> = { repository: 'Repository', project: 'Project' }
const NAME_PART = /^[A-Za-z0-9._\- ]{1,100}$/
/**
 * A GitLab path (a group, subgroup, user or project): letters, digits, `_`, `-` and `.`, not
 * starting with `-`, not ending in `.git` or `.atom` (GitLab's path rule, which every existing
 * path meets; newer paths must also start and end with a letter or digit).
 */
const GITLAB_PATH = /^(?!-)[A-Za-z0-9_.-]{1,255}$/
const gitlabPath = (part: string) => GITLAB_PATH.test(part) && !/\.(git|atom)$/i.test(part)
/** GitLab nests groups at most 20 deep. */
const GITLAB_MAX_DEPTH = 20

interface SubjectRequest {
  platform: CloudbackPlatform
  account: string
  subjectName: string
  subjectType: SubjectType
  body: Record<string, unknown>
}

function parseSubject(req: SimRequest): SubjectRequest {
  const body = parseJsonBody(req)
  if (!isRecord(body)) throw fail(400, 'The request body must be a JSON object.')
  const platformRaw = body.platform
  if (typeof platformRaw !== 'string' || !platformRaw) throw fail(400, "'platform' is required (GitHub, GitLab or AzureDevOps).")
  const platform = PLATFORMS[platformRaw.toLowerCase()]
  if (!platform) throw fail(400, `Unsupported platform '${platformRaw}'. Values: GitHub, GitLab, AzureDevOps.`)
  const account = body.account
  if (typeof account !== 'string' || !account.trim()) throw fail(400, "'account' is required.")
  // `repository` is the old name of `subjectName`; subjectName wins when both are sent.
  const nameRaw = body.subjectName ?? body.repository
  if (typeof nameRaw !== 'string' || !nameRaw.trim()) throw fail(400, "'subjectName' is required.")
  const typeRaw = body.subjectType ?? 'Repository'
  if (typeof typeRaw !== 'string') throw fail(400, "'subjectType' must be Repository or Project.")
  const subjectType = SUBJECT_TYPES[typeRaw.toLowerCase()]
  if (!subjectType) throw fail(400, `Unsupported subjectType '${typeRaw}'. Values: Repository, Project.`)
  const subjectName = nameRaw.trim()
  const parts = subjectName.split('/')
  if (platform === 'GitHub') {
    if (subjectType !== 'Repository') throw fail(400, 'GitHub backup subjects are always of type Repository.')
    if (parts.length !== 1 || !NAME_PART.test(subjectName) || subjectName.includes(' ')) {
      throw fail(400, `Invalid GitHub repository name '${subjectName}': use the repository name only, e.g. 'demo-repository'.`)
    }
  } else if (platform === 'GitLab') {
    // The account is the namespace (nested groups with '/'); the subject is one project in it.
    if (subjectType !== 'Repository') throw fail(400, 'GitLab backup subjects are projects, of type Repository.')
    const groups = account.trim().split('/')
    if (groups.length > GITLAB_MAX_DEPTH || !groups.every(gitlabPath)) {
      throw fail(400, `Invalid GitLab account '${account.trim()}': use the group path, e.g. 'my-group' or 'my-group/my-subgroup'.`)
    }
    if (parts.length !== 1 || !gitlabPath(subjectName)) {
      throw fail(400, `Invalid GitLab project '${subjectName}': use the project path only, e.g. 'my-project' (the group path goes in 'account').`)
    }
  } else if (subjectType === 'Repository') {
    if (parts.length !== 2 || !parts.every((p) => NAME_PART.test(p))) {
      throw fail(400, `Invalid Azure DevOps repository '${subjectName}': use 'project-name/repository-name'.`)
    }
  } else if (parts.length !== 1 || !NAME_PART.test(subjectName)) {
    throw fail(400, `Invalid Azure DevOps project '${subjectName}': use the project name only.`)
  }
  return { platform, account: account.trim(), subjectName, subjectType, body }
}

function response(d: Definition) {
  return {
    platform: d.platform,
    account: d.account,
    backupSubjectName: d.subjectName,
    backupSubjectType: d.subjectType,
    // Revision (a) of the docs answered with `repository`; kept for older clients.
    ...(d.subjectType === 'Repository' ? { repository: d.subjectName } : {}),
    settings: { ...d.settings }
  }
}

export interface CloudbackProvider {
  data: CloudbackData
  router: Router
  credentials: CloudbackDemoCredentials
  formatError: typeof formatCloudbackError
  /** An 'expire-token' fault: the API key is refused on the next request. */
  rejectNextKey(): void
}

export function createCloudback(seed: number, nodes: number): CloudbackProvider {
  const data = generateCloudback(seed, nodes)
  let rejectNext = false

  const authenticate = (req: SimRequest) => {
    if (rejectNext) {
      rejectNext = false
      throw fail(401, 'API key is invalid or has been revoked.')
    }
    const key = header(req, 'x-api-key')
    if (!key) throw fail(401, 'API key is missing. Send it in the X-API-Key header.')
    const a = Buffer.from(key)
    const b = Buffer.from(data.apiKey)
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw fail(401, 'API key is invalid.')
  }

  const find = (s: SubjectRequest): Definition => {
    const account = data.accounts.find((a) => a.platform === s.platform && a.name.toLowerCase() === s.account.toLowerCase())
    if (!account) throw fail(404, `Account '${s.account}' is not connected to Cloudback on ${s.platform}.`)
    const d = data.definitions.get(definitionKey(s.platform, s.account, s.subjectType, s.subjectName))
    if (!d) throw fail(404, `${s.subjectType} '${s.subjectName}' not found in account '${account.name}'.`)
    return d
  }

  const resolveName = (value: unknown, list: string[], what: string): string | null | undefined => {
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'string') throw fail(400, `'settings.${what}' must be a string.`)
    if (value.trim() === '') return null // empty = leave unchanged (Terraform sends "" when deleting)
    const found = list.find((n) => n.toLowerCase() === value.trim().toLowerCase())
    if (!found) throw fail(422, `${what[0]?.toUpperCase()}${what.slice(1)} '${value}' not found.`)
    return found
  }

  const get = (req: SimRequest) => {
    authenticate(req)
    return json(200, response(find(parseSubject(req))))
  }

  const update = (req: SimRequest) => {
    authenticate(req)
    const s = parseSubject(req)
    const settings = s.body.settings
    if (!isRecord(settings)) throw fail(400, "'settings' is required for update.")
    if (settings.enabled !== undefined && typeof settings.enabled !== 'boolean') throw fail(400, "'settings.enabled' must be a boolean.")
    const d = find(s)
    const schedule = resolveName(settings.schedule, data.schedules, 'schedule')
    const storage = resolveName(settings.storage, data.storages, 'storage')
    const retention = resolveName(settings.retention, data.retentions, 'retention')
    const next = {
      enabled: settings.enabled ?? d.settings.enabled,
      schedule: schedule ?? d.settings.schedule,
      storage: storage ?? d.settings.storage,
      retention: retention ?? d.settings.retention
    }
    if (next.enabled) {
      if (!next.schedule) throw fail(422, 'A schedule is required to enable backups.')
      if (!next.storage) throw fail(422, 'A storage is required to enable backups.')
      if (!next.retention) throw fail(422, 'A retention policy is required to enable backups.')
      if (!d.settings.enabled && enabledCount(data) >= data.planLimit) {
        throw fail(402, `Plan limit exceeded: your plan allows ${data.planLimit} scheduled backup definitions.`)
      }
    }
    d.settings = next
    return json(200, response(d))
  }

  const router = new Router(false)
  for (const prefix of ['/ops', '/api/ops']) {
    router.post(`${prefix}/definition/get`, get)
    router.post(`${prefix}/definition/update`, update)
  }
  return {
    data,
    router,
    credentials: { apiKey: data.apiKey, accounts: data.accounts.map((a) => a.name), planLimit: data.planLimit },
    formatError: formatCloudbackError,
    rejectNextKey: () => {
      rejectNext = true
    }
  }
}
