import { create, type StoreApi, type UseBoundStore } from 'zustand'
import { createProviderSlices, type ProviderSlices } from '../providers/slices'
import { createConnectionsSlice, type ConnectionsSlice } from './connections.slice'
import { createFleetSlice, type FleetSlice } from './fleet.slice'
import { createNavSlice, type NavSlice } from './nav.slice'
import { createNoticeSlice, type NoticeSlice } from './notice.slice'
import { createReportsSlice, type ReportsSlice } from './reports.slice'
import { createRestoresSlice, type RestoresSlice } from './restores.slice'
import { createShellSlice, type ShellSlice } from './shell.slice'
import { createVaultSlice, type VaultSlice } from './vault.slice'
import { createCustomersSlice, type CustomersSlice } from './customers.slice'
import { createDemoSlice, type DemoSlice } from './demo.slice'
import { createOfflineSlice, type OfflineSlice } from './offline.slice'
import { createSearchSlice, type SearchSlice } from './search.slice'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace.slice'
import { createWatchSlice, type WatchSlice } from './watch.slice'
import { createOverviewSlice, type OverviewSlice } from './overview.slice'
import { createActivitySlice, type ActivitySlice } from './activity.slice'

// Selectors many components share (an empty list is one constant, so an answer stays the same).
export { selectConnections } from './connections.slice'
export { selectCustomers } from './customers.slice'
export { selectFleetScan } from './fleet.slice'
export { selectOffline } from './offline.slice'
export { selectRestores } from './restores.slice'
export { selectMainReachable } from './shell.slice'
export { selectVaultState } from './vault.slice'
export { hasAnswered } from './resource'

/** One store of small slices; components read it through narrow selectors. */
export type AppState = ShellSlice & NavSlice & NoticeSlice & VaultSlice & ConnectionsSlice & ProviderSlices & RestoresSlice & ReportsSlice & FleetSlice & DemoSlice & OfflineSlice & SearchSlice & CustomersSlice & WorkspaceSlice & WatchSlice & OverviewSlice & ActivitySlice

/** A fresh store: the app makes one; each slice test makes its own. */
export function createAppStore(): UseBoundStore<StoreApi<AppState>> {
  return create<AppState>()((...args) => ({
    ...createShellSlice(...args),
    ...createNavSlice(...args),
    ...createNoticeSlice(...args),
    ...createVaultSlice(...args),
    ...createConnectionsSlice(...args),
    ...createProviderSlices(...args),
    ...createRestoresSlice(...args),
    ...createReportsSlice(...args),
    ...createFleetSlice(...args),
    ...createDemoSlice(...args),
    ...createOfflineSlice(...args),
    ...createSearchSlice(...args),
    ...createCustomersSlice(...args),
    ...createWorkspaceSlice(...args),
    ...createWatchSlice(...args),
    ...createOverviewSlice(...args),
    ...createActivitySlice(...args)
  }))
}

export const useStore = createAppStore()
