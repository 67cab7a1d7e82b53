import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { BusinessUnitNode } from '../../../../shared/providers/cloutility/model'
import { worseHealth, type ConnectionHealth } from '../../../../shared/model/overview'
import { HealthDot } from '../../components/HealthDot'

// The business-unit tree: a WAI-ARIA tree (flat list of treeitems with aria-level), lazy in the
// sense that only the children of opened units are rendered. Searchable by name or id: a search
// shows the matches with the units above them. Keys: ↑ ↓ move, → opens / goes to the first child,
// ← closes / goes to the parent, Home / End, Enter or Space selects.

interface Indexed {
  byId: Map<number, BusinessUnitNode>
  parent: Map<number, number | null>
  depth: Map<number, number>
}

function indexTree(root: BusinessUnitNode): Indexed {
  const byId = new Map<number, BusinessUnitNode>()
  const parent = new Map<number, number | null>()
  const depth = new Map<number, number>()
  const stack: Array<[BusinessUnitNode, number | null, number]> = [[root, null, 1]]
  while (stack.length) {
    const [node, p, d] = stack.pop() as [BusinessUnitNode, number | null, number]
    byId.set(node.id, node)
    parent.set(node.id, p)
    depth.set(node.id, d)
    for (const c of node.children) stack.push([c, node.id, d + 1])
  }
  return { byId, parent, depth }
}

/**
 * Each unit's health with everything below it (the scan knows only the unit directly holding an
 * object); units with no scanned object anywhere below get none.
 */
export function rollUpHealth(root: BusinessUnitNode, direct: Readonly<Record<string, ConnectionHealth>>): Map<number, ConnectionHealth> {
  const out = new Map<number, ConnectionHealth>()
  const visit = (node: BusinessUnitNode): ConnectionHealth | undefined => {
    let health = direct[String(node.id)]
    for (const child of node.children) {
      const below = visit(child)
      if (below) health = health ? worseHealth(health, below) : below
    }
    if (health) out.set(node.id, health)
    return health
  }
  visit(root)
  return out
}

export interface VisibleItem {
  node: BusinessUnitNode
  level: number
  expanded: boolean
  match: boolean
  posInSet: number
  setSize: number
}

/** The rows to show, in order: opened units' children, or during a search the matches and their ancestors. */
export function visibleItems(root: BusinessUnitNode, index: Indexed, expanded: ReadonlySet<number>, term: string): VisibleItem[] {
  const needle = term.trim().toLowerCase()
  let keep: Set<number> | undefined
  const matches = new Set<number>()
  if (needle) {
    keep = new Set()
    for (const node of index.byId.values()) {
      if (String(node.id) === needle || node.name.toLowerCase().includes(needle)) {
        matches.add(node.id)
        let cur: number | null | undefined = node.id
        while (cur !== null && cur !== undefined && !keep.has(cur)) {
          keep.add(cur)
          cur = index.parent.get(cur)
        }
      }
    }
  }
  const out: VisibleItem[] = []
  const walk = (node: BusinessUnitNode, level: number, pos: number, size: number) => {
    const kids = keep ? node.children.filter((c) => keep.has(c.id)) : node.children
    const open = keep ? kids.length > 0 : expanded.has(node.id)
    out.push({ node, level, expanded: open && node.children.length > 0, match: matches.has(node.id), posInSet: pos, setSize: size })
    if (open) kids.forEach((c, i) => walk(c, level + 1, i + 1, kids.length))
  }
  if (!keep || keep.has(root.id)) walk(root, 1, 1, 1)
  return out
}

const TreeRow = memo(function TreeRow({
  item,
  selected,
  focused,
  idPrefix,
  health,
  onSelect,
  onToggle
}: {
  item: VisibleItem
  health: ConnectionHealth | undefined
  selected: boolean
  focused: boolean
  idPrefix: string
  onSelect: (id: number) => void
  onToggle: (id: number) => void
}): ReactNode {
  const { node, level, expanded } = item
  const hasChildren = node.children.length > 0
  return (
    <li
      id={`${idPrefix}-${node.id}`}
      role="treeitem"
      aria-level={level}
      aria-posinset={item.posInSet}
      aria-setsize={item.setSize}
      aria-selected={selected}
      aria-expanded={hasChildren ? expanded : undefined}
      tabIndex={focused ? 0 : -1}
      className={`tree-item${selected ? ' selected' : ''}${item.match ? ' match' : ''}`}
      style={{ paddingLeft: `${(level - 1) * 1.1 + 0.25}rem` }}
      data-id={node.id}
      // The narrow tree cuts long names short: the pointer reads them whole.
      title={node.name}
      onClick={() => onSelect(node.id)}
    >
      <span
        className="tree-twisty"
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation()
          if (hasChildren) onToggle(node.id)
        }}
      >
        {hasChildren ? (expanded ? '▾' : '▸') : ''}
      </span>
      <span className="tree-label">{node.name}</span>
      <span className="tree-id muted small"> #{node.id}</span>
      {/* After the id, so the row reads "Research #16 Failing". */}
      {health && (
        <>
          {' '}
          <HealthDot health={health} />
        </>
      )}
    </li>
  )
})

export function BusinessUnitTree({
  root,
  expanded,
  selectedId,
  health,
  onSelect,
  onToggle
}: {
  root: BusinessUnitNode
  expanded: readonly number[]
  selectedId: number | undefined
  /** Health per business unit from the last scan (directly held objects); none before a scan. */
  health?: Readonly<Record<string, ConnectionHealth>> | undefined
  onSelect: (id: number) => void
  onToggle: (id: number, open?: boolean) => void
}): ReactNode {
  const idPrefix = useId().replace(/:/g, '')
  const searchId = `${idPrefix}-search`
  const [term, setTerm] = useState('')
  const [focusId, setFocusId] = useState<number | undefined>(undefined)
  const listRef = useRef<HTMLUListElement>(null)
  const index = useMemo(() => indexTree(root), [root])
  const rolled = useMemo(() => (health ? rollUpHealth(root, health) : undefined), [root, health])
  const expandedSet = useMemo(() => new Set(expanded), [expanded])
  const items = useMemo(() => visibleItems(root, index, expandedSet, term), [root, index, expandedSet, term])
  const focused = items.some((i) => i.node.id === focusId) ? focusId : (items.find((i) => i.node.id === selectedId) ?? items[0])?.node.id

  // The selected unit is scrolled into view when the selection changes (also from another screen).
  useEffect(() => {
    if (selectedId !== undefined) document.getElementById(`${idPrefix}-${selectedId}`)?.scrollIntoView?.({ block: 'nearest' })
  }, [selectedId, idPrefix])

  const moveFocus = useCallback(
    (id: number | undefined) => {
      if (id === undefined) return
      setFocusId(id)
      requestAnimationFrame(() => document.getElementById(`${idPrefix}-${id}`)?.focus())
    },
    [idPrefix]
  )

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const at = items.findIndex((i) => i.node.id === focused)
    const item = items[at]
    if (!item) return
    const id = item.node.id
    switch (event.key) {
      case 'ArrowDown':
        moveFocus(items[Math.min(items.length - 1, at + 1)]?.node.id)
        break
      case 'ArrowUp':
        moveFocus(items[Math.max(0, at - 1)]?.node.id)
        break
      case 'Home':
        moveFocus(items[0]?.node.id)
        break
      case 'End':
        moveFocus(items[items.length - 1]?.node.id)
        break
      case 'ArrowRight':
        if (item.node.children.length === 0) return
        if (!item.expanded) onToggle(id, true)
        else moveFocus(items[at + 1]?.node.id)
        break
      case 'ArrowLeft': {
        if (item.expanded && !term) onToggle(id, false)
        else moveFocus(index.parent.get(id) ?? undefined)
        break
      }
      case 'Enter':
      case ' ':
        onSelect(id)
        break
      default:
        return
    }
    event.preventDefault()
  }

  const matches = term.trim() ? items.filter((i) => i.match).length : undefined

  return (
    <div className="bu-tree">
      <label htmlFor={searchId}>Find a business unit</label>
      <input
        id={searchId}
        type="search"
        placeholder="Name or id"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            moveFocus(items[0]?.node.id)
          }
        }}
        aria-describedby={`${idPrefix}-count`}
      />
      <p id={`${idPrefix}-count`} className="muted small" aria-live="polite">
        {matches === undefined ? `${index.byId.size} business units` : `${matches} match${matches === 1 ? '' : 'es'}`}
      </p>
      <ul role="tree" aria-label="Business units" className="tree" ref={listRef} onKeyDown={onKeyDown}>
        {items.map((item) => (
          <TreeRow
            key={item.node.id}
            item={item}
            selected={item.node.id === selectedId}
            focused={item.node.id === focused}
            idPrefix={idPrefix}
            health={rolled?.get(item.node.id)}
            onSelect={onSelect}
            onToggle={onToggle}
          />
        ))}
      </ul>
    </div>
  )
}
