/// <reference lib="dom" />
import { resolve } from 'node:path'
import { startWebShell } from '../../src/main/web/web-shell'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { expect, expectAccessible, test } from './fixtures'
import { addConnection, createVault, PASSPHRASE } from './vault-steps'

// Issue 4 end to end: a vault, one connection per provider against the simulator (each tested
// for real), lock, unlock, reload — everything still there, and no secret ever reaches the
// renderer (IPC answers, DOM) or the logs.

let sim: Simulator
test.beforeEach(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 11 })
})
test.afterEach(async () => {
  await sim?.stop()
})

test('vault life cycle with one connection per provider', async ({ page, app }) => {
  const canary = `CANARY-${Math.random().toString(36).slice(2)}-pw`
  const ct = sim.cloutility.credentials
  const ca = sim.cloudally.credentials
  const cb = sim.cloudback.credentials
  const secrets = [canary, ct.password, ca.clientSecret, ca.partnerPassword, cb.apiKey, PASSPHRASE]

  await createVault(page)
  await addConnection(page, { provider: 'cloutility', name: 'North Cloutility', customer: 'Northwind', baseUrl: sim.cloutility.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')

  await addConnection(page, { provider: 'cloudally', name: 'North CloudAlly', customer: 'Northwind', baseUrl: sim.cloudally.url, clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')

  await addConnection(page, { provider: 'cloudback', name: 'North Cloudback', customer: 'Northwind', baseUrl: sim.cloudback.url, apiKey: cb.apiKey })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')

  // A wrong password is reported as such, and the canary never comes back.
  await addConnection(page, { provider: 'cloutility', name: 'Wrong password', customer: 'Contoso', baseUrl: sim.cloutility.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: canary })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection failed.')
  await expect(page.getByTestId('probe-result')).toContainText(/password|credentials/i)
  await expectAccessible(page, 'connection screen')

  // Editing keeps a secret that is left empty.
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.locator('#conn-password')).toHaveAttribute('placeholder', /Stored/)
  await page.getByRole('button', { name: 'Cancel' }).click()

  // Lock: the unlock screen replaces the app; unlocking returns to the same screen.
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Unlock Backdesk' })).toBeVisible()
  await expectAccessible(page, 'unlock')
  await page.getByLabel('Master passphrase').fill('not the passphrase at all')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await page.getByLabel('Master passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('heading', { name: 'Wrong password', exact: true })).toBeVisible()
  await expect(page.getByTestId('status-connections')).toHaveText('4 connections')

  // Reload: main keeps the vault unlocked, the renderer comes back with everything.
  await page.reload()
  await expect(page.getByTestId('status-connections')).toHaveText('4 connections')

  // Restart the app on the same data folder: locked, then everything is there after unlock.
  const dom1 = await page.content()
  await app.shell.close()
  const restarted = await startWebShell({ dataDir: app.dataDir, rendererDir: resolve('out/renderer'), logSinks: [(r) => app.logs.push(r)] })
  try {
    await page.goto(restarted.url)
    await expect(page.getByRole('heading', { name: 'Unlock Backdesk' })).toBeVisible()
    await page.getByLabel('Master passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect(page.getByTestId('status-connections')).toHaveText('4 connections')
    const list = page.getByTestId('connection-list')
    for (const name of ['North Cloutility', 'North CloudAlly', 'North Cloudback', 'Wrong password']) {
      await expect(list.getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible()
    }
    await page.getByRole('button', { name: 'Settings' }).click()
    // What the unlock just cost on this computer, for the parameters of this vault file.
    await expect(page.getByTestId('unlock-cost')).toContainText(/^Checking your passphrase took [\d.,]+ s on this computer \(scrypt, N = [\d^,]+, r = \d+, p = \d+\)/)
    await expectAccessible(page, 'settings')

    // Nothing secret reached the renderer or the logs.
    const dom = dom1 + (await page.content())
    const logs = JSON.stringify(app.logs)
    const answers = app.responses.join('\n')
    for (const secret of secrets) {
      expect(dom, 'DOM').not.toContain(secret)
      expect(logs, 'logs').not.toContain(secret)
      if (secret !== PASSPHRASE) expect(answers, 'IPC answers').not.toContain(secret)
    }
  } finally {
    await restarted.close()
  }
})

test('the status bar follows the idle lock: a new auto-lock setting moves it, 0 removes it', async ({ page, app }) => {
  await createVault(page)
  const status = page.getByTestId('status-vault')
  // What main has scheduled, in the page's own time format.
  const mainLockTime = async () => {
    const at = (await app.shell.core.vault.vault.status()).autoLockAt
    return page.evaluate((iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), at as string)
  }
  await expect(status).toContainText(`locks at ${await mainLockTime()} if idle`)

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByLabel('Lock after this many idle minutes (0 = never)').fill('600')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect.poll(async () => (await app.shell.core.vault.vault.status()).autoLockMinutes).toBe(600)
  await expect(status).toContainText(`locks at ${await mainLockTime()} if idle`)

  await page.getByLabel('Lock after this many idle minutes (0 = never)').fill('0')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(status).toHaveText(/^Vault: unlocked$/)
})

test('primary buttons look primary, and stay readable on hover', async ({ page, app: _shell }) => {
  // WCAG contrast of a button's text on its own background, as the browser draws it.
  const look = (name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((el) => {
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
      const lum = (c: number[]) =>
        c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0)
      const style = getComputedStyle(el)
      const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()
      const probe = document.createElement('span')
      probe.style.color = accent
      document.body.append(probe)
      const accentRgb = getComputedStyle(probe).color
      probe.remove()
      const [a, b] = [lum(rgb(style.backgroundColor)), lum(rgb(style.color))].sort((x, y) => y - x) as [number, number]
      return { background: style.backgroundColor, accent: accentRgb, contrast: (a + 0.05) / (b + 0.05) }
    })
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  const resting = await look('Create vault')
  expect(resting.background).toBe(resting.accent)
  expect(resting.contrast).toBeGreaterThanOrEqual(4.5)
  await page.getByRole('button', { name: 'Create vault', exact: true }).hover()
  const hovered = await look('Create vault')
  expect(hovered.background).not.toBe('rgb(255, 255, 255)')
  expect(hovered.contrast).toBeGreaterThanOrEqual(4.5)
})

test('a form refused by main keeps the keyboard on its button, with the reason in its banner', async ({ page, app: _shell }) => {
  await createVault(page)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByLabel('Current passphrase').fill('not the passphrase at all 7!')
  await page.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase for later 77!')
  await page.getByLabel('Repeat the new passphrase').fill('a brand new passphrase for later 77!')
  const button = page.getByRole('button', { name: 'Change passphrase' })
  await button.click()
  // The button is busy while main checks the passphrase (an scrypt of seconds), then the answer.
  await expect(page.getByRole('alert')).toContainText(/passphrase/i)
  await expect(button).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(page.getByLabel('Repeat the new passphrase')).toBeFocused()
})

test('a wrong passphrase at unlock keeps the keyboard on Unlock, next to the field to retype', async ({ page, app: _shell }) => {
  await createVault(page)
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await page.getByLabel('Master passphrase').fill('not the passphrase at all 7!')
  const unlock = page.getByRole('button', { name: 'Unlock', exact: true })
  await unlock.click()
  // The button is busy while main checks the passphrase (an scrypt of seconds), then the answer.
  await expect(page.getByRole('alert')).toHaveText('That passphrase is not correct.')
  await expect(unlock).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(page.getByLabel('Master passphrase')).toBeFocused()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(PASSPHRASE)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('status-vault')).toContainText('unlocked')
})
