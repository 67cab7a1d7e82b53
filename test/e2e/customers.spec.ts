import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, expectAccessible, expectTablesReadable, test } from './fixtures'
import { createVault } from './vault-steps'

// The customer page: connections grouped by customer label; one customer's Cloutility units,
// CloudAlly accounts and Cloudback definitions with one combined status (the worst part).

test('Customers: list, then a customer page joining every provider with one combined status', async ({ page, app }) => {
  await createVault(page)
  await page.getByRole('button', { name: 'Explore with demo data' }).click()
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()

  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible()
  const table = page.getByRole('table', { name: 'Customers' })
  const northwind = table.getByRole('row').filter({ hasText: 'Demo: Northwind' })
  await expect(northwind).toContainText('Cloutility, CloudAlly, Cloudback')
  await expect(northwind.getByRole('cell').nth(2)).toHaveText('3')
  await expect(table.getByRole('row').filter({ hasText: 'Demo: Contoso' })).toBeVisible()
  await expectAccessible(page, 'customers')
  await expectTablesReadable(page, 'customers')

  await northwind.getByRole('button', { name: 'Demo: Northwind' }).click()
  await expect(page.getByRole('heading', { name: 'Demo: Northwind', level: 1 })).toBeVisible()
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

  // A business unit drills into the Cloutility console with that unit selected.
  const firstUnit = cloutility.getByRole('table').getByRole('button').first()
  const unitName = (await firstUnit.innerText()).trim()
  await firstUnit.click()
  await expect(page.getByRole('heading', { name: 'Demo Cloutility', exact: true })).toBeVisible()
  await expect(page.locator('#bu-heading')).toContainText(unitName)
})
