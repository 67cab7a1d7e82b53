import { afterEach, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../src/shared/contract/journal.contract'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { CloudAllyTask } from '../../../src/shared/providers/cloudally/model'
import type { TrackedDefinition } from '../../../src/shared/providers/cloudback/model'
import type { Core } from '../../../src/main/core/app/core'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'

// Every change of every provider reaches the activity journal through the real router, against
// the simulator (the Demo workspace's connections): the provider, the object, before/after where
// known, the result (a failing change too) and the technician.

const cores: Core[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

async function demoCore() {
  const made = await makeCore(tmpDir())
  cores.push(made.core)
  await made.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  await made.ok('demo.start')
  const list = (await made.ok('connections.list')) as ConnectionSummary[]
  const byProvider = (p: string) => list.find((c) => c.provider === p && c.tags.includes(`demo:${p === 'cloudally' ? 'cloudally-partner' : p}`)) as ConnectionSummary
  const journal = async (connectionId: string) => ((await made.ok('journal.list', { connectionId })) as { entries: JournalEntry[] }).entries
  return { ...made, byProvider, journal }
}

describe('every change is journaled', () => {
  it('Cloudback: a definition update with before → after, a bulk apply, and a failing update', async () => {
    const { ok, call, byProvider, journal } = await demoCore()
    const cb = byProvider('cloudback')
    const tracked = (await ok('cloudback.tracked.list', { connectionId: cb.id })) as TrackedDefinition[]
    const def = tracked.find((d) => d.settings) as TrackedDefinition
    const settings = def.settings!
    const subject = { platform: def.platform, account: def.account, subjectName: def.subjectName, subjectType: def.subjectType }
    await ok('cloudback.definition.update', { connectionId: cb.id, ...subject, settings: { ...settings, enabled: !settings.enabled } })

    const [updated] = await journal(cb.id)
    expect(updated).toMatchObject({
      provider: 'cloudback',
      action: 'update',
      object: { type: 'definition', id: def.key, name: `${def.account}/${def.subjectName}` },
      result: 'ok',
      detail: `enabled: ${settings.enabled ? 'yes' : 'no'} → ${settings.enabled ? 'no' : 'yes'}`
    })
    expect(updated?.requestId).toEqual(expect.any(String))

    const preview = (await ok('cloudback.bulk.preview', { connectionId: cb.id, keys: [def.key], change: { enabled: settings.enabled } })) as { previewId: string }
    await ok('cloudback.bulk.apply', { connectionId: cb.id, previewId: preview.previewId })
    expect((await journal(cb.id))[0]).toMatchObject({ provider: 'cloudback', action: 'apply', object: { type: 'bulkChange', id: preview.previewId }, result: 'ok', detail: expect.stringMatching(/^1 updated, 0 failed/) })

    const missing = { ...subject, subjectName: 'no-such-repository-anywhere' }
    const refused = await call('cloudback.definition.update', { connectionId: cb.id, ...missing, settings })
    expect(refused.ok).toBe(false)
    const code = refused.ok ? '' : refused.error.code
    expect((await journal(cb.id))[0]).toMatchObject({ provider: 'cloudback', action: 'update', object: { name: `${def.account}/no-such-repository-anywhere` }, result: code })
  })

  it('CloudAlly: restore and download starts name the task and the technician; a refused start is journaled too', async () => {
    const { ok, call, byProvider, journal } = await demoCore()
    const ca = byProvider('cloudally')
    const task = ((await ok('cloudally.tasks.list', { connectionId: ca.id })) as CloudAllyTask[]).find((t) => t.status === 'ACTIVE') as CloudAllyTask
    await ok('cloudally.restore.start', { connectionId: ca.id, requestKey: 'journal-test-1', taskId: task.id, taskName: 'Mailbox', kind: 'download', items: ['Inbox'] })
    expect((await journal(ca.id))[0]).toMatchObject({
      provider: 'cloudally',
      user: ca.email,
      action: 'download',
      object: { type: 'backupTask', id: task.id, name: 'Mailbox' },
      result: 'ok',
      detail: expect.stringContaining('latest snapshot · 0 entities, 1 items')
    })

    const refused = await call('cloudally.restore.start', { connectionId: ca.id, requestKey: 'journal-test-2', taskId: 'T999999', kind: 'restore' })
    expect(refused.ok).toBe(false)
    const code = refused.ok ? '' : refused.error.code
    expect((await journal(ca.id))[0]).toMatchObject({ provider: 'cloudally', action: 'restore', object: { type: 'backupTask', id: 'T999999' }, result: code })
  })

  it('Cloutility: a change and a failing change', async () => {
    const { ok, call, byProvider, journal } = await demoCore()
    const clu = byProvider('cloutility')
    const tree = (await ok('cloutility.tree', { connectionId: clu.id })) as { root: { id: number } }
    const zones = (await ok('cloutility.timeZones', { connectionId: clu.id })) as Array<{ id: number }>
    const unit = { name: 'Journal Test AB', timeZoneId: zones[0]?.id, invoiceDay: 0 }
    await ok('cloutility.businessUnit.create', { connectionId: clu.id, parentId: tree.root.id, unit })
    expect((await journal(clu.id))[0]).toMatchObject({ provider: 'cloutility', action: 'create', object: { type: 'businessUnit', name: 'Journal Test AB' }, result: 'ok' })
    const refused = await call('cloutility.businessUnit.create', { connectionId: clu.id, parentId: 99_999_999, unit })
    expect(refused.ok).toBe(false)
    expect((await journal(clu.id))[0]).toMatchObject({ provider: 'cloutility', action: 'create', result: refused.ok ? '' : refused.error.code })
  })
})
