import { useEffect, type ReactNode } from 'react'
import { startIpcEvents } from './app/ipc-events'
import { useFocusOnScreenChange } from './app/focus-on-screen-change'
import { screenHash, startRouting } from './app/routes'
import { startReportingUnsavedEdits } from './app/unsaved-edits-to-main'
import { Sidebar } from './shell/Sidebar'
import { SkipLink } from './shell/SkipLink'
import { StatusBar } from './shell/StatusBar'
import { Toasts } from './shell/Toasts'
import { useSidebarHidden } from './shell/use-sidebar-hidden'
import { AboutPanel } from './features/about/AboutPanel'
import { ActivityScreen } from './features/activity/ActivityScreen'
import { ConnectionList } from './features/connections/ConnectionList'
import { ConnectionScreen } from './features/connections/ConnectionScreen'
import { NewConnectionScreen } from './features/connections/NewConnectionScreen'
import { FleetScreen } from './features/fleet/FleetScreen'
import { CustomerScreen, CustomersScreen } from './features/customers/CustomersScreen'
import { DemoBanner, DemoMenuItem } from './features/demo/DemoControls'
import { ThrowawayBanner } from './features/demo/ThrowawayBanner'
import { OfflineBanner, OfflineStatusItem } from './features/offline/OfflineBanner'
import { OfflineFeed } from './features/offline/OfflineFeed'
import { CommandPalette, SearchButton } from './features/search/CommandPalette'
import { HomeScreen } from './features/home/HomeScreen'
import { RestoreCenterScreen } from './features/restore-center/RestoreCenterScreen'
import { ReportsScreen } from './features/reports/ReportsScreen'
import { WatchFeed } from './features/watch/WatchFeed'
import { SettingsScreen } from './features/vault/SettingsScreen'
import { VaultGate } from './features/vault/VaultGate'
import { VaultStatusItem } from './features/vault/VaultStatusItem'
import { WorkspaceScreen } from './features/workspace/WorkspaceScreen'
import { useStore } from './store'
import type { ScreenId } from './store/nav.slice'

const SCREENS: Record<ScreenId, () => ReactNode> = {
  home: HomeScreen,
  about: AboutPanel,
  settings: SettingsScreen,
  connection: ConnectionScreen,
  connectionEdit: NewConnectionScreen,
  restores: RestoreCenterScreen,
  fleet: FleetScreen,
  customers: CustomersScreen,
  customer: CustomerScreen,
  workspace: WorkspaceScreen,
  reports: ReportsScreen,
  activity: ActivityScreen
}

export function App(): ReactNode {
  const loadAbout = useStore((s) => s.loadAbout)
  useEffect(() => {
    void loadAbout()
  }, [loadAbout])
  useEffect(() => startIpcEvents(useStore), [])
  useEffect(() => startRouting(useStore), [])
  useEffect(() => startReportingUnsavedEdits(useStore), [])

  return (
    <>
      <VaultGate>
        <Workspace />
      </VaultGate>
      <Toasts />
    </>
  )
}

function Workspace(): ReactNode {
  const screenId = useStore((s) => s.screen.id)
  const screenKey = useStore((s) => screenHash(s.screen))
  const Screen = SCREENS[screenId]
  const [sidebarHidden, toggleSidebar] = useSidebarHidden()
  useFocusOnScreenChange(screenKey)
  return (
    <div className={sidebarHidden ? 'app-frame sidebar-hidden' : 'app-frame'}>
      <SkipLink target="main" />
      <Sidebar top={<SearchButton />} bottom={<DemoMenuItem />} hidden={sidebarHidden} onToggle={toggleSidebar}>
        <ConnectionList />
      </Sidebar>
      <main className="main-area" id="main" tabIndex={-1}>
        <ThrowawayBanner />
        <DemoBanner />
        <OfflineBanner />
        <Screen />
      </main>
      <OfflineFeed />
      <WatchFeed />
      <CommandPalette />
      <StatusBar>
        <VaultStatusItem />
        <OfflineStatusItem />
      </StatusBar>
    </div>
  )
}
