import type {
  CloudbackDefinition,
  CloudbackPlatform,
  CloudbackSettings,
  CloudbackSubject,
  CloudbackSubjectType
} from '../../../../shared/providers/cloudback/model'
import type { WireDefinition } from './dto'
import { rec, str } from '../wire'

function name(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null
}

export function mapSettings(raw: unknown): CloudbackSettings {
  const s = rec(raw)
  const enabled = s.enabled === true || s.enabled === 'true'
  return { enabled, schedule: name(s.schedule), storage: name(s.storage), retention: name(s.retention) }
}

function platformOf(v: unknown, fallback: CloudbackPlatform): CloudbackPlatform {
  const p = (str(v) ?? '').toLowerCase()
  if (p === 'github') return 'GitHub'
  if (p === 'gitlab') return 'GitLab'
  if (p === 'azuredevops') return 'AzureDevOps'
  return fallback
}

function subjectTypeOf(v: unknown, fallback: CloudbackSubjectType): CloudbackSubjectType {
  const t = (str(v) ?? '').toLowerCase()
  if (t === 'project') return 'Project'
  if (t === 'repository') return 'Repository'
  return fallback
}

/**
 * Either documented response shape → a definition. What the request asked for fills any gap
 * (the Terraform provider reads only `settings`, so a sparse answer is legitimate).
 */
export function mapDefinition(raw: unknown, asked: CloudbackSubject): CloudbackDefinition {
  const o = rec(raw) as WireDefinition
  return {
    platform: platformOf(o.platform, asked.platform),
    account: str(o.account) ?? asked.account,
    subjectName: str(o.backupSubjectName) ?? str(o.subjectName) ?? str(o.repository) ?? asked.subjectName,
    subjectType: subjectTypeOf(o.backupSubjectType ?? o.subjectType, o.repository !== undefined && o.backupSubjectType === undefined ? 'Repository' : asked.subjectType),
    settings: mapSettings(o.settings)
  }
}
