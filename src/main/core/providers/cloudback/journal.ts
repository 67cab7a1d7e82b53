// How Cloudback changes read in the activity journal.

import type { CloudbackApplyResult, CloudbackSettings, TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { cloudbackKey } from '../../../../shared/providers/cloudback/model'
import type { JournalDescriber } from '../../journal/with-journal'

const show = (v: string | boolean | null | undefined): string => (v === null || v === undefined ? 'none' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v)

/** "enabled: yes → no · schedule: none → Daily at 2 am" for the fields that differ. */
export function settingsChange(before: CloudbackSettings | undefined, after: Partial<CloudbackSettings>): string {
  const fields = ['enabled', 'schedule', 'storage', 'retention'] as const
  const parts: string[] = []
  for (const f of fields) {
    if (!(f in after)) continue
    if (before && before[f] === after[f]) continue
    parts.push(before ? `${f}: ${show(before[f])} → ${show(after[f])}` : `${f}: ${show(after[f])}`)
  }
  return parts.join(' · ')
}

export function cloudbackJournal(tracked: (connectionId: string) => Promise<TrackedDefinition[]>): JournalDescriber {
  return {
    channels: {
      'cloudback.definition.update': {
        async before(input) {
          const key = cloudbackKey(input as unknown as Parameters<typeof cloudbackKey>[0])
          return (await tracked(String(input['connectionId']))).find((d) => d.key === key)?.settings
        },
        describe(input, _value, before) {
          const subject = input as unknown as Parameters<typeof cloudbackKey>[0]
          return {
            action: 'update',
            object: { type: 'definition', id: cloudbackKey(subject), name: `${subject.account}/${subject.subjectName}` },
            detail: settingsChange(before as CloudbackSettings | undefined, input['settings'] as CloudbackSettings)
          }
        }
      },
      'cloudback.bulk.apply': {
        describe(input, value) {
          const result = value as CloudbackApplyResult | undefined
          return {
            action: 'apply',
            object: { type: 'bulkChange', id: String(input['previewId']) },
            ...(result
              ? {
                  detail: [`${result.updated} updated, ${result.failed} failed`, ...result.items.filter((i) => i.outcome === 'updated').slice(0, 5).map((i) => `${i.subject.account}/${i.subject.subjectName}: ${settingsChange(i.before, i.after ?? {})}`)].join(' · ')
                }
              : {})
          }
        }
      },
      'cloudback.tracked.remove': {
        describe(input) {
          const keys = Array.isArray(input['keys']) ? (input['keys'] as string[]) : []
          return { action: 'untrack', object: { type: 'definition', id: keys.slice(0, 5).join(', ') }, detail: `${keys.length} definition${keys.length === 1 ? '' : 's'}` }
        }
      }
    }
  }
}
