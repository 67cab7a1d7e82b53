// Cloudback's values in words, for formatCode/codeTitle: the raw value stays in the tooltip.
import type { CloudbackApplyItem, CloudbackSettings } from './model'
import { CLOUDBACK_PLATFORM_LABELS } from './model'

export const CLOUDBACK_PLATFORM_WORDS: Readonly<Record<string, string>> = CLOUDBACK_PLATFORM_LABELS

export const CLOUDBACK_SUBJECT_TYPE_WORDS: Readonly<Record<string, string>> = { Repository: 'Repository', Project: 'Project' }

/** What happened to one definition in a bulk change. */
export const CLOUDBACK_OUTCOME_WORDS: Readonly<Record<CloudbackApplyItem['outcome'], string>> = {
  updated: 'Updated',
  unchanged: 'Unchanged',
  failed: 'Failed',
  skipped: 'Skipped'
}

/** The settings a bulk change can touch, as the editor names them. */
export const CLOUDBACK_SETTING_WORDS: Readonly<Record<keyof CloudbackSettings, string>> = {
  enabled: 'Scheduled backups',
  schedule: 'Schedule',
  storage: 'Storage',
  retention: 'Retention'
}

/** Whether scheduled backups run, in words. */
export function cloudbackEnabledWords(enabled: boolean): string {
  return enabled ? 'Enabled' : 'Disabled'
}

/** The activity journal's actions for a Cloudback connection (written by main's journal describer). */
export const CLOUDBACK_JOURNAL_ACTION_WORDS: Readonly<Record<string, string>> = {
  update: 'Changed the backup settings',
  apply: 'Applied a bulk change',
  untrack: 'Stopped tracking'
}

/** The kinds of object the activity journal names for a Cloudback connection. */
export const CLOUDBACK_JOURNAL_OBJECT_WORDS: Readonly<Record<string, string>> = {
  definition: 'Definition',
  bulkChange: 'Bulk change'
}
