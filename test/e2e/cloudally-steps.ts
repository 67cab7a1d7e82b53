import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { expect } from './fixtures'

// Steps shared by the CloudAlly E2E specs.

export interface CloudAllyConnectionOptions {
  /** Where the app reaches CloudAlly: the simulator itself unless something stands in front of it. */
  baseUrl?: string
  /** Who signs in, with the simulator's credentials for that login. */
  login?: 'partner' | 'portal user'
  /** A password of the test's own in place of the simulator's (one it refuses, say). */
  password?: string
  /** Saves without the login test the form runs first, for credentials the simulator refuses. */
  saveWithoutTesting?: boolean
}

/** Adds a connection to the simulator's CloudAlly (the vault is open) and waits for its console. */
export async function addCloudAllyConnection(page: Page, sim: Simulator, name = 'Sim CloudAlly', options: CloudAllyConnectionOptions = {}): Promise<void> {
  const c = sim.cloudally.credentials
  const portalUser = options.login === 'portal user'
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-provider').selectOption('cloudally')
  await page.locator('#conn-name').fill(name)
  await page.locator('#conn-baseUrl').fill(options.baseUrl ?? sim.cloudally.url)
  await page.getByRole('radio', { name: portalUser ? 'Portal user' : 'Partner' }).check()
  await page.locator('#conn-clientId').fill(c.clientId)
  await page.locator('#conn-clientSecret').fill(c.clientSecret)
  await page.locator('#conn-email').fill(portalUser ? c.portalEmail : c.partnerEmail)
  await page.locator('#conn-password').fill(options.password ?? (portalUser ? c.portalPassword : c.partnerPassword))
  await page.getByRole('button', { name: options.saveWithoutTesting ? 'Save without testing' : 'Add connection' }).click()
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
  await expect(page.getByTestId('cloudally-console')).toBeVisible()
}
