import { describe, expect, it } from 'vitest'
import { channels } from '../../../src/shared/contract'
import { SNOOZE_IN_PAST } from '../../../src/shared/model/fleet'

describe('the review contract', () => {
  const input = channels['fleet.review.set'].input
  it('refuses a snooze that has ended and takes one still to come', () => {
    const past = input.safeParse({ key: 'k1', state: 'snoozed', snoozedUntil: '2020-01-01T00:00:00.000Z' })
    expect(past.success).toBe(false)
    expect(past.error?.issues).toMatchObject([{ path: ['snoozedUntil'], message: SNOOZE_IN_PAST }])
    expect(input.safeParse({ key: 'k1', state: 'snoozed', snoozedUntil: new Date(Date.now() + 86_400_000).toISOString() }).success).toBe(true)
    // A past date with another state is not a snooze: nothing to refuse.
    expect(input.safeParse({ key: 'k1', state: 'acknowledged' }).success).toBe(true)
  })
})
