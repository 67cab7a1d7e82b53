// Judging Cloudback health: its answers → fleet rows (pure; the rules shared by every provider are in
// fleet/health.ts).

import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { CloudbackDefinition, CloudbackSettings, TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import type { FleetRow, FleetStatus } from '../../../../shared/model/fleet'
import { baseOf, rowKey } from '../../fleet/health'

/** A tracked definition with its fresh settings (or the lookup's error). */
export function cloudbackRow(c: ConnectionSummary, tracked: TrackedDefinition, fresh: CloudbackDefinition | { error: string }): FleetRow {
  return {
    ...baseOf(c),
    key: rowKey(c, `def:${tracked.key}`),
    kind: 'cloudback-definition',
    object: tracked.subjectName,
    context: `${tracked.platform} · ${tracked.account}`,
    ...('error' in fresh ? { status: 'error' as const, detail: `Lookup failed: ${fresh.error}` } : judgeCloudbackSettings(fresh.settings)),
    ids: { definitionKey: tracked.key }
  }
}

/**
 * A definition's settings judged: the one rule for Fleet health (and so the health dots) and the
 * customer page. Disabled counts neither way, as a disabled object of any provider; enabled
 * without a schedule, storage or retention is a warning.
 */
export function judgeCloudbackSettings(s: CloudbackSettings): { status: FleetStatus; detail: string } {
  if (!s.enabled) return { status: 'disabled', detail: 'Backup disabled' }
  if (!s.schedule || !s.storage || !s.retention) {
    const missing = [!s.schedule && 'schedule', !s.storage && 'storage', !s.retention && 'retention'].filter(Boolean).join(', ')
    return { status: 'warning', detail: `Enabled without ${missing}` }
  }
  return { status: 'ok', detail: `Enabled · ${s.schedule} · ${s.storage} · ${s.retention}` }
}
