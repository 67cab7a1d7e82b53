import { useEffect, type ReactNode } from 'react'
import { subscribe } from './api'
import { Sidebar } from './components/Sidebar'
import { StatusBar } from './components/StatusBar'
import { Toasts } from './components/Toasts'
import { AboutPanel } from './features/about/AboutPanel'
import { HomeScreen } from './features/home/HomeScreen'
import { useStore } from './store'
import type { ScreenId } from './store/nav.slice'

const SCREENS: Record<ScreenId, () => ReactNode> = {
  home: HomeScreen,
  about: AboutPanel
}

export function App(): ReactNode {
  const screenId = useStore((s) => s.screen.id)
  const loadAbout = useStore((s) => s.loadAbout)
  const pushToast = useStore((s) => s.pushToast)
  useEffect(() => {
    void loadAbout()
    return subscribe('app.notice', pushToast)
  }, [loadAbout, pushToast])

  const Screen = SCREENS[screenId]
  return (
    <div className="app-frame">
      <Sidebar />
      <main className="main-area" id="main">
        <Screen />
      </main>
      <StatusBar />
      <Toasts />
    </div>
  )
}
