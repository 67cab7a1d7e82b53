import type { StateCreator } from 'zustand'
import type { CustomerListItem, CustomerPage } from '../../../shared/model/customers'
import { call, errorMessage } from '../api'
import type { AppState } from './index'
import { loadInto, type Loadable, type LoadableSlot } from './resource'

// Customers: the list, and each customer page as last loaded.

export interface CustomersSlice {
  customers: CustomerListItem[]
  customersLoaded: boolean
  customersError: string | null
  customerPages: Record<string, Loadable<CustomerPage>>
  loadCustomers(): Promise<void>
  loadCustomer(name: string, refresh?: boolean): Promise<void>
}

export const createCustomersSlice: StateCreator<AppState, [], [], CustomersSlice> = (set, get) => ({
  customers: [],
  customersLoaded: false,
  customersError: null,
  customerPages: {},
  async loadCustomers() {
    try {
      set({ customers: await call('customers.list'), customersLoaded: true, customersError: null })
    } catch (error) {
      set({ customersError: errorMessage(error), customersLoaded: true })
    }
  },
  async loadCustomer(name, refresh = true) {
    const slot: LoadableSlot<CustomerPage> = {
      read: () => get().customerPages[name],
      write: (next) => set((s) => ({ customerPages: { ...s.customerPages, [name]: next } }))
    }
    const page = await loadInto(slot, () => call('customers.get', { name, refresh }), true)
    // The list shows the status the page just computed.
    if (page) set((s) => ({ customers: s.customers.map((c) => (c.name === name ? { ...c, status: page.status, checkedAt: page.checkedAt } : c)) }))
  }
})
