import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { FleetScanSummary } from '../../../src/shared/model/fleet'
import { scanCovers } from '../../../src/shared/model/kept-scans'

const STARTED = '2026-12-05T12:00:00.000Z'
const scanOf = (scope: FleetScanSummary['scope'], state: FleetScanSummary['state'] = 'done') => ({ state, scope, startedAt: STARTED })
const conn = (id: string, customer: string, createdAt = '2026-12-01T00:00:00.000Z') => ({ id, customer, createdAt }) as Pick<ConnectionSummary, 'id' | 'customer' | 'createdAt'>

describe('scanCovers', () => {
  it('takes in every connection of an unscoped scan, and only the scoped ones otherwise', () => {
    expect(scanCovers(scanOf({}), conn('c1', 'Acme'))).toBe(true)
    // The customer is compared as the fleet scan compares it.
    expect(scanCovers(scanOf({ customer: ' acme ' }), conn('c1', 'Acme'))).toBe(true)
    expect(scanCovers(scanOf({ customer: 'Globex' }), conn('c1', 'Acme'))).toBe(false)
    expect(scanCovers(scanOf({ connectionIds: ['c1'] }), conn('c1', 'Acme'))).toBe(true)
    expect(scanCovers(scanOf({ connectionIds: ['c2'] }), conn('c1', 'Acme'))).toBe(false)
    expect(scanCovers(scanOf({ customer: 'Acme', connectionIds: ['c2'] }), conn('c1', 'Acme'))).toBe(false)
  })

  it('does not take in a connection added after the scan began, nor any connection of a scan that did not finish', () => {
    expect(scanCovers(scanOf({}), conn('c1', 'Acme', '2026-12-05T12:00:00.001Z'))).toBe(false)
    expect(scanCovers(scanOf({}), conn('c1', 'Acme', STARTED))).toBe(true)
    // No readable date: it may be in any scan.
    expect(scanCovers(scanOf({}), conn('c1', 'Acme', ''))).toBe(true)
    expect(scanCovers(scanOf({}, 'cancelled'), conn('c1', 'Acme'))).toBe(false)
  })

  it('answers by the list of connections a scan set out to read when it has one, whatever the scope and dates say', () => {
    const listed = { ...scanOf({}), scanned: ['c1'] }
    expect(scanCovers(listed, conn('c1', 'Acme', '2026-12-05T13:00:00.000Z'))).toBe(true)
    // Created long before the scan (a teammate's connection synced in later), but not in its list.
    expect(scanCovers(listed, conn('c2', 'Acme', '2025-01-01T00:00:00.000Z'))).toBe(false)
    expect(scanCovers({ ...listed, state: 'cancelled' }, conn('c1', 'Acme'))).toBe(false)
  })
})
