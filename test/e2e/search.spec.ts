import { expect, expectAccessible, test } from './fixtures'
import { demoNode } from './demo-data'
import { exploreDemoData } from './demo-steps'
import { createVault } from './vault-steps'

// Search everywhere: Ctrl+K opens a combobox over every connection's loaded and saved data; a
// node name found there opens its consumption unit in the Cloutility console.

test('Search everywhere: Ctrl+K, type a node name, Enter opens it; keyboard only', async ({ page, app }) => {
  await createVault(page)
  const sim = await exploreDemoData(page, app)
  const node = demoNode(sim)

  await page.keyboard.press('Control+k')
  const dialog = page.getByRole('dialog', { name: 'Search everywhere' })
  await expect(dialog).toBeVisible()
  const box = dialog.getByRole('combobox')
  await expect(box).toBeFocused()
  await box.fill(node.nodeName)
  const first = dialog.getByRole('option').first()
  await expect(first).toContainText(node.nodeName)
  await expect(first).toContainText('Node')
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await expect(box).toHaveAttribute('aria-expanded', 'true')
  await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id')) ?? 'missing')
  await expectAccessible(page, 'search palette')

  await box.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Demo Cloutility', exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: node.consumerName })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Node' })).toHaveAttribute('aria-selected', 'true')
  await expectAccessible(page, 'search result opened')

  // Arrow keys move the selection; Escape closes; the sidebar button opens it too.
  await page.keyboard.press('Control+k')
  await box.fill('demo')
  await expect(dialog.getByRole('option').nth(1)).toBeVisible()
  await box.press('ArrowDown')
  await expect(dialog.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'false')
  await box.press('ArrowUp')
  await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await box.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('button', { name: /^Search…/ }).click()
  await expect(dialog).toBeVisible()
  await dialog.getByRole('combobox').fill('no-such-thing-anywhere')
  await expect(dialog.getByRole('status')).toContainText('Nothing found')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // A Cloudback repository seen once (the tracked list) is found too, and Enter opens its settings.
  await page.getByTestId('connection-list').getByRole('button', { name: /^Demo Cloudback/ }).click()
  const tracked = page.getByRole('table', { name: 'Tracked Cloudback definitions' })
  const firstRepo = (await tracked.getByRole('checkbox').nth(1).getAttribute('aria-label'))?.replace(/^Select /, '') ?? ''
  expect(firstRepo).toContain('/')
  await page.getByRole('button', { name: 'Overview' }).click()
  await page.keyboard.press('Control+k')
  await box.fill(firstRepo)
  await expect(dialog.getByRole('option').first()).toContainText(firstRepo)
  await box.press('Enter')
  await expect(page.getByTestId('cloudback-editor')).toBeVisible()
  await expect(page.getByTestId('cloudback-editor')).toContainText(firstRepo.split('/').pop() ?? firstRepo)
})

test('Search everywhere: a failing task that only Fleet health has read is found after the scan, and opens where Fleet health opens it', async ({ page, app }) => {
  await createVault(page)
  const sim = await exploreDemoData(page, app)
  const failing = sim.cloudally.data.tasks.find((t) => t.outcome === 'FAILED' && t.status === 'ACTIVE')
  if (!failing) throw new Error('the seed has no failing task')
  const partner = app.shell.core.vault.connections.list().find((c) => c.provider === 'cloudally' && c.mode === 'partner')
  if (!partner) throw new Error('no demo CloudAlly partner connection')

  // Before any scan: not found, and the palette says what it has not read yet.
  await page.keyboard.press('Control+k')
  const dialog = page.getByRole('dialog', { name: 'Search everywhere' })
  const box = dialog.getByRole('combobox')
  await box.fill(failing.alias)
  await expect(dialog.getByRole('status')).toContainText(/Nothing found|result/)
  await expect(dialog.getByRole('option').filter({ hasText: 'Backup task' })).toHaveCount(0)
  const gaps = dialog.getByRole('list', { name: 'Not searchable yet' })
  await expect(gaps).toContainText(`CloudAlly tasks of ${partner.customer} (${partner.name}) not loaded yet — run a scan`)
  await expectAccessible(page, 'search palette naming what is not loaded')
  await box.press('Escape')

  await page.getByRole('button', { name: 'Fleet health' }).click()
  await page.getByRole('button', { name: /^Scan (now|again)$/ }).click()
  await expect(page.getByRole('status').filter({ hasText: /Scan finished: (\d+) of \1 connections/ })).toBeVisible()

  await page.keyboard.press('Control+k')
  await box.fill(failing.alias)
  const option = dialog.getByRole('option').filter({ hasText: 'Backup task' }).filter({ hasText: 'Failed' }).first()
  await expect(option).toContainText(failing.alias)
  await expect(gaps).toHaveCount(0)
  await option.click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { name: partner.name, exact: true })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('cloudally-console')).toContainText(failing.alias)
})

test('Search everywhere at 1280×800: every result reads whole, its offline note included', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await createVault(page)
  await exploreDemoData(page, app)
  // Load the customer page once (so its connections have saved data), then take the providers away.
  await page.getByRole('button', { name: 'Customers', exact: true }).first().click()
  await page.getByRole('button', { name: 'Demo: Northwind' }).click()
  await expect(page.getByTestId('customer-summary')).toBeVisible()
  await app.shell.core.demo.stopSimulator()
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByTestId('customer-summary')).toContainText('could be reached')

  await page.keyboard.press('Control+k')
  const dialog = page.getByRole('dialog', { name: 'Search everywhere' })
  for (const query of ['northwind', 'demo']) {
    await dialog.getByRole('combobox').fill(query)
    await expect(dialog.getByRole('option').nth(2)).toBeVisible()
    if (query === 'demo') await expect(dialog.getByRole('option').filter({ hasText: 'offline:' }).first()).toBeVisible()
    await expect
      .poll(
        () =>
          dialog.evaluate((root) =>
            Array.from(root.querySelectorAll('[role=option] > span'))
              .filter((span) => span.scrollWidth > span.clientWidth + 1 && !(span as HTMLElement).title)
              .map((span) => `"${span.textContent ?? ''}" ${span.scrollWidth}/${span.clientWidth}`)
          ),
        { message: `search results cut off at 1280 px for “${query}”` }
      )
      .toEqual([])
  }
})
