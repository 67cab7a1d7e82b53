import type { StateCreator } from 'zustand'
import type { Notice } from '../../../shared/contract/app.contract'
import type { AppState } from './index'

export interface Toast extends Notice {
  id: number
}

export interface NoticeSlice {
  toasts: Toast[]
  pushToast(notice: Notice): void
  dismissToast(id: number): void
}

const MAX_TOASTS = 5
let nextId = 1

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set) => ({
  toasts: [],
  pushToast: (notice) =>
    set((state) => ({ toasts: [...state.toasts, { ...notice, id: nextId++ }].slice(-MAX_TOASTS) })),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }))
})
