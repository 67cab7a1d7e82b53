import fc from 'fast-check'
import { FLEET_STATUSES, type FleetRow, type FleetStatus } from '../../../src/shared/model/fleet'

/**
 * A fleet row's time as the comparator meets it, around `now`: missing, unreadable, with an offset,
 * hours ago (ties likely), or anywhere in centuries.
 */
export function fleetTime(now: number): fc.Arbitrary<string | undefined> {
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString()
  return fc.oneof(
    fc.constant(undefined),
    fc.constant('not a date'),
    fc.constant('2026-06-10T12:00:00+02:00'),
    fc.integer({ min: 0, max: 400 }).map(hoursAgo),
    fc.integer({ min: -5_000_000, max: 5_000_000 }).map(hoursAgo)
  )
}

/** The fields of a fleet row the sort reads, from a generated spec; the rest fixed. */
export function fleetRowOf(spec: { key: string; status: FleetStatus; connectionName: string; object: string; lastSuccess: string | undefined; lastBackup: string | undefined }, detail = ''): FleetRow {
  return {
    key: spec.key,
    connectionId: spec.connectionName,
    connectionName: spec.connectionName,
    provider: 'cloutility',
    customer: '',
    kind: 'consumption-unit',
    object: spec.object,
    status: spec.status,
    detail,
    ids: {},
    ...(spec.lastSuccess === undefined ? {} : { lastSuccess: spec.lastSuccess }),
    ...(spec.lastBackup === undefined ? {} : { lastBackup: spec.lastBackup })
  }
}

/** The fields the sort compares, for `fc.record`: statuses, times around `now`, names that repeat. */
export function sortFields(now: number) {
  const when = fleetTime(now)
  return {
    status: fc.constantFrom(...FLEET_STATUSES),
    lastSuccess: when,
    lastBackup: when,
    connectionName: fc.constantFrom('A', 'B'),
    object: fc.constantFrom('WS-1', 'WS-2', 'FS-1')
  }
}
