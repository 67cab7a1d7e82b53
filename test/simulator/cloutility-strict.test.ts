import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { activatedConsumer, cloutilityLogin, withSim, type CloutilitySession } from './helpers'

// Strict mode as the live service behaves where the lax mode is lenient: a PUT replaces the whole
// object, so a body without a required field is refused and a field left out is reset. The lax
// mode (the seed's Python example) keeps "change what was sent".

describe('Cloutility PUT: replace in strict mode, patch in lax mode', () => {
  let strict: Simulator
  let lax: Simulator
  let s: CloutilitySession
  let l: CloutilitySession
  beforeAll(async () => {
    ;[strict, lax] = await Promise.all([withSim({ seed: 8 }), withSim({ seed: 8, strict: false })])
    ;[s, l] = await Promise.all([cloutilityLogin(strict), cloutilityLogin(lax)])
  })
  afterAll(() => Promise.all([strict.stop(), lax.stop()]))

  const pick = (sim: Simulator) => {
    const c = activatedConsumer(sim)
    return { bu: c.buId, cid: c.id, unit: `/v1/bunits/${c.buId}`, consumer: `/v1/bunits/${c.buId}/consumers/${c.id}`, node: `/v1/bunits/${c.buId}/consumers/${c.id}/node` }
  }

  it('a business unit: Name and TimeZone are required; a field left out goes back to its default', async () => {
    const p = pick(strict)
    const current = (await s.api(p.unit)).json
    const partial = await s.api(p.unit, { method: 'PUT', json: { note: 'only the note' } })
    expect(partial.status).toBe(400)
    expect(partial.json).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(/Name, TimeZone are required/), developerMessage: expect.stringMatching(/PUT replaces the whole BusinessUnit/) })
    expect((await s.api(p.unit)).json).toEqual(current) // nothing changed
    const whole = await s.api(p.unit, { method: 'PUT', json: { ...current, note: 'set', storageLimit: 40 } })
    expect(whole.json).toMatchObject({ name: current.name, note: 'set', storageLimit: 40, registrationNumber: current.registrationNumber })
    const { registrationNumber: _r, storageLimit: _s, note: _n, ...without } = whole.json
    const reset = await s.api(p.unit, { method: 'PUT', json: without })
    expect(reset.json).toMatchObject({ registrationNumber: '', storageLimit: 0 })
    expect(reset.json.note).toBeUndefined()

    const q = pick(lax)
    const patched = await l.api(q.unit, { method: 'PUT', json: { note: 'only the note' } })
    expect(patched.status).toBe(200)
    expect(patched.json).toMatchObject({ note: 'only the note', name: (await l.api(q.unit)).json.name })
  })

  it('a consumption unit: Name is required; note, external reference, limit and allow-no-activity reset when left out', async () => {
    const p = pick(strict)
    const current = (await s.api(p.consumer)).json
    expect((await s.api(p.consumer, { method: 'PUT', json: { note: 'x' } })).status).toBe(400)
    const set = await s.api(p.consumer, { method: 'PUT', json: { ...current, note: 'kept?', externalReference: 'ERP-1', limitHighStorage: 10, allowNoActivity: true } })
    expect(set.json).toMatchObject({ note: 'kept?', externalReference: 'ERP-1', limitHighStorage: 10, allowNoActivity: true })
    const renamed = await s.api(p.consumer, { method: 'PUT', json: { name: `${current.name}-2` } })
    expect(renamed.json).toMatchObject({ name: `${current.name}-2`, limitHighStorage: 0, allowNoActivity: false, billingStartDate: current.billingStartDate })
    expect(renamed.json.note).toBeUndefined()
    expect(renamed.json.externalReference).toBeUndefined()

    const q = pick(lax)
    const patched = await l.api(q.consumer, { method: 'PUT', json: { note: 'patched' } })
    expect(patched.status).toBe(200)
    expect(patched.json.note).toBe('patched')
  })

  it('a node: operating system, type, domain and option set are required; contact and CPU count reset when left out', async () => {
    const p = pick(strict)
    const current = (await s.api(p.node)).json
    const partial = await s.api(p.node, { method: 'PUT', json: { contact: 'ops@example.com' } })
    expect(partial.status).toBe(400)
    expect(partial.json.message).toMatch(/OperatingSystem, Type, Domain, ClientOptionSet are required/)
    const refsOnly = { operatingSystem: { id: current.operatingSystem.id }, type: { id: current.type.id }, domain: { id: current.domain.id }, clientOptionSet: { id: current.clientOptionSet.id } }
    const whole = await s.api(p.node, { method: 'PUT', json: { ...refsOnly, contact: 'ops@example.com', cpuCount: 16 } })
    expect(whole.json).toMatchObject({ contact: 'ops@example.com', cpuCount: 16, tsmName: current.tsmName })
    const reset = await s.api(p.node, { method: 'PUT', json: refsOnly })
    expect(reset.json).toMatchObject({ contact: '', cpuCount: 1 })
    // Zero-valued references (the Go client's style) count as missing, as an empty name does.
    expect((await s.api(p.node, { method: 'PUT', json: { ...refsOnly, domain: { id: 0, name: '' } } })).status).toBe(400)

    const q = pick(lax)
    const patched = await l.api(q.node, { method: 'PUT', json: { contact: 'ops@example.com' } })
    expect(patched.status).toBe(200)
    expect(patched.json.contact).toBe('ops@example.com')
  })
})
