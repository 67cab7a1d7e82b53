import { useStore } from '../../store'
import { JOURNAL_ACTION_WORDS, JOURNAL_OBJECT_WORDS } from '../../../../shared/providers/cloutility/words'
import type { ProviderUi } from '../provider-ui'
import { cloutilityRestoreCenter } from './restore-center'
import { DEFAULT_VIEW } from './cloutility.slice'
import { CloutilityConsole } from './CloutilityConsole'
import { CloutilityRestoreCenterSection } from './RestoreCenterSection'

export const cloutilityUi: ProviderUi<'cloutility'> = {
  kind: 'cloutility',
  label: 'Cloutility',
  holds: 'Cloutility business units and backup nodes',
  fleetItem: 'consumption unit',
  defaultBaseUrl: 'https://portal-api.backup.sto2.safedc.net',
  connectionFields: () => [
    { key: 'clientId', label: 'Client ID', hint: 'Settings → API access in the Cloutility portal' },
    { key: 'origin', label: 'Origin', hint: 'Exactly as registered with the API app, e.g. https://service.example.com' },
    { key: 'username', label: 'User name' },
    { key: 'password', label: 'Password', secret: true }
  ],
  Console: CloutilityConsole,
  journalActions: JOURNAL_ACTION_WORDS,
  journalObjects: JOURNAL_OBJECT_WORDS,
  RestoreCenterSection: CloutilityRestoreCenterSection,
  restoreCenter: cloutilityRestoreCenter,
  // A fleet row or a change opens its consumption unit on the node tab (or its business unit).
  events: {
    // Changes made elsewhere (another window, a later call) refresh a loaded tree when units change.
    'cloutility.changed': (change, store) => {
      const s = store.getState()
      if (change.ok && change.objectType === 'businessUnit' && s.cloutilityTrees[change.connectionId]) void s.loadCloutilityTree(change.connectionId, true)
    }
  },
  revealFleetRow(row) {
    if (row.ids.businessUnitId === undefined) return
    useStore.getState().setCloutilityView(row.connectionId, {
      businessUnitId: row.ids.businessUnitId,
      ...(row.ids.consumerId !== undefined ? { consumptionUnitId: row.ids.consumerId, consumerTab: 'node' as const } : {})
    })
  },
  revealCustomerItem(connectionId, businessUnitId) {
    useStore.getState().setCloutilityView(connectionId, { businessUnitId, consumptionUnitId: undefined, unitTab: 'consumptionUnits' })
  },
  // Selects (and reveals) the unit in the tree.
  revealSearchResult(connectionId, { params }) {
    if (typeof params['bu'] !== 'number') return
    const s = useStore.getState()
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
}
