/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test'
import { exploreDemoData } from './demo-steps'
import { expect, expectAccessible, test } from './fixtures'
import { createVault } from './vault-steps'

// The Overview on demo data: a first-time user is offered the demo; after a scan, each count is
// what Fleet health shows behind its link, and the link lands on that filtered list. The sidebar's
// health dots say in words what the last scan (or a newer customer page) and the offline tracker say: with the demo's
// simulator stopped, a connection that was OK reads failing after a scan, and one opened reads offline.

const PROVIDERS = ['Cloutility', 'CloudAlly', 'Cloudback'] as const

async function countOf(link: Locator): Promise<number> {
  const text = (await link.innerText()).trim()
  const match = /^(\d+)/.exec(text)
  if (!match) throw new Error(`no count in "${text}"`)
  return Number(match[1])
}

/** Follows a count's link and answers what Fleet health shows ("N of M" rows). */
async function followToFleet(page: Page, link: Locator, hash: string): Promise<number> {
  await link.click()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`${hash.replace(/[?]/g, '\\?')}$`))
  const shown = page.getByTestId('fleet-shown')
  await expect(shown).toHaveText(/^\d+ of \d+$/)
  return Number(/^(\d+)/.exec((await shown.innerText()).trim())?.[1])
}

test('Overview: demo data, counts equal to Fleet health behind their links, health dots in words', async ({ page, app }) => {
  await createVault(page)
  // First time: no connections, the demo path is offered.
  await expect(page.getByRole('heading', { name: 'Get started' })).toBeVisible()
  await exploreDemoData(page, app)

  const fleet = page.getByRole('region', { name: 'Your fleet' })
  const list = page.getByTestId('connection-list')
  await expect(fleet.getByTestId('overview-last-scan')).toHaveText('No scan yet')
  // Before any scan the Demo's warm-up has read the customer pages: the dots say what they found,
  // as the Customers list does (the seed's failing nodes), not "not checked".
  await expect(list.getByRole('img', { name: 'Demo Cloutility: Failing' })).toBeVisible()
  await expect(list.getByRole('img', { name: /: Not checked$/ })).toHaveCount(0)
  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  await expect(page.getByRole('table', { name: 'Customers' }).getByRole('row', { name: /^Demo: Northwind.*Failing/ })).toBeVisible()
  await page.getByRole('button', { name: 'Overview', exact: true }).first().click()

  await fleet.getByRole('button', { name: 'Scan', exact: true }).click()
  await expect(fleet.getByTestId('overview-last-scan')).toHaveText(/^Last scan (less than a minute|\d+ minutes?) ago$/)
  await expect(list.getByRole('img', { name: /^Demo Cloutility: (Failing|Warnings|OK)$/ })).toBeVisible()
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'overview dashboard')

  // Every provider's failing and stale counts are what its link shows in Fleet health.
  let anyFailing = 0
  for (const label of PROVIDERS) {
    for (const [word, status] of [
      ['failing', 'failing'],
      ['stale', 'stale']
    ] as const) {
      const link = fleet.getByRole('link', { name: new RegExp(` ${word} in ${label}$`) })
      const count = await countOf(link)
      if (word === 'failing') anyFailing += count
      const provider = label.toLowerCase()
      const shown = await followToFleet(page, link, `#/fleet?provider=${provider}&status=${status}`)
      expect(shown, `${word} in ${label}`).toBe(count)
      await expect(page.getByLabel('Provider')).toHaveValue(provider)
      await expect(page.getByLabel('Status')).toHaveValue(status)
      await page.goBack()
      await expect(fleet).toBeVisible()
    }
  }
  // The demo's seed has failures: the comparisons above were not zeros against zeros.
  expect(anyFailing).toBeGreaterThan(0)

  // Open review items: failing or stale, acknowledged ones hidden.
  const reviews = fleet.getByRole('link', { name: /open review items?$/ })
  const open = await countOf(reviews)
  expect(await followToFleet(page, reviews, '#/fleet?reviewed=hide&status=attention')).toBe(open)
  await expect(page.getByLabel('Include acknowledged')).not.toBeChecked()

  // A scan of one customer: the other customers stay counted as their last scan found them, and
  // Fleet health lists them behind the link as well.
  const scope = page.getByLabel('Scan', { exact: true })
  const customer = ((await scope.locator('option').nth(1).textContent()) ?? '').replace('Customer: ', '')
  await scope.selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Scan again' }).click()
  await expect(page.getByTestId('fleet-scope')).toContainText(`A scan of ${customer} only. The other connections are listed as their last scan found them`)
  await page.getByRole('button', { name: 'Overview' }).click()
  await expect(page.getByTestId('overview-scope')).toContainText('the other connections are counted as their last scan found them')
  await expect(reviews).toHaveText(new RegExp(`^${open}\\b`))
  await reviews.click()
  await expect(page.getByTestId('fleet-scope')).toContainText('The other connections are listed')
  await expect(page.getByTestId('fleet-shown')).toHaveText(new RegExp(`^${open} of \\d+$`))
  await page.goBack()

  // The first object needing attention opens in its console.
  const first = fleet.getByRole('listitem').filter({ has: page.locator('.badge') }).first().getByRole('link')
  await first.click()
  await expect(page).toHaveURL(/#\/connection\?/)
  await page.goBack()

  // Business units show theirs once a scan has run: the root holds every unit below it.
  await list.getByRole('button', { name: /^Demo Cloutility\s*Cloutility · demo$/ }).click()
  const root = page.getByRole('tree', { name: 'Business units' }).getByRole('treeitem').first()
  await expect(root.getByRole('img', { name: /^(Failing|Warnings|OK)$/ })).toBeVisible()
  await page.getByRole('button', { name: 'Overview' }).click()

  // The provider stops: a scan finds every connection failing, with why.
  const cloudbackDot = list.getByRole('img', { name: /^Demo Cloudback: / })
  const before = await cloudbackDot.getAttribute('aria-label')
  await app.shell.core.demo.stopSimulator()
  await fleet.getByRole('button', { name: 'Scan', exact: true }).click()
  await expect(fleet.getByRole('button', { name: 'Scan', exact: true })).toBeEnabled()
  const dot = list.getByRole('img', { name: 'Demo Cloudback: Failing' })
  await expect(dot).toBeVisible()
  expect(before).toBe('Demo Cloudback: OK')
  await expect(dot).toHaveAttribute('title', /^Demo Cloudback: Failing — .*refused the connection/)
  // Two scans make a trend. At 1280 px its legend names each series on one line beside its colour,
  // its axis says what it counts, its text is read at its own size, and its labels stand apart.
  await page.setViewportSize({ width: 1280, height: 800 })
  const trend = page.locator('.overview-trend')
  await expect(trend.getByRole('img', { name: /^Failing and stale objects over the last 2 scans/ })).toBeVisible()
  await expect(trend.locator('.legend-item')).toHaveText(['Failing objects', 'Stale objects'])
  await expect(trend.locator('svg[role="img"] text.chart-axis').first()).toHaveText('Objects')
  expect(
    await trend.evaluate((chart) => {
      const problems: string[] = []
      for (const item of Array.from(chart.querySelectorAll('.legend-item')) as HTMLElement[]) {
        if (item.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(item).fontSize)) problems.push(`legend "${item.textContent ?? ''}" wraps`)
        const swatch = item.querySelector('svg')!.getBoundingClientRect()
        if (Math.round(swatch.width) !== 12) problems.push(`legend "${item.textContent ?? ''}" swatch ${swatch.width} px wide`)
      }
      const texts = Array.from(chart.querySelectorAll('svg[role="img"] text.chart-axis'))
      for (const text of texts.filter((t) => !t.querySelector('tspan'))) {
        if (text.getBoundingClientRect().height < 10) problems.push(`"${text.textContent ?? ''}" drawn ${text.getBoundingClientRect().height.toFixed(1)} px high`)
      }
      const ticks = texts.filter((t) => t.querySelector('tspan')).map((t) => t.getBoundingClientRect())
      ticks.forEach((r, i) => {
        if (i > 0 && r.left < ticks[i - 1]!.right) problems.push(`labels ${i} and ${i + 1} overlap`)
      })
      if (ticks.length !== 2) problems.push(`${ticks.length} scan labels with a time`)
      return problems
    })
  ).toEqual([])
  // The offline snapshots' ages read whole at 1280 px ("less than a minute ago" is the longest).
  const snapshotRows = page.getByRole('region', { name: 'Offline snapshots' }).locator('tbody tr:not(.spacer-row)')
  await expect(snapshotRows.first()).toContainText('less than a minute ago')
  expect(await snapshotRows.locator('td:nth-child(4)').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent))).toEqual([])
  // Opening it finds it unreachable (a fresh page: nothing read before is in its memory): the dot says offline, and the Overview lists it.
  await page.reload()
  await list.getByRole('button', { name: /^Demo Cloutility\s*Cloutility · demo$/ }).click()
  await expect(page.getByTestId('offline-banner')).toBeVisible()
  await expect(list.getByRole('img', { name: 'Demo Cloutility: Offline' })).toBeVisible()
  await page.getByRole('button', { name: 'Overview' }).click()
  const facts = fleet.getByRole('list', { name: 'Connections and the vault' })
  await expect(facts).toContainText('Demo Cloutility (offline)')
  await facts.getByRole('link', { name: 'Demo Cloutility', exact: true }).click()
  await expect(page.getByTestId('offline-banner')).toBeVisible()
})
