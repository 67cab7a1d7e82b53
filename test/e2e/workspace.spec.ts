import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { memorySink } from '../support/memory-sink'
import { startWebShell } from '../../src/main/web/web-shell'
import { expect, expectAccessible, expectTablesReadable, placeholderOverflow, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

// Two technicians, two web shells with their own data folders, one bare git repository on disk:
// create → add member → join → share → sync → edit → sync, through the real screens.

const API_KEY = 'CANARY-e2e-team-key-3f9a'

async function openWorkspace(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Team workspace' }).click()
  await expect(page.getByRole('heading', { name: 'Team workspace', level: 1 })).toBeVisible()
}

/**
 * In a window 1000 px wide: the Repository field's placeholder shows whole (the hint under it
 * names the other kinds), and your member line shows whole, wrapped, to be read out.
 */
async function expectWholeAtNarrowWidth(page: Page, form: string): Promise<void> {
  await page.setViewportSize({ width: 1000, height: 700 })
  const field = page.getByRole('form', { name: form }).getByLabel('Repository')
  await expect(field).toHaveAccessibleDescription(/Any git server over HTTPS .*, or a folder on this computer or a shared drive\./)
  expect(await placeholderOverflow(field)).toBeLessThanOrEqual(0)
  const line = page.getByTestId('member-line')
  expect(await line.inputValue()).toMatch(/^backdesk-member v1 /)
  expect(await line.evaluate((el) => ({ across: el.scrollWidth - el.clientWidth, down: el.scrollHeight - el.clientHeight }))).toEqual({ across: 0, down: 0 })
  await page.setViewportSize({ width: 1280, height: 800 })
}

async function setName(page: Page, name: string): Promise<string> {
  const card = page.getByRole('region', { name: 'Your member line' })
  await card.getByLabel('Your name').fill(name)
  await card.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByTestId('member-line')).toHaveValue(new RegExp(` ${name}$`))
  return page.getByTestId('member-line').inputValue()
}

test('two technicians share a connection through a workspace and see each other’s edits', async ({ app, page, browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'backdesk-e2e-git-'))
  const repo = join(root, 'team.git')
  execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', repo])
  const bobDir = mkdtempSync(join(tmpdir(), 'backdesk-e2e-'))
  const bobShell = await startWebShell({ dataDir: bobDir, rendererDir: resolve('out/renderer'), logSinks: [memorySink()] })
  const bobContext = await browser.newContext()
  const bob = await bobContext.newPage()
  try {
    await bob.goto(bobShell.url)
    await createVault(page)
    await createVault(bob)

    // Bob's line, to be sent to Alice.
    await openWorkspace(bob)
    const bobLine = await setName(bob, 'Bob')

    // Alice creates the workspace and adds Bob.
    await openWorkspace(page)
    const aliceLine = await setName(page, 'Alice')
    await expectAccessible(page, 'team workspace (not joined)')
    await expectWholeAtNarrowWidth(page, 'Create a workspace')
    await expectWholeAtNarrowWidth(bob, 'Join a workspace')
    const create = page.getByRole('form', { name: 'Create a workspace' })
    await create.getByLabel('Repository').fill(repo)
    await create.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('table', { name: 'Members' })).toContainText('Alice')
    await page.getByRole('button', { name: 'Add member…' }).click()
    const pasted = page.getByRole('dialog').getByLabel('Member line your teammate sent you')
    // Something that is no member line is said under the field, with no fingerprint.
    await pasted.fill('backdesk-member v1 not-a-key Bob')
    await expect(pasted).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('dialog')).toContainText('That is not a Backdesk member line.')
    await expect(page.getByTestId('member-line-fingerprint')).toHaveCount(0)
    // Bob's line: its fingerprint shows before adding, the one Bob reads from his own screen.
    const bobFingerprint = await bob.getByTestId('member-fingerprint').textContent()
    await pasted.fill(bobLine)
    await expect(page.getByTestId('member-line-fingerprint')).toContainText(`Fingerprint of Bob’s line: ${bobFingerprint}`)
    await expect(pasted).not.toHaveAttribute('aria-invalid', 'true')
    await expectAccessible(page, 'add member dialog')
    await page.getByRole('dialog').getByRole('button', { name: 'Add member' }).click()
    await expect(page.getByRole('table', { name: 'Members' })).toContainText('Bob')
    await expect(page.getByRole('table', { name: 'Members' })).toContainText(bobFingerprint!)

    // Bob joins, trusting Alice's line.
    const join_ = bob.getByRole('form', { name: 'Join a workspace' })
    await join_.getByLabel('Repository').fill(repo)
    await join_.getByLabel('The line of the teammate who added you, or its fingerprint').fill(aliceLine)
    await join_.getByRole('button', { name: 'Join workspace' }).click()
    await expect(bob.getByRole('table', { name: 'Members' })).toContainText('Alice')
    await expectAccessible(bob, 'team workspace (joined)')
    await expectTablesReadable(bob, 'team workspace (joined)')

    // Alice shares a connection.
    await addConnection(page, { provider: 'cloudback', name: 'Initech repos', customer: 'Initech', baseUrl: 'https://app.cloudback.it', apiKey: API_KEY })
    await page.getByRole('button', { name: 'Share with team…' }).click()
    await expectAccessible(page, 'share dialog')
    await page.getByRole('dialog').getByRole('button', { name: 'Share' }).click()
    // The dialog closes once the entry is committed and pushed.
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await expect(page.getByTestId('team-changed-by')).toContainText('Alice')

    // Bob syncs and sees it, marked Team.
    await bob.getByRole('button', { name: 'Sync now' }).click()
    await expect(bob.getByText('1 shared connection')).toBeVisible()
    await bob.getByTestId('connection-list').getByRole('button', { name: /Initech repos/ }).click()
    await expect(bob.getByTestId('team-changed-by')).toContainText('Alice')

    // Bob edits it; Alice syncs and sees his change.
    await bob.getByRole('button', { name: 'Edit' }).click()
    await bob.locator('#conn-name').fill('Initech repositories')
    await bob.getByRole('button', { name: 'Save changes' }).click()
    await expect(bob.getByRole('heading', { name: 'Initech repositories', exact: true })).toBeVisible()
    await expect(bob.getByTestId('team-changed-by')).toContainText('Bob')
    await bob.getByRole('button', { name: 'Team workspace' }).click()
    await expect(bob.getByText('changes waiting to be pushed')).toHaveCount(0)

    await openWorkspace(page)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect(page.getByTestId('connection-list')).toContainText('Initech repositories')
    await page.getByTestId('connection-list').getByRole('button', { name: /Initech repositories/ }).click()
    await expect(page.getByTestId('team-changed-by')).toContainText('Bob')

    // The secret never reached either renderer.
    for (const text of app.responses) expect(text).not.toContain(API_KEY)
    expect(await page.content()).not.toContain(API_KEY)
    expect(await bob.content()).not.toContain(API_KEY)
  } finally {
    await bobContext.close()
    await bobShell.close()
    rmSync(bobDir, { recursive: true, force: true })
    rmSync(root, { recursive: true, force: true })
  }
})

test('imports credentials from a Bitwarden export after a preview', async ({ app, page }) => {
  void app // the fixture starts the shell and opens the page on it
  await createVault(page)
  await openWorkspace(page)
  await page.getByRole('button', { name: 'Import credentials…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('From').selectOption('bitwarden')
  const file = {
    encrypted: false,
    folders: [{ id: 'f', name: 'Umbrella' }],
    items: [
      { type: 1, name: 'Umbrella CloudAlly', folderId: 'f', login: { username: 'it@umbrella.example', password: 'CANARY-e2e-bw-pw-81', uris: [{ uri: 'https://api.cloudally.com' }] }, fields: [{ name: 'client id', value: 'umbrella-client', type: 0 }, { name: 'client secret', value: 'CANARY-e2e-bw-cs-82', type: 1 }] },
      { type: 1, name: 'Wiki', folderId: null, login: { username: 'me', password: 'x-wiki-pw-1234', uris: [{ uri: 'https://wiki.example' }] } }
    ]
  }
  await dialog.getByLabel('File').setInputFiles({ name: 'bitwarden.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
  await dialog.getByRole('button', { name: 'Read file' }).click()
  await expect(dialog.getByRole('table', { name: 'Entries to import' })).toContainText('Umbrella CloudAlly')
  await expectAccessible(page, 'import preview')
  await expectTablesReadable(page, 'import preview')
  await expect(page.getByTestId('connection-list')).not.toContainText('Umbrella')
  await dialog.getByRole('button', { name: 'Import 1 connection' }).click()
  await expect(dialog.getByRole('status')).toContainText('1 connection added')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByTestId('connection-list')).toContainText('Umbrella CloudAlly')
})
