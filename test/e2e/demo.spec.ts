import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { runWebCli } from '../../src/main/web/cli'
import { expect, expectAccessible, test } from './fixtures'
import { createVault } from './vault-steps'

// Demo workspace from an empty data directory: set up the vault, "Explore with demo data", every
// provider's demo connection appears, is marked as demo and opens with data; removable in one step.

test('Demo workspace: explore with demo data from an empty data directory, then remove it', async ({ page, app }) => {
  await createVault(page)
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  await expect(page.getByText('No connections yet. Explore every screen')).toBeVisible()
  await expectAccessible(page, 'overview (first launch)')

  await page.getByRole('button', { name: 'Explore with demo data' }).click()
  const banner = page.getByRole('region', { name: 'Demo mode' })
  await expect(banner).toBeVisible()
  await expect(banner).toContainText('built-in simulator')
  const list = page.getByTestId('connection-list')
  const sim = app.shell.core.demo.simulator
  expect(sim).toBeDefined()

  // Cloutility: the business-unit tree from the simulator.
  await list.getByRole('button', { name: /^Demo Cloutility\s*Cloutility · demo$/ }).click()
  await expect(page.getByRole('heading', { name: 'Demo Cloutility', exact: true })).toBeVisible()
  await expect(page.getByText('Demo data', { exact: true })).toBeVisible()
  await expect(page.getByRole('tree', { name: 'Business units' }).getByRole('treeitem').first()).toBeVisible()
  await expectAccessible(page, 'demo cloutility')

  // CloudAlly partner: backup status.
  await list.getByRole('button', { name: /^Demo CloudAlly partner/ }).click()
  await expect(page.getByRole('heading', { name: 'Demo CloudAlly partner', exact: true })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Backup status by source' })).toBeVisible()
  await expectAccessible(page, 'demo cloudally')
  // In a narrow window the header's tags wrap between tags, never inside one.
  await page.setViewportSize({ width: 1000, height: 700 })
  const tagLines = await page.getByText(/demo:cloudally-partner/).evaluate((line) => {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf('demo:cloudally-partner')
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + 'demo:cloudally-partner'.length)
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size
    }
    return 0
  })
  expect(tagLines).toBe(1)
  await page.setViewportSize({ width: 1280, height: 800 })

  // Cloudback: tracked definitions (the demo tracks a few, there is no list call).
  await list.getByRole('button', { name: /^Demo Cloudback/ }).click()
  await expect(page.getByRole('heading', { name: 'Demo Cloudback', exact: true })).toBeVisible()
  const tracked = page.getByRole('table', { name: 'Tracked Cloudback definitions' })
  await expect(tracked).toContainText('demo-repository')
  await expectAccessible(page, 'demo cloudback')

  // The customer-login Cloutility connection works too.
  await list.getByRole('button', { name: /^Demo Cloutility \(customer login\)/ }).click()
  await expect(page.getByRole('tree', { name: 'Business units' }).getByRole('treeitem').first()).toBeVisible()

  // Overview lists the demo connections; removal is one confirmed step.
  await page.getByRole('button', { name: 'Overview' }).click()
  await expect(page.getByRole('heading', { name: 'Demo workspace', exact: true })).toBeVisible()
  await expectAccessible(page, 'overview with demo')
  await banner.getByRole('button', { name: 'Remove demo…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Remove the demo workspace?' })
  await expect(dialog).toContainText('Demo Cloudback (Cloudback)')
  await expectAccessible(page, 'remove demo dialog')
  await dialog.getByRole('button', { name: 'Remove demo' }).click()
  await expect(dialog).toBeHidden()
  await expect(banner).toBeHidden()
  await expect(list.getByRole('button', { name: /^Demo / })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Explore with demo data' })).toBeVisible()
  expect(app.shell.core.demo.simulator).toBeUndefined()
  await expect(fetch(`${sim?.cloutility.url}/v1/fullVersion`)).rejects.toThrow()
})

test('--demo: one command opens a working console on a throwaway vault that says nothing is kept', async ({ page }) => {
  let printed = ''
  const shell = await runWebCli(['--demo', '--no-open', '--quiet'], { print: (text) => (printed += text), rendererDir: resolve('out/renderer') })
  expect(shell).toBeDefined()
  const about = (await shell!.core.router.dispatch('app.about', undefined, 'test')) as { ok: true; value: { dataDir: string } }
  const dataDir = about.value.dataDir
  try {
    const url = /^Backdesk web: (\S+)$/m.exec(printed)?.[1]
    expect(url, printed).toBeDefined()
    await page.goto(url!)
    // Already unlocked, the Demo workspace loaded, and a warning above every screen.
    const throwaway = page.getByRole('region', { name: 'Throwaway session' })
    await expect(throwaway).toContainText('Nothing is kept')
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
    await page.getByTestId('connection-list').getByRole('button', { name: /^Demo Cloutility\s*Cloutility · demo$/ }).click()
    await expect(page.getByRole('tree', { name: 'Business units' }).getByRole('treeitem').first()).toBeVisible()
    await expectAccessible(page, 'throwaway demo session')
  } finally {
    await shell!.close()
  }
  expect(existsSync(dataDir)).toBe(false)
})
