import { describe, expect, it, vi } from 'vitest'
import type { CloutilityTree } from '../../../../src/shared/providers/cloutility/contract'
import { createAppStore } from '../../../../src/renderer/src/store'
import { unitsKey } from '../../../../src/renderer/src/providers/cloutility/cloutility.slice'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { deferred } from '../../deferred'

const tree = (rootId: number) => ({ root: { id: rootId, name: 'Home', children: [] } }) as unknown as CloutilityTree

describe('Cloutility slice', () => {
  it('loads the tree once, then opens and selects the home unit on first load only', async () => {
    const bridge = installFakeBridge({ 'cloutility.tree': () => tree(5) })
    const store = createAppStore()
    await store.getState().loadCloutilityTree('c1')
    await store.getState().loadCloutilityTree('c1')
    expect(bridge.callsTo('cloutility.tree')).toEqual([{ connectionId: 'c1' }])
    expect(store.getState().cloutilityTrees['c1']?.value?.root.id).toBe(5)
    expect(store.getState().cloutilityViews['c1']).toMatchObject({ businessUnitId: 5, expanded: [5] })

    store.getState().setCloutilityView('c1', { businessUnitId: 9 })
    store.getState().toggleCloutilityExpanded('c1', 9)
    await store.getState().loadCloutilityTree('c1', true)
    expect(bridge.callsTo('cloutility.tree')).toHaveLength(2)
    expect(store.getState().cloutilityViews['c1']).toMatchObject({ businessUnitId: 9, expanded: [5, 9] })
    store.getState().toggleCloutilityExpanded('c1', 9, false)
    expect(store.getState().cloutilityViews['c1']?.expanded).toEqual([5])
  })

  it("keeps a unit's consumption units per business unit, and the last list when a reload fails", async () => {
    let fail = false
    installFakeBridge({
      'cloutility.consumptionUnits.list': ({ businessUnitId }) => {
        if (fail) throw new MainError({ code: 'UPSTREAM', message: 'Cloutility answered 502.', retryable: true })
        return { businessUnitId, items: [] } as never
      }
    })
    const store = createAppStore()
    await store.getState().loadConsumptionUnits('c1', 7)
    await store.getState().loadConsumptionUnits('c1', 8)
    expect(Object.keys(store.getState().cloutilityUnits).sort()).toEqual([unitsKey('c1', 7), unitsKey('c1', 8)])
    fail = true
    await store.getState().loadConsumptionUnits('c1', 7, true)
    expect(store.getState().cloutilityUnits[unitsKey('c1', 7)]).toMatchObject({ value: { businessUnitId: 7 }, loading: false, error: 'Cloutility answered 502.' })
  })
  it('does not drop a reload asked for while a read runs: it reads again, and awaiting it gives the newer tree', async () => {
    // A change event started a read; the form that made the change reloads and then selects the new unit.
    const answers = [deferred<CloutilityTree>(), deferred<CloutilityTree>()]
    let reads = 0
    installFakeBridge({ 'cloutility.tree': () => answers[reads++]!.promise })
    const store = createAppStore()
    const first = store.getState().loadCloutilityTree('c1', true)
    let reloaded = false
    const reload = store.getState().loadCloutilityTree('c1', true).then(() => (reloaded = true))
    answers[0]!.resolve(tree(5))
    await vi.waitFor(() => expect(reads).toBe(2))
    expect(store.getState().cloutilityTrees['c1']?.value?.root.id).toBe(5)
    expect(reloaded).toBe(false)
    answers[1]!.resolve(tree(6))
    await Promise.all([first, reload])
    expect(store.getState().cloutilityTrees['c1']?.value?.root.id).toBe(6)
  })
})
