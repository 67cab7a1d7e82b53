import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { expect } from './fixtures'

// Steps shared by the CloudAlly E2E specs.

/** Adds a partner connection to the simulator (the vault is open) and waits for its console. */
export async function addCloudAllyConnection(page: Page, sim: Simulator, name = 'Sim CloudAlly'): Promise<void> {
  const c = sim.cloudally.credentials
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-provider').selectOption('cloudally')
  await page.locator('#conn-name').fill(name)
  await page.locator('#conn-baseUrl').fill(sim.cloudally.url)
  await page.getByRole('radio', { name: 'Partner' }).check()
  await page.locator('#conn-clientId').fill(c.clientId)
  await page.locator('#conn-clientSecret').fill(c.clientSecret)
  await page.locator('#conn-email').fill(c.partnerEmail)
  await page.locator('#conn-password').fill(c.partnerPassword)
  await page.getByRole('button', { name: 'Add connection' }).click()
  await expect(page.getByTestId('cloudally-console')).toBeVisible()
}
