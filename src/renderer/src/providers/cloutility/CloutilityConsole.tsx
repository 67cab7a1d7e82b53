import { useCallback, useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react'
import type { BusinessUnitNode } from '../../../../shared/providers/cloutility/model'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { useStore } from '../../store'
import { DEFAULT_VIEW, type UnitTab } from './cloutility.slice'
import { AuditLogView } from './AuditLogView'
import { BillingView } from './BillingView'
import { LoadGate } from '../../components/LoadGate'
import { PaneSplitter } from '../../components/PaneSplitter'
import { paneTrack, usePaneWidth, type PaneBounds } from '../../components/pane-width'
import { BusinessUnitTree } from './BusinessUnitTree'
import { ConsumptionUnitDetail } from './ConsumptionUnitDetail'
import { ConsumptionUnitsView } from './ConsumptionUnitsView'
import { Tabs, type TabDef } from '../../components/Tabs'
import { UnitDetails } from './UnitDetails'
import { call } from '../../api'
import { useLoadable } from '../../store/use-loadable'

const UNIT_TABS: ReadonlyArray<TabDef<UnitTab>> = [
  { id: 'consumptionUnits', label: 'Consumption units' },
  { id: 'details', label: 'Details' },
  { id: 'billing', label: 'Billing' },
  { id: 'audit', label: 'Audit log' }
]

// The tree may be made as narrow as its search field allows, and never wider than half the console,
// so the consumption units' columns keep room beside it.
const TREE_BOUNDS: PaneBounds = { min: 160, max: 480, maxShare: 0.5 }

function findNode(root: BusinessUnitNode, id: number | undefined): BusinessUnitNode | undefined {
  if (id === undefined) return undefined
  const stack = [root]
  while (stack.length) {
    const n = stack.pop() as BusinessUnitNode
    if (n.id === id) return n
    stack.push(...n.children)
  }
  return undefined
}

/** A Cloutility connection: the business-unit tree beside the selected unit or consumption unit. */
export function CloutilityConsole({ connection }: { connection: ConnectionSummary }): ReactNode {
  const connectionId = connection.id
  const tree = useStore((s) => s.cloutilityTrees[connectionId])
  const view = useStore((s) => s.cloutilityViews[connectionId] ?? DEFAULT_VIEW)
  const loadTree = useStore((s) => s.loadCloutilityTree)
  const setView = useStore((s) => s.setCloutilityView)
  const toggle = useStore((s) => s.toggleCloutilityExpanded)

  useEffect(() => {
    void loadTree(connectionId)
  }, [loadTree, connectionId])

  const root = tree?.value?.root
  // The units' health dots, from the last kept scan: read again when a scan was kept.
  const lastScanAt = useStore((s) => s.watchStatus.value?.lastScanAt)
  const unitHealth = useLoadable(() => call('overview.unitHealth', { connectionId }), `${connectionId}/${lastScanAt ?? ''}`)
  const selected = useMemo(() => (root ? findNode(root, view.businessUnitId) : undefined), [root, view.businessUnitId])

  // Leaving a consumption unit for its business unit (the breadcrumb, or the unit deleted) takes
  // away the element that had focus: it goes to the business unit's heading, where the reader is now.
  const heading = useRef<HTMLHeadingElement>(null)
  const focusHeadingOnReturn = useRef(false)
  useEffect(() => {
    if (view.consumptionUnitId !== undefined || !focusHeadingOnReturn.current || !heading.current) return
    focusHeadingOnReturn.current = false
    heading.current.focus()
  }, [view.consumptionUnitId, selected])
  const backToUnit = useCallback(() => {
    focusHeadingOnReturn.current = true
    setView(connectionId, { consumptionUnitId: undefined })
  }, [setView, connectionId])

  const select = useCallback((id: number) => setView(connectionId, { businessUnitId: id, consumptionUnitId: undefined }), [setView, connectionId])
  const onToggle = useCallback((id: number, open?: boolean) => toggle(connectionId, id, open), [toggle, connectionId])

  const selectCreated = useCallback(
    async (id: number) => {
      await loadTree(connectionId, true)
      // Selecting it opens the units above it (the slice does).
      setView(connectionId, { businessUnitId: id, consumptionUnitId: undefined, unitTab: 'details' })
    },
    [loadTree, setView, connectionId]
  )

  // The tree's width, when the technician dragged it: one for every connection, a display preference.
  const treePane = useRef<HTMLElement>(null)
  const [treeWidth, setTreeWidth] = usePaneWidth('cloutility.businessUnitTree')
  const consoleStyle = treeWidth === undefined ? undefined : ({ '--tree-track': paneTrack(treeWidth, TREE_BOUNDS) } as CSSProperties)

  return (
    <div className="cloutility-console" style={consoleStyle}>
      <aside ref={treePane} className="panel console-tree" aria-label="Business units">
        <LoadGate loading={!root && (tree?.loading ?? true)} error={root ? null : (tree?.error ?? null)} onRetry={() => void loadTree(connectionId, true)}>
          {root && <BusinessUnitTree root={root} expanded={view.expanded} selectedId={view.businessUnitId} health={unitHealth.value?.businessUnits} onSelect={select} onToggle={onToggle} />}
        </LoadGate>
      </aside>
      <PaneSplitter label="Resize the business-unit tree" pane={treePane} bounds={TREE_BOUNDS} width={treeWidth} onWidthChange={setTreeWidth} />
      <div className="console-main">
        {root && !selected && view.businessUnitId !== undefined && <p className="banner banner-warn">That business unit is no longer in the tree.</p>}
        {selected && view.consumptionUnitId !== undefined ? (
          <ConsumptionUnitDetail
            key={`${selected.id}/${view.consumptionUnitId}`}
            connectionId={connectionId}
            businessUnitId={selected.id}
            businessUnitName={selected.name}
            consumptionUnitId={view.consumptionUnitId}
            onBack={backToUnit}
          />
        ) : selected ? (
          <section className="panel" aria-labelledby="bu-heading">
            <h2 id="bu-heading" ref={heading} tabIndex={-1}>
              {selected.name} <span className="muted small">#{selected.id}</span>
            </h2>
            <Tabs label={`Business unit ${selected.name}`} tabs={UNIT_TABS} selected={view.unitTab} onSelect={(t) => setView(connectionId, { unitTab: t })}>
              {view.unitTab === 'consumptionUnits' && (
                <ConsumptionUnitsView key={selected.id} connectionId={connectionId} businessUnitId={selected.id} businessUnitName={selected.name} subUnits={selected.children.length} />
              )}
              {view.unitTab === 'details' && (
                <UnitDetails
                  key={selected.id}
                  connectionId={connectionId}
                  node={selected}
                  isRoot={selected.id === root?.id}
                  onChanged={() => void loadTree(connectionId, true)}
                  onCreated={(id) => void selectCreated(id)}
                  onDeleted={() => {
                    const parent = selected.parentId ?? root?.id
                    setView(connectionId, { businessUnitId: parent ?? undefined, consumptionUnitId: undefined })
                    void loadTree(connectionId, true)
                  }}
                />
              )}
              {view.unitTab === 'billing' && <BillingView key={selected.id} connectionId={connectionId} businessUnitId={selected.id} unitName={selected.name} />}
              {view.unitTab === 'audit' && <AuditLogView key={selected.id} connectionId={connectionId} businessUnitId={selected.id} name={selected.name} />}
            </Tabs>
          </section>
        ) : null}
      </div>
    </div>
  )
}
