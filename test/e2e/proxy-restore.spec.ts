/// <reference lib="dom" />
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { dsmcRestoreCommand } from '../../src/shared/dsmc-command'
import { busyConsumer, openUnit, setUpVaultAndConnection } from './cloutility-steps'
import { expect, expectAccessible, test } from './fixtures'

// The restore center's Cloutility flow: restore a node's files on another machine through a proxy
// grant, with the exact dsmc command for the agent, then revoke the grant.

let sim: Simulator
test.beforeEach(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 5 })
})
test.afterEach(async () => {
  await sim?.stop()
})

/**
 * A busy consumption unit whose node can be restored elsewhere, and an activated node of the same
 * kind not yet its proxy agent (the guide refuses a Windows node with a Linux or macOS agent).
 */
function proxyPair(sim: Simulator) {
  const target = busyConsumer(sim)
  const data = sim.cloutility.data
  const bu = data.businessUnits.get(target.buId)!
  const targetId = bu.consumerIds.find((id) => data.consumers.get(id)?.name === target.cuName)!
  const windows = (id: number) => data.consumers.get(id)?.node?.osId === 2
  const agentId = bu.consumerIds.find(
    (id) =>
      id !== targetId &&
      !!data.consumers.get(id)?.node?.activatedMs &&
      windows(id) === windows(targetId) &&
      !data.consumers.get(targetId)!.node!.proxyAgentIds.includes(id)
  )!
  return { target, data, targetId, agentId }
}

/** The target unit's Proxy relations tab, from its business unit's table. */
async function openProxyRelations(page: Page, target: ReturnType<typeof busyConsumer>): Promise<void> {
  await openUnit(page, target.buName, target.buId)
  await page.getByRole('table', { name: `Consumption units of ${target.buName}` }).getByRole('button', { name: target.cuName }).click()
  await page.getByRole('tab', { name: 'Proxy relations' }).click()
}

test('proxy restore: grant, the exact dsmc command, revoke', async ({ page, app }) => {
  void app
  await setUpVaultAndConnection(page, sim)
  const { target, data, targetId, agentId } = proxyPair(sim)

  await openProxyRelations(page, target)
  await page.getByRole('button', { name: `Restore ${target.cuName}'s files on another machine…` }).click()
  const wizard = page.getByTestId('proxy-restore')
  await expect(wizard).toBeVisible()

  await wizard.getByLabel('Agent node (the machine that will receive the files)').selectOption(String(agentId))
  await wizard.getByRole('button', { name: 'Grant proxy access' }).click()
  await expect(wizard.getByRole('button', { name: 'Proxy access granted' })).toBeDisabled()
  // The disabled button cannot keep the focus: it moves on to the next step, not to the page's top.
  await expect(wizard.getByLabel('Filespace', { exact: true })).toBeFocused()
  expect(data.consumers.get(targetId)!.node!.proxyAgentIds).toContain(agentId)

  const filespace = await wizard.getByLabel('Filespace', { exact: true }).inputValue()
  expect(filespace.length).toBeGreaterThan(0)
  // The guide picks the agent platform from the filespace (Windows backups restore on Windows).
  const platform = filespace.startsWith('\\\\') ? 'windows' : 'unix'
  await expect(wizard.getByLabel('Agent machine', { exact: true })).toHaveValue(platform)
  const destination = platform === 'windows' ? 'D:\\Restore\\from-target' : '/restore/from-target'
  await wizard.getByLabel('Folder inside the filespace (empty = everything)').fill('projects')
  await wizard.getByLabel('Destination folder on the agent machine').fill(destination)
  await wizard.getByLabel('Point in time (optional): date').fill('2026-11-20')
  await wizard.getByLabel('time', { exact: true }).fill('21:30:00')
  const expected = dsmcRestoreCommand({
    targetNodeName: target.nodeName,
    filespace,
    path: 'projects',
    destination,
    agentPlatform: platform,
    pitDate: '2026-11-20',
    pitTime: '21:30:00'
  })
  await expect(wizard.getByTestId('dsmc-command')).toHaveText(expected)
  expect(expected).toContain(`-asnodename=${target.nodeName}`)
  expect(expected).toContain('-pitdate=2026-11-20')
  await expectAccessible(page, 'proxy restore guide')

  await wizard.getByRole('button', { name: 'Revoke proxy access…' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
  await expect(wizard.getByRole('button', { name: 'Grant proxy access' })).toBeEnabled()
  expect(data.consumers.get(targetId)!.node!.proxyAgentIds).not.toContain(agentId)
})

test('proxy restore: a grant and a revoke whose answers are lost show what Cloutility holds, and sent once', async ({ page, app }) => {
  void app
  await setUpVaultAndConnection(page, sim)
  const { target, data, targetId, agentId } = proxyPair(sim)
  const grants = `/v1/bunits/${target.buId}/consumers/${targetId}/node/proxyagents`

  await openProxyRelations(page, target)
  await page.getByRole('button', { name: `Restore ${target.cuName}'s files on another machine…` }).click()
  const wizard = page.getByTestId('proxy-restore')
  await wizard.getByLabel('Agent node (the machine that will receive the files)').selectOption(String(agentId))

  // Cloutility makes the grant, and its answer is cut off on the way back.
  sim.faults.add({ provider: 'cloutility', method: 'POST', path: grants, kind: 'truncated', times: 1 })
  await wizard.getByRole('button', { name: 'Grant proxy access' }).click()
  await expect(wizard.getByRole('alert').filter({ hasText: /may have made the change/ })).toBeVisible()
  // The wizard read the relations again: the grant is shown as made, and it can be revoked.
  await expect(wizard.getByTestId('proxy-checked')).toContainText('the grant is in place')
  await expect(wizard.getByRole('button', { name: 'Proxy access granted' })).toBeDisabled()
  await expect(wizard.getByRole('button', { name: 'Revoke proxy access…' })).toBeEnabled()
  expect(sim.stats.count({ provider: 'cloutility', method: 'POST', path: grants })).toBe(1)
  expect(data.consumers.get(targetId)!.node!.proxyAgentIds).toContain(agentId)

  // The revoke is made, and its answer is cut off too.
  sim.faults.add({ provider: 'cloutility', method: 'DELETE', path: `${grants}/${agentId}`, kind: 'truncated', times: 1 })
  await wizard.getByRole('button', { name: 'Revoke proxy access…' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
  await expect(wizard.getByTestId('proxy-checked')).toContainText('the grant is gone')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(wizard.getByRole('button', { name: 'Grant proxy access' })).toBeEnabled()
  await expect(wizard.getByRole('button', { name: 'Revoke proxy access…' })).toBeDisabled()
  expect(data.consumers.get(targetId)!.node!.proxyAgentIds).not.toContain(agentId)
})

test('proxy relations tab: a grant whose answer is lost is listed once Cloutility holds it', async ({ page, app }) => {
  void app
  await setUpVaultAndConnection(page, sim)
  const { target, data, targetId, agentId } = proxyPair(sim)
  const agentName = data.consumers.get(agentId)!.node!.tsmName
  const grants = `/v1/bunits/${target.buId}/consumers/${targetId}/node/proxyagents`

  await openProxyRelations(page, target)
  const agents = page.getByRole('table', { name: new RegExp(`^Nodes that may act as`) })
  await expect(agents).not.toContainText(agentName)

  sim.faults.add({ provider: 'cloutility', method: 'POST', path: grants, kind: 'truncated', times: 1 })
  await page.getByLabel('Node', { exact: true }).selectOption(String(agentId))
  await page.getByRole('button', { name: 'Grant', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: /may have made the change/ })).toBeVisible()
  // Cloutility made it: the list read again shows it (and Revoke there), so it is not granted twice.
  await expect(agents).toContainText(agentName)
  expect(sim.stats.count({ provider: 'cloutility', method: 'POST', path: grants })).toBe(1)
})
