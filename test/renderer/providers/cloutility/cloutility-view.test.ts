import { afterEach, describe, expect, it } from 'vitest'
import type { BusinessUnitNode } from '../../../../src/shared/providers/cloutility/model'
import { useStore } from '../../../../src/renderer/src/store'
import { ancestorsOf, DEFAULT_VIEW } from '../../../../src/renderer/src/providers/cloutility/cloutility.slice'

const unit = (id: number, parentId: number | null, children: BusinessUnitNode[] = []): BusinessUnitNode =>
  ({ id, parentId, name: `Unit ${id}`, children }) as BusinessUnitNode

// 1 → 2 → 3 → 4, and 1 → 5
const root = unit(1, null, [unit(2, 1, [unit(3, 2, [unit(4, 3)])]), unit(5, 1)])
const CONNECTION = 'conn-tree'

afterEach(() => useStore.setState({ cloutilityViews: {}, cloutilityTrees: {} }))

describe('the Cloutility view', () => {
  it('knows the units above a unit', () => {
    expect(ancestorsOf(root, 4)).toEqual([1, 2, 3])
    expect(ancestorsOf(root, 5)).toEqual([1])
    expect(ancestorsOf(root, 1)).toEqual([])
    expect(ancestorsOf(root, 99)).toEqual([])
  })

  it('opens the units above a unit selected from elsewhere, so the tree shows the selection', () => {
    useStore.setState({
      cloutilityTrees: { [CONNECTION]: { value: { root } as never, loading: false } },
      cloutilityViews: { [CONNECTION]: { ...DEFAULT_VIEW, businessUnitId: 1, expanded: [1, 5] } }
    })
    useStore.getState().setCloutilityView(CONNECTION, { businessUnitId: 4, consumptionUnitId: 40 })
    const view = useStore.getState().cloutilityViews[CONNECTION]
    expect(view?.businessUnitId).toBe(4)
    expect(view?.expanded).toEqual([1, 5, 2, 3])
    // A change that does not select a unit leaves what the user closed closed.
    useStore.getState().toggleCloutilityExpanded(CONNECTION, 2, false)
    useStore.getState().setCloutilityView(CONNECTION, { consumerTab: 'jobs' })
    expect(useStore.getState().cloutilityViews[CONNECTION]?.expanded).toEqual([1, 5, 3])
  })
})
