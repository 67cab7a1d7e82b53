/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startWebShell } from '../../src/main/web/web-shell'
import { expect, expectAccessible, test } from './fixtures'
import { createVault } from './vault-steps'

test('the app frame renders through the contract with the running versions', async ({ page, app }) => {
  await expectAccessible(page, 'vault setup')
  await createVault(page)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  await expect(page.getByTestId('status-main')).toHaveText('Main process: connected')
  await expect(page.getByTestId('status-shell')).toHaveText('Web shell')
  await expectAccessible(page, 'overview')

  await page.getByRole('button', { name: 'About' }).click()
  const facts = page.getByTestId('about-facts')
  await expect(facts).toContainText(process.versions.node)
  await expect(facts).toContainText('not running in Electron')
  await expect(facts).toContainText(app.dataDir)
  await expectAccessible(page, 'about')
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Copy details' }).click()
  await expect(page.getByText('Details copied to the clipboard.')).toBeVisible()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toContain(`Node: ${process.versions.node}`)
  expect(copied).toContain(`Data folder: ${app.dataDir}`)

  // The keys About lists for anywhere do what it says, pressed as it writes them.
  const keys = page.getByRole('region', { name: 'Keyboard' })
  const keyFor = async (does: RegExp) => {
    const row = keys.getByRole('row').filter({ has: page.getByRole('cell', { name: does }) })
    const label = (await row.getByRole('cell').first().innerText()).trim()
    return label.replace(/^Ctrl\+/, 'Control+').replace(/^⌘/, 'Meta+')
  }
  const sidebarKey = await keyFor(/^Hide or show the sidebar$/)
  expect(sidebarKey).toBe('Control+B')
  await page.keyboard.press(sidebarKey)
  await expect(page.getByRole('button', { name: 'Show sidebar' })).toBeVisible()
  await page.keyboard.press(sidebarKey)
  await expect(page.getByRole('button', { name: 'Hide sidebar' })).toBeVisible()
  await page.keyboard.press(await keyFor(/^Search everywhere/))
  await expect(page.getByRole('dialog', { name: 'Search everywhere' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Search everywhere' })).toHaveCount(0)
})

test('keyboard focus is visible', async ({ page, app }) => {
  void app
  await createVault(page)
  await expect(page.getByTestId('status-main')).toHaveText('Main process: connected')
  await page.locator('body').click()
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON')
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return el ? getComputedStyle(el).outlineStyle : 'none'
  })
  expect(outline).not.toBe('none')
})

test('the page runs under the strict CSP with no violations, and loads with no error in its console', async ({ page, app }) => {
  const violations: string[] = []
  const errors: string[] = []
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text())
    else if (msg.type() === 'error') errors.push(`${msg.text()} ${msg.location().url}`)
  })
  await page.goto(app.shell.origin + '/')
  await createVault(page)
  await expect(page.getByTestId('status-main')).toHaveText('Main process: connected')
  const csp = await page.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'))
  expect(csp).toContain("default-src 'none'")
  expect(violations).toEqual([])
  // The browser asks for the page's icon by itself (/favicon.ico when the page names none): it is
  // the app's own, served by the shell.
  const icon = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href
    if (!href) return 'no icon named'
    const res = await fetch(href)
    return `${res.status} ${res.headers.get('content-type')}`
  })
  expect(icon).toBe('200 image/png')
  expect(errors).toEqual([])
  // No generic door: only named channel functions exist on the bridge.
  const keys = await page.evaluate(() => Object.keys((window as unknown as { backdesk?: object }).backdesk ?? {}).sort())
  expect(keys).toEqual(['invoke', 'on', 'shell'])
})

// A child a test started ends with the test, also when the test timed out (its finally does not run then).
const children: ChildProcess[] = []
test.afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM')
})

test('npm run web prints its URL and serves the app', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-cli-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/web/cli.ts', '--no-open', '--quiet', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.push(child)
  try {
    // The URL, or the child's end without it: no time limit of our own (the test's is the guard).
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /^Backdesk web: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
    })
    await page.goto(url)
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
    expect(page.url()).not.toContain('token=')
    // The link signs in once: another browser (profile) that tries it is told to restart…
    const other = await page.context().browser()!.newContext()
    try {
      const stranger = await other.newPage()
      await stranger.goto(url)
      await expect(stranger.getByText(/restart npm run web for a new one/)).toBeVisible()
    } finally {
      await other.close()
    }
    // …while the tab that is signed in just goes in again.
    await page.goto(url)
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  } finally {
    child.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a request over the web shell limit is refused in plain words, not as "not running"', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-limit-'))
  const shell = await startWebShell({ dataDir, rendererDir: resolve('out/renderer'), maxBodyBytes: 64 * 1024 })
  try {
    await page.goto(shell.url)
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
    const [result, next] = await page.evaluate(async () => {
      const bridge = (window as unknown as { backdesk: { invoke: Record<string, (input: unknown) => Promise<unknown>> } }).backdesk
      const tooLarge = await bridge.invoke['app.openExternal']!({ url: `https://example.com/${'a'.repeat(100_000)}` })
      return [tooLarge, await bridge.invoke['app.ping']!(undefined)]
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/too large for Backdesk web .*Nothing was done/) } })
    // The shell is still there for the next call.
    expect(next).toMatchObject({ ok: true, value: { pong: true } })
  } finally {
    await shell.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
