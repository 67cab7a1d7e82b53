// What search indexes from Cloudback answers: tracked definitions (repositories).

import { CLOUDBACK_PLATFORM_LABELS, type TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import type { IndexedItem } from '../../search/search-index'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Search items of a cloudback answer (none for channels it does not index). */
export function cloudbackSearchItems(channel: string, input: unknown, value: unknown): IndexedItem[] {
  switch (channel) {
    case 'cloudback.tracked.list':
    case 'cloudback.definition.get':
    case 'cloudback.definition.update': {
      const defs = Array.isArray(value) ? (value as TrackedDefinition[]) : value && isObject(value) ? [value as unknown as TrackedDefinition] : []
      return defs
        .filter((d) => typeof d.key === 'string')
        .map((d) => ({
          key: `repo:${d.key}`,
          kind: 'repository' as const,
          label: `${d.account}/${d.subjectName}`,
          detail: `${CLOUDBACK_PLATFORM_LABELS[d.platform] ?? d.platform} ${d.subjectType.toLowerCase()}${d.settings ? (d.settings.enabled ? ' · enabled' : ' · disabled') : ''}`,
          params: { definition: d.key }
        }))
    }
    default:
      return []
  }
}
