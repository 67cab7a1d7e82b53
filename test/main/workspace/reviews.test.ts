import { afterEach, describe, expect, it } from 'vitest'
import { cleanupDirs } from '../vault/helpers'
import { bareRepo, disposeCores, startCore } from './harness'

afterEach(async () => {
  await disposeCores()
  cleanupDirs()
})

describe('the review queue shared through the team workspace', () => {
  it("shows one technician's acknowledgement, note and ticket to the other, with who and when, and the reply back", async () => {
    const remote = bareRepo()
    const a = await startCore()
    const b = await startCore()
    const aLine = (await a.ok('workspace.identity', { name: 'Alice' })).line
    const bLine = (await b.ok('workspace.identity', { name: 'Bob' })).line
    await a.ok('workspace.create', { remote, name: 'Alice' })
    await a.ok('workspace.members.add', { line: bLine })
    await b.ok('workspace.join', { remote, name: 'Bob', inviter: aLine })

    const key = 'cloutility:conn-1:cu:42'
    const acked = await a.ok('fleet.review.set', { key, state: 'acknowledged', note: 'Customer is migrating', ticket: 'SD-1042' })
    expect(acked).toMatchObject({ key, state: 'acknowledged', by: 'Alice', mine: true, ticket: { via: 'manual', reference: 'SD-1042' } })
    await a.core.workspace.settle() // the push follows the answer
    await b.ok('workspace.sync')
    expect(await b.ok('fleet.review.list')).toEqual([
      expect.objectContaining({ key, state: 'acknowledged', note: 'Customer is migrating', ticket: expect.objectContaining({ via: 'manual', reference: 'SD-1042' }), by: 'Alice', mine: false, updatedAt: acked.updatedAt })
    ])

    const until = new Date(Date.now() + 86_400_000).toISOString()
    await b.ok('fleet.review.set', { key, state: 'snoozed', snoozedUntil: until })
    await b.core.workspace.settle()
    await a.ok('workspace.sync')
    expect(await a.ok('fleet.review.list')).toEqual([expect.objectContaining({ key, state: 'snoozed', snoozedUntil: until, by: 'Bob', mine: false })])

    // Nothing of it in the local review file: the workspace is where the queue lives now.
    const { existsSync } = await import('node:fs')
    const { join } = await import('node:path')
    expect(existsSync(join(a.dir, 'fleet-review.json'))).toBe(false)
  })
})
