import { describe, expect, it, vi } from 'vitest'
import type { CustomerListItem, CustomerPage } from '../../../src/shared/model/customers'
import type { Overview } from '../../../src/shared/model/overview'
import { createAppStore, hasAnswered, selectCustomers } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const item = (name: string): CustomerListItem => ({ name, connectionCount: 1, providers: [], demo: false, status: null })
const page = (name: string, status: CustomerPage['status']) => ({ name, status, checkedAt: '2026-03-04T10:00:00.000Z', parts: [] }) as unknown as CustomerPage

describe('customers slice', () => {
  it('loads a customer page and gives the list the status the page computed', async () => {
    let fail = false
    const bridge = installFakeBridge({
      'customers.list': () => [item('Acme'), item('Globex')],
      'customers.get': ({ name }) => {
        if (fail) throw new MainError({ code: 'OFFLINE', message: 'Nothing answered.', retryable: true })
        return page(name, 'warning' as CustomerPage['status'])
      }
    })
    const store = createAppStore()
    await store.getState().loadCustomers()
    expect(hasAnswered(store.getState().customers)).toBe(true)
    await store.getState().loadCustomer('Acme', false)
    expect(bridge.callsTo('customers.get')).toEqual([{ name: 'Acme', refresh: false }])
    expect(store.getState().customerPages['Acme']).toMatchObject({ value: { name: 'Acme' }, loading: false })
    expect(selectCustomers(store.getState()).map((c) => [c.name, c.status])).toEqual([
      ['Acme', 'warning'],
      ['Globex', null]
    ])
    fail = true
    await store.getState().loadCustomer('Acme')
    expect(store.getState().customerPages['Acme']).toMatchObject({ value: { name: 'Acme' }, error: 'Nothing answered.', loading: false })
  })

  it('reads the health dots again after a customer page refresh (the dots take its check), not after a read without one', async () => {
    const bridge = installFakeBridge({
      'customers.get': ({ name }) => page(name, 'error' as CustomerPage['status']),
      'overview.get': () => ({ connections: [] }) as unknown as Overview
    })
    const store = createAppStore()
    await store.getState().loadOverview()
    expect(bridge.callsTo('overview.get')).toHaveLength(1)
    await store.getState().loadCustomer('Acme', false)
    await vi.waitFor(() => expect(store.getState().overview.loading).toBe(false))
    expect(bridge.callsTo('overview.get')).toHaveLength(1)
    await store.getState().loadCustomer('Acme')
    await vi.waitFor(() => expect(bridge.callsTo('overview.get')).toHaveLength(2))
  })

  it('says why the list could not be read, and counts it as loaded', async () => {
    installFakeBridge()
    const store = createAppStore()
    await store.getState().loadCustomers()
    expect(hasAnswered(store.getState().customers)).toBe(true)
    expect(store.getState().customers).toMatchObject({ error: 'No answer for customers.list in this test.', loading: false })
  })
  it('keeps the list when a read fails; a read asked for during one is sent after it', async () => {
    const answer = deferred<CustomerListItem[]>()
    let fail = false
    const bridge = installFakeBridge({
      'customers.list': () => {
        if (fail) throw new MainError({ code: 'OFFLINE', message: 'Nothing answered.', retryable: true })
        return answer.promise
      }
    })
    const store = createAppStore()
    const first = store.getState().loadCustomers()
    expect(store.getState().customers.loading).toBe(true)
    answer.resolve([item('Acme')])
    await first
    fail = true
    const again = store.getState().loadCustomers()
    const meanwhile = store.getState().loadCustomers()
    await Promise.all([again, meanwhile])
    expect(bridge.callsTo('customers.list')).toHaveLength(3)
    expect(store.getState().customers).toMatchObject({ value: [{ name: 'Acme' }], error: 'Nothing answered.', loading: false })
  })

  it('refreshes in the background only a list already read or being read, keeping what it shows meanwhile', async () => {
    const answers = [deferred<CustomerListItem[]>(), deferred<CustomerListItem[]>(), deferred<CustomerListItem[]>()]
    const bridge = installFakeBridge({ 'customers.list': () => (answers[bridge.callsTo('customers.list').length - 1] as (typeof answers)[number]).promise })
    const store = createAppStore()
    store.getState().refreshCustomers()
    expect(bridge.callsTo('customers.list')).toHaveLength(0)

    // Asked for during the first read (which may have begun before the change): one more read after it.
    const reads = store.getState().loadCustomers()
    store.getState().refreshCustomers()
    answers[0]?.resolve([item('Acme')])
    await vi.waitFor(() => expect(bridge.callsTo('customers.list')).toHaveLength(2))
    expect(store.getState().customers).toMatchObject({ value: [item('Acme')], loading: true })
    answers[1]?.resolve([item('Acme'), item('Globex')])
    await reads
    expect(selectCustomers(store.getState()).map((c) => c.name)).toEqual(['Acme', 'Globex'])

    store.getState().refreshCustomers()
    expect(store.getState().customers).toMatchObject({ value: [item('Acme'), item('Globex')], loading: true })
    answers[2]?.resolve([item('Globex')])
    await vi.waitFor(() => expect(selectCustomers(store.getState()).map((c) => c.name)).toEqual(['Globex']))
  })
})
