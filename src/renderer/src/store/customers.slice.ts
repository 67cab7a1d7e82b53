import type { StateCreator } from 'zustand'
import type { CustomerListItem, CustomerPage } from '../../../shared/model/customers'
import { call } from '../api'
import type { AppState } from './index'
import { hasAnswered, latestReader, loadInto, notLoaded, type Loadable, type LoadableSlot } from './resource'

// Customers: the list, and each customer page as last loaded.

export interface CustomersSlice {
  customers: Loadable<CustomerListItem[]>
  customerPages: Record<string, Loadable<CustomerPage>>
  /** Reads the list again; one read at a time. */
  loadCustomers(): Promise<void>
  /** Reads the list again in the background if it was read before (a read asked for during one runs after it). */
  refreshCustomers(): void
  loadCustomer(name: string, refresh?: boolean): Promise<void>
}

const NO_CUSTOMERS: CustomerListItem[] = []

/** The customer list as last read, or none yet (one empty list, so a selector's answer stays the same). */
export const selectCustomers = (s: AppState): CustomerListItem[] => s.customers.value ?? NO_CUSTOMERS

export const createCustomersSlice: StateCreator<AppState, [], [], CustomersSlice> = (set, get) => ({
  customers: notLoaded(),
  customerPages: {},
  loadCustomers: latestReader({ read: () => get().customers, write: (customers) => set({ customers }) }, () => call('customers.list')),
  refreshCustomers() {
    if (hasAnswered(get().customers) || get().customers.loading) void get().loadCustomers()
  },
  async loadCustomer(name, refresh = true) {
    const slot: LoadableSlot<CustomerPage> = {
      read: () => get().customerPages[name],
      write: (next) => set((s) => ({ customerPages: { ...s.customerPages, [name]: next } }))
    }
    const page = await loadInto(slot, () => call('customers.get', { name, refresh }), true)
    // The list shows the status the page just computed.
    const list = get().customers.value
    if (page && list) set((s) => ({ customers: { ...s.customers, value: list.map((c) => (c.name === name ? { ...c, status: page.status, checkedAt: page.checkedAt } : c)) } }))
    // A refresh checked the customer's connections: their health dots take it when newer than their scan.
    if (page && refresh) get().refreshOverview()
  }
})
