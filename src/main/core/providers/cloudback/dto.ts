// Cloudback Operations API wire types (seed 002, provider-apis.md §3). Two documented response
// shapes: {platform, account, backupSubjectName, backupSubjectType, settings} (current) and
// {platform, account, repository, settings} (older revision). Everything optional, unknown kept.

import type { WireObject } from '../wire'

export type { WireObject }

export interface WireSettings extends WireObject {
  enabled?: boolean | string
  schedule?: string | null
  storage?: string | null
  retention?: string | null
}

export interface WireDefinition extends WireObject {
  platform?: string
  account?: string
  backupSubjectName?: string
  backupSubjectType?: string
  subjectName?: string
  subjectType?: string
  repository?: string
  settings?: WireSettings
}

export interface WireDefinitionRequest {
  platform: string
  account: string
  subjectName: string
  subjectType: string
  settings?: { enabled: boolean; schedule: string; storage: string; retention: string }
}
