/// <reference lib="dom" />
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { busyConsumer, openUnit, setUpVaultAndConnection } from './cloutility-steps'
import { cutCells, cutHeaders, expect, expectAccessible, expectTablesReadable, sectionSpace, spaceBetween, test } from './fixtures'

// The Cloutility console in the web shell against the simulator: browse (tree → unit →
// consumption unit → node, filespaces, jobs, reports), then manage (create a unit, a consumption
// unit and a node, activate it, reveal its password, delete everything with confirmation).

let sim: Simulator

test.beforeEach(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 5 })
})
test.afterEach(async () => {
  await sim?.stop()
})

test('browse: tree → unit → consumption unit → node, filespaces, jobs, reports', async ({ page, app }) => {
  void app
  await setUpVaultAndConnection(page, sim)
  await expectAccessible(page, 'cloutility tree')

  const target = busyConsumer(sim)
  await openUnit(page, target.buName, target.buId)
  const table = page.getByRole('table', { name: `Consumption units of ${target.buName}` })
  await expect(table).toBeVisible()
  await expect(table.getByRole('button', { name: target.cuName })).toBeVisible()
  await expectAccessible(page, 'consumption units')
  await expectTablesReadable(page, 'consumption units')

  // Filter and sort work on the table.
  await page.getByLabel('Filter').fill(target.nodeName)
  await expect(table.getByRole('row')).toHaveCount(2)
  // Nothing matching: the list's box ends under its sentence, with no blank box below it.
  await page.getByLabel('Filter').fill('no-such-node-name')
  await expect(table.getByRole('row')).toHaveCount(2)
  const blankUnder = await table.evaluate((t) => (t.closest('.virtual-scroll, .table-scroll') ?? t).getBoundingClientRect().bottom - t.getBoundingClientRect().bottom)
  expect(blankUnder).toBeLessThanOrEqual(2)
  await page.getByLabel('Filter').fill('')
  await table.getByRole('button', { name: 'Storage' }).click()
  await expect(table.getByRole('columnheader', { name: /Storage/ })).toHaveAttribute('aria-sort', 'ascending')
  // Enter on the header sorts too: the other way round.
  await table.getByRole('button', { name: 'Storage' }).press('Enter')
  await expect(table.getByRole('columnheader', { name: /Storage/ })).toHaveAttribute('aria-sort', 'descending')

  await table.getByRole('button', { name: target.cuName }).click()
  await expect(page.getByRole('heading', { name: target.cuName })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Node' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('node-state')).toHaveText('Activated')
  await expect(page.getByRole('definition').filter({ hasText: target.nodeName }).first()).toBeVisible()
  await expectAccessible(page, 'node')
  // In a narrow window the node's actions stay one row: none is left alone on a line of its own.
  await page.setViewportSize({ width: 1000, height: 700 })
  const actionTops = await Promise.all(
    ['Change password…', 'Edit node…', 'Delete node…'].map(async (name) => (await page.getByRole('button', { name, exact: true }).boundingBox())!.y)
  )
  expect(new Set(actionTops).size).toBe(1)
  await page.setViewportSize({ width: 1280, height: 800 })
  // In a 1000 px window the consumption unit's tabs do not fit one row: a tab moves to the next
  // row whole, its name never broken over two lines ("Audit / log").
  await page.setViewportSize({ width: 1000, height: 800 })
  await expect
    .poll(() =>
      page.getByRole('tab').evaluateAll((tabs) =>
        tabs.filter((tab) => {
          const text = document.createRange()
          text.selectNodeContents(tab)
          return text.getClientRects().length > 1
        }).map((tab) => tab.textContent)
      )
    )
    .toEqual([])
  await page.setViewportSize({ width: 1280, height: 800 })

  await page.getByRole('tab', { name: 'Filespaces' }).click()
  await expect(page.getByRole('table', { name: `Filespaces of ${target.cuName}` })).toBeVisible()
  await expect(page.getByRole('table', { name: `Filespaces of ${target.cuName}` }).getByRole('row')).not.toHaveCount(1)
  await expectAccessible(page, 'filespaces')
  await expectTablesReadable(page, 'filespaces')

  await page.getByRole('tab', { name: 'Jobs' }).click()
  const jobs = page.getByRole('table', { name: `Jobs of ${target.cuName}` })
  await expect(jobs).toBeVisible()
  await expect(jobs.getByRole('row').nth(1)).not.toContainText('No jobs')
  await expectAccessible(page, 'jobs')
  await expectTablesReadable(page, 'jobs')

  await page.getByRole('tab', { name: 'Reports' }).click()
  await expect(page.getByRole('img', { name: new RegExp(`Storage and transfer of ${target.cuName}`) })).toBeVisible()
  await expect(page.getByRole('table', { name: `Daily reports of ${target.cuName}` })).toBeVisible()
  await expectAccessible(page, 'reports')
  await expectTablesReadable(page, 'reports')
  // At 1280 px every header reads whole (the warnings column has room to give), and a change in
  // storage carries its sign.
  const reportsName = `Daily reports of ${target.cuName}`
  expect(await cutHeaders(page, reportsName)).toEqual([])
  const changes = await page.getByRole('table', { name: reportsName }).locator('tbody tr td:nth-child(4)').allTextContents()
  expect(changes.length).toBeGreaterThan(0)
  for (const change of changes) expect(change).toMatch(/^([+-]\d|0 B$|—$)/)

  await page.getByRole('tab', { name: 'Audit log' }).click()
  await expect(page.getByRole('table', { name: `Audit log of ${target.cuName}` })).toBeVisible()
  await expectAccessible(page, 'audit log')
  await expectTablesReadable(page, 'audit log')

  await page.getByRole('tab', { name: 'Proxy relations' }).click()
  await expect(page.getByRole('heading', { name: /Agents/ })).toBeVisible()
  await expectAccessible(page, 'proxy relations')
  // The lists and the grant form are sections, the console's section space apart: the targets
  // table does not touch the form under it.
  const space = await sectionSpace(page)
  expect(space).toBeGreaterThan(0)
  const targets = page.getByRole('table', { name: `Nodes ${target.cuName} may act as` })
  const grantForm = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Grant a proxy relation' }) })
  await expect(targets).toBeVisible()
  expect(await spaceBetween(targets, grantForm)).toBeGreaterThanOrEqual(space)
  await expect(page.getByRole('form', { name: 'Grant a proxy relation' })).toBeVisible()
  // Both lists' headers read whole at 1280 px.
  await page.setViewportSize({ width: 1280, height: 800 })
  expect(await cutHeaders(page, `Nodes that may act as ${target.cuName}`)).toEqual([])
  expect(await cutHeaders(page, `Nodes ${target.cuName} may act as`)).toEqual([])
  // Grant another node of the unit the right to act as this one, then revoke it.
  const agents = page.getByRole('table', { name: `Nodes that may act as ${target.cuName}` })
  const before = await agents.getByRole('button', { name: 'Revoke…' }).count()
  await expect(page.getByLabel('Node', { exact: true }).locator('option')).not.toHaveCount(1)
  await page.getByLabel('Node', { exact: true }).selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Grant', exact: true }).click()
  await expect(agents.getByRole('button', { name: 'Revoke…' })).toHaveCount(before + 1)
  // The grant says so: the new row alone is easy to miss.
  await expect(page.getByText(new RegExp(`may now act as ${target.cuName}`))).toBeVisible()
  await expectTablesReadable(page, 'proxy relations')
  await agents.getByRole('button', { name: 'Revoke…' }).last().click()
  await expect(page.getByRole('dialog')).toContainText(`will no longer be able to act as`)
  await expectAccessible(page, 'revoke proxy confirmation')
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
  await expect(agents.getByRole('button', { name: 'Revoke…' })).toHaveCount(before)
  await expect(page.getByText(/Revoked the proxy relation with/)).toBeVisible()

  // Billing of the home unit.
  await page.getByRole('button', { name: /←/ }).click()
  const home = sim.cloutility.data.businessUnits.get(sim.cloutility.credentials.homeBusinessUnitId)
  await openUnit(page, home?.name ?? '', home?.id ?? 0)
  await page.getByRole('tab', { name: 'Billing' }).click()
  await expect(page.getByRole('heading', { name: 'Contract' })).toBeVisible()
  // The subscriptions are a section of their own, with a heading, a section's space under the
  // contract's facts.
  const contract = page.getByRole('region', { name: 'Contract' })
  // The panel's padding alone is the space above its heading, as at its other edges.
  const aboveHeading = await contract.evaluate((panel) => {
    const style = getComputedStyle(panel)
    const heading = panel.querySelector('h2')?.getBoundingClientRect().top ?? Infinity
    return heading - panel.getBoundingClientRect().top - parseFloat(style.borderTopWidth) - parseFloat(style.paddingTop)
  })
  expect(aboveHeading).toBeLessThanOrEqual(1)
  const subscriptionsTable = contract.getByRole('table', { name: 'Subscriptions' })
  await expect(subscriptionsTable).toBeVisible()
  await expect(contract.getByRole('heading', { name: 'Subscriptions' })).toBeVisible()
  expect(await spaceBetween(contract.locator('dl'), subscriptionsTable)).toBeGreaterThanOrEqual(space)
  const firstInvoice = page.getByRole('table', { name: 'Invoices' }).getByRole('row').nth(1)
  await expect(firstInvoice).toBeVisible()
  // The list does not carry lines: it does not claim there are none.
  await expect(firstInvoice.getByRole('cell').nth(3)).toHaveText('—')
  const listedTotal = (await firstInvoice.getByRole('cell').nth(2).innerText()).trim()
  await page.getByRole('table', { name: 'Invoices' }).getByRole('button', { name: 'Show lines' }).first().click()
  const invoiceLines = page.getByRole('table', { name: /^Lines of the invoice of/ })
  await expect(invoiceLines.getByRole('row').nth(1)).toBeVisible()
  // Lines, discount and total agree with each other and with the list.
  await expect(invoiceLines.getByRole('row', { name: /^Sum of the lines/ })).toBeVisible()
  await expect(invoiceLines.getByRole('row', { name: /^Discount/ })).toContainText('%')
  await expect(invoiceLines.getByRole('row', { name: /^Total/ })).toContainText(listedTotal)
  await expect(page.getByRole('note')).toHaveCount(0)
  await expectAccessible(page, 'billing')
  await expectTablesReadable(page, 'billing')
  // A window half a 2,000 px screen wide, the sidebar hidden: the subscriptions fit their pane.
  await page.setViewportSize({ width: 1000, height: 700 })
  await page.getByRole('button', { name: 'Hide sidebar' }).click()
  const subscriptionsScroll = await subscriptionsTable.evaluate((t) => {
    const box = t.closest('.table-scroll, .virtual-scroll') ?? t
    return box.scrollWidth - box.clientWidth
  })
  expect(subscriptionsScroll).toBeLessThanOrEqual(0)
  await page.getByRole('button', { name: 'Show sidebar' }).click()
  await page.setViewportSize({ width: 1280, height: 800 })

  // Upload an invoice PDF; it appears in the list. The form is a section's space under the list.
  const files = page.getByRole('table', { name: 'Invoice files' })
  await expect(files).toBeVisible()
  expect(await spaceBetween(files, page.locator('form').filter({ has: page.getByRole('heading', { name: 'Upload an invoice PDF' }) }))).toBeGreaterThanOrEqual(space)
  const filesBefore = await files.getByRole('row').count()
  // Nothing chosen: the message sits under the file field.
  await page.getByRole('button', { name: 'Upload', exact: true }).click()
  await expect(page.getByLabel(/PDF file/)).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Choose a PDF file.')).toBeVisible()
  await page.getByLabel(/PDF file/).setInputFiles({ name: 'e2e-invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%e2e\n%%EOF\n') })
  await page.getByLabel('ERP reference (optional)').fill('=ERP-1')
  await page.getByRole('button', { name: 'Upload', exact: true }).click()
  await expect(page.getByText('Uploaded e2e-invoice.pdf.')).toBeVisible()
  await expect(files.getByRole('row')).toHaveCount(filesBefore + 1)

  // Every table exports CSV, built in the renderer, with formula injection defused.
  const download = page.waitForEvent('download')
  await page.getByRole('region', { name: /Invoice files/ }).getByRole('button', { name: 'Export CSV' }).click()
  const csv = await (await download).createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of csv) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  expect(text).toContain('Id,File,ERP reference')
  expect(text).toContain("e2e-invoice.pdf,'=ERP-1,")
  // The page says so beside the button: a download alone is easy to miss.
  await expect(page.getByRole('region', { name: /Invoice files/ }).getByText(`Exported ${filesBefore} ${filesBefore === 1 ? 'row' : 'rows'} to `)).toHaveRole('status')
})

test('a unit with warnings: they read plainly, and its chart has a legend', async ({ page, app }) => {
  void app
  await setUpVaultAndConnection(page, sim)
  const data = sim.cloutility.data
  const home = sim.cloutility.credentials.homeBusinessUnitId
  const inHome = (buId: number | null | undefined): boolean => {
    for (let id = buId; id !== null && id !== undefined; id = data.businessUnits.get(id)?.parentId) if (id === home) return true
    return false
  }
  const failing = [...data.consumers.values()].find((c) => (c.profile === 'missed' || c.profile === 'failing') && c.node?.activatedMs && inHome(c.buId))
  const bu = data.businessUnits.get(failing?.buId ?? 0)
  if (!failing || !bu) throw new Error('no unit with missed or failed backups in this seed')
  await openUnit(page, bu.name, bu.id)
  await page.getByRole('table', { name: `Consumption units of ${bu.name}` }).getByRole('button', { name: failing.name, exact: true }).click()

  await page.getByRole('tab', { name: 'Reports' }).click()
  const latest = page.getByRole('region', { name: 'Latest warnings' })
  // A missed or failed backup is a warning without a duration: no "for 0 days".
  await expect(latest).toContainText(/Missed schedule|Backup failed/)
  await expect(page.getByText(/for 0 days/)).toHaveCount(0)
  // Each legend entry is a small swatch beside its name, not a plot-wide block.
  const legend = page.locator('.chart-legend .legend-item')
  await expect(legend).toHaveCount(2)
  for (const item of await legend.all()) {
    const swatch = await item.locator('svg').boundingBox()
    const line = await item.boundingBox()
    expect(swatch?.width).toBeLessThanOrEqual(16)
    expect(line?.height).toBeLessThanOrEqual(40)
  }
  // Storage reads on the left axis; the day's transfer, far smaller, on a right-hand axis of its
  // own, named above it and in the legend, its values drawn whole inside the chart.
  await expect(legend).toHaveText(['Storage (left axis)', 'Transferred (right axis)'])
  const rightAxis = page.locator('.chart-value-axis-right text')
  await expect(rightAxis.first()).toHaveText('Transferred')
  await expect(rightAxis).toHaveCount(4)
  await expect(rightAxis.last()).toHaveText(/^\d+(\.\d+)? (B|KiB|MiB|GiB|TiB)$/)
  const chart = await page.getByRole('img', { name: new RegExp(`Storage and transfer of ${failing.name}`) }).boundingBox()
  for (const text of await rightAxis.all()) {
    const box = await text.boundingBox()
    expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual((chart?.x ?? 0) + (chart?.width ?? 0) + 0.5)
  }

  await page.getByRole('tab', { name: 'Jobs' }).click()
  const jobs = page.getByRole('table', { name: `Jobs of ${failing.name}` })
  await expect(jobs.getByRole('row').nth(2)).toBeVisible()
  // Job statuses in words, each with the status as Cloutility sent it in its tooltip.
  await expect(jobs.getByRole('cell', { name: /^(Missed|Failed|Failed, not restarted|Connection lost)$/ }).first()).toHaveAttribute('title', /^(Missed|Failed|Failed, not restarted|Connection lost)( \(.+\))?$/)
  await expectAccessible(page, 'failing unit jobs')
  await expectTablesReadable(page, 'failing unit jobs')
})

test('manage: create a unit, a consumption unit and a node, activate it, then delete them with confirmation', async ({ page, app }) => {
  await setUpVaultAndConnection(page, sim)
  const data = sim.cloutility.data
  const home = data.businessUnits.get(sim.cloutility.credentials.homeBusinessUnitId)
  if (!home) throw new Error('no home unit')

  // A new business unit under the home unit.
  await page.getByRole('tab', { name: 'Details' }).click()
  await page.getByRole('button', { name: 'New business unit below…' }).click()
  const buDialog = page.getByRole('dialog')
  await buDialog.getByLabel('Name').fill('E2E Test Customer AB')
  await expect(buDialog.getByLabel('Time zone').locator('option')).not.toHaveCount(1)
  await buDialog.getByLabel('Time zone').selectOption({ index: 1 })
  await expectAccessible(page, 'business unit form')
  await buDialog.getByRole('button', { name: 'Create business unit' }).click()
  await expect(page.getByRole('heading', { name: /^E2E Test Customer AB/ })).toBeVisible()
  const bu = [...data.businessUnits.values()].find((b) => b.name === 'E2E Test Customer AB')
  expect(bu).toBeDefined()
  await expect(page.getByRole('treeitem', { name: /E2E Test Customer AB/ })).toBeVisible()

  // A consumption unit in it.
  await page.getByRole('tab', { name: 'Consumption units' }).click()
  await page.getByRole('button', { name: 'New consumption unit' }).click()
  await page.getByRole('dialog').getByLabel('Name').fill('E2E-WS-01')
  await page.getByRole('dialog').getByRole('button', { name: 'Create consumption unit' }).click()
  await expect(page.getByRole('heading', { name: 'E2E-WS-01' })).toBeVisible()
  const cu = [...data.consumers.values()].find((c) => c.name === 'E2E-WS-01')
  expect(cu?.buId).toBe(bu?.id)

  // Its backup node, from the server's lists.
  await page.getByRole('button', { name: 'Create backup node' }).click()
  const nodeDialog = page.getByRole('dialog')
  await expect(nodeDialog.getByLabel('Operating system').locator('option')).not.toHaveCount(1)
  // Sent empty: one message under each list that needs a choice, none for the rest.
  await nodeDialog.getByRole('button', { name: 'Create node' }).click()
  await expect(nodeDialog.getByLabel('Operating system')).toHaveAttribute('aria-invalid', 'true')
  await expect(nodeDialog.getByText('Choose a node type.')).toBeVisible()
  await expect(nodeDialog.getByLabel('Contact')).not.toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page, 'node form with problems')
  await nodeDialog.getByLabel('Operating system').selectOption({ index: 1 })
  await expect(nodeDialog.getByLabel('Operating system')).not.toHaveAttribute('aria-invalid', 'true')
  await nodeDialog.getByLabel('Node type').selectOption({ index: 1 })
  await nodeDialog.getByLabel('Domain (retention)').selectOption({ index: 1 })
  await nodeDialog.getByLabel('Client option set').selectOption({ index: 1 })
  await nodeDialog.getByLabel('Contact').fill('ops@example.com')
  await nodeDialog.getByLabel('CPU count').fill('2')
  await expectAccessible(page, 'node form')
  await nodeDialog.getByRole('button', { name: 'Create node' }).click()
  await expect(page.getByTestId('node-state')).toHaveText('Not activated')

  // Activation: the proposed name is checked live against the naming rules.
  await page.getByRole('button', { name: 'Activate…' }).click()
  const wizard = page.getByRole('dialog', { name: 'Activate backup node' })
  const nameInput = wizard.getByLabel('Node name')
  await expect(nameInput).not.toHaveValue('')
  const proposed = await nameInput.inputValue()
  await nameInput.fill('bad name!')
  await expect(wizard.getByText(/Not allowed in a node name/)).toBeVisible()
  await expect(wizard.getByRole('button', { name: 'Activate' })).toBeDisabled()
  await nameInput.fill(proposed)
  await expect(wizard.getByText(/^OK:/)).toBeVisible()
  await expectAccessible(page, 'activation wizard')
  await wizard.getByRole('button', { name: 'Activate' }).click()

  await expect(page.getByText('Node password stored in the vault', { exact: false }).first()).toBeVisible()
  await expect(page.getByTestId('node-state')).toHaveText('Activated')
  // The unit's summary follows: its node name and state, not "—" and "New".
  const summary = page.getByTestId('unit-summary')
  await expect(summary.locator('.fact').filter({ hasText: 'Node name' }).locator('dd')).toHaveText(proposed)
  await expect(summary.locator('.fact').filter({ hasText: 'State' }).locator('dd')).toHaveText('Active')
  // A name read character by character is monospaced; a word is in the text face.
  await expect(summary.locator('.fact').filter({ hasText: 'Node name' }).locator('dd')).toHaveCSS('font-family', /monospace/)
  await expect(summary.locator('.fact').filter({ hasText: 'State' }).locator('dd')).not.toHaveCSS('font-family', /monospace/)
  const password = data.consumers.get(cu?.id ?? 0)?.node?.tsmPassword ?? ''
  expect(password.length).toBeGreaterThan(0)
  const value = page.getByTestId('node-password-value')
  await expect(value).not.toContainText(password)
  expect(await page.content()).not.toContain(password)
  await expectAccessible(page, 'activated node')

  // Reveal shows it; a second click hides it again (gone from the DOM).
  await page.getByRole('button', { name: 'Reveal' }).click()
  await expect(value).toHaveText(password)
  await page.getByRole('button', { name: 'Hide', exact: true }).click()
  await expect(value).not.toContainText(password)
  expect(await page.content()).not.toContain(password)
  // Copy: main writes the clipboard, or says why it cannot (web shell).
  await page.getByRole('button', { name: 'Copy' }).click()
  await expect(page.getByTestId('node-password').getByRole('status')).toHaveText(/Copied|clipboard/i)

  // Only the explicit reveal ever carried the password to the renderer.
  const carrying = app.responses.filter((r) => r.includes(password))
  expect(carrying).toHaveLength(1)

  // Change the node password: it goes one way into main, and the vault keeps the new one.
  const next = 'E2e.New-Password-7'
  await page.getByRole('button', { name: 'Change password…' }).click()
  const pwDialog = page.getByRole('dialog')
  await pwDialog.getByLabel('New password', { exact: true }).fill(next)
  await pwDialog.getByLabel('Repeat the new password').fill(next)
  await expectAccessible(page, 'password change')
  await pwDialog.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('Password changed and stored in the vault.')).toBeVisible()
  expect(data.consumers.get(cu?.id ?? 0)?.node?.tsmPassword).toBe(next)
  await page.getByRole('button', { name: 'Reveal' }).click()
  await expect(value).toHaveText(next)
  await page.getByRole('button', { name: 'Hide', exact: true }).click()
  await expect(value).not.toContainText(next)

  // Delete the node: the dialog names what goes, and the consumption unit goes with it.
  await page.getByRole('button', { name: 'Delete node…' }).click()
  const confirmNode = page.getByRole('dialog')
  const nodeName = data.consumers.get(cu?.id ?? 0)?.node?.tsmName ?? ''
  await expect(confirmNode).toContainText(nodeName)
  await expect(confirmNode).toContainText('E2E-WS-01')
  await expect(confirmNode).toContainText(String(cu?.id))
  await expectAccessible(page, 'delete node confirmation')
  await confirmNode.getByRole('button', { name: 'Delete node and consumption unit' }).click()
  await expect(confirmNode.getByLabel(/Type/)).toHaveAttribute('aria-invalid', 'true')
  await expect(confirmNode.getByText(`Type ${nodeName} to confirm.`)).toBeVisible()
  await expect(confirmNode.getByLabel(/Type/)).toBeFocused()
  // Only the letter case wrong: the message says so.
  await confirmNode.getByLabel(/Type/).fill(nodeName.toLowerCase())
  await confirmNode.getByRole('button', { name: 'Delete node and consumption unit' }).click()
  await expect(confirmNode.getByText(/with the same capital and small letters/)).toBeVisible()
  expect(data.consumers.has(cu?.id ?? 0)).toBe(true)
  await confirmNode.getByLabel(/Type/).fill(nodeName)
  await confirmNode.getByRole('button', { name: 'Delete node and consumption unit' }).click()
  await expect(page.getByRole('table', { name: 'Consumption units of E2E Test Customer AB' })).toBeVisible()
  expect(data.consumers.has(cu?.id ?? 0)).toBe(false)

  // Delete the business unit.
  await page.getByRole('tab', { name: 'Details' }).click()
  await page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Delete…' }).click()
  const confirmBu = page.getByRole('dialog')
  await expect(confirmBu).toContainText(`id ${bu?.id}`)
  await confirmBu.getByLabel(/Type/).fill('E2E Test Customer AB')
  await confirmBu.getByRole('button', { name: 'Delete business unit' }).click()
  await expect(page.getByRole('treeitem', { name: /E2E Test Customer AB/ })).toHaveCount(0)
  expect(data.businessUnits.has(bu?.id ?? 0)).toBe(false)

  // The connection's activity (one link from its screen) lists every change and the chain is intact.
  await page.getByRole('link', { name: 'Activity', exact: true }).click()
  await expect(page).toHaveURL(/#\/activity\?connection=/)
  const journal = page.getByRole('table', { name: 'Activity journal entries' })
  // header + create unit, consumption unit, node, activate, change password, delete node, delete unit
  await expect(journal.getByRole('row')).toHaveCount(8)
  // Actions and objects in words; the code stays in the tooltip.
  await expect(journal.getByRole('cell', { name: 'Activated the node', exact: true })).toHaveAttribute('title', 'Activated the node (activate)')
  await expect(journal.getByRole('cell', { name: /^Business unit “E2E Test Customer AB”/ }).first()).toBeVisible()
  await expectTablesReadable(page, 'activity')
  await page.getByRole('button', { name: 'Check the journal' }).click()
  await expect(page.getByText(/The journal is intact/)).toBeVisible()
  await expectAccessible(page, 'activity')
})

test('a business unit read at 1280 px: whole names, dates and buttons, honest fields, and Activity’s last column in view', async ({ page, app }) => {
  void app
  await page.setViewportSize({ width: 1280, height: 800 })
  await setUpVaultAndConnection(page, sim)
  const home = sim.cloutility.data.businessUnits.get(sim.cloutility.credentials.homeBusinessUnitId)
  if (!home) throw new Error('no home unit')

  // The tree: its search label on one line, every row titled with its whole name.
  const labelLines = await page.getByText('Find a business unit', { exact: true }).evaluate((label) => {
    const range = document.createRange()
    range.selectNodeContents(label)
    return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size
  })
  expect(labelLines).toBe(1)
  const rows = page.getByRole('treeitem')
  await expect(rows.first()).toBeVisible()
  for (const row of await rows.all()) await expect(row).toHaveAttribute('title', (await row.locator('.tree-label').innerText()).trim())

  // Details: the invoice day is a choice; a save with nothing changed sends nothing.
  await page.getByRole('tab', { name: 'Details' }).click()
  await page.getByRole('button', { name: 'Edit…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Invoice day').selectOption({ label: 'Day 15' })
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(dialog).toHaveCount(0)
  expect(home.invoiceDay).toBe(15)
  const requests = sim.stats.requests.length
  await page.getByRole('button', { name: 'Edit…' }).click()
  await expect(dialog.getByLabel('Invoice day')).toHaveValue('15')
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText(`Nothing to save: ${home.name} is unchanged.`)).toBeVisible()
  await expect(dialog).toHaveCount(0)
  expect(sim.stats.requests.slice(requests).filter((r) => r.method === 'PUT')).toEqual([])

  // Audit log: whole date-times; no type ticked shows none; an inverted range is refused in words.
  await page.getByRole('tab', { name: 'Audit log' }).click()
  const auditName = `Audit log of ${home.name}`
  const audit = page.getByRole('table', { name: auditName })
  await expect(audit.getByRole('row').nth(1)).not.toContainText('No entries')
  await expect.poll(() => cutCells(page, auditName, 'Date')).toEqual([])
  for (const box of await page.getByRole('group', { name: 'Types' }).getByRole('checkbox').all()) if (await box.isChecked()) await box.uncheck()
  await expect(audit.getByRole('row')).toHaveCount(2)
  await expect(audit).toContainText('tick at least one type')
  await page.getByLabel('From').fill('2026-12-10T00:00')
  await page.getByLabel('To').fill('2026-12-01T00:00')
  await page.getByRole('button', { name: 'Show', exact: true }).click()
  await expect(page.getByText('From must be on or before To.')).toBeVisible()
  await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true')
  // A long sentence for an empty list wraps inside the table's view, at 1280 and at 1000 px: its
  // end ("… to see theirs.") was cut off at the box's edge on one line.
  await page.getByLabel('From').fill('2020-01-01T00:00')
  await page.getByLabel('To').fill('2020-01-02T00:00')
  await page.getByRole('group', { name: 'Types' }).getByRole('checkbox').first().check()
  await page.getByRole('button', { name: 'Show', exact: true }).click()
  await expect(audit).toContainText('to see theirs.')
  const sentenceCut = () =>
    audit.locator('tbody td').first().evaluate((cell) => {
      const box = (cell.closest('.table-scroll, .virtual-scroll') ?? cell).getBoundingClientRect()
      const text = document.createRange()
      text.selectNodeContents(cell)
      return Array.from(text.getClientRects()).some((line) => line.right > box.right + 1 || line.left < box.left - 1)
    })
  expect(await sentenceCut()).toBe(false)
  await page.setViewportSize({ width: 1000, height: 800 })
  await expect.poll(sentenceCut).toBe(false)
  await page.setViewportSize({ width: 1280, height: 800 })

  // Billing: the lines button whole, the count of lines once read, forecast months typed.
  await page.getByRole('tab', { name: 'Billing' }).click()
  const invoices = page.getByRole('table', { name: 'Invoices' })
  await expect(invoices.getByRole('button', { name: 'Show lines' }).first()).toBeVisible()
  expect(await cutCells(page, 'Invoices', 'Details')).toEqual([])
  await invoices.getByRole('button', { name: 'Show lines' }).first().click()
  const lines = page.getByRole('table', { name: /^Lines of the invoice of/ })
  await expect(lines.getByRole('row').nth(1)).toBeVisible()
  const lineCount = (await lines.locator('tbody tr').count()).toString()
  await expect(invoices.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText(lineCount)
  expect(await cutCells(page, 'Invoices', 'Details')).toEqual([])
  // A forecast month's date shows whole with its badge.
  await expect(page.getByRole('table', { name: 'Billing data' }).getByText('forecast').first()).toBeVisible()
  expect(await cutCells(page, 'Billing data', 'Date')).toEqual([])
  const months = page.getByLabel('Forecast months')
  await months.fill('')
  await expect(months).toHaveValue('')
  await months.fill('30')
  await expect(page.getByText('Enter a whole number of months from 0 to 24.')).toBeVisible()
  await expect(months).toHaveValue('30')

  // Activity at 1400 px: whole date-times, and the request id column inside the table's view.
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.getByRole('button', { name: 'Activity', exact: true }).first().click()
  const activity = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Request id' }) })
  await expect(activity.getByRole('row').nth(1)).toBeVisible()
  const activityName = (await activity.getAttribute('aria-label')) ?? ''
  await expect.poll(() => cutCells(page, activityName, 'When')).toEqual([])
  const outside = await activity.evaluate((table) => {
    const box = (table.closest('.virtual-scroll, .table-scroll') ?? table).getBoundingClientRect()
    const last = Array.from(table.querySelectorAll('thead th')).pop()?.getBoundingClientRect()
    return last ? last.right - Math.min(box.right, document.documentElement.clientWidth) : -1
  })
  expect(outside).toBeLessThanOrEqual(1)
})

test('the business-unit tree is as wide as the technician drags it, kept when they come back, and reset by a double-click', async ({ page, app }) => {
  void app
  await page.setViewportSize({ width: 1280, height: 800 })
  await setUpVaultAndConnection(page, sim)
  const tree = page.getByRole('complementary', { name: 'Business units' })
  const splitter = page.getByRole('separator', { name: 'Resize the business-unit tree' })
  const width = (locator = tree) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().width))
  const stored = () => page.evaluate(() => localStorage.getItem('backdesk.paneWidths.cloutility.businessUnitTree'))

  // The default at 1280 px: the stylesheet's 180 px, and the splitter says so.
  expect(await width()).toBe(180)
  await expect(splitter).toHaveAttribute('aria-valuenow', '180')
  await expect(splitter).toHaveCSS('cursor', 'col-resize')

  // The arrow keys widen it, with a visible focus ring.
  await splitter.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => width()).toBe(212)
  await expect(splitter).toHaveAttribute('aria-valuenow', '212')
  await expect(splitter).toHaveCSS('outline-style', 'solid')
  await expectAccessible(page, 'cloutility tree resized')

  // End: as wide as it may be, half the console at most, so the unit keeps its room.
  await page.keyboard.press('End')
  const consoleWidth = await width(page.locator('.cloutility-console'))
  await expect.poll(() => width()).toBe(Math.min(480, Math.floor(consoleWidth / 2)))
  await page.keyboard.press('Home')
  await expect.poll(() => width()).toBe(160)

  // A drag with the pointer, which goes on past the thin splitter.
  const box = await splitter.boundingBox()
  if (!box) throw new Error('the splitter is not laid out')
  await page.mouse.move(box.x + box.width / 2, box.y + 40)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + 40, { steps: 4 })
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + 200, { steps: 4 })
  await page.mouse.up()
  await expect.poll(() => width()).toBe(280)
  expect(await stored()).toBe('280')

  // Away to another screen and back, and a reload: the width stays.
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  await expect(tree).toHaveCount(0)
  await page.goBack()
  await expect(splitter).toHaveAttribute('aria-valuenow', '280')
  expect(await width()).toBe(280)
  await page.reload()
  await expect(splitter).toHaveAttribute('aria-valuenow', '280')
  expect(await width()).toBe(280)

  // A double-click puts the stylesheet's width back, for good.
  await splitter.dblclick()
  await expect.poll(() => width()).toBe(180)
  await expect(splitter).toHaveAttribute('aria-valuenow', '180')
  expect(await stored()).toBeNull()
})

test('the technician hides a column of the consumption units at 1280 px: the name gets its room, a reload keeps it, Show all brings it back', async ({ page, app }) => {
  void app
  await page.setViewportSize({ width: 1280, height: 800 })
  await setUpVaultAndConnection(page, sim)
  const target = busyConsumer(sim)
  await openUnit(page, target.buName, target.buId)
  const tableName = `Consumption units of ${target.buName}`
  const table = page.getByRole('table', { name: tableName })
  await expect(table.getByRole('button', { name: target.cuName })).toBeVisible()
  const nameHeader = table.getByRole('columnheader', { name: /^Name/ })
  const nodeHeader = table.getByRole('columnheader', { name: 'Node name' })
  const nameWidth = () => nameHeader.evaluate((th) => Math.round(th.getBoundingClientRect().width))
  // Names cut off in their column: the link clips itself inside its cell.
  const cutNames = () =>
    table.evaluate((t) => {
      const at = Array.from(t.querySelectorAll('thead th')).findIndex((th) => th.textContent?.startsWith('Name'))
      return Array.from(t.querySelectorAll<HTMLTableRowElement>('tbody tr'))
        .map((tr) => tr.cells[at]?.querySelector('button'))
        .filter((b) => !!b && b.scrollWidth > b.clientWidth + 1).length
    })
  const stored = () => page.evaluate(() => localStorage.getItem('backdesk.hiddenColumns.cloutility.consumption-units'))
  const before = await nameWidth()
  const cutBefore = await cutNames()

  // "Columns" opens its checkboxes, and says the CSV keeps every column.
  // The table's own "Columns", next to it; its title says whose columns they are.
  const chooser = page.locator('.data-table', { has: table }).getByRole('button', { name: /^Columns/ })
  await expect(chooser).toHaveAttribute('title', `Choose the columns of ${tableName}`)
  await chooser.click()
  await expect(chooser).toHaveAttribute('aria-expanded', 'true')
  const group = page.getByRole('group', { name: `Columns of ${tableName}` })
  await expect(group.getByText('CSV export keeps every column.')).toBeVisible()
  await expect(group.getByRole('checkbox', { name: 'Name', exact: true })).toHaveCount(0)
  await expectAccessible(page, 'consumption units, choosing columns')
  await group.getByRole('checkbox', { name: 'Node name' }).uncheck()
  await page.keyboard.press('Escape')
  await expect(group).toHaveCount(0)
  await expect(chooser).toBeFocused()

  // Node name is gone from the header and the rows; the name takes its width.
  await expect(nodeHeader).toHaveCount(0)
  await expect(table.getByText(target.nodeName, { exact: true })).toHaveCount(0)
  await expect.poll(nameWidth).toBeGreaterThanOrEqual(before + 140)
  expect(await cutNames()).toBeLessThanOrEqual(cutBefore)
  await expectTablesReadable(page, 'consumption units without node name')
  expect(JSON.parse((await stored()) ?? 'null')).toEqual(['node'])

  // A reload keeps the choice.
  await page.reload()
  await openUnit(page, target.buName, target.buId)
  await expect(table.getByRole('button', { name: target.cuName })).toBeVisible()
  await expect(nodeHeader).toHaveCount(0)
  await expect(chooser).toHaveText('Columns (1 hidden)')

  // Show all: every column again, and nothing left stored.
  await chooser.click()
  await group.getByRole('button', { name: 'Show all' }).click()
  await expect(nodeHeader).toBeVisible()
  await expect.poll(nameWidth).toBe(before)
  expect(await stored()).toBeNull()
})
