import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceTotals } from '../../../../src/shared/providers/cloutility/invoice-totals'
import type { BusinessUnitNode } from '../../../../src/shared/providers/cloutility/model'
import { CONNECTION, startHarness, type Harness } from './harness'

const connectionId = CONNECTION

function flatten(node: BusinessUnitNode): BusinessUnitNode[] {
  return [node, ...node.children.flatMap(flatten)]
}

describe('cloutility handlers against the simulator', () => {
  let h: Harness
  let home: number
  /** A unit with at least two activated nodes that have jobs. */
  let busy: { buId: number; cid: number; otherCid: number }

  beforeAll(async () => {
    h = await startHarness()
    home = h.sim.cloutility.credentials.homeBusinessUnitId
    const data = h.sim.cloutility.data
    for (const bu of data.businessUnits.values()) {
      const active = bu.consumerIds.map((id) => data.consumers.get(id)).filter((c) => c?.node?.activatedMs && c.profile !== 'new')
      if (active.length >= 2 && active[0] && active[1]) {
        busy = { buId: bu.id, cid: active[0].id, otherCid: active[1].id }
        break
      }
    }
    if (!busy) throw new Error('the simulator seed has no unit with two active nodes')
  })
  afterAll(async () => h?.stop())

  it('answers the tree from /v1/me and /v1/bunits, rooted at the home unit', async () => {
    const tree = await h.call('cloutility.tree', { connectionId })
    expect(tree.user.username).toBe(h.sim.cloutility.credentials.username)
    expect(tree.root.id).toBe(home)
    const all = flatten(tree.root)
    expect(all.length).toBeGreaterThan(1)
    for (const n of all) for (const c of n.children) expect(c.parentId).toBe(n.id)
  })

  it('searches business units by name and by id', async () => {
    const tree = await h.call('cloutility.tree', { connectionId })
    const target = flatten(tree.root).find((n) => n.id !== home) as BusinessUnitNode
    const byName = await h.call('cloutility.searchBusinessUnits', { connectionId, term: target.name.slice(0, 6) })
    expect(byName.map((n) => n.id)).toContain(target.id)
    const byId = await h.call('cloutility.searchBusinessUnits', { connectionId, term: String(target.id) })
    expect(byId.map((n) => n.id)).toContain(target.id)
  })

  it('lists consumption units with status, node name and storage in a constant number of calls', async () => {
    h.sim.stats.reset()
    const list = await h.call('cloutility.consumptionUnits.list', { connectionId, businessUnitId: busy.buId })
    const data = h.sim.cloutility.data
    const bu = data.businessUnits.get(busy.buId)
    expect(list.items.map((c) => c.id).sort()).toEqual([...(bu?.consumerIds ?? [])].sort())
    const row = list.items.find((c) => c.id === busy.cid)
    expect(row?.nodeName).toBe(data.consumers.get(busy.cid)?.node?.tsmName)
    expect(row?.status).toBeDefined()
    expect(row?.storageBytes).toBeGreaterThan(0)
    // OS and node type come from the partial node in the list, not from a request per row.
    expect(row?.os).toMatch(/\w/)
    expect(row?.nodeType).toMatch(/\w/)
    expect(list.statusUnavailable).toBeUndefined()
    const perUnit = h.sim.stats.requests.filter((r) => r.path.startsWith(`/v1/bunits/${busy.buId}/consumers/`)).length
    expect(perUnit).toBe(0)
    expect(h.sim.stats.count({ path: /^\/v1\/bunits\// })).toBeLessThanOrEqual(2)
  })

  it('reads one unit by id with the same summary its business unit\'s table shows', async () => {
    const { buId, cid } = busy
    const row = (await h.call('cloutility.consumptionUnits.list', { connectionId, businessUnitId: buId })).items.find((c) => c.id === cid)
    const cu = await h.call('cloutility.consumptionUnit.get', { connectionId, businessUnitId: buId, consumptionUnitId: cid })
    expect(row?.nodeName).toMatch(/\w/)
    expect(row?.lastBackup).toBeDefined()
    for (const field of ['nodeName', 'status', 'storageBytes', 'lastBackup', 'lastBackupStatus', 'lastSuccessfulBackup', 'state'] as const) {
      expect(cu[field], field).toEqual(row?.[field])
    }
  })

  it('reads a unit, its node, filespaces, jobs (clamped to the first job), reports with warning types and audit log', async () => {
    const { buId, cid } = busy
    const cu = await h.call('cloutility.consumptionUnit.get', { connectionId, businessUnitId: buId, consumptionUnitId: cid })
    expect(cu.id).toBe(cid)
    const node = await h.call('cloutility.node.get', { connectionId, businessUnitId: buId, consumptionUnitId: cid })
    expect(node?.activated).toBe(true)
    expect(node?.hasPassword).toBe(true)
    expect(JSON.stringify(node)).not.toMatch(/tsmPassword/)

    const fs = await h.call('cloutility.filespaces', { connectionId, businessUnitId: buId, consumptionUnitId: cid })
    expect(fs.length).toBeGreaterThan(0)
    expect(fs[0]?.capacityBytes).toBeGreaterThan(0)

    const jobs = await h.call('cloutility.jobs', {
      connectionId,
      businessUnitId: buId,
      consumptionUnitId: cid,
      start: '2000-01-01T00:00:00Z',
      end: new Date().toISOString()
    })
    expect(jobs.range.clamped).toBe(true)
    expect(jobs.range.start).toBe(jobs.range.earliest)
    expect(jobs.jobs.length).toBeGreaterThan(1)
    // Newest first, as a technician reads a job list.
    const starts = jobs.jobs.map((j) => Date.parse(j.start ?? j.scheduledStart ?? ''))
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
    expect(starts[0]).toBeGreaterThan(starts[starts.length - 1] as number)

    const reports = await h.call('cloutility.reports', { connectionId, businessUnitId: buId, consumptionUnitId: cid })
    expect(reports.reports.length).toBeGreaterThan(1)
    const dates = reports.reports.map((r) => r.reportDate ?? '')
    expect([...dates].sort()).toEqual(dates)
    expect(reports.warningTypes.length).toBeGreaterThan(0)

    const audit = await h.call('cloutility.auditLogs', { connectionId, businessUnitId: buId, consumptionUnitId: cid, limit: 1 })
    expect(audit.items.length).toBeLessThanOrEqual(1)
    const buAudit = await h.call('cloutility.auditLogs', {
      connectionId,
      businessUnitId: home,
      includeDescendants: true,
      types: ['create'],
      limit: 5,
      offset: 0
    })
    expect(buAudit.total).toBeGreaterThan(0)
    for (const e of buAudit.items) expect(e.type).toBe('create')
  })

  it('refuses bad input before any provider call', async () => {
    h.sim.stats.reset()
    const badName = await h.fail('cloutility.node.activate', {
      connectionId,
      businessUnitId: busy.buId,
      consumptionUnitId: busy.cid,
      nodeName: 'bad name!'
    })
    expect(badName.code).toBe('VALIDATION')
    expect(badName.message).toMatch(/node name/i)
    const unconfirmed = await h.fail('cloutility.consumptionUnit.delete', {
      connectionId,
      businessUnitId: busy.buId,
      consumptionUnitId: busy.cid,
      deleteAssociations: true,
      confirmId: busy.cid + 1
    })
    expect(unconfirmed.code).toBe('VALIDATION')
    const notPdf = await h.fail('cloutility.invoiceFiles.upload', {
      connectionId,
      businessUnitId: home,
      fileName: 'x.pdf',
      contentBase64: Buffer.from('hello world').toString('base64')
    })
    expect(notPdf.code).toBe('VALIDATION')
    expect(h.sim.stats.requests.length).toBe(0)
    expect(h.sim.cloutility.data.consumers.has(busy.cid)).toBe(true)
  })

  it('manages a unit, a consumption unit and a node end to end, journaling every change', async () => {
    const zones = await h.call('cloutility.timeZones', { connectionId })
    expect(zones.length).toBeGreaterThan(0)
    const bu = await h.call('cloutility.businessUnit.create', {
      connectionId,
      parentId: home,
      unit: { name: 'Handler Test AB', timeZoneId: zones[0]?.id, invoiceDay: 0 }
    })
    expect(bu.name).toBe('Handler Test AB')
    const renamed = await h.call('cloutility.businessUnit.update', { connectionId, businessUnitId: bu.id, unit: { note: 'updated by test' } })
    expect(renamed.note).toBe('updated by test')
    expect(renamed.name).toBe('Handler Test AB')

    const cu = await h.call('cloutility.consumptionUnit.create', { connectionId, businessUnitId: bu.id, unit: { name: 'WS-01' } })
    const dup = await h.fail('cloutility.consumptionUnit.create', { connectionId, businessUnitId: bu.id, unit: { name: 'WS-01' } })
    expect(dup.code).toBe('CONFLICT')

    expect(await h.call('cloutility.node.get', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id })).toBeNull()
    const options = await h.call('cloutility.node.options', { connectionId, businessUnitId: bu.id })
    const os = options.operatingSystems.find((o) => o.supportedNodeTypes.length > 0)
    if (!os) throw new Error('no operating system with node types')
    const node = await h.call('cloutility.node.create', {
      connectionId,
      businessUnitId: bu.id,
      consumptionUnitId: cu.id,
      node: {
        operatingSystemId: os.id,
        typeId: os.supportedNodeTypes[0]?.id as number,
        domainId: options.domains[0]?.id as number,
        clientOptionSetId: options.clientOptionSets[0]?.id as number,
        contact: 'ops@example.com',
        cpuCount: 4
      }
    })
    expect(node.activated).toBe(false)
    expect(node.cpuCount).toBe(4)

    const { name } = await h.call('cloutility.node.proposeName', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id })
    expect(name).toMatch(/^[A-Z0-9_.\-+&]{1,64}$/)
    const raw = await h.raw('cloutility.node.activate', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id, nodeName: name.toLowerCase() })
    const activation = JSON.parse(raw) as { ok: true; value: { nodeName: string; nodeId: string; passwordStored: boolean } }
    expect(activation.ok).toBe(true)
    expect(activation.value.nodeName).toBe(name)
    expect(activation.value.passwordStored).toBe(true)
    const stored = h.saved.at(-1)
    expect(stored).toMatchObject({ connectionId, nodeId: activation.value.nodeId, nodeName: name })
    const simNode = h.sim.cloutility.data.consumers.get(cu.id)?.node
    expect(stored?.password).toBe(simNode?.tsmPassword)
    expect(raw).not.toContain(stored?.password as string)

    // The unit read again after activation names its node.
    const cuAfter = await h.call('cloutility.consumptionUnit.get', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id })
    expect(cuAfter.nodeName).toBe(name)
    expect(cuAfter.state).toBe('Active')

    const nodeAfter = await h.raw('cloutility.node.get', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id })
    expect(nodeAfter).toContain('"activated":true')
    expect(nodeAfter).not.toContain(stored?.password as string)

    const newPassword = 'Fresh.Pass-2026'
    const changed = await h.call('cloutility.node.changePassword', {
      connectionId,
      businessUnitId: bu.id,
      consumptionUnitId: cu.id,
      password: newPassword,
      confirm: newPassword
    })
    expect(changed).toEqual({ changed: true })
    expect(h.sim.cloutility.data.consumers.get(cu.id)?.node?.tsmPassword).toBe(newPassword)
    expect(h.saved.at(-1)?.password).toBe(newPassword)

    // Proxy: let the new node act for an existing active node of the same unit.
    const cu2 = await h.call('cloutility.consumptionUnit.create', { connectionId, businessUnitId: bu.id, unit: { name: 'WS-02' } })
    await h.call('cloutility.node.create', {
      connectionId,
      businessUnitId: bu.id,
      consumptionUnitId: cu2.id,
      node: { operatingSystemId: os.id, typeId: os.supportedNodeTypes[0]?.id as number, domainId: options.domains[0]?.id as number, clientOptionSetId: options.clientOptionSets[0]?.id as number }
    })
    const proposal2 = await h.call('cloutility.node.proposeName', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu2.id })
    await h.call('cloutility.node.activate', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu2.id, nodeName: proposal2.name })
    const possible = await h.call('cloutility.proxy.possible', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id })
    expect(possible.map((p) => p.consumerId)).toContain(cu2.id)
    const granted = await h.call('cloutility.proxy.grant', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu.id, role: 'agent', otherId: cu2.id })
    expect(granted.agents.map((a) => a.consumerId)).toContain(cu2.id)
    const listed = await h.call('cloutility.proxy.list', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu2.id })
    expect(listed.targets.map((t) => t.consumerId)).toContain(cu.id)
    const revoked = await h.call('cloutility.proxy.revoke', {
      connectionId,
      businessUnitId: bu.id,
      consumptionUnitId: cu.id,
      role: 'agent',
      otherId: cu2.id,
      confirmId: cu2.id
    })
    expect(revoked.agents).toEqual([])

    // Deletes: the node takes its consumption unit with it.
    await h.call('cloutility.node.delete', { connectionId, businessUnitId: bu.id, consumptionUnitId: cu2.id, deleteAssociations: true, confirmId: cu2.id })
    expect(h.sim.cloutility.data.consumers.has(cu2.id)).toBe(false)
    await h.call('cloutility.consumptionUnit.delete', {
      connectionId,
      businessUnitId: bu.id,
      consumptionUnitId: cu.id,
      deleteAssociations: false,
      deletionComment: 'test cleanup',
      confirmId: cu.id
    })
    expect(h.sim.cloutility.data.consumers.has(cu.id)).toBe(false)
    await h.call('cloutility.businessUnit.delete', { connectionId, businessUnitId: bu.id, confirmId: bu.id })
    expect(h.sim.cloutility.data.businessUnits.has(bu.id)).toBe(false)

    // The journal: every change, with user, request id and result; no password anywhere.
    const page = await h.call('journal.list', { connectionId, limit: 100 })
    const actions = page.entries.map((e) => `${e.object.type}:${e.action}:${e.result}`).reverse()
    expect(actions).toEqual([
      'businessUnit:create:ok',
      'businessUnit:update:ok',
      'consumptionUnit:create:ok',
      'consumptionUnit:create:CONFLICT',
      'node:create:ok',
      'node:activate:ok',
      'node:changePassword:ok',
      'consumptionUnit:create:ok',
      'node:create:ok',
      'node:activate:ok',
      'proxy:grantProxy:ok',
      'proxy:revokeProxy:ok',
      'node:delete:ok',
      'consumptionUnit:delete:ok',
      'businessUnit:delete:ok'
    ])
    for (const e of page.entries) {
      expect(e.user).toBe(h.sim.cloutility.credentials.username)
      expect(e.connectionId).toBe(connectionId)
      expect(e.requestId, `${e.action} ${e.object.type}`).toMatch(/\S/)
      expect(e.requestId).not.toMatch(/^ipc-/)
    }
    const activate = [...page.entries].reverse().find((e) => e.action === 'activate')
    expect(activate?.object.name).toBe(name)
    const deleteCu = page.entries.find((e) => e.object.type === 'consumptionUnit' && e.action === 'delete')
    expect(deleteCu?.object).toEqual({ type: 'consumptionUnit', id: String(cu.id), name: 'WS-01' })
    expect(deleteCu?.detail).toContain('deleteAssociations: false')
    const text = readFileSync(h.journal.file, 'utf8')
    const entries = JSON.stringify(page.entries)
    for (const s of h.saved) {
      expect(text).not.toContain(s.password)
      expect(entries).not.toContain(s.password)
    }
    expect(await h.call('journal.verify', {})).toEqual({ ok: true, entries: page.total })
    const changes = h.events.filter((e) => e.topic === 'cloutility.changed')
    expect(changes.length).toBe(page.total)
  })

  it('reads billing: contract, invoices with lines, invoice files, upload, billing data with includeNext', async () => {
    const contract = await h.call('cloutility.contract', { connectionId, businessUnitId: home })
    expect(contract).not.toBeNull()
    const invoices = await h.call('cloutility.invoices', { connectionId, businessUnitId: home })
    expect(invoices.length).toBeGreaterThan(0)
    const first = invoices[0]
    if (!first) throw new Error('no invoice')
    const invoice = await h.call('cloutility.invoice', { connectionId, businessUnitId: home, date: first.date })
    expect(invoice.date).toBe(first.date)
    expect(invoice.lines?.length).toBeGreaterThan(0)

    const before = await h.call('cloutility.invoiceFiles.list', { connectionId, businessUnitId: home })
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 32), Buffer.from('\n%%EOF\n')])
    const uploaded = await h.call('cloutility.invoiceFiles.upload', {
      connectionId,
      businessUnitId: home,
      fileName: 'march.pdf',
      contentBase64: pdf.toString('base64'),
      erpReference: 'ERP-7',
      sendToBillingAddress: false
    })
    expect(uploaded.fileName).toBe('march.pdf')
    expect(uploaded.sizeBytes).toBe(pdf.length)
    const after = await h.call('cloutility.invoiceFiles.list', { connectionId, businessUnitId: home })
    expect(after.length).toBe(before.length + 1)

    const billing = await h.call('cloutility.billing', { connectionId, businessUnitId: home, includeNext: 2 })
    expect(billing.filter((b) => b.simulated).length).toBe(2)
    const past = billing.find((b) => !b.simulated)
    if (!past) throw new Error('no past billing data')
    const byDate = await h.call('cloutility.billing.byDate', { connectionId, businessUnitId: home, date: past.date })
    expect(byDate.date).toBe(past.date)
    const upload = (await h.call('journal.list', { limit: 1 })).entries[0]
    expect(upload).toMatchObject({ action: 'upload', result: 'ok', object: { type: 'invoiceFile', id: String(uploaded.id), name: 'march.pdf' } })
  })

  it('billing agrees with itself: lines less the contract discount make the total, in the contract\'s currency; a list does not claim zero lines', async () => {
    const inReach = new Set(flatten((await h.call('cloutility.tree', { connectionId })).root).map((n) => n.id))
    const withContract = [...h.sim.cloutility.data.businessUnits.values()].filter((b) => b.hasContract && inReach.has(b.id))
    expect(withContract.length).toBeGreaterThan(2)
    const discounts = new Set<number>()
    for (const bu of withContract) {
      const contract = await h.call('cloutility.contract', { connectionId, businessUnitId: bu.id })
      if (!contract) throw new Error(`no contract for ${bu.id}`)
      discounts.add(contract.discountPercent ?? -1)
      const invoices = await h.call('cloutility.invoices', { connectionId, businessUnitId: bu.id })
      for (const listed of invoices.slice(0, 2)) {
        expect(listed.lines).toBeUndefined()
        const invoice = await h.call('cloutility.invoice', { connectionId, businessUnitId: bu.id, date: listed.date })
        const totals = invoiceTotals(invoice, contract.discountPercent)
        expect(invoice.lines?.length).toBeGreaterThan(0)
        expect(totals?.discountPercent, `discount of ${bu.id} ${listed.date}`).toBe(contract.discountPercent)
        expect(totals?.difference, `total of ${bu.id} ${listed.date}`).toBeUndefined()
        expect(totals?.expectedTotal).toBe(invoice.total)
        expect(listed.total).toBe(invoice.total)
        expect(invoice.currency).toBe(contract.currency?.code)
      }
    }
    // Both kinds of contract were checked.
    expect(discounts).toEqual(new Set([0, 10]))
  })

  it('journals a failed change with the provider request id and error code', async () => {
    const missing = 999_999
    const error = await h.fail('cloutility.consumptionUnit.update', {
      connectionId,
      businessUnitId: busy.buId,
      consumptionUnitId: missing,
      unit: { note: 'x' }
    })
    expect(error.code).toBe('NOT_FOUND')
    const last = (await h.call('journal.list', { limit: 1 })).entries[0]
    expect(last).toMatchObject({ action: 'update', result: 'NOT_FOUND', object: { type: 'consumptionUnit' } })
    expect(last?.requestId).toBe(error.details?.requestId)
  })

  it('journals a refused activation without storing anything, and says when the vault could not take the password', async () => {
    const bu = busy.buId
    const cu = await h.call('cloutility.consumptionUnit.create', { connectionId, businessUnitId: bu, unit: { name: 'Activation edge cases' } })
    const options = await h.call('cloutility.node.options', { connectionId, businessUnitId: bu })
    const os = options.operatingSystems.find((o) => o.supportedNodeTypes.length > 0)
    if (!os) throw new Error('no operating system')
    await h.call('cloutility.node.create', {
      connectionId,
      businessUnitId: bu,
      consumptionUnitId: cu.id,
      node: { operatingSystemId: os.id, typeId: os.supportedNodeTypes[0]?.id as number, domainId: options.domains[0]?.id as number, clientOptionSetId: options.clientOptionSets[0]?.id as number }
    })
    // A name that is already taken on the SP server.
    const taken = h.sim.cloutility.data.consumers.get(busy.cid)?.node?.tsmName as string
    const savedBefore = h.saved.length
    const refused = await h.fail('cloutility.node.activate', { connectionId, businessUnitId: bu, consumptionUnitId: cu.id, nodeName: taken })
    expect(refused.code).toBe('CONFLICT')
    expect(h.saved.length).toBe(savedBefore)
    const entry = (await h.call('journal.list', { limit: 1 })).entries[0]
    expect(entry).toMatchObject({ action: 'activate', result: 'CONFLICT', object: { type: 'node', name: taken } })
    expect(entry?.requestId).toBe(refused.details?.requestId)

    // Activation works but the vault refuses the password: the answer says so, nothing leaks.
    h.vaultFails.value = true
    try {
      const { name } = await h.call('cloutility.node.proposeName', { connectionId, businessUnitId: bu, consumptionUnitId: cu.id })
      const raw = await h.raw('cloutility.node.activate', { connectionId, businessUnitId: bu, consumptionUnitId: cu.id, nodeName: name })
      const answer = JSON.parse(raw) as { ok: boolean; value: { passwordStored: boolean } }
      expect(answer.ok).toBe(true)
      expect(answer.value.passwordStored).toBe(false)
      expect(raw).not.toContain(h.sim.cloutility.data.consumers.get(cu.id)?.node?.tsmPassword as string)
    } finally {
      h.vaultFails.value = false
    }
    expect(await h.call('journal.verify', {})).toMatchObject({ ok: true })
  })
})
