/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { join, resolve } from 'node:path'
import { REVIEW_FILE } from '../../src/main/core/fleet/review-store'
import { FLEET_STATUS_LABEL } from '../../src/shared/model/fleet'
import { startWebShell } from '../../src/main/web/web-shell'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { expect, expectAccessible, expectTablesReadable, placeholderOverflow, test } from './fixtures'
import { addConnection, createVault, PASSPHRASE } from './vault-steps'

// Fleet health: with the simulator's seeded failing and missed nodes (and failed CloudAlly tasks),
// a scan lists failures first; a review (acknowledge + note) moves the item down and persists
// across a reload and an app restart.

let sim: Simulator
test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'small', seed: 4 })
})
test.afterAll(async () => {
  await sim.stop()
})

const FAILURE = /^(Failed|Missed|Cannot check)$/

/**
 * At 1280 px, the columns of a fixed set of words hold their longest word whole: each status's
 * badge and each provider's name, set in a cell of its column as the table draws it, fit inside
 * the cell's padding. Returns what does not fit.
 */
function fixedWordsCut(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Fleet health' }).evaluate(
    (t, words) => {
      const row = t.querySelector('tbody tr:not(.spacer-row)')
      if (!row) return ['no row']
      const [status, , provider] = Array.from(row.querySelectorAll('td'))
      const cut: string[] = []
      const fits = (cell: HTMLElement, make: (text: string) => HTMLElement, text: string) => {
        const style = getComputedStyle(cell)
        const room = cell.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        const probe = make(text)
        // Set in the cell, it takes the cell's font, or its own class's (a badge's).
        Object.assign(probe.style, { position: 'absolute', width: 'max-content', whiteSpace: 'nowrap' })
        cell.appendChild(probe)
        if (probe.getBoundingClientRect().width > room + 0.5) cut.push(text)
        probe.remove()
      }
      const badge = status!.querySelector('.badge')!
      for (const text of words.statuses) fits(status!, () => Object.assign(badge.cloneNode() as HTMLElement, { textContent: text }), text)
      for (const text of words.providers) fits(provider!, () => Object.assign(document.createElement('span'), { textContent: text }), text)
      return cut
    },
    { statuses: Object.values(FLEET_STATUS_LABEL), providers: ['Cloutility', 'CloudAlly', 'Cloudback'] }
  )
}

/**
 * What of a column reaches past its cell (a long failure's words running to the window's edge, an
 * object's link cut mid-letter by its cell): each part of the content, as drawn, must end inside
 * its cell, and a part cut short must end in an ellipsis. Returns the parts that do not, and how
 * many were long enough to be cut at all.
 */
function pastTheirCells(page: Page, header: string): Promise<{ past: string[]; cut: number }> {
  return page.getByRole('table', { name: 'Fleet health' }).evaluate((t, head) => {
    const index = Array.from(t.querySelectorAll('thead th')).findIndex((th) => th.textContent?.trim().startsWith(head))
    const past: string[] = []
    let cut = 0
    for (const row of Array.from(t.querySelectorAll('tbody tr:not(.spacer-row)'))) {
      const cell = row.querySelectorAll('td')[index]
      if (!cell) continue
      const box = cell.getBoundingClientRect()
      for (const inner of Array.from(cell.querySelectorAll('*'))) {
        if (inner.getBoundingClientRect().right > box.right + 1) past.push(inner.textContent ?? '')
        if (inner.scrollWidth > inner.clientWidth + 1) {
          cut++
          if (getComputedStyle(inner).textOverflow !== 'ellipsis') past.push(`${inner.textContent ?? ''} (cut without an ellipsis)`)
        }
      }
    }
    return { past, cut }
  }, header)
}

/**
 * At 1280 and 1400 px, every review state's badge in the Fleet health table is whole (not cut by
 * its cell nor ellipsised), its cell ends before the pinned action column, and each action cell
 * shows its buttons whole.
 */
async function expectReviewColumnReadable(page: Page): Promise<void> {
  const table = page.getByRole('table', { name: 'Fleet health' })
  for (const width of [1280, 1400]) {
    await page.setViewportSize({ width, height: 800 })
    await expect
      .poll(
        () =>
          table.evaluate((t) => {
            const problems: string[] = []
            const scroller = (t.closest('.virtual-scroll, .table-scroll') ?? t).getBoundingClientRect()
            const badges = Array.from(t.querySelectorAll('.fleet-review-state')) as HTMLElement[]
            if (badges.length === 0) problems.push('no review state shown')
            for (const badge of badges) {
              const cell = badge.closest('td')!
              const actions = cell.parentElement!.lastElementChild as HTMLElement
              const own = badge.getBoundingClientRect()
              const box = cell.getBoundingClientRect()
              const text = badge.textContent ?? ''
              if (badge.scrollWidth > badge.clientWidth + 1) problems.push(`${text}: text wider than its badge`)
              // The badge's box clips what does not fit, inside the cell's padding.
              const clip = badge.parentElement!.getBoundingClientRect()
              if (own.right > clip.right + 1 || own.right > box.right + 1) problems.push(`${text}: cut off by its cell`)
              if (actions === cell || box.right > actions.getBoundingClientRect().left + 1) problems.push(`${text}: under the action column`)
              if (box.right > scroller.right + 1) problems.push(`${text}: out of view`)
              const actionsBox = actions.getBoundingClientRect()
              for (const button of Array.from(actions.querySelectorAll('button'))) {
                if (button.getBoundingClientRect().right > actionsBox.right + 1) problems.push(`${button.textContent ?? ''} button cut off by its cell`)
              }
            }
            return [...new Set(problems)]
          }),
        { message: `the review column at ${width} px` }
      )
      .toEqual([])
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

test('Fleet health: failures first, drill-in, a review that survives reload and restart', async ({ page, app }) => {
  // The seed has failing units; make sure of it by looking.
  const failing = [...sim.cloutility.data.consumers.values()].filter((c) => c.profile === 'failing' || c.profile === 'missed')
  expect(failing.length).toBeGreaterThan(0)

  await createVault(page)
  const c = sim.cloutility.credentials
  await addConnection(page, { provider: 'cloutility', name: 'Fleet Cloutility', customer: 'Acme', baseUrl: sim.cloutility.url, clientId: c.clientId, origin: c.origin, username: c.username, password: c.password })
  const a = sim.cloudally.credentials
  await addConnection(page, { provider: 'cloudally', name: 'Fleet CloudAlly', customer: 'Globex', baseUrl: sim.cloudally.url, clientId: a.clientId, clientSecret: a.clientSecret, email: a.partnerEmail, password: a.partnerPassword })

  await page.getByRole('button', { name: 'Fleet health' }).click()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()
  const reportsBefore = sim.stats.count({ provider: 'cloutility', path: /\/reports\/latest$/ })
  await page.getByRole('button', { name: 'Scan now' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 2 of 2 connections' })).toBeVisible()
  // One business-unit report for the whole Cloutility subtree, not one call per node.
  expect(sim.stats.count({ provider: 'cloutility', path: /\/reports\/latest$/ }) - reportsBefore).toBe(1)

  const table = page.getByRole('table', { name: 'Fleet health' })
  const bodyRows = table.locator('tbody tr:not(.spacer-row)')
  await expect(bodyRows.first()).toBeVisible()
  const firstStatus = (await bodyRows.first().locator('td').first().innerText()).trim()
  expect(firstStatus).toMatch(FAILURE)
  // Failures come before every OK row in view.
  const statuses = (await bodyRows.locator('td:first-child').allInnerTexts()).map((s) => s.trim())
  const lastFailure = statuses.map((s) => FAILURE.test(s)).lastIndexOf(true)
  const firstOk = statuses.indexOf('OK')
  if (firstOk >= 0) expect(lastFailure).toBeLessThan(firstOk)
  expect(statuses.filter((s) => FAILURE.test(s)).length).toBeGreaterThan(1)
  // Every status and provider name reads whole at 1280 px; only names and details may give way.
  expect(await fixedWordsCut(page)).toEqual([])
  // A detail too long for its cell ends in an ellipsis inside it (the seeded failures have some),
  // and so does an object's name (its link) and context.
  for (const column of ['Detail', 'Object']) {
    const parts = await pastTheirCells(page, column)
    expect(parts.past, column).toEqual([])
    expect(parts.cut, column).toBeGreaterThan(0)
  }

  await page.mouse.move(0, 0)
  await expectAccessible(page, 'fleet health')
  await expectTablesReadable(page, 'fleet health')

  // Filters: CloudAlly only, failures only.
  await page.getByLabel('Provider').selectOption('cloudally')
  await page.getByLabel('Status').selectOption('failed')
  await expect(bodyRows.first()).toContainText('CloudAlly')
  await expect(bodyRows.first().locator('td').first()).toHaveText('Failed')
  await page.getByLabel('Provider').selectOption('all')
  await page.getByLabel('Status').selectOption('all')

  // Review the first item: acknowledged, with a note. It moves below the open items.
  const first = bodyRows.first()
  const objectName = (await first.locator('td').nth(5).getByRole('button').innerText()).trim()
  await first.getByRole('button', { name: `Review ${objectName}` }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: 'Acknowledged' }).check()
  await dialog.getByLabel('Note').fill('Known: server being replaced')
  await expectAccessible(page, 'fleet review dialog')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  // The dialog closes and the row moves: a toast says what was recorded.
  await expect(page.locator('.toasts')).toContainText(`Acknowledged ${objectName}.`)
  await expect(bodyRows.first().locator('td').nth(5)).not.toContainText(objectName)
  // Saved, sealed under the vault: the note is not readable in the file.
  const stored = readFileSync(join(app.dataDir, REVIEW_FILE), 'utf8')
  expect(stored).toContain('backdesk-sealed-json')
  expect(stored).not.toContain('Known: server being replaced')

  // Without acknowledged items, it is gone from the list.
  await page.getByLabel('Include acknowledged and snoozed').uncheck()
  // The filter shows all the words it offers before any is typed.
  expect(await placeholderOverflow(page.getByLabel('Filter', { exact: true }))).toBeLessThanOrEqual(0)
  await page.getByLabel('Filter', { exact: true }).fill(objectName)
  await expect(table).toContainText('No item matches the filters.')
  await page.getByLabel('Include acknowledged and snoozed').check()
  await expect(bodyRows.first()).toContainText('Acknowledged')
  await expect(bodyRows.first()).toContainText('Known: server being replaced')

  // Snooze another item: at 1280 px both review states read whole in the Review column, left of
  // the pinned actions, whose cell holds its buttons.
  await page.getByLabel('Filter', { exact: true }).fill('')
  await expect(page.getByTestId('fleet-shown')).toHaveText(/^(\d+) of \1$/)
  // An item without a review, clicked by its name: a row's place is not kept while the list
  // settles (reading the first row, then clicking in the first row, once met two different rows).
  const unreviewed = bodyRows.filter({ hasNot: page.locator('.fleet-review-state') }).first()
  const snoozedName = (await unreviewed.locator('td').nth(5).getByRole('button').innerText()).trim()
  await table.getByRole('button', { name: `Review ${snoozedName}`, exact: true }).first().click()
  await dialog.getByRole('radio', { name: 'Snoozed until a date' }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await page.getByLabel('Whose').selectOption('mine')
  await expect(page.getByTestId('fleet-shown')).toHaveText(/^2 of /)
  await expect(table.locator('.fleet-review-state')).toHaveText(['Acknowledged', /^Snoozed to \S/])
  await expectReviewColumnReadable(page)
  await page.getByLabel('Whose').selectOption('everyone')

  // Reload: the scan and the review are still there.
  await page.reload()
  await page.getByRole('button', { name: 'Fleet health' }).click()
  await page.getByLabel('Filter', { exact: true }).fill(objectName)
  await expect(bodyRows.first()).toContainText('Acknowledged')
  await expect(bodyRows.first()).toContainText('Known: server being replaced')

  // Drill in: a consumption unit opens the Cloutility console on that unit.
  await page.getByLabel('Filter', { exact: true }).fill('')
  await page.getByLabel('Provider').selectOption('cloutility')
  const cuName = (await bodyRows.first().locator('td').nth(5).getByRole('button').innerText()).trim()
  await bodyRows.first().getByRole('button', { name: cuName, exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Fleet Cloutility', exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: new RegExp(cuName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toBeVisible()
  // Its summary is as complete as from its business unit's table, which was never loaded here.
  const drilled = [...sim.cloutility.data.consumers.values()].find((x) => x.name === cuName)
  const summary = page.getByTestId('unit-summary')
  await expect(summary.locator('.fact').filter({ hasText: 'Node name' }).locator('dd')).toHaveText(drilled?.node?.tsmName ?? '?')
  await expect(summary.locator('.fact').filter({ hasText: 'Storage' }).locator('dd')).not.toHaveText('—')
  await expect(summary.locator('.fact').filter({ hasText: 'Last backup' }).locator('dd')).not.toHaveText('—')
  await expect(page.getByRole('region', { name: cuName }).locator('h2 + .badge')).toBeVisible()
  // The tree is opened down to the unit's business unit, which is selected and in view.
  const drilledBu = sim.cloutility.data.businessUnits.get(drilled?.buId ?? 0)
  await expect(page.getByRole('treeitem', { name: new RegExp(`^${drilledBu?.name ?? '?'} #${drilledBu?.id ?? 0}( (OK|Warnings|Failing|Offline|Not checked))?$`), selected: true })).toBeInViewport()

  // Restart the app on the same data folder: the review is still there after a new scan.
  await app.shell.close()
  const restarted = await startWebShell({ dataDir: app.dataDir, rendererDir: resolve('out/renderer') })
  try {
    await page.goto(restarted.url)
    await page.getByLabel('Master passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByRole('button', { name: 'Fleet health' }).click()
    // The schedule's launch scan runs at unlock (the default); wait for it, then scan again.
    await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 2 of 2 connections' })).toBeVisible()
    await page.getByRole('button', { name: 'Scan again' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 2 of 2 connections' })).toBeVisible()
    await expect(bodyRows.first().locator('td').nth(5)).not.toContainText(objectName)
    await page.getByLabel('Filter', { exact: true }).fill(objectName)
    await expect(bodyRows.first()).toContainText('Acknowledged')
    await expect(bodyRows.first()).toContainText('Known: server being replaced')

    // A scan of one customer says that it is one, and scans every connection again from there.
    await page.getByLabel('Filter', { exact: true }).fill('')
    await page.getByLabel('Scan', { exact: true }).selectOption('Globex')
    await page.getByRole('button', { name: 'Scan again' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 1 of 1 connections' })).toBeVisible()
    // Acme's items stay listed as the scan before found them, each saying so; Globex's are this scan's.
    await expect(page.getByTestId('fleet-scope')).toContainText('A scan of Globex only. The other connections are listed as their last scan found them:')
    await page.getByLabel('Customer', { exact: true }).selectOption('Acme')
    await expect(bodyRows.first().locator('td').nth(3)).toHaveText('Acme')
    await expect(bodyRows.first().locator('td').first()).toHaveAttribute('title', /: as the scan of .+ found it$/)
    await page.getByLabel('Customer', { exact: true }).selectOption('')
    await expectAccessible(page, 'fleet health after a scan of one customer')
    await page.getByRole('button', { name: 'Scan all connections' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 2 of 2 connections' })).toBeVisible()
    await expect(page.getByTestId('fleet-scope')).toHaveCount(0)
    await expect(page.getByLabel('Scan', { exact: true })).toHaveValue('')
  } finally {
    await restarted.close()
  }
})
