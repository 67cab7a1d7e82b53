import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { expect, type ShellFixture } from './fixtures'

// Steps shared by the specs that start from the Demo workspace.

/** "Explore with demo data" (the vault is open, no connection yet); waits for the demo banner and returns the simulator the demo connections reach. */
export async function exploreDemoData(page: Page, app: ShellFixture): Promise<Simulator> {
  await page.getByRole('button', { name: 'Explore with demo data' }).click()
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
  const sim = app.shell.core.demo.simulator
  if (!sim) throw new Error('the demo simulator is not running')
  return sim
}
