import { afterEach, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../src/shared/contract/journal.contract'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { CloudAllyTask } from '../../../src/shared/providers/cloudally/model'
import type { RestoreRecord } from '../../../src/shared/model/restore'
import type { TrackedDefinition } from '../../../src/shared/providers/cloudback/model'
import type { Core } from '../../../src/main/core/app/core'
import { channelTable } from '../../../src/main/core/ipc/channel-table'
import { createRequestTracker } from '../../../src/main/core/journal/request-tracker'
import { mutatingChannels, withJournal } from '../../../src/main/core/journal/with-journal'
import { PROVIDER_MODULES } from '../../../src/main/core/providers/registry'
import { cleanupDirs, makeDemoCore, tmpDir } from '../vault/helpers'

// Every change of every provider reaches the activity journal through the real router, against
// the simulator (the Demo workspace's connections): the provider, the object, before/after where
// known, the result (a failing change too) and the technician.

const cores: Core[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

async function demoCore() {
  const made = await makeDemoCore(tmpDir())
  cores.push(made.core)
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

  it('CloudAlly: settling a restore whose outcome was unknown names the request, its connection and the answer', async () => {
    const { ok, call, sim, byProvider, journal } = await demoCore()
    const ca = byProvider('cloudally')
    const task = ((await ok('cloudally.tasks.list', { connectionId: ca.id })) as CloudAllyTask[]).find((t) => t.status === 'ACTIVE') as CloudAllyTask
    // The POST's answer is lost: Backdesk cannot know whether CloudAlly started it.
    sim.faults.add({ provider: 'cloudally', method: 'POST', path: '/v1/restore', kind: '503', times: 1 })
    const unknown = await call('cloudally.restore.start', { connectionId: ca.id, requestKey: 'journal-settle-1', taskId: task.id, taskName: 'Mailbox', kind: 'restore' })
    const record = ((await ok('restores.list', { connectionId: ca.id })) as RestoreRecord[]).find((r) => r.requestKey === 'journal-settle-1') as RestoreRecord
    expect(unknown.ok ? (unknown.value as RestoreRecord).status : 'refused').toBe('uncertain')

    await ok('restores.settle', { id: record.id, outcome: 'not-started' })
    expect((await journal(ca.id))[0]).toMatchObject({
      provider: 'cloudally',
      connectionId: ca.id,
      user: ca.email,
      action: 'settle',
      object: { type: 'restoreRequest', id: record.id },
      result: 'ok',
      detail: 'restore of task Mailbox · outcome unknown → not started (checked in CloudAlly)'
    })
    // A second answer is refused, and that is on record too.
    const again = await call('restores.settle', { id: record.id, outcome: 'started' })
    expect(again.ok).toBe(false)
    expect((await journal(ca.id))[0]).toMatchObject({ action: 'settle', object: { id: record.id }, result: 'CONFLICT' })
  })

  it('Cloutility: a change, an update with before → after, and a failing change', async () => {
    const { ok, call, byProvider, journal } = await demoCore()
    const clu = byProvider('cloutility')
    const tree = (await ok('cloutility.tree', { connectionId: clu.id })) as { root: { id: number } }
    const zones = (await ok('cloutility.timeZones', { connectionId: clu.id })) as Array<{ id: number }>
    const unit = { name: 'Journal Test AB', timeZoneId: zones[0]?.id, invoiceDay: 0 }
    await ok('cloutility.businessUnit.create', { connectionId: clu.id, parentId: tree.root.id, unit })
    expect((await journal(clu.id))[0]).toMatchObject({ provider: 'cloutility', action: 'create', object: { type: 'businessUnit', name: 'Journal Test AB' }, result: 'ok' })
    // An update names what it changed, with the value it replaced (read just before the change).
    const created = (await ok('cloutility.businessUnit.create', { connectionId: clu.id, parentId: tree.root.id, unit: { ...unit, name: 'Journal Test 2 AB' } })) as { id: number }
    await ok('cloutility.businessUnit.update', { connectionId: clu.id, businessUnitId: created.id, unit: { name: 'Journal Test 2 AB', note: 'nightly', invoiceDay: 5 } })
    expect((await journal(clu.id))[0]).toMatchObject({
      provider: 'cloutility',
      action: 'update',
      object: { type: 'businessUnit', id: String(created.id), name: 'Journal Test 2 AB' },
      result: 'ok',
      detail: 'note: none → nightly · invoiceDay: 0 → 5'
    })
    const refused = await call('cloutility.businessUnit.create', { connectionId: clu.id, parentId: 99_999_999, unit })
    expect(refused.ok).toBe(false)
    expect((await journal(clu.id))[0]).toMatchObject({ provider: 'cloutility', action: 'create', result: refused.ok ? '' : refused.error.code })
  })
})

// One change of every `mutates: true` channel of every shipped module, driven through the real
// router against the simulator: each must add exactly one entry for its provider. A new changing
// channel fails here until it has a sample below (and so a journal entry, which core demands).
describe('no change goes unjournaled', () => {
  const missing = 99_999_999
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 32)]).toString('base64')
  // Ids that do not exist at the provider: each change is refused there (and journaled as such),
  // so nothing of the demo data is touched.
  const samples = (ids: Record<string, string>, def: TrackedDefinition): Record<string, Record<string, unknown>> => {
    const clu = { connectionId: ids['cloutility'], businessUnitId: missing }
    const cu = { ...clu, consumptionUnitId: missing }
    return {
      'cloutility.businessUnit.create': { connectionId: ids['cloutility'], parentId: missing, unit: { name: 'Nowhere AB' } },
      'cloutility.businessUnit.update': { ...clu, unit: { note: 'x' } },
      'cloutility.businessUnit.delete': { ...clu, confirmId: missing },
      'cloutility.consumptionUnit.create': { ...clu, unit: { name: 'WS-X' } },
      'cloutility.consumptionUnit.update': { ...cu, unit: { note: 'x' } },
      'cloutility.consumptionUnit.delete': { ...cu, deleteAssociations: false, confirmId: missing },
      'cloutility.node.create': { ...cu, node: { operatingSystemId: 1, typeId: 1, domainId: 1, clientOptionSetId: 1 } },
      'cloutility.node.update': { ...cu, node: { cpuCount: 2 } },
      'cloutility.node.delete': { ...cu, deleteAssociations: false, confirmId: missing },
      'cloutility.node.activate': { ...cu, nodeName: 'NOWHERE' },
      'cloutility.node.changePassword': { ...cu, password: 'Fresh.Pass-2026', confirm: 'Fresh.Pass-2026' },
      'cloutility.proxy.grant': { ...cu, role: 'agent', otherId: missing - 1 },
      'cloutility.proxy.revoke': { ...cu, role: 'agent', otherId: missing - 1, confirmId: missing - 1 },
      'cloutility.invoiceFiles.upload': { ...clu, fileName: 'x.pdf', contentBase64: pdf },
      'cloudally.restore.start': { connectionId: ids['cloudally'], requestKey: 'coverage-1', taskId: 'T999999', kind: 'restore' },
      'cloudback.definition.update': { connectionId: ids['cloudback'], platform: def.platform, account: def.account, subjectName: 'no-such-repository-anywhere', subjectType: def.subjectType, settings: def.settings },
      'cloudback.tracked.remove': { connectionId: ids['cloudback'], keys: ['no-such-key'] },
      'cloudback.bulk.apply': { connectionId: ids['cloudback'], previewId: 'no-such-preview' }
    }
  }

  it('journals one entry for a call of each changing channel of every provider', async () => {
    const { ok, call, byProvider } = await demoCore()
    const page = async (connectionId: string) => (await ok('journal.list', { connectionId, limit: 1 })) as { entries: JournalEntry[]; total: number }
    const ids = Object.fromEntries(PROVIDER_MODULES.map((m) => [m.kind, byProvider(m.kind).id]))
    const tracked = (await ok('cloudback.tracked.list', { connectionId: ids['cloudback'] })) as TrackedDefinition[]
    const table = samples(ids, tracked.find((d) => d.settings) as TrackedDefinition)
    const channels = channelTable(PROVIDER_MODULES)
    const own = (kind: string) => mutatingChannels(channels, Object.keys(channels).filter((name) => name.startsWith(`${kind}.`)))
    const changing = PROVIDER_MODULES.flatMap((m) => own(m.kind))
    expect(Object.keys(table).sort()).toEqual([...changing].sort())
    for (const module of PROVIDER_MODULES) {
      const connectionId = ids[module.kind] as string
      for (const channel of own(module.kind)) {
        const before = await page(connectionId)
        const answer = await call(channel, table[channel])
        // Refused at the provider or done, never stopped by the contract before the journal layer.
        if (!answer.ok) expect(answer.error.code, channel).not.toBe('VALIDATION')
        const after = await page(connectionId)
        expect(after.total, channel).toBe(before.total + 1)
        expect(after.entries[0], channel).toMatchObject({ provider: module.kind, connectionId, result: answer.ok ? 'ok' : answer.error.code })
      }
    }
  })

  it('refuses to build the layer over a changing channel that has no journal entry', () => {
    const handlers = { 'cloudback.tracked.remove': async () => ({ removed: 0 }), 'cloudback.tracked.list': async () => [] }
    const options = { domain: 'cloudback', channels: channelTable([]), journal: {} as never, requests: createRequestTracker() }
    expect(() => withJournal(handlers, { ...options, describer: { channels: {} } })).toThrow(/cloudback\.tracked\.remove/)
    expect(() => withJournal(handlers, { ...options, describer: { channels: { 'cloudback.tracked.remove': { describe: () => ({ action: 'untrack', object: { type: 'definition', id: '' } }) } } } })).not.toThrow()
    // A module's changing channel outside its own prefix (CloudAlly's restores.settle) is its change too.
    expect(() => withJournal({ 'restores.settle': async () => ({}) }, { ...options, domain: 'cloudally', describer: { channels: {} } })).toThrow(/restores\.settle/)
  })
})
