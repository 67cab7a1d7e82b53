import type { StateCreator } from 'zustand'
import type { DemoStatus } from '../../../shared/contract/demo.contract'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// The Demo workspace: whether it exists and runs; start and remove it.

export interface DemoSlice {
  demo: DemoStatus | null
  demoError: string | null
  demoBusy: boolean
  loadDemo(): Promise<void>
  setDemo(status: DemoStatus): void
  startDemo(): Promise<DemoStatus | null>
  removeDemo(): Promise<boolean>
}

export const createDemoSlice: StateCreator<AppState, [], [], DemoSlice> = (set, get) => ({
  demo: null,
  demoError: null,
  demoBusy: false,
  async loadDemo() {
    try {
      set({ demo: await call('demo.status') })
    } catch (error) {
      set({ demoError: errorMessage(error) })
    }
  },
  setDemo: (demo) => set({ demo }),
  async startDemo() {
    if (get().demoBusy) return null
    set({ demoBusy: true, demoError: null })
    try {
      const demo = await call('demo.start')
      set({ demo })
      await get().loadConnections()
      return demo
    } catch (error) {
      set({ demoError: errorMessage(error) })
      return null
    } finally {
      set({ demoBusy: false })
    }
  },
  async removeDemo() {
    if (get().demoBusy) return false
    set({ demoBusy: true, demoError: null })
    try {
      const demo = await call('demo.remove', { confirm: 'remove-demo' })
      set({ demo })
      await get().loadConnections()
      const screen = get().screen
      if (screen.id === 'connection' && !get().connections.some((c) => c.id === screen.params?.['id'])) get().navigate({ id: 'home' })
      return true
    } catch (error) {
      set({ demoError: errorMessage(error) })
      return false
    } finally {
      set({ demoBusy: false })
    }
  }
})
