import { expect, expectAccessible, test } from './fixtures'
import { createVault } from './vault-steps'

// Every screen has an address: back and forward move between screens, a reload keeps the screen,
// and a skip link jumps past the sidebar.

test('screens have addresses: back, forward, reload, and a skip link past the sidebar', async ({ page, app: _shell }) => {
  await createVault(page)
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  await expect(page).toHaveURL(/#\/home$/)

  // From the sidebar by keyboard: focus moves on to the new screen's heading, past the sidebar.
  await page.getByRole('button', { name: 'Fleet health' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeFocused()
  await expect(page).toHaveURL(/#\/fleet$/)
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()

  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()
  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  await page.goForward()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()

  // The web shell keeps its session and the vault stays unlocked: a reload shows the same screen.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()

  // The first Tab reaches the skip link; following it puts the focus in the screen, past the sidebar.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('#main')).toBeFocused()
  await expect(page).toHaveURL(/#\/fleet$/)
  await expectAccessible(page, 'fleet health after a reload')
})
