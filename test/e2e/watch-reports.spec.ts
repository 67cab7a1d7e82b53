import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { unzipSync } from 'fflate'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { readPdf } from '../main/reports/pdf-text'
import { expect, expectAccessible, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

// Watch and report, through the real renderer: what changed between two scans (with links to the
// objects), the alert and the page title, "Create ticket" to a local receiving server, and the
// customer report as a PDF and a month's batch as a zip, both read back.

let sim: Simulator
let receiver: Server
const received: Array<{ headers: Record<string, unknown>; body: string }> = []

test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'small', seed: 31 })
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(201, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ reference: `INC-${received.length}` }))
    })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()))
})
test.afterAll(async () => {
  await sim.stop()
  await new Promise((r) => receiver.close(r))
})

function breakUnits(count: number): string[] {
  const d = sim.cloutility.data
  const root = d.subUnitBusinessUnitId
  const under = (buId: number): boolean => buId === root || (d.businessUnits.get(buId)?.parentId != null && under(d.businessUnits.get(buId)?.parentId as number))
  const picked = [...d.consumers.values()].filter((c) => c.profile === 'healthy' && c.node?.activatedMs && under(c.buId)).slice(0, count)
  for (const c of picked) {
    c.profile = 'failing'
    c.troubleSinceDay = d.anchorDay - 2
  }
  d.revision++
  return picked.map((c) => c.name)
}

test('what changed, an alert, a ticket, and the customer reports', async ({ page, app }) => {
  await page.addInitScript(() => {
    // Records what the app asks of the browser's Notification API (the permission is granted below).
    const shown: Array<{ title: string; body?: string }> = []
    ;(window as unknown as { __notifications: typeof shown }).__notifications = shown
    const Real = window.Notification
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options)
        shown.push({ title, ...(options?.body ? { body: options.body } : {}) })
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording })
  })
  await page.context().grantPermissions(['notifications'], { origin: app.shell.origin })
  await page.reload()
  await createVault(page)
  const sub = sim.cloutility.credentials.subUnit
  await addConnection(page, { provider: 'cloutility', name: 'Contoso portal', customer: 'Contoso AB', baseUrl: sim.cloutility.url, clientId: sub.clientId, origin: sub.origin, username: sub.username, password: sub.password })
  const a = sim.cloudally.credentials
  await addConnection(page, { provider: 'cloudally', name: 'Northwind CloudAlly', customer: 'Northwind', baseUrl: sim.cloudally.url, clientId: a.clientId, clientSecret: a.clientSecret, email: a.partnerEmail, password: a.partnerPassword })

  // Two scans, with three units failing in between.
  await page.getByRole('button', { name: 'Fleet health' }).click()
  await page.getByRole('button', { name: 'Scan now' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 2 of 2 connections' })).toBeVisible()
  const broken = breakUnits(3)
  await page.getByRole('button', { name: 'Scan again' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 2 of 2 connections' })).toBeVisible()

  // The alert: a toast, the browser notification, the count in the page title.
  await expect(page.getByText('Backdesk: 3 new backup failures: 3 new failures at Contoso AB')).toBeVisible()
  await expect.poll(() => page.evaluate(() => (window as unknown as { __notifications: unknown[] }).__notifications)).toEqual([{ title: 'Backdesk: 3 new backup failures', body: '3 new failures at Contoso AB' }])
  await expect(page).toHaveTitle(/^\(\d+\) Backdesk$/)

  // What changed, on the Overview: the three new failures, each a link to its object.
  await page.getByRole('button', { name: 'Overview' }).click()
  const changes = page.getByRole('region', { name: 'What changed' })
  await expect(changes.getByRole('list', { name: 'Changes by kind' })).toContainText('3 new failures')
  const failures = changes.getByRole('list', { name: /^New failures/ })
  for (const name of broken) await expect(failures.getByRole('button', { name, exact: true })).toBeVisible()
  await changes.getByRole('button', { name: 'Since yesterday' }).click()
  await expect(changes.getByTestId('changes-base')).toBeVisible()
  await changes.getByRole('button', { name: 'Since last scan' }).click()
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'overview with changes')
  await failures.getByRole('button', { name: broken[0] as string, exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Contoso portal', exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: new RegExp(broken[0] as string) }).first()).toBeVisible()

  // A ticket for one of them, to the global webhook.
  await page.getByRole('button', { name: 'Settings' }).click()
  const tickets = page.getByRole('region', { name: 'Tickets' })
  const port = (receiver.address() as AddressInfo).port
  await tickets.getByLabel('Webhook URL').fill(`http://127.0.0.1:${port}/hook`)
  await tickets.getByLabel(/^Webhook secret/).fill('e2e-webhook-secret-canary')
  await tickets.getByRole('button', { name: 'Save ticket target' }).click()
  await expect(tickets.getByLabel(/^Webhook secret \(one is stored/)).toBeVisible()
  await expectAccessible(page, 'settings with schedule and tickets')
  // The schedule refuses a cron expression it cannot read, and takes a good one.
  const schedule = page.getByRole('region', { name: 'Scheduled checks' })
  await schedule.getByLabel('Scan the fleet').selectOption('cron')
  await schedule.getByLabel(/^Cron expression/).fill('61 * * * *')
  await schedule.getByRole('button', { name: 'Save schedule' }).click()
  // The message stands under the field it is about, and the field says it is wrong.
  const cronField = schedule.getByLabel(/^Cron expression/)
  await expect(cronField).toHaveAttribute('aria-invalid', 'true')
  await expect(cronField).toHaveAccessibleDescription(/cron expression is not understood: .*minute/i)
  await schedule.getByLabel(/^Cron expression/).fill('0 7 * * 1-5')
  await schedule.getByRole('button', { name: 'Save schedule' }).click()
  await expect(schedule.getByRole('status')).toContainText('Next scan')
  // Saved: leaving the screen asks nothing.
  await expect(page.getByText('Schedule saved.')).toBeVisible()

  await page.getByRole('button', { name: 'Fleet health' }).click()
  await page.getByLabel('Filter', { exact: true }).fill(broken[1] as string)
  await page.getByRole('button', { name: `Create ticket for ${broken[1]}` }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Note for the ticket').fill('Disk replaced yesterday')
  await expectAccessible(page, 'create ticket dialog')
  await dialog.getByRole('button', { name: 'Create ticket' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Ticket created: INC-1.')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('table', { name: 'Fleet health' })).toContainText('Ticket INC-1')
  expect(received).toHaveLength(1)
  expect(JSON.parse(received[0]?.body as string)).toMatchObject({ schema: 'backdesk.ticket/v1', customer: 'Contoso AB', object: { name: broken[1] }, note: 'Disk replaced yesterday' })
  expect(app.responses.join('\n')).not.toContain('e2e-webhook-secret-canary')

  // The customer's report: on screen, then as a PDF read back.
  await page.getByRole('button', { name: 'Reports' }).click()
  await page.getByLabel('Customer', { exact: true }).selectOption('Contoso AB')
  await page.getByRole('button', { name: 'Show report' }).click()
  const summary = page.getByTestId('report-summary')
  await expect(summary).toContainText('Contoso AB')
  const rate = (await summary.locator('dd').nth(1).innerText()).trim()
  expect(rate).toMatch(/^\d+\.\d % \(\d+ of \d+\)$/)
  await page.mouse.move(0, 0)
  await expectAccessible(page, 'reports')
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()])
  expect(pdfDownload.suggestedFilename()).toMatch(/^Backup report - Contoso AB - \d{4}-\d{2}\.pdf$/)
  const pdf = await readPdf(readFileSync(await pdfDownload.path()))
  expect(pdf.lines).toContain(`Success rate over the period | ${rate}`)

  // Every customer at once: one zip, a PDF and a CSV for each customer with data in the month.
  // Northwind's CloudAlly keeps no job history and no scan was kept in that month, so its report
  // is refused by name rather than made of today's figures.
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Make all reports' }).click()])
  await expect(page.getByRole('progressbar', { name: 'Reports progress' })).toHaveAttribute('aria-valuenow', '100')
  await expect(page.getByRole('status').filter({ hasText: 'Reports done: 2 of 2, 1 failed' })).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: /^Northwind: There is no data for / })).toBeVisible()
  const files = unzipSync(new Uint8Array(readFileSync(await zipDownload.path())))
  expect(Object.keys(files).sort()).toEqual([expect.stringMatching(/^Backup report - Contoso AB - \d{4}-\d{2}\.csv$/), expect.stringMatching(/^Backup report - Contoso AB - \d{4}-\d{2}\.pdf$/)])
})
