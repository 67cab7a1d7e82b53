import { afterEach, describe, expect, it } from 'vitest'
import type { CustomerListItem, CustomerPage } from '../../../src/shared/model/customers'
import { createAppStore } from '../../../src/renderer/src/store'
import { installFakeBridge, MainError, type FakeBridge } from '../fake-bridge'

let bridge: FakeBridge | undefined
afterEach(() => bridge?.remove())

const item = (name: string): CustomerListItem => ({ name, connectionCount: 1, providers: [], demo: false, status: null })
const page = (name: string, status: CustomerPage['status']) => ({ name, status, checkedAt: '2026-03-04T10:00:00.000Z', parts: [] }) as unknown as CustomerPage

describe('customers slice', () => {
  it('loads a customer page and gives the list the status the page computed', async () => {
    let fail = false
    bridge = installFakeBridge({
      'customers.list': () => [item('Acme'), item('Globex')],
      'customers.get': ({ name }) => {
        if (fail) throw new MainError({ code: 'OFFLINE', message: 'Nothing answered.', retryable: true })
        return page(name, 'warning' as CustomerPage['status'])
      }
    })
    const store = createAppStore()
    await store.getState().loadCustomers()
    expect(store.getState().customersLoaded).toBe(true)
    await store.getState().loadCustomer('Acme', false)
    expect(bridge.callsTo('customers.get')).toEqual([{ name: 'Acme', refresh: false }])
    expect(store.getState().customerPages['Acme']).toMatchObject({ value: { name: 'Acme' }, loading: false })
    expect(store.getState().customers.map((c) => [c.name, c.status])).toEqual([
      ['Acme', 'warning'],
      ['Globex', null]
    ])
    fail = true
    await store.getState().loadCustomer('Acme')
    expect(store.getState().customerPages['Acme']).toMatchObject({ value: { name: 'Acme' }, error: 'Nothing answered.', loading: false })
  })

  it('says why the list could not be read, and counts it as loaded', async () => {
    bridge = installFakeBridge()
    const store = createAppStore()
    await store.getState().loadCustomers()
    expect(store.getState()).toMatchObject({ customersLoaded: true, customersError: 'No answer for customers.list in this test.' })
  })
})
