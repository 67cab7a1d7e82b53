import { act,  fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import type { BusinessUnitNode } from '../../../../src/shared/providers/cloutility/model'
import { BusinessUnitTree, rollUpHealth } from '../../../../src/renderer/src/providers/cloutility/BusinessUnitTree'

const node = (id: number, name: string, parentId: number | null, children: BusinessUnitNode[] = []): BusinessUnitNode => ({ id, name, parentId, tags: [], children })
const root = node(2, 'Provider', null, [node(10, 'Reseller A', 2, [node(20, 'Acme AB', 10), node(21, 'Beta Oy', 10)]), node(11, 'Reseller B', 2, [node(30, 'Gamma AS', 11)])])

function Harness({ onSelect }: { onSelect: (id: number) => void }) {
  const [expanded, setExpanded] = useState<number[]>([2])
  const [selected, setSelected] = useState<number | undefined>(2)
  return (
    <BusinessUnitTree
      root={root}
      expanded={expanded}
      selectedId={selected}
      onSelect={(id) => {
        setSelected(id)
        onSelect(id)
      }}
      onToggle={(id, open) => setExpanded((cur) => ((open ?? !cur.includes(id)) ? [...new Set([...cur, id])] : cur.filter((x) => x !== id)))}
    />
  )
}

const names = () => screen.getAllByRole('treeitem').map((li) => li.querySelector('.tree-label')?.textContent)
const flush = () => new Promise((r) => requestAnimationFrame(() => r(undefined)))

describe('BusinessUnitTree', () => {
  it('shows only opened units, with tree semantics', () => {
    render(<Harness onSelect={() => undefined} />)
    expect(screen.getByRole('tree', { name: 'Business units' })).toBeTruthy()
    expect(names()).toEqual(['Provider', 'Reseller A', 'Reseller B'])
    const items = screen.getAllByRole('treeitem')
    expect(items[0]?.getAttribute('aria-level')).toBe('1')
    expect(items[0]?.getAttribute('aria-expanded')).toBe('true')
    expect(items[1]?.getAttribute('aria-level')).toBe('2')
    expect(items[1]?.getAttribute('aria-expanded')).toBe('false')
    expect(items.filter((i) => i.tabIndex === 0)).toHaveLength(1)
  })

  it('gives every row its unit’s full name as a title, for names the narrow tree cuts short', () => {
    render(<Harness onSelect={() => undefined} />)
    expect(screen.getAllByRole('treeitem').map((li) => li.title)).toEqual(['Provider', 'Reseller A', 'Reseller B'])
  })

  it('moves with the arrow keys, opens with →, selects with Enter', async () => {
    const selected: number[] = []
    render(<Harness onSelect={(id) => selected.push(id)} />)
    const tree = screen.getByRole('tree')
    act(() => fireEvent.keyDown(tree, { key: 'ArrowDown' }))
    await act(flush)
    expect(document.activeElement?.textContent).toContain('Reseller A')
    act(() => fireEvent.keyDown(tree, { key: 'ArrowRight' }))
    expect(names()).toEqual(['Provider', 'Reseller A', 'Acme AB', 'Beta Oy', 'Reseller B'])
    act(() => fireEvent.keyDown(tree, { key: 'ArrowRight' }))
    await act(flush)
    expect(document.activeElement?.textContent).toContain('Acme AB')
    act(() => fireEvent.keyDown(tree, { key: 'Enter' }))
    expect(selected).toEqual([20])
    act(() => fireEvent.keyDown(tree, { key: 'ArrowLeft' }))
    await act(flush)
    expect(document.activeElement?.textContent).toContain('Reseller A')
    act(() => fireEvent.keyDown(tree, { key: 'ArrowLeft' }))
    expect(names()).toEqual(['Provider', 'Reseller A', 'Reseller B'])
    act(() => fireEvent.keyDown(tree, { key: 'End' }))
    await act(flush)
    expect(document.activeElement?.textContent).toContain('Reseller B')
  })

  it('finds units by name or id and shows the units above them', () => {
    render(<Harness onSelect={() => undefined} />)
    const search = screen.getByLabelText('Find a business unit')
    act(() => fireEvent.change(search, { target: { value: 'gamma' } }))
    expect(names()).toEqual(['Provider', 'Reseller B', 'Gamma AS'])
    expect(screen.getByText('1 match')).toBeTruthy()
    act(() => fireEvent.change(search, { target: { value: '21' } }))
    expect(names()).toEqual(['Provider', 'Reseller A', 'Beta Oy'])
    act(() => fireEvent.change(search, { target: { value: 'nothing like this' } }))
    expect(screen.queryAllByRole('treeitem')).toHaveLength(0)
  })
})

describe('business-unit health dots', () => {
  // The scan knows the unit directly holding each object: a unit shows the worst of itself and
  // everything below it, and a unit with nothing scanned below shows none.
  it('rolls the worst health up the tree and leaves units without scanned objects out', () => {
    const rolled = rollUpHealth(root, { '20': 'ok', '21': 'warnings', '11': 'ok' })
    expect(Object.fromEntries(rolled)).toEqual({ 2: 'warnings', 10: 'warnings', 11: 'ok', 20: 'ok', 21: 'warnings' })
    expect(rolled.has(30)).toBe(false)
    expect(rollUpHealth(root, {}).size).toBe(0)
  })

  it('shows each unit its dot in words once health is given', () => {
    render(<BusinessUnitTree root={root} expanded={[2, 10, 11]} selectedId={2} health={{ '20': 'failing', '30': 'ok' }} onSelect={() => undefined} onToggle={() => undefined} />)
    const item = (name: string) => screen.getAllByRole('treeitem').find((li) => li.querySelector('.tree-label')?.textContent === name) as HTMLElement
    expect(item('Provider').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Failing')
    expect(item('Reseller B').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('OK')
    expect(item('Beta Oy').querySelector('[role="img"]')).toBeNull()
  })
})
