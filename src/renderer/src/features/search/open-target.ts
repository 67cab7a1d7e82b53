import type { SearchResult } from '../../../../shared/model/search'
import { useStore } from '../../store'
import { providerUi } from '../../providers/registry'

/** Goes where a search result points; the result's provider first points its console at the object. */
export function openTarget(result: SearchResult): void {
  const s = useStore.getState()
  const { params } = result.target
  if (result.target.screen === 'customer') {
    s.navigate({ id: 'customer', params: { name: String(params['name'] ?? '') } })
    return
  }
  const connectionId = String(params['id'] ?? '')
  if (result.provider) providerUi(result.provider).revealSearchResult?.(connectionId, result.target)
  s.navigate({ id: 'connection', params })
}
