import { exploreDemoData } from './demo-steps'
import { expect, expectAccessible, expectTablesReadable, test } from './fixtures'
import { createVault } from './vault-steps'

// Offline: a screen loaded once is kept as an encrypted snapshot. With the provider gone (the
// demo simulator stopped) and the page reloaded, the screen shows the last snapshot with its age
// under the offline banner, read-only.

test('Offline: the simulator stopped, the last snapshot is shown with its age under the offline banner', async ({ page, app }) => {
  await createVault(page)
  await exploreDemoData(page, app)
  const list = page.getByTestId('connection-list')
  await list.getByRole('button', { name: /^Demo Cloutility\s*Cloutility · demo$/ }).click()
  const tree = page.getByRole('tree', { name: 'Business units' })
  const root = tree.getByRole('treeitem').first()
  await expect(root).toBeVisible()
  const rootText = (await root.textContent()) ?? ''
  expect(rootText).toContain('#')
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)

  await app.shell.core.demo.stopSimulator()
  await page.reload()
  await expect(page.getByTestId('status-vault')).toContainText('unlocked')
  await list.getByRole('button', { name: /^Demo Cloutility\s*Cloutility · demo$/ }).click()
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toContainText('Offline — showing data from less than a minute ago, read-only.')
  await expect(banner).toContainText('Changes are disabled until it answers again.')
  await expect(tree.getByRole('treeitem').first()).toHaveText(rootText)
  await expect(page.getByTestId('status-offline')).toContainText('1 connection offline')
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'offline connection')

  // Still down: "Try again" keeps the banner.
  await banner.getByRole('button', { name: 'Try again' }).click()
  await expect(banner.getByRole('button', { name: 'Try again' })).toBeEnabled()
  await expect(banner).toBeVisible()

  // The customer page says its Cloutility part is last known data.
  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  await page.getByRole('button', { name: 'Demo: Northwind' }).click()
  await expect(page.getByRole('region', { name: 'Cloutility: business units' })).toContainText('Offline — last known data from less than a minute ago')

  // The Overview lists what is saved per connection, with its age and size in words.
  await page.getByRole('button', { name: 'Overview' }).click()
  const saved = page.getByRole('table', { name: 'Saved snapshots' })
  const cloutilityRow = saved.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Demo Cloutility', exact: true }) })
  await expect(cloutilityRow).toContainText('less than a minute ago')
  await expect(cloutilityRow).toContainText(/\d(\.\d+)? (B|KiB|MiB)/)
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'overview with offline snapshots')
  await expectTablesReadable(page, 'overview with offline snapshots')
})
