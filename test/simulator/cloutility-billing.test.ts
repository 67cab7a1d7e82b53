import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { cloutilityLogin, fakeClock, withSim, type CloutilitySession } from './helpers'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

describe('Cloutility contract, invoices, invoice files and billing', () => {
  const clock = fakeClock('2026-11-22T12:00:00.000Z')
  let sim: Simulator
  let s: CloutilitySession
  let home: number
  beforeAll(async () => {
    sim = await withSim({ scale: 'small', now: clock.now })
    s = await cloutilityLogin(sim)
    home = sim.cloutility.credentials.homeBusinessUnitId
  })
  afterAll(() => sim.stop())

  it('returns the contract of a BU that has one, and nothing (204) otherwise', async () => {
    const contract = await s.api(`/v1/bunits/${home}/contract`)
    expect(contract.status).toBe(200)
    expect(contract.json).toMatchObject({ billingCycle: { months: 1 }, currency: { code: 'SEK' }, subscriptions: expect.any(Array), discount: expect.any(Number) })
    const noContract = [...sim.cloutility.data.businessUnits.values()].find((b) => !b.hasContract && b.level === 'department')!
    const none = await s.api(`/v1/bunits/${noContract.id}/contract`)
    expect(none.status).toBe(204)
    expect(none.text).toBe('')
    expect((await s.api(`/v1/bunits/${home}/contract/exceptions`)).json).toMatchObject({ total: 0, items: [] })
    expect((await s.api(`/v1/bunits/${noContract.id}/contract/exceptions`)).status).toBe(404)
  })

  it('lists 12 monthly invoices (last day of month) and serves one by date, a future one simulated', async () => {
    const list = (await s.api(`/v1/bunits/${home}/invoices`)).json
    expect(list.items).toHaveLength(12)
    expect(list.items[0].href).toMatch(/\/invoices\/2026-10-31$/)
    const date = list.items[0].href.split('/').pop()
    const one = await s.api(`/v1/bunits/${home}/invoices/${date}`)
    expect(one.status).toBe(200)
    expect(one.json.lines.length).toBe(2)
    expect(one.json.lines[0]).toMatchObject({ product: { name: expect.any(String) }, unitPrice: expect.any(Number), quantity: expect.any(Number) })
    expect(one.json.total).toBeGreaterThan(0)
    const future = await s.api(`/v1/bunits/${home}/invoices/2026-12-31`)
    expect(future.status).toBe(200)
    expect(future.json.simulated).toBe(true)
    expect((await s.api(`/v1/bunits/${home}/invoices/2026-10-15`)).status).toBe(404)
    expect((await s.api(`/v1/bunits/${home}/invoices/31-10-2026`)).status).toBe(400)
  })

  it('accepts PDF invoice files (raw or multipart) and rejects anything else', async () => {
    const before = (await s.api(`/v1/bunits/${home}/invoicefiles`)).json
    expect(before).toMatchObject({ href: expect.any(String), total: before.items.length })
    const raw = await s.api(`/v1/bunits/${home}/invoicefiles?erpReference=ERP-1&sendToBillingAddress=true`, { method: 'POST', body: PDF, headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="nov.pdf"' } })
    expect(raw.status).toBe(200)
    expect(raw.json).toMatchObject({ fileName: 'nov.pdf', erpReference: 'ERP-1', sendToBillingAddress: true, sizeBytes: PDF.length })
    const fd = new FormData()
    fd.append('file', new Blob([PDF], { type: 'application/pdf' }), 'dec.pdf')
    const multi = await s.api(`/v1/bunits/${home}/invoicefiles`, { method: 'POST', body: fd })
    expect(multi.status).toBe(200)
    expect(multi.json.fileName).toBe('dec.pdf')
    const after = (await s.api(`/v1/bunits/${home}/invoicefiles`)).json
    expect(after.total).toBe(before.total + 2)
    expect((await s.api(`/v1/bunits/${home}/invoicefiles`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } })).status).toBe(400)
    expect((await s.api(`/v1/bunits/${home}/invoicefiles`, { method: 'POST', body: 'not a pdf', headers: { 'content-type': 'application/pdf' } })).status).toBe(400)
    const bad = new FormData()
    bad.append('file', new Blob(['GIF89a'], { type: 'image/gif' }), 'x.gif')
    expect((await s.api(`/v1/bunits/${home}/invoicefiles`, { method: 'POST', body: bad })).status).toBe(400)
    expect((await s.api(`/v1/bunits/${home}/invoicefiles?sendToBillingAddress=sure`, { method: 'POST', body: PDF, headers: { 'content-type': 'application/pdf' } })).status).toBe(400)
  })

  it('billing lists past billing data plus includeNext forecast months; by date with 404 / 400', async () => {
    const plain = (await s.api(`/v1/bunits/${home}/billing`)).json
    expect(plain.items).toHaveLength(12)
    const withNext = (await s.api(`/v1/bunits/${home}/billing?includeNext=2`)).json
    expect(withNext.items).toHaveLength(14)
    expect(withNext.items[0]).toMatchObject({ invoiceDateStr: '2026-12-31', simulated: true })
    expect(withNext.items[1].invoiceDateStr).toBe('2026-11-30') // this month's invoice is still ahead
    expect(withNext.items[2]).toMatchObject({ invoiceDateStr: '2026-10-31', simulated: false })
    const one = (await s.api(`/v1/bunits/${home}/billing/2026-10-31`)).json
    expect(one).toMatchObject({ invoiceDateStr: '2026-10-31', summary: [{ currency: 'SEK', total: expect.any(Number) }], billingBusinessUnit: { id: home } })
    expect(one.invoices.length).toBeGreaterThan(1)
    expect((await s.api(`/v1/bunits/${home}/billing/2026-10-30`)).status).toBe(404)
    expect((await s.api(`/v1/bunits/${home}/billing/not-a-date`)).status).toBe(400)
    expect((await s.api(`/v1/bunits/${home}/billing?includeNext=x`)).status).toBe(400)
  })
})
