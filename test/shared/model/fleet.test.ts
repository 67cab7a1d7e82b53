import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fleetRowOf, sortFields } from './fleet-arbitraries'
import { FleetRowOrder, isReviewed, REVIEW_STATES, sortForReview, type FleetReview, type FleetRow } from '../../../src/shared/model/fleet'

const NOW = Date.parse('2026-06-10T12:00:00Z')
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString()

// Every case of the comparator: times that tie, are missing, unreadable or only a last attempt;
// names and keys that repeat (two rows may tie on everything: their order of finding decides).
const rowSpec = fc.record({
  ...sortFields(NOW),
  key: fc.integer({ min: 0, max: 2000 }).map((k) => `k${k}`),
  review: fc.option(
    fc.record({ state: fc.constantFrom(...REVIEW_STATES), snoozedFor: fc.option(fc.integer({ min: -48, max: 48 }), { nil: undefined }) }),
    { nil: undefined }
  )
})
type RowSpec = typeof rowSpec extends fc.Arbitrary<infer T> ? T : never

/** Rows whose `detail` says where they were found, so that rows equal in every sorted field still differ. */
function rowsOf(specs: RowSpec[]): { rows: FleetRow[]; reviews: Map<string, FleetReview> } {
  const reviews = new Map<string, FleetReview>()
  const rows = specs.map((x, i): FleetRow => {
    if (x.review) {
      const { state, snoozedFor } = x.review
      reviews.set(x.key, { key: x.key, state, updatedAt: hoursAgo(1), ...(snoozedFor === undefined ? {} : { snoozedUntil: hoursAgo(-snoozedFor) }) })
    }
    return fleetRowOf(x, `found ${i}`)
  })
  return { rows, reviews }
}

const found = (rows: readonly FleetRow[]) => rows.map((r) => r.detail)

describe('FleetRowOrder', () => {
  // The scan's rows arrive in connections (each added a row at a time as its report streams, or
  // whole), and the queue may be read while they do: whatever the cuts, the rows come out exactly
  // as sortForReview orders all of them at once.
  it('orders rows added in any pieces exactly as sortForReview orders them all at once', () => {
    const check = (specs: RowSpec[], cuts: number[], whole: boolean[], peeks: boolean[]) => {
      const { rows, reviews } = rowsOf(specs)
      const reviewed = (r: FleetRow) => isReviewed(reviews.get(r.key), NOW)
      const scan = new FleetRowOrder()
      let from = 0
      for (let piece = 0; from < rows.length; piece++) {
        const to = Math.min(rows.length, from + (cuts[piece % cuts.length] ?? rows.length))
        const part = rows.slice(from, to)
        let connection: FleetRowOrder
        if (whole[piece % whole.length]) connection = FleetRowOrder.of(part)
        else {
          connection = new FleetRowOrder()
          part.forEach((r, i) => {
            connection.add(r)
            // A connection's own queue read half-way changes nothing for what is added after.
            if (peeks[(piece + i) % peeks.length] && i === part.length >> 1) connection.sorted()
          })
        }
        scan.append(connection)
        from = to
        // status() while the scan runs: the rows so far, in order.
        if (peeks[piece % peeks.length]) expect(found(scan.sorted(reviewed))).toEqual(found(sortForReview(rows.slice(0, to), reviews, NOW)))
      }
      expect(found(scan.rows)).toEqual(found(rows))
      expect(found(scan.sorted(reviewed))).toEqual(found(sortForReview(rows, reviews, NOW)))
      expect(found(scan.sorted())).toEqual(found(sortForReview(rows, new Map(), NOW)))
    }
    const pieces = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 })
    const flags = fc.array(fc.boolean(), { minLength: 1, maxLength: 5 })
    fc.assert(fc.property(fc.array(rowSpec, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 5 }), flags, flags, check), { numRuns: 300 })
    fc.assert(fc.property(fc.array(rowSpec, { minLength: 600, maxLength: 3000 }), pieces, flags, flags, check), { numRuns: 15 })
  })

  it('keeps nothing between orders: an empty one sorts to nothing, and appending it adds nothing', () => {
    const empty = new FleetRowOrder()
    expect(empty.sorted()).toEqual([])
    const { rows } = rowsOf([{ status: 'ok', lastSuccess: hoursAgo(1), lastBackup: undefined, connectionName: 'A', object: 'WS-1', key: 'k1', review: undefined }])
    const one = FleetRowOrder.of(rows)
    one.append(empty)
    expect(one.sorted()).toEqual(rows)
  })
})
