import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { demoRepositoryDefinition, lookUpDemoRepository } from './cloudback-steps'
import { cutCells, cutHeaders, expect, expectAccessible, expectTablesReadable, test } from './fixtures'
import { createVault } from './vault-steps'

// Cloudback: look up a repository, change its schedule, see the 422 explained for an unknown
// schedule name; look up a GitLab project of a nested group; then a bulk change over all three
// with its preview and per-item results.

let sim: Simulator
test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 6 })
})
test.afterAll(async () => {
  await sim.stop()
})

async function addCloudbackConnection(page: Page): Promise<void> {
  await createVault(page)
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-provider').selectOption('cloudback')
  await page.locator('#conn-name').fill('Demo Cloudback')
  await page.locator('#conn-baseUrl').fill(sim.cloudback.url)
  await page.locator('#conn-apiKey').fill(sim.cloudback.credentials.apiKey)
  await page.getByRole('button', { name: 'Add connection' }).click()
  await expect(page.getByTestId('cloudback-console')).toBeVisible()
}

test('Cloudback: look up, change the schedule, a 422 in plain words, bulk preview and apply', async ({ page, app }) => {
  await addCloudbackConnection(page)

  // Look up the demo repository.
  const editor = await lookUpDemoRepository(page)
  await expect(editor).toContainText('GitHub repository backdesk-demo/demo-repository')
  await expect(editor.getByRole('heading', { name: 'GitHub repository backdesk-demo/demo-repository' })).toBeFocused()
  const def = () => demoRepositoryDefinition(sim)
  await expect(editor.getByLabel('Schedule', { exact: true })).toHaveValue(def().settings.schedule ?? '')
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'cloudback lookup')

  // Change its schedule.
  const next = def().settings.schedule === 'Daily at 6 am' ? 'Daily at 7 am' : 'Daily at 6 am'
  await editor.getByLabel('Schedule', { exact: true }).fill(next)
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByText('Saved at Cloudback.')).toBeVisible()
  expect(def().settings.schedule).toBe(next)
  await expect(page.getByRole('table', { name: 'Tracked Cloudback definitions' })).toContainText(next)
  // In a 1000 px window (where no column has room to spare) the time it was checked shows whole
  // (minutes and AM/PM), and the pinned column's header reads "Actions", not "Acti…".
  await page.setViewportSize({ width: 1000, height: 800 })
  await expect.poll(() => cutCells(page, 'Tracked Cloudback definitions', 'Checked')).toEqual([])
  await expect.poll(() => cutHeaders(page, 'Tracked Cloudback definitions')).not.toContain('Actions')
  await page.setViewportSize({ width: 1280, height: 800 })

  // An unknown schedule name: Cloudback's 422, explained.
  await editor.getByLabel('Schedule', { exact: true }).fill('Daily at 25 pm')
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByTestId('cloudback-error')).toContainText('Cloudback has no schedule named “Daily at 25 pm”')
  expect(def().settings.schedule).toBe(next)

  // Track a second repository. The editor still holds the refused schedule, not saved: opening
  // the other definition, by its lookup or its row, asks first. Keep editing keeps the edit and
  // this definition; Discard opens the other.
  const other = sim.cloudback.data.knownRepos['backdesk-demo']!.find((r) => r !== 'demo-repository')!
  await editor.getByLabel('Schedule', { exact: true }).fill('Daily at 6 pm')
  await page.locator('#cb-subject').fill(other)
  await page.getByRole('button', { name: 'Look up' }).click()
  const question = page.getByRole('dialog', { name: 'Discard your changes to GitHub repository backdesk-demo/demo-repository?' })
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(question).toHaveCount(0)
  await expect(editor.getByRole('heading', { name: 'GitHub repository backdesk-demo/demo-repository' })).toBeVisible()
  await expect(editor.getByLabel('Schedule', { exact: true })).toHaveValue('Daily at 6 pm')
  const trackedList = page.getByRole('table', { name: 'Tracked Cloudback definitions' })
  await trackedList.getByRole('button', { name: `Edit backdesk-demo/${other}` }).click()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(editor.getByLabel('Schedule', { exact: true })).toHaveValue('Daily at 6 pm')
  await trackedList.getByRole('button', { name: `Edit backdesk-demo/${other}` }).click()
  await question.getByRole('button', { name: 'Discard changes' }).click()
  await expect(editor.getByRole('heading', { name: `GitHub repository backdesk-demo/${other}` })).toBeVisible()
  expect(def().settings.schedule).toBe(next)

  // GitLab: a project of a nested group. The group path (with its subgroup) is the account; a
  // project path with its group is refused in the form with GitLab's naming rule, before any call.
  const group = 'gitlab-demo/platform'
  const project = sim.cloudback.data.knownRepos[group]![0]!
  await page.getByLabel('Platform').selectOption('GitLab')
  await expect(page.locator('label[for="cb-account"]')).toHaveText(/Group or user/)
  await expect(page.locator('#cb-type')).toBeDisabled()
  await page.getByLabel(/Group or user/).fill('gitlab-demo')
  await page.locator('#cb-subject').fill(`platform/${project}`)
  const lookupsBefore = sim.stats.count({ provider: 'cloudback', path: /definition\/get$/ })
  await page.getByRole('button', { name: 'Look up' }).click()
  await expect(page.getByRole('alert')).toContainText('the group path, subgroups included, goes in Account')
  expect(sim.stats.count({ provider: 'cloudback', path: /definition\/get$/ })).toBe(lookupsBefore)
  await page.getByLabel(/Group or user/).fill(group)
  await page.locator('#cb-subject').fill(project)
  await page.getByRole('button', { name: 'Look up' }).click()
  await expect(page.getByTestId('cloudback-editor')).toContainText(`GitLab project ${group}/${project}`)
  const gitlabDef = () => sim.cloudback.data.definitions.get(`gitlab|${group}|repository|${project}`.toLowerCase())!
  await expect(page.getByTestId('cloudback-editor').getByLabel('Retention', { exact: true })).toHaveValue(gitlabDef().settings.retention ?? '')
  const tracked = page.getByRole('table', { name: 'Tracked Cloudback definitions' })
  await expect(tracked.getByRole('checkbox', { name: `Select ${group}/${project}` })).toBeVisible()
  await expect(tracked.getByRole('cell', { name: 'GitLab', exact: true })).toBeVisible()
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'cloudback gitlab lookup')
  await expectTablesReadable(page, 'cloudback tracked definitions')
  await expect(tracked.getByRole('row', { name: /demo-repository/ })).toContainText(/Enabled|Disabled/)
  await page.getByRole('checkbox', { name: 'Select all' }).check()
  await page.getByRole('button', { name: 'Change schedule, storage or retention…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(/Retention/).fill('Last 180 days')
  await dialog.getByRole('button', { name: 'Preview' }).click()
  const preview = dialog.getByTestId('cloudback-preview')
  await expect(preview).toContainText('Nothing is changed yet')
  await expect(preview).toContainText('Retention: ')
  await expect(preview).toContainText('→')
  await expectAccessible(page, 'cloudback bulk preview')
  await expectTablesReadable(page, 'cloudback bulk preview')
  const updatesBefore = sim.stats.count({ provider: 'cloudback', path: /definition\/update$/ })
  await dialog.getByRole('button', { name: /^Apply to/ }).click()
  await expect(preview).toContainText(/updated/)
  expect(def().settings.retention).toBe('Last 180 days')
  expect(sim.cloudback.data.definitions.get(`github|backdesk-demo|repository|${other}`.toLowerCase())!.settings.retention).toBe('Last 180 days')
  expect(gitlabDef().settings.retention).toBe('Last 180 days')
  expect(sim.stats.count({ provider: 'cloudback', path: /definition\/update$/ }) - updatesBefore).toBeLessThanOrEqual(3)
  expect(app.responses.join('\n')).not.toContain(sim.cloudback.credentials.apiKey)

  // Stop tracking asks first, then says what it did; nothing changes at Cloudback.
  await dialog.getByRole('button', { name: 'Close' }).click()
  const definitionsBefore = sim.cloudback.data.definitions.size
  await page.getByRole('checkbox', { name: 'Select all' }).uncheck()
  await tracked.getByRole('checkbox', { name: `Select ${group}/${project}` }).check()
  await page.getByRole('button', { name: 'Stop tracking…' }).click()
  const confirm = page.getByRole('dialog', { name: 'Stop tracking 1 definition?' })
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(tracked.getByRole('checkbox', { name: `Select ${group}/${project}` })).toBeVisible()
  await page.getByRole('button', { name: 'Stop tracking…' }).click()
  await page.getByRole('dialog', { name: 'Stop tracking 1 definition?' }).getByRole('button', { name: 'Stop tracking' }).click()
  await expect(page.getByText('Stopped tracking 1 definition. Nothing was changed at Cloudback.')).toBeVisible()
  await expect(tracked.getByRole('checkbox', { name: `Select ${group}/${project}` })).toHaveCount(0)
  expect(sim.cloudback.data.definitions.size).toBe(definitionsBefore)
})

test('Cloudback: a lookup error naming a long project wraps inside its panel', async ({ page, app }) => {
  void app
  await addCloudbackConnection(page)
  await page.getByLabel('Platform').selectOption('GitLab')
  await page.getByLabel(/Group or user/).fill('gitlab-demo')
  await page.locator('#cb-subject').fill('p'.repeat(255))
  await page.getByRole('button', { name: 'Look up' }).click()
  const panel = page.getByRole('region', { name: 'Look up a backup definition' })
  const alert = panel.getByRole('alert')
  await expect(alert).toContainText('p'.repeat(60))
  const fits = await alert.evaluate((el) => {
    const own = el.getBoundingClientRect()
    const box = el.closest('section')!.getBoundingClientRect()
    return { overflows: el.scrollWidth > el.clientWidth, right: own.right, panelRight: box.right }
  })
  expect(fits.overflows).toBe(false)
  expect(fits.right).toBeLessThanOrEqual(fits.panelRight)
})

test('Cloudback: in a 1000 px window the lookup’s fields stay in line although a label wraps', async ({ page, app }) => {
  void app
  await addCloudbackConnection(page)
  await page.setViewportSize({ width: 1000, height: 800 })
  const panel = page.getByRole('region', { name: 'Look up a backup definition' })
  const tops = async (): Promise<{ labelLines: number[]; controls: number[] }> =>
    panel.locator('.form-grid > div').evaluateAll((cells) => ({
      labelLines: cells.map((cell) => {
        const text = document.createRange()
        text.selectNodeContents(cell.querySelector('label')!)
        return text.getClientRects().length
      }),
      controls: cells.map((cell) => Math.round(cell.querySelector('input, select')!.getBoundingClientRect().top))
    }))
  for (const platform of ['GitHub', 'GitLab']) {
    await panel.getByLabel('Platform').selectOption(platform)
    const { labelLines, controls } = await tops()
    // The account's label takes two lines here, the others one…
    expect(labelLines.filter((lines) => lines > 1), platform).toHaveLength(1)
    // …and yet the three controls start at the same height.
    expect(new Set(controls).size, `${platform}: ${controls.join(', ')}`).toBe(1)
  }
})

test('Cloudback: a definition removed at Cloudback while edited keeps the edits, says so, and saves once it is back', async ({ page, app }) => {
  void app
  await addCloudbackConnection(page)
  const repo = sim.cloudback.data.knownRepos['octo-labs']![0]!
  await page.getByLabel('Platform').selectOption('GitHub')
  await page.getByLabel(/Account/).fill('octo-labs')
  await page.locator('#cb-subject').fill(repo)
  await page.getByRole('button', { name: 'Look up' }).click()
  const editor = page.getByTestId('cloudback-editor')
  await expect(editor).toContainText(`GitHub repository octo-labs/${repo}`)
  const simKey = `github|octo-labs|repository|${repo}`.toLowerCase()
  const held = sim.cloudback.data.definitions.get(simKey)!
  const next = held.settings.schedule === 'Daily at 6 am' ? 'Daily at 7 am' : 'Daily at 6 am'
  await editor.getByLabel('Schedule', { exact: true }).fill(next)

  // Removed at Cloudback behind the editor's back: the save finds it gone, and the edit stays.
  sim.cloudback.data.definitions.delete(simKey)
  try {
    await editor.getByRole('button', { name: 'Save settings' }).click()
    const gone = editor.getByTestId('cloudback-editor-gone')
    await expect(gone).toContainText('Cloudback no longer has this definition')
    await expect(gone).toContainText('Your unsaved edits are kept here')
    await expect(editor.getByLabel('Schedule', { exact: true })).toHaveValue(next)
    const row = page.getByRole('table', { name: 'Tracked Cloudback definitions' }).getByRole('row', { name: new RegExp(repo) })
    await expect(row).toContainText('Cloudback has no backup definition')
    await page.mouse.move(0, 0)
    await expectAccessible(page, 'cloudback definition removed at cloudback')
    await gone.getByRole('button', { name: 'Check again' }).click()
    await expect(gone).toContainText(`Cloudback still has no definition for GitHub repository octo-labs/${repo}.`)
  } finally {
    sim.cloudback.data.definitions.set(simKey, held)
  }

  // Back at Cloudback: checked again, the notice goes and the kept edit is saved.
  await editor.getByRole('button', { name: 'Check again' }).click()
  await expect(editor.getByTestId('cloudback-editor-gone')).toHaveCount(0)
  await expect(editor.getByLabel('Schedule', { exact: true })).toHaveValue(next)
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByText('Saved at Cloudback.')).toBeVisible()
  expect(sim.cloudback.data.definitions.get(simKey)!.settings.schedule).toBe(next)
})
