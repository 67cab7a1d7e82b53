import type { SearchResult } from '../../../../shared/model/search'
import { useStore } from '../../store'
import { DEFAULT_VIEW } from '../../store/cloutility.slice'

/** Goes where a search result points; for Cloutility, selects (and reveals) the unit in the tree. */
export function openTarget(result: SearchResult): void {
  const s = useStore.getState()
  const { params } = result.target
  if (result.target.screen === 'customer') {
    s.navigate({ id: 'customer', params: { name: String(params['name'] ?? '') } })
    return
  }
  const connectionId = String(params['id'] ?? '')
  if (result.provider === 'cloutility' && typeof params['bu'] === 'number') {
    const view = s.cloutilityViews[connectionId] ?? DEFAULT_VIEW
    const expand = String(params['expand'] ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number)
    const cu = typeof params['cu'] === 'number' ? params['cu'] : undefined
    s.setCloutilityView(connectionId, {
      businessUnitId: params['bu'],
      consumptionUnitId: cu,
      expanded: [...new Set([...view.expanded, ...expand])],
      ...(cu !== undefined ? { consumerTab: 'node' as const } : { unitTab: 'consumptionUnits' as const })
    })
  }
  s.navigate({ id: 'connection', params })
}
