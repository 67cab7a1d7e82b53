import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { exploreDemoData } from './demo-steps'
import { expect, expectAccessible, expectTablesReadable, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

// The customer page: connections grouped by customer label; one customer's Cloutility units,
// CloudAlly accounts and Cloudback definitions with one combined status (the worst part).

test('Customers: list, then a customer page joining every provider with one combined status', async ({ page, app }) => {
  await createVault(page)
  await exploreDemoData(page, app)

  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible()
  const table = page.getByRole('table', { name: 'Customers' })
  const northwind = table.getByRole('row').filter({ hasText: 'Demo: Northwind' })
  await expect(northwind).toContainText('Cloutility, CloudAlly, Cloudback')
  await expect(northwind.getByRole('cell').nth(2)).toHaveText('3')
  await expect(table.getByRole('row').filter({ hasText: 'Demo: Contoso' })).toBeVisible()
  await expectAccessible(page, 'customers')
  await expectTablesReadable(page, 'customers')
  // A status reads whole at 1280 px, its age and source with it ("· less than a minute ago (customer page)").
  const status = northwind.getByRole('cell').nth(1)
  await expect(status).toContainText('(customer page)')
  expect(await status.evaluate((td) => [td, ...Array.from(td.querySelectorAll('*'))].filter((el) => el.scrollWidth > el.clientWidth + 1).length)).toBe(0)

  // Opened with the keyboard: the row's button goes with the list, and focus moves on to the
  // customer page's heading rather than falling back to the top of the page.
  await northwind.getByRole('button', { name: 'Demo: Northwind' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Demo: Northwind', level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Demo: Northwind', level: 1 })).toBeFocused()
  const summary = page.getByTestId('customer-summary')
  // The simulator seeds failing nodes and failed tasks: the worst part decides.
  await expect(summary).toContainText('Combined status: Failing (the worst of 3 connections)')
  const cloutility = page.getByRole('region', { name: 'Cloutility: business units' })
  const cloudally = page.getByRole('region', { name: 'CloudAlly: accounts' })
  const cloudback = page.getByRole('region', { name: 'Cloudback: definitions' })
  for (const part of [cloutility, cloudally, cloudback]) {
    await expect(part).toBeVisible()
    await expect(part.getByRole('table').getByRole('row').nth(1)).toBeVisible()
  }
  await expect(cloudback).toContainText('backdesk-demo/demo-repository')
  await expect(cloutility.getByText('Failing', { exact: true }).first()).toBeVisible()
  await expectAccessible(page, 'customer page')
  await expectTablesReadable(page, 'customer page')
  // What the page showed is kept (encrypted) for offline use.
  await app.shell.core.offline.store.flush()
  expect(existsSync(join(app.dataDir, 'snapshots')) && readdirSync(join(app.dataDir, 'snapshots')).length).toBeGreaterThan(0)

  // The home unit's count takes in the units below it, and says so: its own table lists fewer.
  await expect(cloutility.getByRole('table').getByRole('row').nth(1)).toContainText(/nodes incl\. sub-units \(\d+ in this unit\)/)

  // A business unit drills into the Cloutility console with that unit selected, in view in the tree.
  const firstUnit = cloutility.getByRole('table').getByRole('button').first()
  const unitName = (await firstUnit.innerText()).trim()
  await firstUnit.click()
  await expect(page.getByRole('heading', { name: 'Demo Cloutility', exact: true })).toBeVisible()
  await expect(page.locator('#bu-heading')).toContainText(unitName)
  await expect(page.getByRole('treeitem', { name: unitName, selected: true })).toBeInViewport()
})

test('Customers: a fleet scan kept while the list is open brings its statuses, without reopening the screen', async ({ page, app }) => {
  await createVault(page)
  await exploreDemoData(page, app)
  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  const northwind = page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: 'Demo: Northwind' })
  await expect(northwind).toBeVisible()
  // No scan yet: the status is the one the Demo workspace's first read of the page found, or none.
  await expect(northwind).not.toContainText('(fleet scan)')

  // The tray's "Scan now" (as a scheduled scan would) runs while the list stays open.
  expect(app.shell.core.watch.scanNow()).toBe(true)
  await expect(northwind).toContainText('(fleet scan)')
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible()
})

test('Customers and Fleet health: a Cloudback key that is refused shows as failing with the reason, not as up to date', async ({ page, app }) => {
  await createVault(page)
  const sim = await exploreDemoData(page, app)
  // The demo connection (it tracks definitions) and a new one that tracks none yet, both with a wrong key.
  await addConnection(page, { provider: 'cloudback', name: 'Fabrikam Cloudback', customer: 'Fabrikam', baseUrl: sim.cloudback.url, apiKey: 'cb_live_not-the-key-0123456789abcdef' })
  const demoCloudback = app.shell.core.vault.connections.list().find((c) => c.provider === 'cloudback' && c.customer === 'Demo: Northwind')
  if (!demoCloudback) throw new Error('no demo Cloudback connection')
  await page.getByTestId('connection-list').getByRole('button', { name: /^Demo Cloudback/ }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await page.locator('#conn-apiKey').fill('cb_live_not-the-key-0123456789abcdef')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { name: demoCloudback.name, exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  await page.getByRole('table', { name: 'Customers' }).getByRole('button', { name: 'Demo: Northwind' }).click()
  const cloudback = page.getByRole('region', { name: 'Cloudback: definitions' })
  await expect(cloudback.getByTestId('customer-part-state')).toContainText('Cannot check')
  await expect(cloudback.getByTestId('customer-part-state')).toContainText('Cloudback refused the API key')
  await expect(cloudback.getByTestId('customer-part-state')).not.toContainText('up to date')
  await expect(cloudback.getByLabel(`${demoCloudback.name} status: Failing`)).toBeVisible()
  // Its definitions stay listed with their last known settings.
  await expect(cloudback).toContainText('backdesk-demo/demo-repository')
  await expect(page.getByTestId('customer-summary')).toContainText('Combined status: Failing')
  await expectAccessible(page, 'customer page with a refused key')

  await page.getByRole('button', { name: 'All customers' }).click()
  await page.getByRole('table', { name: 'Customers' }).getByRole('button', { name: 'Fabrikam' }).click()
  const fabrikam = page.getByRole('region', { name: 'Cloudback: definitions' })
  await expect(fabrikam.getByTestId('customer-part-state')).toContainText('Cannot check · Cloudback refused the API key')
  await expect(page.getByTestId('customer-summary')).toContainText('Combined status: Failing')

  // Fleet health: a connection row and a note for each, the one that tracks nothing included.
  await page.getByRole('button', { name: 'Fleet health' }).click()
  await page.getByRole('button', { name: /^Scan (now|again)$/ }).click()
  await expect(page.getByRole('status').filter({ hasText: /Scan finished: (\d+) of \1 connections/ })).toBeVisible()
  const notes = page.locator('.fleet-notes')
  for (const name of [demoCloudback.name, 'Fabrikam Cloudback']) {
    await expect(notes.getByRole('listitem').filter({ hasText: `${name}: Cloudback refused the API key` })).toBeVisible()
    await page.getByLabel('Filter', { exact: true }).fill(name)
    const row = page.getByRole('table', { name: 'Fleet health' }).locator('tbody tr:not(.spacer-row)').filter({ hasText: 'Connection' }).first()
    await expect(row.locator('td').first()).toHaveText('Cannot check')
    await expect(row).toContainText('Cloudback refused the API key')
  }
})
