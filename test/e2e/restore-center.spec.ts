/// <reference lib="dom" />
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { cloudAllySourceName } from '../../src/shared/providers/cloudally/words'
import { startSimulator } from '../simulator/helpers'
import { expect, expectAccessible, expectTablesReadable, headingInset, test } from './fixtures'
import { createVault } from './vault-steps'
import { setUpVaultAndConnection } from './cloutility-steps'
import { addCloudAllyConnection } from './cloudally-steps'

// The restore center starts restores: search a customer's objects across connections, pick one,
// start a CloudAlly restore with a snapshot and a user picked from the task's own lists and see it
// in flight; the Cloutility proxy-restore guide refuses a Windows node with a Linux agent.
// The simulator runs on a test-controlled clock, so the restore job moves when the test says.

let sim: Simulator
let clockMs = Date.now()
test.beforeEach(async () => {
  clockMs = Date.now()
  sim = await startSimulator({ scale: 'tiny', seed: 5, now: () => clockMs })
})
test.afterEach(async () => {
  await sim?.stop()
})

async function openRestoreCenter(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Restore center' }).click()
  await expect(page.getByRole('heading', { name: 'Restore center', level: 1 })).toBeVisible()
}

/** A new vault with one CloudAlly connection, at 1280×800, on the Restore center; a task with a backup to restore. */
async function openWithCloudAlly(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 })
  await createVault(page)
  await addCloudAllyConnection(page, sim)
  await openRestoreCenter(page)
  return sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')!
}

test('restore center: find a customer\'s task, restore a picked snapshot and user, see it in flight', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await createVault(page)
  await addCloudAllyConnection(page, sim)
  await openRestoreCenter(page)
  // A panel's padding is its only margin: its heading adds none above it (1 rem of padding, 1 px border).
  expect(await headingInset(page, 'Start a restore')).toBeLessThanOrEqual(18)

  const data = sim.cloudally.data
  const task = data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE' && t.numOfEntities > 3 && t.createdMs < t.lastBackupMs - 3 * 86_400_000)!
  const customer = data.users.find((u) => u.id === task.userId)!

  // Search by the customer's name: its tasks are the results.
  await page.getByLabel("Find a customer's backup").fill(customer.name)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  const results = page.getByRole('table', { name: 'Restorable objects' })
  await expect(page.getByTestId('restorable-object')).toHaveCount(data.tasks.filter((t) => t.userId === customer.id).length)
  await expectTablesReadable(page, 'restore center results')
  // The source by its name; every column in view beside the pinned action, the last backup whole,
  // the action cell as wide as its button.
  const taskRow = page.getByTestId('restorable-object').filter({ has: page.getByRole('button', { name: `Restore ${task.alias} (Sim CloudAlly)` }) })
  await expect(taskRow.getByRole('cell').nth(3)).toHaveText(cloudAllySourceName(task.source))
  for (const width of [1280, 1400]) {
    await page.setViewportSize({ width, height: 800 })
    await expect
      .poll(
        () =>
          results.evaluate((table) => {
            const problems: string[] = []
            const scroller = (table.closest('.virtual-scroll, .table-scroll') ?? table).getBoundingClientRect()
            for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
              const cells = Array.from(row.querySelectorAll('td')) as HTMLElement[]
              const action = cells.at(-1)!
              const lastBackup = cells.at(-2)!
              if (lastBackup.getBoundingClientRect().right > action.getBoundingClientRect().left + 1) problems.push('last backup under the action column')
              if (lastBackup.getBoundingClientRect().right > scroller.right + 1) problems.push('last backup out of view')
              if (lastBackup.scrollWidth > lastBackup.clientWidth + 1) problems.push(`last backup cut: ${lastBackup.textContent ?? ''}`)
              if (action.scrollWidth > action.clientWidth + 1) problems.push('action button wider than its cell')
              // What a result is ("Backup task", "Backup node") is one short phrase: shown whole.
              // (Measured as laid out: an overflow under a pixel still ends in an ellipsis.)
              const what = cells[2]!
              const text = document.createRange()
              text.selectNodeContents(what)
              const style = getComputedStyle(what)
              const room = what.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
              if (text.getBoundingClientRect().width > room) problems.push(`what cut: ${what.textContent ?? ''}`)
            }
            return [...new Set(problems)]
          }),
        { message: `restore center results at ${width} px` }
      )
      .toEqual([])
  }
  await page.setViewportSize({ width: 1280, height: 800 })
  await results.getByRole('button', { name: `Restore ${task.alias} (Sim CloudAlly)` }).click()

  const options = page.getByTestId('restore-options')
  await expect(options).toBeInViewport()
  await options.getByRole('radio', { name: /Restore into the source/ }).check()
  // The snapshot comes from the task's backup history: pick an older one than the latest.
  const snapshot = options.getByLabel('Snapshot', { exact: true })
  await expect(snapshot.locator('option')).not.toHaveCount(1)
  await snapshot.selectOption({ index: 2 })
  const snapshotIso = await snapshot.inputValue()
  expect(Date.parse(snapshotIso)).toBeLessThan(task.lastBackupMs!)
  // The user comes from the task's entities, found by name.
  const entities = options.getByRole('group', { name: 'Entities of this task' })
  const firstEntity = (await entities.getByRole('checkbox').nth(1).locator('xpath=..').textContent())!.trim()
  await options.getByLabel('Find a user, site or group').fill(firstEntity)
  await entities.getByRole('checkbox', { name: firstEntity }).check()
  await expectAccessible(page, 'restore center options')
  await options.getByRole('button', { name: 'Review…' }).click()
  await expect(options.getByTestId('restore-summary')).toContainText(firstEntity)
  await options.getByRole('button', { name: 'Start restore' }).click()

  // In flight: in the options and in the list of every request below.
  await expect(options.getByTestId('restore-progress')).toHaveAttribute('data-status', /pending|running/)
  const job = [...data.restores.values()].at(-1)!
  expect(job).toMatchObject({ taskId: task.id, type: 'RESTORE', snapshotDate: snapshotIso, entities: [firstEntity] })
  const listed = page.getByRole('region', { name: 'Restore and download requests' }).getByTestId('restore-progress')
  await expect(listed).toHaveCount(1)
  clockMs += 10_000
  await expect(listed.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow', '0')
  await expect(listed).toHaveAttribute('data-status', 'running')
  await expectAccessible(page, 'restore center in flight')

  const seen = app.responses.join('\n')
  for (const secret of [sim.cloudally.credentials.clientSecret, sim.cloudally.credentials.partnerPassword]) expect(seen).not.toContain(secret)
})

test('restore center: the proxy-restore guide refuses a Windows node with a Linux agent', async ({ page, app }) => {
  void app
  await page.setViewportSize({ width: 1280, height: 800 })
  await setUpVaultAndConnection(page, sim)

  // A customer with an activated Windows node and an activated node of the other kind.
  const data = sim.cloutility.data
  const activated = (id: number) => !!data.consumers.get(id)?.node?.activatedMs
  const windows = (id: number) => data.consumers.get(id)?.node?.osId === 2
  const bu = [...data.businessUnits.values()].find(
    (b) => b.id !== data.homeBusinessUnitId && b.consumerIds.some((id) => activated(id) && windows(id)) && b.consumerIds.some((id) => activated(id) && !windows(id))
  )!
  const targetId = bu.consumerIds.find((id) => activated(id) && windows(id))!
  const agentId = bu.consumerIds.find((id) => activated(id) && !windows(id))!
  const target = data.consumers.get(targetId)!

  await openRestoreCenter(page)
  await page.getByLabel("Find a customer's backup").fill(bu.name)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.getByRole('table', { name: 'Restorable objects' }).getByRole('button', { name: `Restore ${target.name} (Sim Cloutility)` }).click()

  const wizard = page.getByTestId('proxy-restore')
  await expect(wizard).toBeVisible()
  // The guide puts itself in view, its heading focused.
  const heading = wizard.getByRole('heading', { level: 2 })
  await expect(heading).toBeFocused()
  await expect(heading).toBeInViewport()

  await wizard.getByLabel('Agent node (the machine that will receive the files)').selectOption(String(agentId))
  await expect(wizard.getByTestId('proxy-refusal')).toContainText('Windows')
  await expect(wizard.getByRole('button', { name: 'Grant proxy access' })).toBeDisabled()
  await expect(wizard.getByTestId('dsmc-command')).toHaveCount(0)
  expect(target.node!.proxyAgentIds).not.toContain(agentId)
  await expectAccessible(page, 'proxy restore refusal')
})

test('restore center: a refused restore says why and keeps the keyboard on its button', async ({ page, app }) => {
  void app
  const data = sim.cloudally.data
  const task = await openWithCloudAlly(page)
  await page.getByLabel("Find a customer's backup").fill(task.alias)
  await page.getByLabel("Find a customer's backup").press('Enter')
  await page.getByRole('table', { name: 'Restorable objects' }).getByRole('button', { name: `Restore ${task.alias} (Sim CloudAlly)` }).click()
  const options = page.getByTestId('restore-options')
  await expect(options.getByRole('button', { name: 'Review…' })).toBeEnabled()
  await options.getByRole('button', { name: 'Review…' }).click()

  // The task is deleted at CloudAlly meanwhile: the request is refused with a 404.
  data.tasks.splice(data.tasks.indexOf(task), 1)
  const start = options.getByRole('button', { name: 'Start download' })
  await start.focus()
  await page.keyboard.press('Enter')
  await expect(options.getByRole('alert')).toContainText(`CloudAlly has no backup task ${task.id}`)
  // The keyboard stays where it was: on the button, now offering to try again.
  await expect(options.getByRole('button', { name: 'Try again' })).toBeFocused()
  expect(sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' })).toBe(1)
})

test('restore center: the keyboard moves into the picked object\'s options and back to its row when they close', async ({ page, app }) => {
  void app
  const task = await openWithCloudAlly(page)
  await page.getByLabel("Find a customer's backup").fill(task.alias)
  await page.getByLabel("Find a customer's backup").press('Enter')
  const row = page.getByRole('table', { name: 'Restorable objects' }).getByRole('button', { name: `Restore ${task.alias} (Sim CloudAlly)` })
  const options = page.getByTestId('restore-options')

  await row.focus()
  await page.keyboard.press('Enter')
  await expect(options.getByRole('heading', { level: 3 }).first()).toBeFocused()
  await expect(options.getByRole('button', { name: 'Review…' })).toBeEnabled()
  await options.getByRole('button', { name: 'Cancel' }).focus()
  await page.keyboard.press('Enter')
  await expect(options).toHaveCount(0)
  await expect(row).toBeFocused()

  // The same after a request was sent and its progress closed.
  await page.keyboard.press('Enter')
  await options.getByRole('button', { name: 'Review…' }).click()
  await options.getByRole('button', { name: 'Start download' }).click()
  await options.getByRole('button', { name: 'Close' }).focus()
  await page.keyboard.press('Enter')
  await expect(options).toHaveCount(0)
  await expect(row).toBeFocused()
})

test('restore center: Search and Check now keep the keyboard focus while they run', async ({ page, app }) => {
  void app
  const task = await openWithCloudAlly(page)
  await page.getByLabel("Find a customer's backup").fill(task.alias)
  const search = page.getByRole('button', { name: 'Search', exact: true })
  await search.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('restorable-object').first()).toBeVisible()
  await expect(search).toBeFocused()

  await page.getByRole('table', { name: 'Restorable objects' }).getByRole('button', { name: `Restore ${task.alias} (Sim CloudAlly)` }).click()
  const options = page.getByTestId('restore-options')
  await options.getByRole('button', { name: 'Review…' }).click()
  await options.getByRole('button', { name: 'Start download' }).click()
  await options.getByRole('button', { name: 'Close' }).click()
  const listed = page.getByRole('region', { name: 'Restore and download requests' }).getByTestId('restore-progress')
  const checkNow = listed.getByRole('button', { name: 'Check now' })
  await checkNow.focus()
  const polls = sim.stats.count({ provider: 'cloudally', method: 'GET', path: /^\/v1\/restore\/[^/]+$/ })
  await page.keyboard.press('Enter')
  await expect.poll(() => sim.stats.count({ provider: 'cloudally', method: 'GET', path: /^\/v1\/restore\/[^/]+$/ })).toBeGreaterThan(polls)
  await expect(checkNow).toBeFocused()
})
