// What changed between two kept scans. Pure: rows in, changes out.
//
// Only connections read by both scans are compared (a scoped or partial scan says nothing about
// the others): those with rows, and those a scan lists as read (`scanned`) and found empty.
// Objects are matched by their stable row key:
// - new-failure: now failed, missed or cannot-check, before anything else (or a new object that
//   is already failing);
// - new-stale: now stale, before neither stale nor failing;
// - recovered: now backed up (ok or warning), before failing or stale; also a connection that
//   could not be checked and now can;
// - new-object / disappeared: only where the connection was read fully in both scans (a connection
//   that could not be read says nothing about what it holds).

import type { FleetRow, FleetStatus } from '../../../shared/model/fleet'
import { ATTENTION_STATUSES, CHANGE_KINDS, FAILING_STATUSES, type ChangeBase, type ChangeKind, type ChangeSet, type FleetChange } from '../../../shared/model/watch'
import type { KeptScan } from './scan-history'

const BACKED_UP: ReadonlySet<FleetStatus> = new Set(['ok', 'warning'])

function change(kind: ChangeKind, row: FleetRow, previous?: FleetStatus): FleetChange {
  const c: FleetChange = {
    kind,
    key: row.key,
    connectionId: row.connectionId,
    connectionName: row.connectionName,
    provider: row.provider,
    customer: row.customer,
    objectKind: row.kind,
    object: row.object,
    status: row.status,
    detail: row.detail,
    ids: row.ids
  }
  if (row.context) c.context = row.context
  if (previous) c.previous = previous
  return c
}

function connections(scan: KeptScan): { all: Set<string>; unread: Set<string> } {
  const { rows } = scan
  const all = new Set(scan.summary.scanned)
  const unread = new Set<string>()
  for (const r of rows) {
    all.add(r.connectionId)
    if (r.kind === 'connection') unread.add(r.connectionId)
  }
  return { all, unread }
}

/** The changes from `before` to `after` (both kept scans). */
export function diffScans(before: KeptScan | null, after: KeptScan, base: ChangeBase): ChangeSet {
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>
  const set: ChangeSet = {
    base,
    scanId: after.summary.scanId,
    scanAt: after.summary.finishedAt ?? after.summary.startedAt,
    comparedConnections: 0,
    changes: [],
    counts
  }
  if (!before) return set
  set.baseScanId = before.summary.scanId
  set.baseScanAt = before.summary.finishedAt ?? before.summary.startedAt
  const was = connections(before)
  const now = connections(after)
  const compared = new Set([...now.all].filter((id) => was.all.has(id)))
  set.comparedConnections = compared.size
  const earlier = new Map<string, FleetRow>()
  for (const r of before.rows) if (compared.has(r.connectionId)) earlier.set(r.key, r)
  const push = (c: FleetChange) => {
    set.changes.push(c)
    counts[c.kind]++
  }
  const seen = new Set<string>()
  for (const r of after.rows) {
    if (!compared.has(r.connectionId)) continue
    seen.add(r.key)
    const prev = earlier.get(r.key)
    if (!prev) {
      if (FAILING_STATUSES.has(r.status)) push(change('new-failure', r))
      else if (!was.unread.has(r.connectionId)) push(change('new-object', r))
      continue
    }
    if (FAILING_STATUSES.has(r.status)) {
      if (!FAILING_STATUSES.has(prev.status)) push(change('new-failure', r, prev.status))
    } else if (r.status === 'stale') {
      if (!ATTENTION_STATUSES.has(prev.status)) push(change('new-stale', r, prev.status))
    } else if (BACKED_UP.has(r.status) && ATTENTION_STATUSES.has(prev.status)) {
      push(change('recovered', r, prev.status))
    }
  }
  for (const [key, prev] of earlier) {
    if (seen.has(key)) continue
    if (prev.kind === 'connection') push({ ...change('recovered', prev, prev.status), status: 'ok', detail: 'The connection can be read again' })
    else if (!now.unread.has(prev.connectionId)) push(change('disappeared', prev))
  }
  return set
}

/** New failures of a change set that no review pushes down (acknowledged, or snoozed until later). */
export function unreviewedFailures(set: ChangeSet, reviewed: (key: string) => boolean): FleetChange[] {
  return set.changes.filter((c) => c.kind === 'new-failure' && !reviewed(c.key))
}
