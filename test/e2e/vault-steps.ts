import type { Page } from '@playwright/test'
import { expect } from './fixtures'

export const PASSPHRASE = 'correct horse battery staple 42!'

/** First run: create the vault so the app frame appears. */
export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  await page.getByLabel('Master passphrase').fill(passphrase)
  await page.getByLabel('Repeat the passphrase').fill(passphrase)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByTestId('status-vault')).toContainText('unlocked')
}

export type ConnectionFields =
  | { provider: 'cloutility'; name: string; baseUrl: string; clientId: string; origin: string; username: string; password: string; customer?: string }
  | { provider: 'cloudally'; name: string; baseUrl: string; clientId: string; clientSecret: string; email: string; password: string; customer?: string }
  | { provider: 'cloudback'; name: string; baseUrl: string; apiKey: string; customer?: string }

/** Adds a connection through the New connection form (without its login test) and waits for its screen. */
export async function addConnection(page: Page, fields: ConnectionFields): Promise<void> {
  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.locator('#conn-provider').selectOption(fields.provider)
  await page.locator('#conn-name').fill(fields.name)
  if (fields.customer) await page.locator('#conn-customer').fill(fields.customer)
  await page.locator('#conn-baseUrl').fill(fields.baseUrl)
  if (fields.provider === 'cloudally') await page.getByRole('radio', { name: 'Partner' }).check()
  for (const [key, value] of Object.entries(fields)) {
    if (['provider', 'name', 'customer', 'baseUrl'].includes(key)) continue
    await page.locator(`#conn-${key}`).fill(String(value))
  }
  await page.getByRole('button', { name: 'Save without testing' }).click()
  await expect(page.getByRole('heading', { name: fields.name, exact: true })).toBeVisible()
}
