import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { BusinessUnitNode, ConsumptionUnit } from '../../../../src/shared/providers/cloutility/model'
import { cloutilityRestoreCenter } from '../../../../src/renderer/src/providers/cloutility/restore-center'
import { installFakeBridge } from '../../fake-bridge'

const connection = { id: 'c1', provider: 'cloutility', name: 'Provider SP', customer: '', tags: [], baseUrl: 'https://api.example', secretOrigin: 'https://api.example' } as unknown as ConnectionSummary
const unit = (id: number, name: string): BusinessUnitNode => ({ id, parentId: 1, name, tags: [], children: [] })
const node = (id: number, businessUnitId: number): ConsumptionUnit => ({ id, name: `node-${id}`, businessUnitId, nodeName: `NODE-${id}`, tags: [] })

describe('Cloutility in the restore center', () => {
  it('reads the nodes of the customers matching the text', async () => {
    const bridge = installFakeBridge({
      'cloutility.searchBusinessUnits': () => [unit(10, 'Harbor Labs Oy'), unit(11, 'Harbor Consulting Oy')],
      'cloutility.consumptionUnits.list': ({ businessUnitId }) => ({ businessUnitId, items: [node(businessUnitId * 10, businessUnitId)] })
    })
    const found = await cloutilityRestoreCenter.find(connection, 'harbor')
    expect(found.objects.map((o) => [o.customer, o.detail])).toEqual([
      ['Harbor Labs Oy', 'NODE-100'],
      ['Harbor Consulting Oy', 'NODE-110']
    ])
    expect(found.unread).toBeUndefined()
    expect(bridge.callsTo('cloutility.searchBusinessUnits')).toEqual([{ connectionId: 'c1', term: 'harbor' }])
  })

  it('says which customers it read when more match than it reads, so a missing node is not taken for none', async () => {
    const units = ['Oy A', 'Oy B', 'Oy C', 'Oy D', 'Oy E', 'Oy F', 'Oy G'].map((name, i) => unit(20 + i, name))
    const bridge = installFakeBridge({
      'cloutility.searchBusinessUnits': () => units,
      'cloutility.consumptionUnits.list': ({ businessUnitId }) => ({ businessUnitId, items: [node(businessUnitId * 10, businessUnitId)] })
    })
    const found = await cloutilityRestoreCenter.find(connection, ' oy ')
    expect(found.objects).toHaveLength(5)
    expect(bridge.callsTo('cloutility.consumptionUnits.list')).toHaveLength(5)
    expect(found.unread).toBe('“oy” matches 7 customers; only the nodes of the first 5 (Oy A, Oy B, Oy C, Oy D, Oy E) were read. Type more of the customer\'s name.')
  })

  it('says that an empty search reads none of its nodes, rather than finding none', async () => {
    const bridge = installFakeBridge({})
    const found = await cloutilityRestoreCenter.find(connection, '  ')
    expect(found.objects).toEqual([])
    expect(found.unread).toBe("its backup nodes are found by customer: type a customer's name to search them.")
    expect(bridge.calls).toEqual([])
  })
})
