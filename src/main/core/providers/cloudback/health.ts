// Judging Cloudback health: its answers → fleet rows (pure; the rules shared by every provider are in
// fleet/health.ts).

import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { CloudbackDefinition, TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import type { FleetRow } from '../../../../shared/model/fleet'
import { baseOf, rowKey } from '../../fleet/health'

/** A tracked definition with its fresh settings (or the lookup's error). */
export function cloudbackRow(c: ConnectionSummary, tracked: TrackedDefinition, fresh: CloudbackDefinition | { error: string }): FleetRow {
  const row: FleetRow = {
    ...baseOf(c),
    key: rowKey(c, `def:${tracked.key}`),
    kind: 'cloudback-definition',
    object: tracked.subjectName,
    context: `${tracked.platform} · ${tracked.account}`,
    status: 'ok',
    detail: '',
    ids: { definitionKey: tracked.key }
  }
  if ('error' in fresh) {
    row.status = 'error'
    row.detail = `Lookup failed: ${fresh.error}`
    return row
  }
  const s = fresh.settings
  if (!s.enabled) {
    row.status = 'disabled'
    row.detail = 'Backup disabled'
  } else if (!s.schedule || !s.storage || !s.retention) {
    const missing = [!s.schedule && 'schedule', !s.storage && 'storage', !s.retention && 'retention'].filter(Boolean).join(', ')
    row.status = 'warning'
    row.detail = `Enabled without ${missing}`
  } else {
    row.detail = `Enabled · ${s.schedule} · ${s.storage} · ${s.retention}`
  }
  return row
}
