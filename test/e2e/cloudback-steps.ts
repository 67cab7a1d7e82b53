import type { Locator, Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import type { Definition } from '../../src/simulator/cloudback/data'
import { expect } from './fixtures'

// Steps shared by the specs that work in a Cloudback console: the repository the simulator seeds
// for every run, looked up, and its definition as the simulator holds it.

/** The simulator's definition of that repository, read afresh (a save at Cloudback replaces it). */
export function demoRepositoryDefinition(sim: Simulator): Definition {
  const definition = sim.cloudback.data.definitions.get('github|backdesk-demo|repository|demo-repository')
  if (!definition) throw new Error('the simulator has no definition of backdesk-demo/demo-repository')
  return definition
}

/** Looks up backdesk-demo/demo-repository on GitHub in the open Cloudback console; returns its settings editor once it shows. */
export async function lookUpDemoRepository(page: Page): Promise<Locator> {
  await page.getByLabel('Platform').selectOption('GitHub')
  await page.getByLabel(/Account/).fill('backdesk-demo')
  await page.locator('#cb-subject').fill('demo-repository')
  await page.getByRole('button', { name: 'Look up' }).click()
  const editor = page.getByTestId('cloudback-editor')
  await expect(editor).toContainText('backdesk-demo/demo-repository')
  return editor
}
