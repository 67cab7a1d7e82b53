import { shellKind, subscribe } from '../api'
import { deliver } from '../features/reports/saved-files'
import { PROVIDER_UIS } from '../providers/registry'
import { hasAnswered } from '../store/resource'
import type { TopicName, TopicPayload } from '../../../shared/contract'
import type { StoreAccess, TopicRoutes } from './topic-routes'

// The one place the renderer listens to main: every topic lands in the store, whatever screen is
// showing, so leaving a screen never loses a job's progress and no screen keeps its own listener.

function openFleetOn(store: StoreAccess, focus: { scanId: string; keys: string[] }): void {
  const s = store.getState()
  s.setWatchFocus(focus)
  s.navigate({ id: 'fleet' })
}

const APP_ROUTES: TopicRoutes = {
  'app.notice': (notice, store) => store.getState().pushToast(notice),
  'vault.state': (vault, store) => {
    const s = store.getState()
    void s.refreshVault()
    if (vault.state === 'unlocked') {
      void s.loadOffline()
      void s.loadDemo()
      void s.loadOverview(true)
      // A read made while locked was refused: the Activity screen reads again.
      if (hasAnswered(s.journal)) void s.refreshJournal()
    }
  },
  // Main moved the idle lock (activity, the auto-lock setting): the status bar's "locks at" follows.
  'vault.autoLock': (change, store) => store.getState().setAutoLockAt(change.autoLockAt),
  'offline.status': (status, store) => {
    store.getState().applyOffline(status)
    store.getState().refreshOverview()
  },
  'demo.status': (status, store) => {
    const s = store.getState()
    s.setDemo(status)
    void s.loadConnections()
    // Starting the Demo warms the customer pages: the dots and the list take what they found.
    s.refreshOverview()
    s.refreshCustomers()
  },
  'connections.changed': (_change, store) => {
    const s = store.getState()
    void s.loadConnections()
    s.refreshCustomers()
    s.refreshOverview()
  },
  'restores.progress': (record, store) => {
    store.getState().upsertRestore(record)
    store.getState().refreshOverview()
  },
  'fleet.progress': (progress, store) => store.getState().applyFleetProgress(progress),
  'workspace.status': (status, store) => {
    const s = store.getState()
    const synced = status.lastSyncAt !== s.workspace.value?.lastSyncAt
    s.setWorkspace(status)
    // A team workspace sync brings teammates' reviews.
    if (synced && hasAnswered(s.fleetScan)) void s.loadFleet()
  },
  'reports.progress': (progress, store) => {
    const s = store.getState()
    s.applyReportBatch(progress)
    if (progress.state === 'done' && progress.saved) s.pushToast({ level: 'success', message: deliver(progress.saved) })
  },
  // Sent after each kept scan (and review): the Overview's counts and the health dots follow, and
  // a customer list already read takes its statuses from a newly kept scan.
  'watch.status': (status, store) => {
    const s = store.getState()
    const kept = status.lastScanAt !== s.watchStatus.value?.lastScanAt
    s.applyWatchStatus(status)
    s.refreshOverview()
    if (kept) s.refreshCustomers()
  },
  'watch.open': (focus, store) => openFleetOn(store, focus),
  'watch.alert': (alert, store) => {
    const s = store.getState()
    s.pushToast({ level: 'warning', message: `${alert.title}: ${alert.body}` })
    void s.loadWatchChanges('last-scan')
    // In the web shell main cannot reach the desktop: the browser shows the notification.
    if (shellKind() === 'web' && !alert.quiet && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const n = new Notification(alert.title, { body: alert.body, tag: alert.scanId })
      n.onclick = () => {
        window.focus()
        openFleetOn(store, { scanId: alert.scanId, keys: alert.keys })
      }
    }
  }
}

type Handler = (payload: unknown, store: StoreAccess) => void

/** Subscribes every routed topic (the app's and each provider's) into the store; returns the unsubscribe. */
export function startIpcEvents(store: StoreAccess): () => void {
  const routes: TopicRoutes[] = [APP_ROUTES, ...PROVIDER_UIS.map((p) => p.events ?? {})]
  const byTopic = new Map<TopicName, Handler[]>()
  for (const table of routes) {
    for (const [topic, handler] of Object.entries(table) as Array<[TopicName, Handler | undefined]>) {
      if (handler) byTopic.set(topic, [...(byTopic.get(topic) ?? []), handler])
    }
  }
  const stops = [...byTopic].map(([topic, handlers]) =>
    subscribe(topic, (payload: TopicPayload<typeof topic>) => {
      for (const handle of handlers) handle(payload, store)
    })
  )
  return () => {
    for (const stop of stops) stop()
  }
}
