import { act, fireEvent, render, screen } from '@testing-library/react'
import { useRef, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PaneSplitter } from '../../../src/renderer/src/components/PaneSplitter'
import { usePaneWidth, type PaneBounds } from '../../../src/renderer/src/components/pane-width'

const BOUNDS: PaneBounds = { min: 160, max: 480, maxShare: 0.5 }
const KEY = 'backdesk.paneWidths.test.tree'

/** A pane and its splitter, as a console lays them out: the pane's width is the user's, else 180 px. */
function Panes(): ReactNode {
  const pane = useRef<HTMLElement>(null)
  const [width, setWidth] = usePaneWidth('test.tree')
  return (
    <div data-testid="container">
      <aside ref={pane} data-width={width ?? 180}>
        tree
      </aside>
      <PaneSplitter label="Resize the tree" pane={pane} bounds={BOUNDS} width={width} onWidthChange={setWidth} />
    </div>
  )
}

// happy-dom does no layout: the pane is as wide as it says, in a container as wide as the test sets.
let containerWidth = 1000
beforeEach(() => {
  containerWidth = 1000
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const width = this.dataset.testid === 'container' ? containerWidth : Number(this.dataset.width ?? 0)
    return new DOMRect(0, 0, width, 100)
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
})

const splitter = () => screen.getByRole('separator', { name: 'Resize the tree' })
const now = () => Number(splitter().getAttribute('aria-valuenow'))
const stored = () => localStorage.getItem(KEY)
const key = (k: string, shiftKey = false) => act(() => fireEvent.keyDown(splitter(), { key: k, shiftKey }))

describe('PaneSplitter', () => {
  it('says the default width on screen and its bounds, and keeps nothing until moved', () => {
    render(<Panes />)
    expect(splitter().getAttribute('aria-orientation')).toBe('vertical')
    expect(splitter().tabIndex).toBe(0)
    expect(now()).toBe(180)
    expect(splitter().getAttribute('aria-valuemin')).toBe('160')
    expect(splitter().getAttribute('aria-valuemax')).toBe('480')
    expect(stored()).toBeNull()
  })

  it('steps with Left and Right, goes to the bounds with Home and End, and clamps there', () => {
    render(<Panes />)
    key('ArrowRight')
    expect(now()).toBe(196)
    key('ArrowRight', true)
    expect(now()).toBe(260)
    key('ArrowLeft')
    expect(now()).toBe(244)
    key('End')
    expect(now()).toBe(480)
    key('ArrowRight')
    expect(now()).toBe(480)
    key('Home')
    expect(now()).toBe(160)
    key('ArrowLeft')
    expect(now()).toBe(160)
  })

  it('never takes more than its share of a narrow container, even for a width kept from a wider one', () => {
    localStorage.setItem(KEY, '450')
    containerWidth = 600
    render(<Panes />)
    expect(now()).toBe(300)
    expect(splitter().getAttribute('aria-valuemax')).toBe('300')
    key('ArrowRight')
    expect(now()).toBe(300)
    key('Home')
    key('End')
    expect(now()).toBe(300)
  })

  it('keeps a width set with the keyboard for the next time, and Enter or Escape puts the default back for good', () => {
    const { unmount } = render(<Panes />)
    key('ArrowRight')
    key('ArrowRight')
    expect(stored()).toBe('212')
    unmount()

    render(<Panes />)
    expect(now()).toBe(212)
    key('Enter')
    expect(now()).toBe(180)
    expect(stored()).toBeNull()
    key('ArrowRight')
    expect(stored()).toBe('196')
    key('Escape')
    expect(stored()).toBeNull()
  })

  it('follows a drag, keeps the width when the drag ends, and a double-click resets it', () => {
    const { unmount } = render(<Panes />)
    act(() => fireEvent.pointerDown(splitter(), { button: 0, clientX: 300, pointerId: 1 }))
    act(() => fireEvent.pointerMove(splitter(), { clientX: 340, pointerId: 1 }))
    expect(now()).toBe(220)
    // Every move shows; only the drag's end is kept.
    expect(stored()).toBeNull()
    act(() => fireEvent.pointerMove(splitter(), { clientX: 2000, pointerId: 1 }))
    expect(now()).toBe(480)
    act(() => fireEvent.pointerMove(splitter(), { clientX: 400, pointerId: 1 }))
    act(() => fireEvent.pointerUp(splitter(), { clientX: 400, pointerId: 1 }))
    expect(now()).toBe(280)
    expect(stored()).toBe('280')
    // A move after the drag ended changes nothing.
    act(() => fireEvent.pointerMove(splitter(), { clientX: 500, pointerId: 1 }))
    expect(now()).toBe(280)
    unmount()

    render(<Panes />)
    expect(now()).toBe(280)
    act(() => fireEvent.doubleClick(splitter()))
    expect(now()).toBe(180)
    expect(stored()).toBeNull()
    // A click without a move keeps nothing: the default stays the stylesheet's.
    act(() => fireEvent.pointerDown(splitter(), { button: 0, clientX: 300, pointerId: 1 }))
    act(() => fireEvent.pointerUp(splitter(), { clientX: 300, pointerId: 1 }))
    expect(stored()).toBeNull()
  })

  it.each(['"wide"', '-5', '1e9', '{', '[200]'])('ignores a stored width that is not a sane number (%s)', (value) => {
    localStorage.setItem(KEY, value)
    render(<Panes />)
    expect(now()).toBe(180)
  })
})
