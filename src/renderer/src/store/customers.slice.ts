import type { StateCreator } from 'zustand'
import type { CustomerListItem, CustomerPage } from '../../../shared/model/customers'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// Customers: the list, and each customer page as last loaded.

export interface CustomerPageState {
  page?: CustomerPage
  loading: boolean
  error?: string
}

export interface CustomersSlice {
  customers: CustomerListItem[]
  customersLoaded: boolean
  customersError: string | null
  customerPages: Record<string, CustomerPageState>
  loadCustomers(): Promise<void>
  loadCustomer(name: string, refresh?: boolean): Promise<void>
}

export const createCustomersSlice: StateCreator<AppState, [], [], CustomersSlice> = (set) => ({
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
    set((s) => ({ customerPages: { ...s.customerPages, [name]: { ...s.customerPages[name], loading: true } } }))
    try {
      const page = await call('customers.get', { name, refresh })
      set((s) => ({
        customerPages: { ...s.customerPages, [name]: { page, loading: false } },
        customers: s.customers.map((c) => (c.name === name ? { ...c, status: page.status, checkedAt: page.checkedAt } : c))
      }))
    } catch (error) {
      set((s) => {
        const prior = s.customerPages[name]
        return { customerPages: { ...s.customerPages, [name]: { ...(prior?.page ? { page: prior.page } : {}), loading: false, error: errorMessage(error) } } }
      })
    }
  }
})
