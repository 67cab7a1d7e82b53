/// <reference lib="dom" />
// The UI under provider faults (issue 9, part 3): with a fault active, the screens stay usable,
// say what happened in plain words (no "[object Object]", no stack, no raw HTML, no error codes
// of the network stack), and recover once the fault is gone (Try again / Reload / a new lookup).
// No POST is repeated behind the technician's back.
import type { Locator, Page } from '@playwright/test'
import type { Simulator, SimulatorOptions } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { busyConsumer, openUnit } from './cloutility-steps'
import { expect, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

const NOT_PLAIN: Array<[RegExp, string]> = [
  [/\[object \w+\]/, 'an unprinted object'],
  [/\bundefined\b|\bNaN\b/, 'a broken value'],
  [/\n\s+at\s|\bat\s+\S+\s+\(\S*:\d+:\d+\)/, 'a stack trace'],
  [/\{\s*"|"\s*:\s*"/, 'a raw JSON body'],
  [/<\/?\s*(html|head|body|h1|hr|center|address|title)\b|<!doctype/i, 'raw HTML'],
  [/nginx|proxy server received|Bad Gateway<\//i, "the error page's text"],
  [/\b(TypeError|ReferenceError|SyntaxError|AbortError|DOMException)\b/, 'an exception name'],
  [/\b(UND_ERR_\w+|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT)\b/, 'a network-stack code']
]

/** The message is there, readable, and a person could act on it. */
async function expectPlainWords(alert: Locator, what: string): Promise<string> {
  await expect(alert, `${what}: an error is shown`).toBeVisible()
  const text = (await alert.innerText()).trim()
  expect(text.length, `${what}: "${text}" is too short to say anything`).toBeGreaterThan(20)
  for (const [pattern, name] of NOT_PLAIN) expect(text, `${what} shows ${name}: "${text}"`).not.toMatch(pattern)
  expect(await alert.innerHTML(), `${what}: raw HTML in the markup`).not.toMatch(/&lt;(html|body|h1|hr)|<(center|hr|address)\b/i)
  return text
}

/** Another part of the app answers while the fault lasts: the frame is not frozen. */
async function expectFrameUsable(page: Page, backTo: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  await page.getByTestId('connection-list').getByRole('button', { name: new RegExp(`^${backTo}`) }).click()
  await expect(page.getByRole('heading', { name: backTo, exact: true })).toBeVisible()
}

let sim: Simulator
async function startSim(options: SimulatorOptions = {}): Promise<void> {
  sim = await startSimulator({ scale: 'tiny', seed: 29, ...options })
}
test.afterEach(async () => {
  await sim?.stop()
})

/**
 * After a fault clears: a read still in flight (the HTTP layer's own retry) may recover by itself,
 * removing the error view. Waits until the screen has either recovered or still shows the error,
 * and in the second case clicks Try again inside the page in one step, so a recovery racing with
 * the click cannot leave the test waiting for a button that is gone. Then the screen recovers.
 */
async function tryAgainUnlessRecovered(page: Page, recovered: Locator): Promise<void> {
  const tryAgain = page.getByRole('alert').getByRole('button', { name: 'Try again' })
  await expect(recovered.or(tryAgain).first()).toBeVisible()
  if (!(await recovered.isVisible())) await tryAgain.evaluateAll((buttons) => (buttons[0] as HTMLElement | undefined)?.click())
  await expect(recovered).toBeVisible()
}

test('Cloutility: 503s and an HTML error page are explained, and Try again recovers', async ({ page, app }) => {
  await startSim()
  const ct = sim.cloutility.credentials
  await createVault(page)

  // The business-unit tree answers 503 on every try (the HTTP layer's retries included).
  sim.faults.add({ provider: 'cloutility', method: 'GET', path: '/v1/bunits', kind: '503' })
  await addConnection(page, { provider: 'cloutility', name: 'Chaos Cloutility', baseUrl: sim.cloutility.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password })
  const treeError = page.getByRole('alert').filter({ hasText: /./ }).first()
  const said = await expectPlainWords(treeError, 'tree under 503')
  expect(said).toMatch(/server error|try again|unavailable|later/i)
  expect(sim.stats.count({ provider: 'cloutility', method: 'GET', path: '/v1/bunits' })).toBeGreaterThan(1)
  await expectFrameUsable(page, 'Chaos Cloutility')

  // Where the app also reports the provider as offline, that banner speaks plainly too.
  const offline = page.getByTestId('offline-banner')
  if (await offline.isVisible()) await expectPlainWords(offline, 'offline banner under 503')

  // Fault gone: Try again (on the failed view) brings the tree.
  sim.faults.clear()
  await tryAgainUnlessRecovered(page, page.getByRole('tree', { name: 'Business units' }))

  // A unit's consumption units come back as an nginx-style HTML error page.
  const target = busyConsumer(sim)
  sim.faults.add({ provider: 'cloutility', method: 'GET', path: `/v1/bunits/${target.buId}/consumers`, kind: 'html' })
  await openUnit(page, target.buName, target.buId)
  await page.getByRole('tab', { name: 'Consumption units' }).click()
  await expectPlainWords(page.getByRole('alert').filter({ hasText: /./ }).first(), 'consumption units under an HTML error page')
  sim.faults.clear()
  await tryAgainUnlessRecovered(page, page.getByRole('table', { name: `Consumption units of ${target.buName}` }).getByRole('button', { name: target.cuName }))

  // Malformed JSON on the node: explained, then recovered.
  sim.faults.add({ provider: 'cloutility', method: 'GET', path: '/v1/bunits/*/consumers/*/node', kind: 'malformed' })
  await page.getByRole('table', { name: `Consumption units of ${target.buName}` }).getByRole('button', { name: target.cuName }).click()
  await expectPlainWords(page.getByRole('alert').filter({ hasText: /./ }).first(), 'node under malformed JSON')
  sim.faults.clear()
  await tryAgainUnlessRecovered(page, page.getByTestId('node-state'))
  await expect(page.getByTestId('node-state')).toHaveText('Activated')

  // A creation (POST) answered 503: said plainly, sent once, and the form can send it again.
  await page.getByRole('button', { name: /←/ }).click()
  await page.getByRole('tab', { name: 'Consumption units' }).click()
  const consumersPath = `/v1/bunits/${target.buId}/consumers`
  sim.faults.add({ provider: 'cloutility', method: 'POST', path: consumersPath, kind: '503', times: 1 })
  const postsBefore = sim.stats.count({ provider: 'cloutility', method: 'POST', path: consumersPath })
  await page.getByRole('button', { name: 'New consumption unit' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill('CHAOS-UNIT-01')
  await dialog.getByRole('button', { name: 'Create consumption unit' }).click()
  // The answer was lost after the request left: the technician is told to look before resending.
  expect(await expectPlainWords(dialog.getByRole('alert').first(), 'create under 503')).toMatch(/may have made the change/)
  expect(sim.stats.count({ provider: 'cloutility', method: 'POST', path: consumersPath }) - postsBefore).toBe(1)
  await dialog.getByRole('button', { name: 'Create consumption unit' }).click()
  await expect(page.getByRole('heading', { name: 'CHAOS-UNIT-01' })).toBeVisible()
  expect([...sim.cloutility.data.consumers.values()].filter((c) => c.name === 'CHAOS-UNIT-01')).toHaveLength(1)
  expect(app.logs.filter((r) => r.level === 'error' && /unexpectedly/.test(r.message)).map((r) => r.message)).toEqual([])
})

test('CloudAlly: an HTML error page, resets and a 503 on the restore request are explained; Reload and a new request recover', async ({ page, app }) => {
  await startSim()
  const ca = sim.cloudally.credentials
  await createVault(page)

  // The partner profile comes back as an HTML error page, every time.
  sim.faults.add({ provider: 'cloudally', method: 'GET', path: '/v1/partners', kind: 'html' })
  await addConnection(page, { provider: 'cloudally', name: 'Chaos CloudAlly', baseUrl: sim.cloudally.url, clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword })
  await expect(page.getByTestId('cloudally-console')).toBeVisible()
  await expectPlainWords(page.getByTestId('cloudally-console').getByRole('alert').first(), 'partner profile under an HTML page')
  await expectFrameUsable(page, 'Chaos CloudAlly')
  sim.faults.clear()
  await page.getByTestId('cloudally-console').getByRole('button', { name: 'Reload' }).first().click()
  await expect(page.getByTestId('cloudally-partner')).toContainText(sim.cloudally.data.partner.partnerId)

  // The task list: every connection reset.
  sim.faults.add({ provider: 'cloudally', method: 'GET', path: '/v1/partners/tasks', kind: 'reset' })
  sim.faults.add({ provider: 'cloudally', method: 'GET', path: '/v1/backup-tasks', kind: 'reset' })
  await page.getByRole('tab', { name: 'Tasks' }).click()
  // The partner's tasks read before the faults stay shown, and the backup-task list's failure is
  // said in their note; if the tasks themselves were read under the faults, it is the list's error.
  const tasksTab = page.getByTestId('cloudally-console')
  await expectPlainWords(tasksTab.getByRole('alert').or(tasksTab.getByTestId('cloudally-backup-tasks-note')).first(), 'tasks under connection resets')
  sim.faults.clear()
  await page.getByTestId('cloudally-console').getByRole('button', { name: 'Reload' }).first().click()
  await expect(page.getByTestId('cloudally-task-row')).toHaveCount(sim.cloudally.data.tasks.length)

  // The restore request (POST, never repeated automatically) is answered 503 once.
  const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')
  if (!task) throw new Error('no CloudAlly task with a snapshot in this seed')
  sim.faults.add({ provider: 'cloudally', method: 'POST', path: '/v1/restore', kind: '503', times: 1 })
  const before = sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' })
  await page.getByRole('button', { name: `Restore or download ${task.alias}`, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Review…' }).click()
  await dialog.getByRole('button', { name: /^Start / }).click()
  // A 5xx after the request left may or may not have started a job: the app says so, does not
  // send it again, and tells the technician what to check.
  const uncertain = dialog.getByTestId('restore-progress').getByText(/may have reached CloudAlly/)
  const said = await expectPlainWords(uncertain, 'restore request under 503')
  expect(said).toMatch(/not sent again/)
  expect(sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' }) - before).toBe(1)
  // No job was created (the 503 came before one): the technician, having checked CloudAlly, says
  // so, confirms, and the request reads as not started. Nothing is sent for it.
  await dialog.getByRole('button', { name: 'I checked in CloudAlly: it did not start' }).click()
  const confirm = page.getByRole('dialog', { name: /^Mark this (restore|download) as not started\?$/ })
  await confirm.getByRole('button', { name: 'Mark as not started' }).click()
  await expect(confirm).toBeHidden()
  const settled = page.getByRole('dialog').getByTestId('restore-progress')
  await expect(settled).toHaveAttribute('data-status', 'not-started')
  await expect(settled.locator('.badge')).toHaveText('Not started')
  await expect(settled.getByRole('progressbar')).toHaveCount(0)
  await expect(settled.getByTestId('restore-times')).toContainText('marked not started at')
  // Its buttons are gone: the focus is on what the request now says, not thrown to the page's top.
  await expect(settled.getByText(/^Not started: checked in CloudAlly/)).toBeFocused()
  expect(sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' }) - before).toBe(1)
  await dialog.getByRole('button', { name: 'Close' }).click()

  // Fault gone: a new, deliberate request goes through and is followed.
  await page.getByRole('button', { name: `Restore or download ${task.alias}`, exact: true }).click()
  await dialog.getByRole('button', { name: 'Review…' }).click()
  await dialog.getByRole('button', { name: /^Start / }).click()
  await expect(dialog.getByTestId('restore-progress')).toHaveAttribute('data-status', /pending|running/)
  expect(sim.stats.count({ provider: 'cloudally', method: 'POST', path: '/v1/restore' }) - before).toBe(2)
  expect(sim.cloudally.data.restores.size).toBe(1)
  expect(app.logs.filter((r) => r.level === 'error' && /unexpectedly/.test(r.message)).map((r) => r.message)).toEqual([])
})

test('Cloudback: a lookup that never answers leaves the app usable; once the provider is back, a lookup works', async ({ page, app }) => {
  // Fixed ports, so the provider can "restart" where the connection points.
  let basePort = 0
  for (let attempt = 0; !basePort; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 20_000)
    try {
      await startSim({ basePort: candidate })
      basePort = candidate
    } catch (err) {
      if (attempt >= 5) throw err
    }
  }
  const cb = sim.cloudback.credentials
  await createVault(page)
  const ct = sim.cloutility.credentials
  await addConnection(page, { provider: 'cloutility', name: 'Other Cloutility', baseUrl: sim.cloutility.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password })
  await addConnection(page, { provider: 'cloudback', name: 'Chaos Cloudback', baseUrl: sim.cloudback.url, apiKey: cb.apiKey })

  // Every definition lookup hangs: nothing is ever sent back.
  sim.faults.add({ provider: 'cloudback', kind: 'hang' })
  const lookUp = async () => {
    await page.getByLabel('Platform').selectOption('GitHub')
    await page.getByLabel(/Account/).fill('backdesk-demo')
    await page.locator('#cb-subject').fill('demo-repository')
    await page.getByRole('button', { name: 'Look up' }).click()
  }
  await lookUp()
  await expect(page.getByRole('button', { name: 'Looking up…' })).toBeDisabled()

  // Meanwhile the rest of the app works: another connection browses, Settings opens.
  await page.getByTestId('connection-list').getByRole('button', { name: /^Other Cloutility/ }).click()
  await expect(page.getByRole('tree', { name: 'Business units' })).toBeVisible()
  await expectFrameUsable(page, 'Chaos Cloudback')
  await lookUp()
  await expect(page.getByRole('button', { name: 'Looking up…' })).toBeDisabled()

  // The provider goes away (its hung connections are dropped) and comes back on the same port:
  // the waiting lookup ends, with the answer (a safe retry) or a message in plain words.
  await sim.stop()
  await startSim({ basePort })
  await expect(page.getByRole('button', { name: 'Look up' })).toBeEnabled()
  const editor = page.getByTestId('cloudback-editor')
  const lookupError = page.getByRole('alert').filter({ hasText: /./ }).first()
  await expect(editor.or(lookupError).first()).toBeVisible()
  if (!(await editor.isVisible())) {
    await expectPlainWords(lookupError, 'lookup whose connection was dropped')
    await page.getByRole('button', { name: 'Look up' }).click()
  }
  await expect(editor).toContainText('backdesk-demo/demo-repository')

  // A 401 (the key refused) is explained as a login problem, not a crash. The fault stays until the
  // message is shown: a one-shot fault could be taken by the superseded first lookup's safe retry,
  // which may still be on its way (CI saw that race).
  const refused = sim.faults.add({ provider: 'cloudback', kind: 'expire-token' })
  await page.getByRole('button', { name: 'Look up' }).click()
  const said = await expectPlainWords(page.getByRole('alert').filter({ hasText: /./ }).first(), 'lookup with the key refused')
  expect(said).toMatch(/key|credential|login|authori/i)
  sim.faults.remove(refused)
  await page.getByRole('button', { name: 'Look up' }).click()
  await expect(page.getByTestId('cloudback-editor')).toContainText('backdesk-demo/demo-repository')
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveCount(0)
  expect(app.logs.filter((r) => r.level === 'error' && /unexpectedly/.test(r.message)).map((r) => r.message)).toEqual([])
})
