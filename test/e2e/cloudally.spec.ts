import type { Locator } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { cloudAllySourceName } from '../../src/shared/providers/cloudally/words'
import { startSimulator } from '../simulator/helpers'
import { cutCells, expect, expectAccessible, expectTablesReadable, misalignedChoices, test } from './fixtures'
import { createVault } from './vault-steps'
import { addCloudAllyConnection } from './cloudally-steps'

// Partner login → tasks → start a download → watch it complete → the link is shown.
// The simulator runs on a test-controlled clock: the restore job is moved forward by advancing
// it, not by waiting; the app's own polling (1 s → 2 s → … → 15 s backoff) is real.


/** How far below the named table's scroll box `panel` starts, in px. */
function gapUnder(table: string, panel: Locator): Promise<number> {
  return panel.evaluate((el, name) => {
    const box = document.querySelector(`table[aria-label="${name}"]`)?.closest('.table-scroll, .virtual-scroll')
    return box ? el.getBoundingClientRect().top - box.getBoundingClientRect().bottom : Number.NaN
  }, table)
}

let sim: Simulator
let clockMs = Date.now()
test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 5, now: () => clockMs })
})
test.afterAll(async () => {
  await sim.stop()
})

test('CloudAlly partner: tasks, a download followed to its link', async ({ page, app }) => {
  // A task whose last run failed, paused since: the Overview does not count it failed.
  const tasks = sim.cloudally.data.tasks
  const paused = tasks.find((t) => t.status === 'ACTIVE' && t.outcome === 'FAILED')!
  paused.status = 'PAUSED'
  await createVault(page)
  await addCloudAllyConnection(page, sim, 'Demo CloudAlly partner')
  const c = sim.cloudally.credentials

  // Partner overview: the profile and the status by source, failures counted as Fleet health
  // judges them (a paused or archived task's entity is not failing).
  await expect(page.getByTestId('cloudally-partner')).toContainText(sim.cloudally.data.partner.partnerId)
  await expect(page.getByRole('table', { name: 'Backup status by source' })).toBeVisible()
  const failing = tasks.filter((t) => t.source === paused.source && t.status === 'ACTIVE' && t.outcome === 'FAILED').length
  const sourceRow = page.getByRole('table', { name: 'Backup status by source' }).getByRole('row').filter({ has: page.getByRole('cell', { name: cloudAllySourceName(paused.source), exact: true }) })
  await expect(sourceRow.getByRole('cell').nth(2)).toHaveText(String(failing))
  paused.status = 'ACTIVE'
  await expect(page.getByRole('table', { name: 'Backup status by source' })).not.toContainText('MS365_GROUPS')
  await expectAccessible(page, 'cloudally overview')
  await expectTablesReadable(page, 'cloudally overview')
  // At 1280 px the dates are whole: the time of the last backup is what is read.
  await page.setViewportSize({ width: 1280, height: 800 })
  expect(await cutCells(page, 'Backup status by entity', 'Last backup')).toEqual([])
  expect(await cutCells(page, 'Backup status by entity', 'Last attempt')).toEqual([])

  // Tasks, filtered by source.
  await page.getByRole('tab', { name: 'Tasks' }).click()
  const rows = page.getByTestId('cloudally-task-row')
  await expect(rows).toHaveCount(sim.cloudally.data.tasks.length)
  // The filters' row lines up: each select is as tall as the search field beside it.
  const filterBoxes = await Promise.all(
    [page.getByLabel('Type', { exact: true }), page.getByLabel('Source', { exact: true }), page.getByLabel('Status', { exact: true }), page.getByLabel('Search', { exact: true })].map(
      async (control) => (await control.boundingBox())!
    )
  )
  const searchBox = filterBoxes[3]!
  expect(filterBoxes.map((b) => [Math.round(b.y - searchBox.y), Math.round(b.y + b.height - (searchBox.y + searchBox.height))])).toEqual([
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0]
  ])
  // At 1000 px a task's account line too long for its cell ends in an ellipsis, as the task's name
  // does, rather than being cut mid-letter by the next column.
  await page.setViewportSize({ width: 1000, height: 700 })
  const accountLines = await page.getByRole('table', { name: 'CloudAlly tasks' }).evaluate((table) =>
    Array.from(table.querySelectorAll<HTMLElement>('tbody td > div.muted'))
      .filter((line) => line.scrollWidth > line.clientWidth + 1)
      .map((line) => ({ text: line.textContent, ellipsis: getComputedStyle(line).textOverflow === 'ellipsis' && getComputedStyle(line).overflowX !== 'visible' }))
  )
  expect(accountLines.length).toBeGreaterThan(0)
  expect(accountLines.filter((line) => !line.ellipsis)).toEqual([])
  await page.setViewportSize({ width: 1280, height: 800 })
  const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')!
  await page.getByLabel('Source').selectOption(task.source)
  await expect(rows).toHaveCount(sim.cloudally.data.tasks.filter((t) => t.source === task.source).length)
  await expectAccessible(page, 'cloudally tasks')
  await expectTablesReadable(page, 'cloudally tasks')
  // The last backup is whole and left of the action column kept at the right edge.
  expect(await cutCells(page, 'CloudAlly tasks', 'Last backup', { sticky: true })).toEqual([])
  // The action column shows an edge while columns lie under it: scrolled to the start, yes; to
  // the end (nothing under it), or in a window wide enough to need no sideways scroll, no.
  const tasksScroll = page.getByRole('group', { name: /^CloudAlly tasks \(/ })
  const pinnedEdges = () =>
    tasksScroll.evaluate((scroller) =>
      Array.from(scroller.querySelectorAll('.sticky-end'), (cell) => {
        // An edge is a shadow beside the cell's own inset border line.
        const layers = getComputedStyle(cell).boxShadow.split(/,(?![^(]*\))/)
        return layers.some((layer) => !layer.includes('inset'))
      })
    )
  const overflows = () => tasksScroll.evaluate((scroller) => scroller.scrollWidth > scroller.clientWidth)
  expect(await overflows()).toBe(true)
  await expect.poll(async () => [...new Set(await pinnedEdges())]).toEqual([true])
  await tasksScroll.evaluate((scroller) => scroller.scrollTo({ left: scroller.scrollWidth }))
  await expect.poll(async () => [...new Set(await pinnedEdges())]).toEqual([false])
  await tasksScroll.evaluate((scroller) => scroller.scrollTo({ left: 40 }))
  await expect.poll(async () => [...new Set(await pinnedEdges())]).toEqual([true])
  await page.setViewportSize({ width: 2400, height: 800 })
  await expect.poll(overflows).toBe(false)
  await expect.poll(async () => [...new Set(await pinnedEdges())]).toEqual([false])
  await page.setViewportSize({ width: 1280, height: 800 })

  // Resellers and users: sortable tables, a reseller's users under its details.
  await page.getByRole('tab', { name: 'Resellers' }).click()
  const resellers = page.getByRole('table', { name: 'CloudAlly resellers' })
  await expect(resellers.locator('tbody tr').first()).toBeVisible()
  await resellers.getByRole('button', { name: 'Name' }).click()
  await expect(resellers.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending')
  await resellers.getByRole('button', { name: /^Details of / }).first().click()
  await expect(page.getByTestId('reseller-detail')).toBeVisible()
  // The details open under the table, apart from it (they touched its bottom edge).
  expect(await gapUnder('CloudAlly resellers', page.getByTestId('reseller-detail'))).toBeGreaterThanOrEqual(12)
  await expect(page.getByRole('table', { name: 'Users of this reseller' })).toBeVisible()
  await expectTablesReadable(page, 'cloudally resellers')
  await page.getByRole('tab', { name: 'Users' }).click()
  await expect(page.getByRole('table', { name: 'CloudAlly users' }).locator('tbody tr').first()).toBeVisible()
  await expectTablesReadable(page, 'cloudally users')
  expect(await cutCells(page, 'CloudAlly users', 'Since')).toEqual([])

  // Bills: a bill's lines open in a panel of their own.
  await page.getByRole('tab', { name: 'Bills' }).click()
  const bills = page.getByRole('table', { name: 'CloudAlly bills' })
  await expect(bills.locator('tbody tr').first()).toBeVisible()
  expect(await cutCells(page, 'CloudAlly bills', 'Period')).toEqual([])
  await bills.getByRole('button', { name: /^Show the \d+ lines of / }).first().click()
  const lines = page.getByTestId('bill-lines')
  await expect(lines.getByRole('table', { name: /^Lines of / })).toContainText('Google Workspace')
  expect(await gapUnder('CloudAlly bills', lines)).toBeGreaterThanOrEqual(12)
  await expectAccessible(page, 'cloudally bills')
  await expectTablesReadable(page, 'cloudally bills')
  await page.getByRole('tab', { name: 'Tasks' }).click()
  await page.getByLabel('Source').selectOption(task.source)
  await expect(rows).toHaveCount(sim.cloudally.data.tasks.filter((t) => t.source === task.source).length)

  // Start a download of that task, with a summary before sending.
  await page.getByRole('button', { name: `Restore or download ${task.alias}` }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('radio', { name: /Download/ })).toBeChecked()
  // Its radios and the task's entity checkboxes sit as a desktop form's, at 1280 and 1000 px:
  // each control in a column of its own, centred on its text's first line, and a label that
  // wraps (the restore option does, in the dialog's width) hangs under its text.
  await expect(dialog.getByRole('checkbox').first()).toBeVisible()
  const restoreLines = await dialog
    .locator('label', { has: page.getByRole('radio', { name: /^Restore into/ }) })
    .evaluate((label) => {
      const range = document.createRange()
      range.selectNodeContents(label)
      return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size
    })
  expect(restoreLines).toBeGreaterThan(1)
  for (const size of [{ width: 1280, height: 800 }, { width: 1000, height: 700 }]) {
    await page.setViewportSize(size)
    expect(await misalignedChoices(dialog)).toEqual([])
  }
  await page.setViewportSize({ width: 1280, height: 800 })
  await dialog.getByLabel(/Items, folders or paths/).fill('Inbox')
  await dialog.getByRole('button', { name: 'Review…' }).click()
  await expect(dialog.getByTestId('restore-summary')).toContainText(task.alias)
  await expect(dialog.getByTestId('restore-summary')).toContainText('Inbox')
  // The task's line wraps between its name and its id, never inside the id.
  const taskLines = await dialog
    .getByTestId('restore-summary')
    .locator('.fact', { hasText: 'Task' })
    .locator('dd')
    .evaluate((dd, id) => {
      // The lines are told apart by the tops of the text on them.
      const tops = (range: Range) => Array.from(range.getClientRects(), (r) => Math.round(r.top))
      const lines = new Set<number>()
      let idLines = 0
      const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT)
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const range = document.createRange()
        range.selectNodeContents(text)
        for (const top of tops(range)) lines.add(top)
        const at = text.textContent?.indexOf(id) ?? -1
        if (at < 0) continue
        range.setStart(text, at)
        range.setEnd(text, at + id.length)
        idLines = new Set(tops(range)).size
      }
      return { all: lines.size, id: idLines }
    }, task.id)
  expect(taskLines).toEqual({ all: 2, id: 1 })
  const before = sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' })
  await dialog.getByRole('button', { name: 'Start download' }).dblclick()

  const progress = dialog.getByTestId('restore-progress')
  await expect(progress).toBeVisible()
  await expect(progress).toHaveAttribute('data-status', /pending|running/)
  expect(sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' }) - before).toBe(1)

  // A toast leaves after 8 s of the page's own time, which a loaded machine can spend between two
  // steps: the page records every toast as it appears, and the check below reads that record.
  await page.evaluate(() => {
    const shown: Array<{ success: boolean; text: string }> = []
    Object.assign(window, { shownToasts: shown })
    new MutationObserver(() => {
      for (const toast of Array.from(document.querySelectorAll('.toast'))) {
        const seen = { success: toast.classList.contains('toast-success'), text: toast.textContent ?? '' }
        if (!shown.some((s) => s.success === seen.success && s.text === seen.text)) shown.push(seen)
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })

  // Move the simulated job to its end; the app's polling picks it up (it polls at least every
  // 15 s, well inside the expect timeout).
  clockMs += 10 * 60_000
  await expect(progress).toHaveAttribute('data-status', 'completed')
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  const link = progress.getByTestId('download-link')
  await expect(link).toContainText(`${sim.cloudally.url}/v1/restore/`)
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownToasts: Array<{ success: boolean; text: string }> }).shownToasts))
    .toContainEqual({ success: true, text: expect.stringMatching(/Download of .* is ready/) })
  // The page shows where the file is, without the link's token. The web shell's main has no
  // browser to open the real link in: it answers a one-time address of its own, the page opens
  // that in a new tab, and the shell redirects the tab to the link, where the file downloads.
  await expect(link).not.toContainText('token')
  const fetched = () => sim.stats.requests.filter((r) => r.provider === 'cloudally' && /\/v1\/restore\/[^/]+\/download$/.test(r.path))
  const fetchedBefore = fetched().length
  await link.getByRole('button', { name: 'Open download' }).click()
  // The new tab reached CloudAlly's signed link (status 200), through the shell's redirect.
  await expect.poll(() => fetched().slice(fetchedBefore).map((r) => ({ status: r.status, signed: r.url.includes('token=') }))).toEqual([{ status: 200, signed: true }])
  await expect(progress.getByRole('alert')).toHaveCount(0)

  // The request is in the Restores tab too, after leaving the dialog.
  await dialog.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('tab', { name: 'Restores' }).click()
  await expect(page.getByTestId('restore-progress').first()).toHaveAttribute('data-status', 'completed')
  await expect(page.getByTestId('download-link').first()).toBeVisible()
  // The request's card has no blank bands: its lines are spaced by the card's gap alone.
  const blankBands = await page
    .getByTestId('restore-progress')
    .first()
    .evaluate((card) => {
      const gap = parseFloat(getComputedStyle(card).rowGap)
      const box = card.getBoundingClientRect()
      const lines = Array.from(card.children, (line) => line.getBoundingClientRect())
      const bands = [lines[0]!.top - box.top, ...lines.slice(1).map((line, i) => line.top - lines[i]!.bottom - gap), box.bottom - lines.at(-1)!.bottom]
      return bands.filter((band) => band > 1).map(Math.round)
    })
  expect(blankBands).toEqual([])
  expect(sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' }) - before).toBe(1)
  await expectAccessible(page, 'cloudally restores')
  // The restore center lists it across connections, with its history.
  await page.getByRole('button', { name: 'Restore center' }).click()
  await expect(page.getByRole('heading', { name: 'Restore center' })).toBeVisible()
  await expect(page.getByTestId('restore-progress').first()).toHaveAttribute('data-status', 'completed')
  await expectAccessible(page, 'restore center')

  // Nothing main sent to the renderer carried a secret.
  const seen = app.responses.join('\n')
  for (const secret of [c.clientSecret, c.partnerPassword]) expect(seen).not.toContain(secret)
  const job = [...sim.cloudally.data.restores.values()].at(-1)!
  expect(seen).not.toContain(job.downloadToken)
})
