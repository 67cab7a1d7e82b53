/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { type LogRecord } from '../../src/main/core/log/logger'
import { memorySink } from '../support/memory-sink'
import { startWebShell, type WebShell } from '../../src/main/web/web-shell'

export interface ShellFixture {
  shell: WebShell
  dataDir: string
  logs: LogRecord[]
  /** Every IPC answer the renderer received from main, for leak scans (events: read /events). */
  responses: string[]
}

/** Runs axe on the current screen; serious or critical violations fail the test. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    blocking.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility violations on ${screen}`
  ).toEqual([])
  // A placeholder is the example of what goes in: cut, it reads as a different example.
  expect(await cutPlaceholders(page), `placeholders cut on ${screen}`).toEqual([])
}

/**
 * At 1280×800, every table cell in view either shows all of its content or has its full text as a
 * title once the pointer comes over it, and each table's sticky action column lies inside the
 * table's visible box. Waits for the condition (the rows are drawn after the data arrives), so a
 * slow machine is only slower.
 */
export async function expectTablesReadable(page: Page, screen: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const problems: string[] = []
          const inView = (r: DOMRect, box: DOMRect) => r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right
          for (const table of Array.from(document.querySelectorAll('table.data'))) {
            const name = table.getAttribute('aria-label') ?? 'table'
            const scroller = table.closest('.virtual-scroll, .table-scroll') ?? table
            const box = scroller.getBoundingClientRect()
            const viewport = new DOMRect(0, 0, window.innerWidth, window.innerHeight)
            if (!inView(box, viewport)) continue
            for (const th of Array.from(table.querySelectorAll('thead th')) as HTMLElement[]) {
              const r = th.getBoundingClientRect()
              if (r.width === 0 || !inView(r, box) || !inView(r, viewport)) continue
              // A sort button is one box to its cell: cut by the cell, it ends mid-letter, not in an ellipsis.
              const label = th.querySelector('.th-label')
              if (th.querySelector('.th-sort') && th.scrollWidth > th.clientWidth + 1) problems.push(`${name}: the header "${th.textContent ?? ''}" is cut off mid-letter`)
              const target = label ?? th
              if (target.scrollWidth > target.clientWidth + 1) {
                th.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }))
                if (!th.title) problems.push(`${name}: the header "${th.textContent ?? ''}" is cut off without a tooltip`)
              }
            }
            for (const td of Array.from(table.querySelectorAll('tbody td')) as HTMLElement[]) {
              const r = td.getBoundingClientRect()
              if (r.width === 0 || !inView(r, box) || !inView(r, viewport)) continue
              const inner = td.childElementCount === 1 ? td.firstElementChild : null
              const clips = (el: Element) => el.scrollWidth > el.clientWidth + 1
              const cut = clips(td) || (inner !== null && (clips(inner) || Array.from(inner.children).some(clips)))
              // The pointer comes over the cell (a table sets the title of a cut-off cell then).
              if (cut) td.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }))
              if (cut && !td.title) problems.push(`${name}: "${td.textContent ?? ''}" is cut off without a tooltip`)
              if (td.classList.contains('sticky-end') && (r.right > box.right + 1 || r.left < box.left - 1)) problems.push(`${name}: the action column is outside the table's view`)
            }
          }
          return problems.slice(0, 10)
        }),
      { message: `cut-off table cells on ${screen}` }
    )
    .toEqual([])
}

/**
 * How many px a text box's placeholder runs past the room its text has (≤ 0: it shows whole).
 * Measured as the browser lays the placeholder out, as if it were the value: a search box keeps
 * room for its clear button even when empty.
 */
export async function placeholderOverflow(input: Locator): Promise<number> {
  return input.evaluate((el: HTMLInputElement) => {
    const before = el.value
    el.value = el.placeholder
    const over = el.scrollWidth - el.clientWidth
    el.value = before
    return over
  })
}

/** The placeholders of the text boxes in view that do not show whole. */
export async function cutPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (Array.from(document.querySelectorAll('input[placeholder], textarea[placeholder]')) as Array<HTMLInputElement | HTMLTextAreaElement>)
      .filter((el) => el.getClientRects().length > 0 && el.placeholder && !el.value)
      .filter((el) => {
        const before = el.value
        el.value = el.placeholder
        const over = el instanceof HTMLTextAreaElement ? el.scrollHeight - el.clientHeight : el.scrollWidth - el.clientWidth
        el.value = before
        return over > 0
      })
      .map((el) => el.placeholder)
  )
}

/** How far the first heading of a panel (the section titled `name`) sits below the panel's border box. */
export async function headingInset(page: Page, name: string): Promise<number> {
  const panel = page.getByRole('region', { name })
  return panel.evaluate((el) => el.querySelector('h2, h3')!.getBoundingClientRect().top - el.getBoundingClientRect().top)
}

/** The headers of a table whose names do not show whole (cut, even with an ellipsis). */
export async function cutHeaders(page: Page, table: string): Promise<string[]> {
  return page.evaluate((name) => {
    const t = document.querySelector(`table[aria-label="${name}"]`)
    if (!t) return ['no table']
    return (Array.from(t.querySelectorAll('thead th')) as HTMLElement[])
      .filter((th) => {
        // The text's laid-out width against the room its box gives it: a clipped box reports no
        // overflow in scrollWidth, and an ellipsis is painted over text laid out whole.
        const label = th.querySelector('.th-label') ?? th
        const style = getComputedStyle(label)
        const room = label.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        const width = Array.from(label.childNodes)
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .reduce((sum, node) => {
            const text = document.createRange()
            text.selectNodeContents(node)
            return sum + text.getBoundingClientRect().width
          }, 0)
        return width > room + 1
      })
      .map((th) => th.textContent ?? '')
  }, table)
}

/**
 * The cells of a table's column that show less than their text (by the column's header): wider
 * than the cell, or, with `sticky`, partly under a sticky column of their row (an action column
 * kept at the right edge).
 */
export async function cutCells(page: Page, table: string, header: string, options: { sticky?: boolean } = {}): Promise<string[]> {
  return page.evaluate(
    ([name, head, sticky]) => {
      const t = document.querySelector(`table[aria-label="${name}"]`)
      if (!t) return ['no table']
      const at = Array.from(t.querySelectorAll('thead th')).findIndex((th) => th.textContent?.trim() === head)
      if (at < 0) return ['no column']
      const under = (td: HTMLElement): boolean => {
        if (!sticky) return false
        const own = td.getBoundingClientRect()
        return Array.from((td.parentElement as HTMLTableRowElement).cells).some((cell) => {
          if (cell === td || getComputedStyle(cell).position !== 'sticky') return false
          const r = cell.getBoundingClientRect()
          return r.left < own.right - 1 && r.right > own.left + 1
        })
      }
      return (Array.from(t.querySelectorAll('tbody tr')) as HTMLTableRowElement[])
        .map((tr) => tr.cells[at] as HTMLElement | undefined)
        .filter(
          (td): td is HTMLElement =>
            !!td && (td.scrollWidth > td.clientWidth + 1 || Array.from(td.children).some((c) => c.getBoundingClientRect().right > td.getBoundingClientRect().right + 1) || under(td))
        )
        .map((td) => td.textContent ?? '')
    },
    [table, header, options.sticky ?? false] as const
  )
}

/**
 * The checkboxes and radios inside `within` that do not sit as a desktop form's do: each label's
 * text starts right of its control on every line (a wrapped line hangs under the text, not under
 * the control), and the control's middle is within 1 px of the middle of the text's first line.
 * Each problem names the label's text.
 */
export async function misalignedChoices(within: Locator): Promise<string[]> {
  return within.evaluate((root) => {
    const problems: string[] = []
    for (const input of Array.from(root.querySelectorAll('label > input[type="checkbox"], label > input[type="radio"]'))) {
      const label = input.parentElement as HTMLLabelElement
      const name = label.textContent?.trim() ?? ''
      const range = document.createRange()
      range.setStartAfter(input)
      range.setEndAfter(label.lastChild as Node)
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0)
      if (rects.length === 0) continue
      const control = input.getBoundingClientRect()
      // One line's pieces share a top; the line starts at its leftmost piece.
      const lineStarts = new Map<number, number>()
      for (const r of rects) lineStarts.set(Math.round(r.top), Math.min(lineStarts.get(Math.round(r.top)) ?? Infinity, r.left))
      const starts = [...lineStarts.values()]
      if (starts.some((x) => x < control.right)) problems.push(`${name}: a line of the text starts left of the control's right edge`)
      if (Math.max(...starts) - Math.min(...starts) > 1) problems.push(`${name}: its lines start at different x (${starts.map(Math.round).join(', ')})`)
      const firstTop = Math.min(...rects.map((r) => r.top))
      const first = rects.filter((r) => Math.abs(r.top - firstTop) < 1)
      const firstMiddle = (Math.min(...first.map((r) => r.top)) + Math.max(...first.map((r) => r.bottom))) / 2
      const controlMiddle = (control.top + control.bottom) / 2
      if (Math.abs(controlMiddle - firstMiddle) > 1) problems.push(`${name}: the control's middle is ${Math.round(controlMiddle - firstMiddle)} px from its first line's`)
    }
    return problems
  })
}

/** The console's space between sections (`--space-section` in styles.css), in CSS pixels. */
export async function sectionSpace(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = document.createElement('div')
    probe.style.marginTop = 'var(--space-section)'
    document.body.append(probe)
    const px = parseFloat(getComputedStyle(probe).marginTop)
    probe.remove()
    return px
  })
}

/**
 * How far `below` begins under the end of `above`, in CSS pixels (negative when they overlap). A
 * table is measured by its bordered scroll box, the edge the eye sees.
 */
export async function spaceBetween(above: Locator, below: Locator): Promise<number> {
  const bottom = await above.evaluate((el) => (el.closest('.virtual-scroll, .table-scroll') ?? el).getBoundingClientRect().bottom)
  const top = await below.evaluate((el) => el.getBoundingClientRect().top)
  return top - bottom
}

export const test = base.extend<{ app: ShellFixture }>({
  // A fresh web shell with its own data folder for every test, on the real renderer build.
  app: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-e2e-'))
    const sink = memorySink(10_000)
    const shell = await startWebShell({ dataDir, rendererDir: resolve('out/renderer'), logSinks: [sink] })
    const responses: string[] = []
    page.on('response', async (response) => {
      if (!response.url().includes('/ipc/')) return
      try {
        responses.push(await response.text())
      } catch {
        // The page navigated away before the body was read.
      }
    })
    page.on('pageerror', (error) => {
      throw error
    })
    await page.goto(shell.url)
    await use({ shell, dataDir, logs: sink.records, responses })
    await shell.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

export { expect }
