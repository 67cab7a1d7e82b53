import type { StateCreator } from 'zustand'
import type { AboutInfo } from '../../../shared/contract/app.contract'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

export interface ShellSlice {
  about: AboutInfo | null
  aboutError: string | null
  /** Whether main answered at all: shown in the status bar. */
  mainReachable: boolean | null
  loadAbout(): Promise<void>
}

export const createShellSlice: StateCreator<AppState, [], [], ShellSlice> = (set) => ({
  about: null,
  aboutError: null,
  mainReachable: null,
  async loadAbout() {
    try {
      const about = await call('app.about')
      set({ about, aboutError: null, mainReachable: true })
    } catch (error) {
      set({ aboutError: errorMessage(error), mainReachable: false })
    }
  }
})
