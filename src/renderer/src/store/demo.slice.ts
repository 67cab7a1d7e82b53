import type { StateCreator } from 'zustand'
import type { DemoStatus } from '../../../shared/contract/demo.contract'
import { call } from '../api'
import { selectConnections } from './connections.slice'
import type { AppState } from './index'
import { failed, latestReader, notLoaded, received, withoutError, type Loadable } from './resource'

// The Demo workspace: whether it exists and runs; start and remove it.

export interface DemoSlice {
  /** Its status; `error` also says why the last start or removal failed. */
  demo: Loadable<DemoStatus>
  /** A start or removal runs (the buttons wait). */
  demoBusy: boolean
  loadDemo(): Promise<void>
  setDemo(status: DemoStatus): void
  startDemo(): Promise<DemoStatus | null>
  removeDemo(): Promise<boolean>
}

export const createDemoSlice: StateCreator<AppState, [], [], DemoSlice> = (set, get) => ({
  demo: notLoaded(),
  demoBusy: false,
  loadDemo: latestReader({ read: () => get().demo, write: (demo) => set({ demo }) }, () => call('demo.status')),
  setDemo: (demo) => set((s) => ({ demo: received(s.demo, demo) })),
  async startDemo() {
    if (get().demoBusy) return null
    set((s) => ({ demoBusy: true, demo: withoutError(s.demo) }))
    try {
      const demo = await call('demo.start')
      get().setDemo(demo)
      await get().loadConnections()
      return demo
    } catch (error) {
      set((s) => ({ demo: failed(s.demo, error) }))
      return null
    } finally {
      set({ demoBusy: false })
    }
  },
  async removeDemo() {
    if (get().demoBusy) return false
    set((s) => ({ demoBusy: true, demo: withoutError(s.demo) }))
    try {
      get().setDemo(await call('demo.remove', { confirm: 'remove-demo' }))
      await get().loadConnections()
      const screen = get().screen
      if (screen.id === 'connection' && !selectConnections(get()).some((c) => c.id === screen.params?.['id'])) get().navigate({ id: 'home' })
      return true
    } catch (error) {
      set((s) => ({ demo: failed(s.demo, error) }))
      return false
    } finally {
      set({ demoBusy: false })
    }
  }
})
