import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Simulator } from '../../../../src/simulator'
import { activatedConsumer, startSimulator } from '../../../simulator/helpers'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../../vault/helpers'

// A node password change against the simulator over HTTP, with the real vault: whatever fails
// between the steps (the vault locked meanwhile, its file write failing, no certain answer from
// Cloutility), the password the simulator accepts afterwards can still be revealed.

type Core = Awaited<ReturnType<typeof makeCore>>

const OLD = 'Old.Pass-2026-a'
const NEW = 'New.Pass-2026-b'

let sim: Simulator
let t: Core
let dir: string
let where: { connectionId: string; businessUnitId: number; consumptionUnitId: number }
let nodeId: string
let stopHook: (() => void) | undefined

/** Runs `action` when the simulator receives the node password POST, before it answers. */
function onPasswordRequest(action: () => void): void {
  const listener = (message: unknown) => {
    const request = (message as { request: IncomingMessage }).request
    if (request.method === 'POST' && request.url?.endsWith(`/consumers/${where.consumptionUnitId}/node/password`)) action()
  }
  subscribe('http.server.request.start', listener)
  stopHook = () => unsubscribe('http.server.request.start', listener)
}

/** A real write failure: the vault keeps its previous file as `.bak`; a folder there cannot be replaced. */
function blockVaultWrites(): void {
  const bak = join(dir, 'vault.json.bak')
  rmSync(bak, { recursive: true, force: true })
  mkdirSync(bak)
  writeFileSync(join(bak, 'keep'), 'x')
}
function unblockVaultWrites(): void {
  rmSync(join(dir, 'vault.json.bak'), { recursive: true, force: true })
}

const simPassword = (): string | undefined => sim.cloutility.data.consumers.get(where.consumptionUnitId)?.node?.tsmPassword
const reveal = async (slot: 'current' | 'previous' = 'current'): Promise<string> =>
  (await t.ok('vault.nodeCredential.reveal', { connectionId: where.connectionId, nodeId, slot })).password
const listed = async () => (await t.ok('vault.nodeCredential.list', { connectionId: where.connectionId }))[0]
const change = (password: string) => t.call('cloutility.node.changePassword', { ...where, password, confirm: password })
const passwordPosts = (): number => sim.stats.count({ method: 'POST', path: /\/node\/password$/ })

beforeEach(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 7 })
  dir = tmpDir()
  t = await makeCore(dir)
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  const creds = sim.cloutility.credentials
  const { id } = await t.ok('connections.create', {
    provider: 'cloutility',
    name: 'Sim Cloutility',
    baseUrl: sim.cloutility.url,
    clientId: creds.clientId,
    origin: creds.origin,
    username: creds.username,
    password: creds.password
  })
  const consumer = activatedConsumer(sim)
  where = { connectionId: id, businessUnitId: consumer.buId, consumptionUnitId: consumer.id }
  nodeId = String(consumer.node.id)
  // A first change that goes through: the vault and the simulator agree on OLD.
  expect(await t.ok('cloutility.node.changePassword', { ...where, password: OLD, confirm: OLD })).toEqual({ changed: true })
  expect(simPassword()).toBe(OLD)
  expect(await reveal()).toBe(OLD)
  expect((await listed())?.unconfirmed).toBeUndefined()
})

afterEach(async () => {
  stopHook?.()
  stopHook = undefined
  await t.core.dispose()
  await sim.stop()
  cleanupDirs()
})

describe('changing a node password: the vault never loses one Cloutility accepted', () => {
  it('keeps the new password when the vault file cannot be written after Cloutility accepted it', async () => {
    onPasswordRequest(blockVaultWrites)
    const answer = await change(NEW)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(simPassword()).toBe(NEW)
    expect(answer.error.message).toContain('WAS changed')
    expect(answer.error.message).toContain('Reveal')
    expect(answer.error.details).toMatchObject({ passwordChanged: true })
    for (const text of t.answers) expect(text).not.toContain(NEW)
    expect(JSON.stringify(t.sink.records)).not.toContain(NEW)

    // What the simulator accepts is revealed, marked unconfirmed, with the old one beside it; and
    // it is in the file, not only in memory.
    unblockVaultWrites()
    await t.ok('vault.lock')
    await t.ok('vault.unlock', { passphrase: PASS })
    expect(await reveal()).toBe(simPassword())
    expect(await reveal('previous')).toBe(OLD)
    expect((await listed())?.unconfirmed).toMatchObject({ hasPrevious: true })

    // The technician settles it: the new one stays, the old one is forgotten.
    await t.ok('vault.nodeCredential.settle', { connectionId: where.connectionId, nodeId, keep: 'current' })
    expect((await listed())?.unconfirmed).toBeUndefined()
    expect(await reveal()).toBe(NEW)
    expect(await t.call('vault.nodeCredential.reveal', { connectionId: where.connectionId, nodeId, slot: 'previous' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('keeps the new password when the vault locks while Cloutility is changing it', async () => {
    onPasswordRequest(() => t.core.vault.vault.lock('user'))
    const answer = await change(NEW)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.message).toContain('WAS changed')
    expect(answer.error.message).toContain('Unlock the vault, then Reveal')
    expect(answer.error.message).not.toContain(NEW)
    expect(simPassword()).toBe(NEW)

    await t.ok('vault.unlock', { passphrase: PASS })
    expect(await reveal()).toBe(simPassword())
    expect(await reveal('previous')).toBe(OLD)
  })

  it('keeps both when Cloutility gives no certain answer, and the old one alone when it refuses', async () => {
    sim.faults.add({ provider: 'cloutility', method: 'POST', path: `*/consumers/${where.consumptionUnitId}/node/password`, kind: '503', times: 1 })
    const unknown = await change(NEW)
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot tell whether Cloutility changed') } })
    // The simulator refused it before changing anything: the old password is the one it takes.
    expect(simPassword()).toBe(OLD)
    expect(await reveal('previous')).toBe(simPassword())
    expect(await reveal()).toBe(NEW)
    await t.ok('vault.nodeCredential.settle', { connectionId: where.connectionId, nodeId, keep: 'previous' })
    expect(await reveal()).toBe(OLD)
    expect((await listed())?.unconfirmed).toBeUndefined()

    // A refusal (4xx): the vault is back to exactly what it was.
    sim.faults.add({ provider: 'cloutility', method: 'POST', path: `*/consumers/${where.consumptionUnitId}/node/password`, kind: '429', retryAfter: 1, times: 5 })
    const refused = await change(NEW)
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(simPassword()).toBe(OLD)
    expect(await reveal()).toBe(OLD)
    expect((await listed())?.unconfirmed).toBeUndefined()
  })

  it('sends nothing when the vault cannot take the new password first', async () => {
    blockVaultWrites()
    const before = passwordPosts()
    const answer = await change(NEW)
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('The password was not changed') } })
    expect(passwordPosts()).toBe(before)
    expect(simPassword()).toBe(OLD)
    expect(await reveal()).toBe(OLD)
  })
})
