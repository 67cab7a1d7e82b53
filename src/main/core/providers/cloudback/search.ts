// What search indexes from Cloudback answers: tracked definitions (repositories); and the scan's rows.

import { CLOUDBACK_PLATFORM_LABELS, type TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { FLEET_STATUS_LABEL, type FleetRow } from '../../../../shared/model/fleet'
import { FLEET_ROWS_SOURCE, type IndexedItem } from '../../search/search-index'

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
    case FLEET_ROWS_SOURCE:
      // The scan's rows open what Fleet health opens: the definition.
      return (Array.isArray(value) ? (value as FleetRow[]) : [])
        .filter((r) => r.kind === 'cloudback-definition' && typeof r.ids.definitionKey === 'string')
        .map((r) => ({
          key: `repo:${r.ids.definitionKey}`,
          kind: 'repository' as const,
          // The row's context is "<platform> · <account>" (health.ts): the label reads like the tracked list's.
          label: rowAccount(r) ? `${rowAccount(r)}/${r.object}` : r.object,
          detail: [r.context, FLEET_STATUS_LABEL[r.status]].filter(Boolean).join(' · '),
          params: { definition: r.ids.definitionKey as string }
        }))
    default:
      return []
  }
}

function rowAccount(r: FleetRow): string | undefined {
  return r.context?.split(' · ')[1]
}
