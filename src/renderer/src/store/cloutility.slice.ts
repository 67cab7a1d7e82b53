import type { StateCreator } from 'zustand'
import type { CloutilityTree, ConsumptionUnitList } from '../../../shared/providers/cloutility/contract'
import type { BusinessUnitNode } from '../../../shared/providers/cloutility/model'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// The Cloutility console's shared state: where the user is in each connection (unit, consumption
// unit, tab) and the two big reads that several views use (the tree, a unit's consumption units).
// Everything else is read by the view that shows it.

export type UnitTab = 'consumptionUnits' | 'details' | 'billing' | 'audit' | 'activity'
export type ConsumerTab = 'node' | 'filespaces' | 'jobs' | 'reports' | 'audit' | 'proxy'

export interface CloutilityView {
  businessUnitId?: number
  consumptionUnitId?: number
  unitTab: UnitTab
  consumerTab: ConsumerTab
  /** Tree nodes the user opened. */
  expanded: number[]
}

export interface Loadable<T> {
  value?: T
  error?: string
  loading: boolean
  /** When the value arrived (ms), for "as of" labels. */
  at?: number
}

export const DEFAULT_VIEW: CloutilityView = { unitTab: 'consumptionUnits', consumerTab: 'node', expanded: [] }

export const unitsKey = (connectionId: string, businessUnitId: number) => `${connectionId}/${businessUnitId}`

/** The units above `id` in the tree, root first; empty when `id` is the root or not in it. */
export function ancestorsOf(root: BusinessUnitNode, id: number): number[] {
  const path: number[] = []
  const walk = (n: BusinessUnitNode): boolean => {
    if (n.id === id) return true
    path.push(n.id)
    for (const c of n.children) if (walk(c)) return true
    path.pop()
    return false
  }
  return walk(root) ? path : []
}

/**
 * The view with every unit above the selected one opened, so the selection is visible in the tree
 * however it was made (a customer page, Fleet health, search, a new unit).
 */
function withSelectionOpen(view: CloutilityView, root: BusinessUnitNode | undefined): CloutilityView {
  if (!root || view.businessUnitId === undefined) return view
  const missing = ancestorsOf(root, view.businessUnitId).filter((id) => !view.expanded.includes(id))
  return missing.length ? { ...view, expanded: [...view.expanded, ...missing] } : view
}

export interface CloutilitySlice {
  cloutilityViews: Record<string, CloutilityView>
  cloutilityTrees: Record<string, Loadable<CloutilityTree>>
  cloutilityUnits: Record<string, Loadable<ConsumptionUnitList>>
  setCloutilityView(connectionId: string, patch: Partial<CloutilityView>): void
  toggleCloutilityExpanded(connectionId: string, businessUnitId: number, open?: boolean): void
  loadCloutilityTree(connectionId: string, force?: boolean): Promise<void>
  loadConsumptionUnits(connectionId: string, businessUnitId: number, force?: boolean): Promise<void>
}

export const createCloutilitySlice: StateCreator<AppState, [], [], CloutilitySlice> = (set, get) => ({
  cloutilityViews: {},
  cloutilityTrees: {},
  cloutilityUnits: {},

  setCloutilityView: (connectionId, patch) =>
    set((state) => {
      const view = { ...(state.cloutilityViews[connectionId] ?? DEFAULT_VIEW), ...patch }
      const shown = patch.businessUnitId !== undefined ? withSelectionOpen(view, state.cloutilityTrees[connectionId]?.value?.root) : view
      return { cloutilityViews: { ...state.cloutilityViews, [connectionId]: shown } }
    }),

  toggleCloutilityExpanded: (connectionId, businessUnitId, open) =>
    set((state) => {
      const view = state.cloutilityViews[connectionId] ?? DEFAULT_VIEW
      const isOpen = view.expanded.includes(businessUnitId)
      const want = open ?? !isOpen
      if (want === isOpen) return {}
      const expanded = want ? [...view.expanded, businessUnitId] : view.expanded.filter((id) => id !== businessUnitId)
      return { cloutilityViews: { ...state.cloutilityViews, [connectionId]: { ...view, expanded } } }
    }),

  async loadCloutilityTree(connectionId, force = false) {
    const current = get().cloutilityTrees[connectionId]
    if (current?.loading || (current?.value && !force)) return
    set((s) => ({ cloutilityTrees: { ...s.cloutilityTrees, [connectionId]: { ...current, loading: true } } }))
    try {
      const value = await call('cloutility.tree', { connectionId })
      set((s) => {
        const view = s.cloutilityViews[connectionId] ?? DEFAULT_VIEW
        return {
          cloutilityTrees: { ...s.cloutilityTrees, [connectionId]: { value, loading: false, at: Date.now() } },
          // First load: open the home unit and select it.
          cloutilityViews: {
            ...s.cloutilityViews,
            [connectionId]: withSelectionOpen(
              {
                ...view,
                businessUnitId: view.businessUnitId ?? value.root.id,
                expanded: view.expanded.length ? view.expanded : [value.root.id]
              },
              value.root
            )
          }
        }
      })
    } catch (error) {
      set((s) => ({ cloutilityTrees: { ...s.cloutilityTrees, [connectionId]: { ...current, loading: false, error: errorMessage(error) } } }))
    }
  },

  async loadConsumptionUnits(connectionId, businessUnitId, force = false) {
    const key = unitsKey(connectionId, businessUnitId)
    const current = get().cloutilityUnits[key]
    if (current?.loading || (current?.value && !force)) return
    set((s) => ({ cloutilityUnits: { ...s.cloutilityUnits, [key]: { ...current, loading: true } } }))
    try {
      const value = await call('cloutility.consumptionUnits.list', { connectionId, businessUnitId })
      set((s) => ({ cloutilityUnits: { ...s.cloutilityUnits, [key]: { value, loading: false, at: Date.now() } } }))
    } catch (error) {
      set((s) => ({ cloutilityUnits: { ...s.cloutilityUnits, [key]: { ...current, loading: false, error: errorMessage(error) } } }))
    }
  }
})
