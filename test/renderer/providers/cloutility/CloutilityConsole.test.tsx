import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { BusinessUnitNode, ConsumptionUnit } from '../../../../src/shared/providers/cloutility/model'
import { CloutilityConsole } from '../../../../src/renderer/src/providers/cloutility/CloutilityConsole'
import { DEFAULT_VIEW } from '../../../../src/renderer/src/providers/cloutility/cloutility.slice'
import { useStore } from '../../../../src/renderer/src/store'
import { cedarLabs } from '../../features/connections/connection-fixture'
import { installFakeBridge } from '../../fake-bridge'

const root: BusinessUnitNode = { id: 16, parentId: null, name: 'Cedar Labs AS', tags: [], children: [] }
const unit: ConsumptionUnit = { id: 1192, name: 'ceda-nas76-1192', businessUnitId: 16, tags: [] }

describe('CloutilityConsole', () => {
  it('puts focus on the business unit’s heading when the breadcrumb leads back to it', async () => {
    installFakeBridge({
      'cloutility.tree': () => ({ user: { id: 1, username: 'tech', businessUnit: { id: 16, name: 'Cedar Labs AS' } }, root }),
      'overview.unitHealth': () => null,
      'cloutility.consumptionUnit.get': () => unit,
      'cloutility.consumptionUnits.list': () => ({ businessUnitId: 16, items: [unit] }),
      'cloutility.node.get': () => null,
      'vault.nodeCredential.list': () => []
    })
    useStore.setState({
      cloutilityTrees: { c1: { value: { user: { id: 1, username: 'tech', businessUnit: { id: 16, name: 'Cedar Labs AS' } }, root }, loading: false } },
      cloutilityViews: { c1: { ...DEFAULT_VIEW, businessUnitId: 16, consumptionUnitId: 1192 } }
    })
    render(<CloutilityConsole connection={cedarLabs} />)
    const breadcrumb = await screen.findByRole('button', { name: '← Cedar Labs AS' })
    act(() => breadcrumb.focus())
    fireEvent.click(breadcrumb)
    const heading = await screen.findByRole('heading', { name: /Cedar Labs AS/, level: 2 })
    await waitFor(() => expect(document.activeElement).toBe(heading))
  })

  it('sends a unit above others to its sub-units when it holds no consumption units itself', async () => {
    const parent: BusinessUnitNode = { ...root, children: [{ id: 17, parentId: 16, name: 'Harbor Labs Oy', tags: [], children: [] }, { id: 18, parentId: 16, name: 'Tundra Energy AB', tags: [], children: [] }] }
    const tree = { user: { id: 1, username: 'tech', businessUnit: { id: 16, name: 'Cedar Labs AS' } }, root: parent }
    installFakeBridge({ 'cloutility.tree': () => tree, 'overview.unitHealth': () => null, 'cloutility.consumptionUnits.list': () => ({ businessUnitId: 16, items: [] }) })
    useStore.setState({ cloutilityUnits: {}, cloutilityTrees: { c1: { value: tree, loading: false } }, cloutilityViews: { c1: { ...DEFAULT_VIEW, businessUnitId: 16 } } })
    render(<CloutilityConsole connection={cedarLabs} />)
    expect(await screen.findByText("This unit's 2 sub-units may hold consumption units: open one in the tree.")).toBeTruthy()
  })
})
