import { expect, expectAccessible, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

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

test('the sidebar hides to a rail and back, by its button and Ctrl+B, and stays as it was left', async ({ page, app: _shell }) => {
  await page.setViewportSize({ width: 1000, height: 700 })
  await createVault(page)
  // Saved without a test: nothing answers at this address, and the screen says so under its name.
  await addConnection(page, { provider: 'cloudback', name: 'Nobody home', baseUrl: 'http://127.0.0.1:9', apiKey: 'not-a-real-key' })
  const heading = page.getByRole('heading', { name: 'Nobody home', exact: true })
  const sidebar = page.getByRole('navigation', { name: 'Main' })
  const screenWidth = () => page.locator('#main').evaluate((el) => el.getBoundingClientRect().width)
  const shown = await screenWidth()

  // By its button: the screen takes the room, less a rail with the button that brings it back.
  await sidebar.getByRole('button', { name: 'Hide sidebar' }).click()
  const show = sidebar.getByRole('button', { name: 'Show sidebar' })
  await expect(show).toBeFocused()
  await expect(show).toHaveAttribute('aria-expanded', 'false')
  await expect(sidebar.getByRole('button', { name: 'Fleet health' })).toHaveCount(0)
  expect(await screenWidth()).toBeGreaterThan(shown + 200)
  await expectAccessible(page, 'a connection, sidebar hidden')

  // Kept: after a reload it is still hidden, and the screen still finds its connection (the list
  // the sidebar loads is loaded all the same).
  await page.reload()
  await expect(show).toBeVisible()
  await expect(heading).toBeVisible()

  // Hidden, every screen is still a few keys away: search offers the screens by name.
  await page.keyboard.press('Control+k')
  const search = page.getByRole('dialog', { name: 'Search everywhere' })
  await search.getByRole('combobox').fill('fleet')
  await expect(search.getByRole('option').first()).toContainText('Fleet health')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()

  // Ctrl+B from the screen shows it; the focus stays in the screen.
  await page.locator('#main').focus()
  await page.keyboard.press('Control+b')
  await expect(sidebar.getByRole('button', { name: 'Fleet health' })).toBeVisible()
  await expect(sidebar.getByRole('button', { name: /^Nobody home/ })).toBeVisible()
  await expect(page.locator('#main')).toBeFocused()
  expect(await screenWidth()).toBe(shown)

  // Ctrl+B from inside the sidebar hides it and leaves the focus on the rail's button; Enter there
  // brings it back with the focus on its Hide button.
  await sidebar.getByRole('button', { name: 'Fleet health' }).focus()
  await page.keyboard.press('Control+b')
  await expect(show).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(sidebar.getByRole('button', { name: 'Hide sidebar' })).toBeFocused()
  await expect(sidebar.getByRole('button', { name: 'Hide sidebar' })).toHaveAttribute('aria-expanded', 'true')
})
