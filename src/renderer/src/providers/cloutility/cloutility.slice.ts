import type { StateCreator } from 'zustand'
import type { CloutilityTree, ConsumptionUnitList } from '../../../../shared/providers/cloutility/contract'
import { call } from '../../api'
import { onDemandReader, perKey, type Loadable } from '../../store/resource'
import type { AppState } from '../../store/index'
import type { BusinessUnitNode } from '../../../../shared/providers/cloutility/model'

// The Cloutility console's shared state: where the user is in each connection (unit, consumption
// unit, tab) and the two big reads that several views use (the tree, a unit's consumption units).
// Everything else is read by the view that shows it.

export type UnitTab = 'consumptionUnits' | 'details' | 'billing' | 'audit'
export type ConsumerTab = 'node' | 'filespaces' | 'jobs' | 'reports' | 'audit' | 'proxy'

export interface CloutilityView {
  businessUnitId?: number
  consumptionUnitId?: number
  unitTab: UnitTab
  consumerTab: ConsumerTab
  /** Tree nodes the user opened. */
  expanded: number[]
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

export const createCloutilitySlice: StateCreator<AppState, [], [], CloutilitySlice> = (set, get) => {
  // One reader per tree and per unit list: a reload asked for while one runs reads again after it.
  const treeReader = perKey(
    (connectionId: string) => connectionId,
    (connectionId) =>
      onDemandReader<CloutilityTree>(
        {
          read: () => get().cloutilityTrees[connectionId],
          write: (next) =>
            set((s) => {
              const trees = { ...s.cloutilityTrees, [connectionId]: next }
              if (next.loading || !next.value) return { cloutilityTrees: trees }
              // With the tree: on first load, open the home unit and select it (one update, no frame without a selection).
              const view = s.cloutilityViews[connectionId] ?? DEFAULT_VIEW
              const root = next.value.root.id
              return {
                cloutilityTrees: trees,
                cloutilityViews: {
                  ...s.cloutilityViews,
                  [connectionId]: withSelectionOpen({ ...view, businessUnitId: view.businessUnitId ?? root, expanded: view.expanded.length ? view.expanded : [root] }, next.value.root)
                }
              }
            })
        },
        () => call('cloutility.tree', { connectionId })
      )
  )
  const unitsReader = perKey(unitsKey, (connectionId: string, businessUnitId: number) => {
    const key = unitsKey(connectionId, businessUnitId)
    return onDemandReader<ConsumptionUnitList>(
      { read: () => get().cloutilityUnits[key], write: (next) => set((s) => ({ cloutilityUnits: { ...s.cloutilityUnits, [key]: next } })) },
      () => call('cloutility.consumptionUnits.list', { connectionId, businessUnitId })
    )
  })
  return {
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

    loadCloutilityTree: (connectionId, force = false) => treeReader(connectionId)(force),
    loadConsumptionUnits: (connectionId, businessUnitId, force = false) => unitsReader(connectionId, businessUnitId)(force)
  }
}
