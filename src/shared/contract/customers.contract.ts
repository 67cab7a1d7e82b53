import { z } from 'zod'
import type { CustomerListItem, CustomerPage } from '../model/customers'
import { defineChannel, NoInput } from './define'

// Customers: connections grouped by customer label; a customer page with one combined status.

const CustomerName = z.string().max(200)

export const customersChannels = {
  'customers.list': defineChannel<CustomerListItem[]>()(NoInput),
  /** Joins the customer's units, accounts and definitions; `refresh` asks each provider (lightly). */
  'customers.get': defineChannel<CustomerPage>()(z.object({ name: CustomerName, refresh: z.boolean().default(true) }).strict())
} as const
