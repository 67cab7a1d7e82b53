/// <reference lib="dom" />
import { expect, expectAccessible, expectTablesReadable, test } from './fixtures'
import { addConnection, createVault, PASSPHRASE } from './vault-steps'

// Export from Settings: the master passphrase is asked again (a wrong one is said at its field,
// with the throttle's wait), the bundle arrives as the browser's download of a one-time address,
// and that file imports.

const BUNDLE_PASS = 'orbit lantern harbour 93'

test('export re-authenticates, downloads once, and the file imports', async ({ page, app }) => {
  await createVault(page)
  await addConnection(page, { provider: 'cloudback', name: 'Export me', baseUrl: 'https://app.cloudback.it', apiKey: 'e2e-export-api-key-0c4f' })
  await page.getByRole('button', { name: 'Settings' }).click()
  const form = page.getByRole('form', { name: 'Export' })
  await expect(form.getByText('Exporting puts every login in a file; confirm it is you.')).toBeVisible()
  await expect(form.getByLabel('Include the backup node passwords')).not.toBeChecked()
  await expect(form.getByText(/anyone with the bundle and its passphrase can log in as these backup nodes/)).toBeVisible()
  await expectAccessible(page, 'settings with the export form')

  // A wrong master passphrase: said at that field, no download.
  let downloads = 0
  page.on('download', () => downloads++)
  await form.getByLabel('Master passphrase').fill('not my master passphrase')
  await form.getByLabel('Bundle passphrase', { exact: true }).fill(BUNDLE_PASS)
  await form.getByLabel('Repeat the bundle passphrase').fill(BUNDLE_PASS)
  await form.getByRole('button', { name: 'Export bundle' }).click()
  await expect(form.locator('#export-master-hint')).toHaveText('The master passphrase is not correct.')
  await expect(form.getByLabel('Master passphrase')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page, 'export with a wrong master passphrase')

  // The right one: the browser downloads the bundle; the form says what happened.
  await form.getByLabel('Master passphrase').fill(PASSPHRASE)
  const download = page.waitForEvent('download')
  await form.getByRole('button', { name: 'Export bundle' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^backdesk-\d{4}-\d{2}-\d{2}\.backdesk-bundle$/)
  await expect(page.getByTestId('export-outcome')).toHaveText(`Exported 1 connection: your browser is downloading ${file.suggestedFilename()}.`)
  await expect(form.locator('#export-master-hint')).toHaveText('Exporting puts every login in a file; confirm it is you.')
  for (const field of ['Master passphrase', 'Bundle passphrase', 'Repeat the bundle passphrase']) await expect(form.getByLabel(field, { exact: true })).toHaveValue('')
  expect(downloads).toBe(1)
  expect(app.responses.some((r) => r.includes('BACKDESK BUNDLE'))).toBe(false)

  // The downloaded file imports (here, into the same vault: the connection is already there).
  const path = await file.path()
  await page.locator('#import-file').setInputFiles(path)
  await page.locator('#import-pass').fill(BUNDLE_PASS)
  await page.getByRole('button', { name: 'Preview import' }).click()
  const preview = page.getByTestId('import-preview')
  await expect(preview).toContainText('1 connection, 0 node passwords')
  await expect(preview.getByRole('row', { name: /Export me/ })).toContainText('yes (same connection)')
  await expectTablesReadable(page, 'import preview')

  // Wrong again and again: the throttle's wait is said at the field too.
  for (const expected of ['The master passphrase is not correct.', 'The master passphrase is not correct.', 'The master passphrase is not correct. Wait 1 s before trying again.']) {
    await form.getByLabel('Master passphrase').fill('still not my master passphrase')
    await form.getByLabel('Bundle passphrase', { exact: true }).fill(BUNDLE_PASS)
    await form.getByLabel('Repeat the bundle passphrase').fill(BUNDLE_PASS)
    await form.getByRole('button', { name: 'Export bundle' }).click()
    await expect(form.locator('#export-master-hint')).toHaveText(expected)
    await expect(form.getByRole('button', { name: 'Export bundle' })).toBeEnabled()
  }
  expect(downloads).toBe(1)
})
