/// <reference lib="dom" />
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { expect } from './fixtures'
import { createVault } from './vault-steps'

// Steps shared by the Cloutility E2E specs: a vault with one connection to the simulator, a
// consumption unit worth browsing, opening a business unit from the tree.

export async function setUpVaultAndConnection(page: Page, sim: Simulator): Promise<void> {
  await createVault(page)

  await page.getByRole('button', { name: '+ New connection' }).click()
  await page.getByLabel('Provider').selectOption({ label: 'Cloutility' })
  const c = sim.cloutility.credentials
  await page.getByLabel('Name', { exact: true }).fill('Sim Cloutility')
  await page.getByLabel('Base URL').fill(sim.cloutility.url)
  await page.getByLabel('Client ID').fill(c.clientId)
  await page.getByLabel('Origin').fill(c.origin)
  await page.getByLabel('User name').fill(c.username)
  await page.getByLabel('Password', { exact: true }).fill(c.password)
  await page.getByRole('button', { name: 'Add connection' }).click()
  await expect(page.getByRole('heading', { name: 'Sim Cloutility' })).toBeVisible()
  await expect(page.getByRole('tree', { name: 'Business units' })).toBeVisible()
}

/** A unit with an activated node that has run jobs (from the simulator's seeded data). */
export function busyConsumer(sim: Simulator): { buId: number; buName: string; cuName: string; nodeName: string } {
  const data = sim.cloutility.data
  for (const bu of data.businessUnits.values()) {
    for (const id of bu.consumerIds) {
      const c = data.consumers.get(id)
      // …with another activated node in the unit that is not yet its proxy agent.
      const free = bu.consumerIds.some((o) => o !== id && !!data.consumers.get(o)?.node?.activatedMs && !c?.node?.proxyAgentIds.includes(o))
      if (c?.node?.activatedMs && c.profile === 'healthy' && bu.id !== data.homeBusinessUnitId && free) {
        return { buId: bu.id, buName: bu.name, cuName: c.name, nodeName: c.node.tsmName }
      }
    }
  }
  throw new Error('no unit with an active, healthy node in this seed')
}

export async function openUnit(page: Page, name: string, id: number): Promise<void> {
  const search = page.getByLabel('Find a business unit')
  await search.fill(String(id))
  await page.getByRole('treeitem').filter({ hasText: name }).first().click()
  await search.fill('')
  await expect(page.getByRole('heading', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toBeVisible()
}
