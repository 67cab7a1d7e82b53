import { create } from 'zustand'
import { createNavSlice, type NavSlice } from './nav.slice'
import { createNoticeSlice, type NoticeSlice } from './notice.slice'
import { createShellSlice, type ShellSlice } from './shell.slice'

/** One store of small slices; components read it through narrow selectors. */
export type AppState = ShellSlice & NavSlice & NoticeSlice

export const useStore = create<AppState>()((...args) => ({
  ...createShellSlice(...args),
  ...createNavSlice(...args),
  ...createNoticeSlice(...args)
}))
