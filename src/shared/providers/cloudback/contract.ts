import { z } from 'zod'
import {
  CLOUDBACK_ACCOUNT_MAX,
  CLOUDBACK_PLATFORMS,
  CLOUDBACK_SUBJECT_NAME_MAX,
  CLOUDBACK_SUBJECT_TYPES,
  accountProblem,
  subjectNameProblem,
  type CloudbackApplyResult,
  type CloudbackPreview,
  type TrackedDefinition
} from './model'
import { defineChannel, Id } from '../../contract/define'
import { common, commonPatch, Secret } from '../../contract/connection-fields'

// Cloudback backup definitions. There is no list call at Cloudback: "tracked" definitions are
// those looked up from this connection, kept by Backdesk.

const SettingName = z.string().trim().min(1).max(200)

const subjectShape = {
  connectionId: Id,
  platform: z.enum(CLOUDBACK_PLATFORMS),
  account: z.string().trim().min(1).max(CLOUDBACK_ACCOUNT_MAX),
  subjectName: z.string().trim().min(1).max(CLOUDBACK_SUBJECT_NAME_MAX),
  subjectType: z.enum(CLOUDBACK_SUBJECT_TYPES)
}

function checkSubject(
  v: { platform: (typeof CLOUDBACK_PLATFORMS)[number]; subjectType: (typeof CLOUDBACK_SUBJECT_TYPES)[number]; account: string; subjectName: string },
  ctx: z.RefinementCtx
) {
  const account = accountProblem(v.platform, v.account)
  if (account) ctx.addIssue({ code: 'custom', path: ['account'], message: account })
  const problem = subjectNameProblem(v.platform, v.subjectType, v.subjectName)
  if (problem) ctx.addIssue({ code: 'custom', path: ['subjectName'], message: problem })
}

export const CloudbackSubjectInput = z.object(subjectShape).strict().superRefine(checkSubject)

export const CloudbackSettingsInput = z
  .object({
    enabled: z.boolean(),
    schedule: SettingName.nullable(),
    storage: SettingName.nullable(),
    retention: SettingName.nullable()
  })
  .strict()

export const CloudbackUpdateInput = z
  .object({ ...subjectShape, settings: CloudbackSettingsInput })
  .strict()
  .superRefine(checkSubject)

export const CloudbackChangeInput = z
  .object({
    enabled: z.boolean().optional(),
    schedule: SettingName.optional(),
    storage: SettingName.optional(),
    retention: SettingName.optional()
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'Choose at least one setting to change' })

const Keys = z.array(z.string().min(1).max(1000)).min(1).max(1000)

export const cloudbackChannels = {
  /** Looks a definition up at Cloudback and adds it to the tracked list. */
  'cloudback.definition.get': defineChannel<TrackedDefinition>()(CloudbackSubjectInput),
  /** Sets all four settings of one definition. */
  'cloudback.definition.update': defineChannel<TrackedDefinition>()(CloudbackUpdateInput, { mutates: true }),
  'cloudback.tracked.list': defineChannel<TrackedDefinition[]>()(z.object({ connectionId: Id }).strict()),
  'cloudback.tracked.remove': defineChannel<{ removed: number }>()(z.object({ connectionId: Id, keys: Keys }).strict(), { mutates: true }),
  /** Fresh lookups and "current → new" for each chosen definition; nothing is changed. */
  'cloudback.bulk.preview': defineChannel<CloudbackPreview>()(z.object({ connectionId: Id, keys: Keys, change: CloudbackChangeInput }).strict()),
  /** Applies exactly what a preview showed, once; a result per item. */
  'cloudback.bulk.apply': defineChannel<CloudbackApplyResult>()(z.object({ connectionId: Id, previewId: Id }).strict(), { mutates: true })
} as const

export const cloudbackTopics = {} as const

// --- connections.create / connections.update --------------------------------------------------

export const CloudbackConnectionCreate = z
  .object({
    provider: z.literal('cloudback'),
    ...common,
    apiKey: Secret
  })
  .strict()

export const CloudbackConnectionUpdate = z
  .object({
    provider: z.literal('cloudback'),
    ...commonPatch,
    apiKey: Secret.optional()
  })
  .strict()
