import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { demoRepositoryDefinition, lookUpDemoRepository } from './cloudback-steps'
import { expect, expectAccessible, expectTablesReadable, placeholderOverflow, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

// The Activity screen: a change made in two providers' consoles shows in one journal, in words,
// with the code in the tooltip; a connection's own activity is one link away from its screen; the
// filters narrow the list; the chain check answers in plain words.

let sim: Simulator
test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 17 })
})
test.afterAll(async () => {
  await sim.stop()
})

test('Activity: changes made through two providers, in words, filtered to one connection, and the chain checked', async ({ page, app }) => {
  await createVault(page)

  // Before any change: the empty journal says where it is kept, the count sits under it (no blank
  // band kept for rows), the text filter shows all the words it offers, and the check's hint stays
  // beside its button in a narrow window.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity', exact: true }).click()
  const emptyJournal = page.getByRole('table', { name: 'Activity journal entries' })
  await expect(emptyJournal).toContainText('No changes made through Backdesk on this computer yet.')
  const count = page.getByText('0 shown of 0 read', { exact: false })
  const tableBottom = await emptyJournal.evaluate((t) => t.getBoundingClientRect().bottom)
  const countTop = await count.evaluate((e) => e.getBoundingClientRect().top)
  expect(countTop - tableBottom).toBeLessThan(24)
  expect(await placeholderOverflow(page.getByLabel('Text'))).toBeLessThanOrEqual(0)
  const viewport = page.viewportSize()!
  await page.setViewportSize({ width: 1000, height: 700 })
  const checkButton = await page.getByRole('button', { name: 'Check the journal' }).boundingBox()
  const checkHint = await page.getByText('Checks that no entry was edited').boundingBox()
  expect(checkHint!.y).toBeLessThan(checkButton!.y + checkButton!.height)
  await page.setViewportSize(viewport)

  // A Cloudback schedule change, and one Cloudback refuses.
  await addConnection(page, { provider: 'cloudback', name: 'Activity Cloudback', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey })
  const editor = await lookUpDemoRepository(page)
  const next = demoRepositoryDefinition(sim).settings.schedule === 'Daily at 6 am' ? 'Daily at 7 am' : 'Daily at 6 am'
  await editor.getByLabel('Schedule', { exact: true }).fill(next)
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByText('Saved at Cloudback.')).toBeVisible()
  await editor.getByLabel('Schedule', { exact: true }).fill('Daily at 25 pm')
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByTestId('cloudback-error')).toBeVisible()
  // The refused schedule is still an unsaved edit: leaving asks, and it is discarded.
  await editor.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click()

  // A CloudAlly download request.
  const c = sim.cloudally.credentials
  await addConnection(page, {
    provider: 'cloudally',
    name: 'Activity CloudAlly',
    baseUrl: sim.cloudally.url,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    email: c.partnerEmail,
    password: c.partnerPassword
  })
  await page.getByRole('tab', { name: 'Tasks' }).click()
  const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')!
  await page.getByRole('button', { name: `Restore or download ${task.alias}`, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(/Items, folders or paths/).fill('Inbox')
  await dialog.getByRole('button', { name: 'Review…' }).click()
  await dialog.getByRole('button', { name: 'Start download' }).click()
  await expect(dialog.getByTestId('restore-progress')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()

  // Both providers' changes, newest first, in words; the codes stay in the tooltips.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity', exact: true }).click()
  await expect(page).toHaveURL(/#\/activity$/)
  await expect(page.getByRole('heading', { name: 'Activity', exact: true })).toBeVisible()
  const journal = page.getByRole('table', { name: 'Activity journal entries' })
  const rows = journal.locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText('Requested a download')
  await expect(rows.nth(0)).toContainText('Activity CloudAlly')
  await expect(rows.nth(0)).toContainText(`Backup task “${task.alias}”`)
  await expect(journal.getByRole('cell', { name: 'Requested a download', exact: true })).toHaveAttribute('title', 'Requested a download (download)')
  await expect(rows.nth(2)).toContainText('Activity Cloudback')
  await expect(journal.getByRole('cell', { name: 'Changed the backup settings', exact: true }).first()).toHaveAttribute('title', 'Changed the backup settings (update)')
  await expect(rows.nth(1).locator('.badge-error')).toBeVisible()
  await expect(rows.nth(2).locator('.badge-ok')).toHaveText('OK')
  await expectTablesReadable(page, 'activity')
  await expectAccessible(page, 'activity')

  // Filters: outcome, provider and text narrow what was read.
  await page.getByLabel('Outcome').selectOption('failed')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Activity Cloudback')
  await expect(page).toHaveURL(/#\/activity\?outcome=failed$/)
  await page.getByLabel('Outcome').selectOption('')
  await page.getByLabel('Provider').selectOption('cloudally')
  await expect(rows).toHaveCount(1)
  await page.getByLabel('Provider').selectOption('')
  // The refused schedule is in the detail (the tooltip), and only in that entry.
  await page.getByLabel('Text').fill('25 pm')
  await expect(rows).toHaveCount(1)
  await expect(rows.first().locator('.badge-error')).toBeVisible()
  await page.getByLabel('Text').fill('')
  await expect(rows).toHaveCount(3)

  // A connection's own activity: one link from its screen, and an address of its own.
  await page.getByTestId('connection-list').getByRole('button', { name: /^Activity Cloudback/ }).click()
  // A link drawn as a button among buttons looks like them: not underlined.
  await expect(page.getByRole('link', { name: 'Activity', exact: true })).toHaveCSS('text-decoration-line', 'none')
  await page.getByRole('link', { name: 'Activity', exact: true }).click()
  await expect(page).toHaveURL(/#\/activity\?connection=[^&]+$/)
  await expect(rows).toHaveCount(2)
  await expect(journal).not.toContainText('Activity CloudAlly')
  await expect(page.getByLabel('Connection', { exact: true }).locator('option:checked')).toHaveText('Activity Cloudback')
  await page.reload()
  await expect(rows).toHaveCount(2)
  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Activity Cloudback', exact: true })).toBeVisible()
  await page.goForward()
  await expect(rows).toHaveCount(2)

  // The chain check, in plain words.
  await page.getByRole('button', { name: 'Check the journal' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The journal is intact' })).toContainText('none of its 3 entries was edited, removed or reordered')
  await expectAccessible(page, 'activity of one connection, checked')

  // The journal holds no secret, so nothing it sent to the renderer carried one.
  const seen = app.responses.join('\n')
  for (const secret of [c.clientSecret, c.partnerPassword, sim.cloudback.credentials.apiKey]) expect(seen).not.toContain(secret)
})

test('Activity at 1280×800 with a long journal: the screen fits the window and only the list scrolls', async ({ page, app }) => {
  void app // a fresh web shell of its own
  await createVault(page)
  await addConnection(page, { provider: 'cloudback', name: 'Activity Cloudback', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey })
  const editor = await lookUpDemoRepository(page)
  const sent = page.waitForRequest('**/ipc/cloudback.definition.update')
  await editor.getByRole('button', { name: 'Save settings' }).click()
  const input = ((await sent).postDataJSON() as { input: unknown }).input
  await expect(editor.getByText('Saved at Cloudback.')).toBeVisible()
  // More changes than the window can list: the same save sent again through the page's bridge,
  // each one a journal entry.
  await page.evaluate(async (again) => {
    const bridge = (window as unknown as { backdesk: { invoke: Record<string, (input: unknown) => Promise<unknown>> } }).backdesk
    for (let n = 0; n < 40; n++) await bridge.invoke['cloudback.definition.update']!(again)
  }, input)

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Activity journal entries' }).locator('tbody tr')).toHaveCount(41)
  // The check's verdict banner takes room too.
  await page.getByRole('button', { name: 'Check the journal' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The journal is intact' })).toBeVisible()

  const layout = () =>
    page.evaluate(() => {
      const main = document.getElementById('main')!
      const list = document.querySelector<HTMLElement>('.table-scroll')!
      const footer = document.querySelector('[aria-labelledby="activity-heading"] > .toolbar:last-child')!.getBoundingClientRect()
      return {
        pageScrolls: document.documentElement.scrollHeight > window.innerHeight,
        mainScrolls: main.scrollHeight > main.clientHeight,
        listScrolls: list.scrollHeight > list.clientHeight,
        footerInView: footer.bottom <= main.getBoundingClientRect().bottom
      }
    })
  await expect.poll(layout).toEqual({ pageScrolls: false, mainScrolls: false, listScrolls: true, footerInView: true })
  await expect(page.getByText('41 shown of 41 read')).toBeVisible()

  // The columns fit what 1280 px leaves the list beside its own scrollbar: no sideways scroll.
  // A window too narrow for them still scrolls sideways rather than cutting every column.
  const scrollsSideways = () => page.locator('.table-scroll').evaluate((list) => list.scrollWidth > list.clientWidth)
  await expect.poll(scrollsSideways).toBe(false)
  await page.setViewportSize({ width: 1000, height: 800 })
  await expect.poll(scrollsSideways).toBe(true)
})
