import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { expect, expectAccessible, test } from './fixtures'
import { addConnection, createVault } from './vault-steps'

// The edit form and the origin its secrets are bound to: as soon as the base URL points at
// another origin, the form says where the saved secrets go and asks for them again; main's own
// refusal, if it still comes, is shown on each field it names.

let sim: Simulator
test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 17 })
})
test.afterAll(async () => {
  await sim.stop()
})

test('moving a connection to another origin asks for its secrets again before anything is saved', async ({ page, app }) => {
  const ca = sim.cloudally.credentials
  const own = new URL(sim.cloudally.url).origin
  const elsewhere = 'http://127.0.0.1:9'
  await createVault(page)
  await addConnection(page, { provider: 'cloudally', name: 'Acme partner login', baseUrl: sim.cloudally.url, clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword })
  const [saved] = app.shell.core.vault.connections.list()

  await page.getByRole('button', { name: 'Edit' }).click()
  const note = page.getByTestId('origin-change')
  await expect(page.locator('#conn-password')).toHaveAttribute('placeholder', 'Stored — leave empty to keep it')
  await expect(note).toHaveCount(0)
  // Another path on the same origin: nothing to say.
  await page.locator('#conn-baseUrl').fill(`${sim.cloudally.url}/v2`)
  await expect(note).toHaveCount(0)

  // Another origin: said at once, before saving, and the secret fields become required.
  await page.locator('#conn-baseUrl').fill(elsewhere)
  await expect(note).toHaveText(`The saved client secret and password are only ever sent to ${own}; enter them again to use them with ${elsewhere}.`)
  for (const field of ['#conn-clientSecret', '#conn-password']) {
    await expect(page.locator(field)).toHaveAttribute('placeholder', `Enter it again for ${elsewhere}`)
    await expect(page.locator(field)).toHaveAttribute('required', '')
  }
  await expectAccessible(page, 'connection editor, another origin')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.locator('#conn-clientSecret-problem')).toHaveText(`Enter the client secret again to use it with ${elsewhere}.`)
  await expect(page.locator('#conn-password-problem')).toHaveText(`Enter the password again to use it with ${elsewhere}.`)
  await expect(page.locator('#conn-password')).toHaveAttribute('aria-invalid', 'true')
  expect(app.shell.core.vault.connections.summary(saved!.id)).toEqual(saved)

  // Back on the saved origin, the note goes.
  await page.locator('#conn-baseUrl').fill(sim.cloudally.url)
  await expect(note).toHaveCount(0)

  // If main still refuses (a form that did not know, here: a request that lost its secrets on the
  // way), its answer is shown on each field it names.
  await page.locator('#conn-baseUrl').fill(elsewhere)
  await page.locator('#conn-clientSecret').fill('a-new-client-secret-1')
  await page.locator('#conn-password').fill('a-new-password-1')
  await page.route('**/ipc/connections.update', async (route) => {
    const body = route.request().postDataJSON() as { input: Record<string, unknown> }
    delete body.input['clientSecret']
    delete body.input['password']
    await route.continue({ postData: JSON.stringify(body) })
  })
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('alert')).toContainText(`only ever sent to ${own}`)
  await expect(page.locator('#conn-clientSecret-problem')).toHaveText(`Enter the client secret again to use it with ${elsewhere}.`)
  await expect(page.locator('#conn-password-problem')).toHaveText(`Enter the password again to use it with ${elsewhere}.`)
  await page.unroute('**/ipc/connections.update')
  expect(app.shell.core.vault.connections.summary(saved!.id)).toEqual(saved)

  // With the secrets entered again, the move is saved and the binding moves with it.
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { name: 'Acme partner login', exact: true })).toBeVisible()
  expect(app.shell.core.vault.connections.summary(saved!.id)).toMatchObject({ baseUrl: elsewhere, secretOrigin: elsewhere })
})

test('a new connection: plain field messages, the login tested before saving, stale messages cleared', async ({ page, app }) => {
  const cb = sim.cloudback.credentials
  await createVault(page)
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-provider').selectOption('cloudback')
  const name = page.locator('#conn-name')

  // Nothing typed: each field says what it needs, beside it, and nothing is sent to main.
  await page.getByRole('button', { name: 'Test and add connection' }).click()
  await expect(page.locator('#conn-name-problem')).toHaveText('Give the connection a name')
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(name).toHaveAttribute('aria-describedby', /conn-name-problem/)
  await expect(page.locator('#conn-apiKey-problem')).toBeVisible()
  for (const text of await page.locator('.field-error').allTextContents()) expect(text).not.toMatch(/expected|Too small|>=/)
  // Our messages, never the browser's pop-up.
  await expect(page.locator('form.panel')).toHaveAttribute('novalidate', '')
  await expectAccessible(page, 'new connection with field messages')
  // Editing a field takes its message away, and only its own.
  await name.fill('Acme repos')
  await expect(page.locator('#conn-name-problem')).toHaveCount(0)
  await expect(name).not.toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#conn-apiKey-problem')).toBeVisible()

  // A refused key: the test says so, and nothing is saved.
  await page.locator('#conn-baseUrl').fill(sim.cloudback.url)
  await page.locator('#conn-apiKey').fill('not-the-right-key-1')
  await expect(page.locator('#conn-apiKey-problem')).toHaveCount(0)
  await page.getByRole('button', { name: 'Test and add connection' }).click()
  const failed = page.getByTestId('draft-test-failed')
  await expect(failed).toContainText('The login test failed (credentials)')
  expect(app.shell.core.vault.connections.list()).toEqual([])
  await expectAccessible(page, 'new connection, failed login test')
  // Fixing the key clears the stale banner; the test passes and the connection is saved.
  await page.locator('#conn-apiKey').fill(cb.apiKey)
  await expect(failed).toHaveCount(0)
  await page.getByRole('button', { name: 'Test and add connection' }).click()
  await expect(page.getByRole('heading', { name: 'Acme repos', exact: true })).toBeVisible()
  await expect(page.getByRole('status')).toContainText('Login works. Added Acme repos.')
  expect(app.shell.core.vault.connections.list()).toMatchObject([{ name: 'Acme repos' }])

  // The user may still save a connection whose login cannot be tested now.
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-provider').selectOption('cloudback')
  await page.locator('#conn-name').fill('Offline repos')
  await page.locator('#conn-baseUrl').fill(sim.cloudback.url)
  await page.locator('#conn-apiKey').fill('not-the-right-key-2')
  await page.getByRole('button', { name: 'Save without testing' }).click()
  await expect(page.getByRole('heading', { name: 'Offline repos', exact: true })).toBeVisible()
  await expect(page.getByRole('status')).toContainText('Added Offline repos (not tested).')

  // Cancel with something typed asks first; declining keeps the input, discarding adds nothing.
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-name').fill('Half typed')
  await page.getByRole('button', { name: 'Cancel' }).click()
  const ask = page.getByRole('dialog', { name: 'Discard the new connection?' })
  await expect(ask).toBeVisible()
  await expectAccessible(page, 'new connection, asking before discarding')
  await page.keyboard.press('Escape')
  await expect(ask).toHaveCount(0)
  await expect(page.locator('#conn-name')).toHaveValue('Half typed')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await ask.getByRole('button', { name: 'Discard changes' }).click()
  await expect(page.getByRole('heading', { name: 'New connection' })).toHaveCount(0)
  expect(app.shell.core.vault.connections.list().map((c) => c.name)).toEqual(['Acme repos', 'Offline repos'])

  // Leaving by the sidebar asks the same question; Keep editing stays on the form with the input.
  const sidebar = page.getByRole('navigation', { name: 'Main' })
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-name').fill('Typed, then left')
  await sidebar.getByRole('button', { name: 'Fleet health' }).click()
  await expect(ask).toBeVisible()
  await expectAccessible(page, 'new connection, asking before navigating away')
  await ask.getByRole('button', { name: 'Keep editing' }).click()
  await expect(ask).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'New connection' })).toBeVisible()
  await expect(page.locator('#conn-name')).toHaveValue('Typed, then left')
  await expect(page).toHaveURL(/#\/connectionEdit$/)
  // Back asks too, and the address stays on the form while it asks.
  await page.goBack()
  await expect(ask).toBeVisible()
  await expect(page).toHaveURL(/#\/connectionEdit$/)
  await page.keyboard.press('Escape')
  await expect(page.locator('#conn-name')).toHaveValue('Typed, then left')
  // Discard goes where the user was going, and adds nothing.
  await sidebar.getByRole('button', { name: 'Fleet health' }).click()
  await ask.getByRole('button', { name: 'Discard changes' }).click()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()
  await expect(page).toHaveURL(/#\/fleet$/)
  expect(app.shell.core.vault.connections.list().map((c) => c.name)).toEqual(['Acme repos', 'Offline repos'])

  // A change to a saved connection: opening another connection from the sidebar asks first, and
  // after the discard that connection shows its own screen, not the editor.
  await sidebar.getByRole('button', { name: 'Acme repos' }).click()
  await page.getByRole('button', { name: 'Edit' }).click()
  await page.locator('#conn-tags').fill('half typed')
  await sidebar.getByRole('button', { name: 'Offline repos' }).click()
  const askEdit = page.getByRole('dialog', { name: 'Discard your changes to Acme repos?' })
  await askEdit.getByRole('button', { name: 'Discard changes' }).click()
  await expect(page.getByRole('heading', { name: 'Offline repos', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible()
  expect(app.shell.core.vault.connections.list().map((c) => c.tags)).toEqual([[], []])

  // After a save, leaving asks nothing.
  await page.getByRole('button', { name: 'Edit' }).click()
  await page.locator('#conn-tags').fill('kept')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { name: 'Offline repos', exact: true })).toBeVisible()
  await sidebar.getByRole('button', { name: 'Fleet health' }).click()
  await expect(page.getByRole('heading', { name: 'Fleet health' })).toBeVisible()
  await expect(page.getByRole('dialog')).toHaveCount(0)
})
