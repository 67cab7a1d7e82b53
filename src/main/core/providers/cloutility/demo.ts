// Cloutility in the Demo workspace: the simulator's reseller login (Northwind) and a customer's
// own login to one of its sub-units (Contoso).

import { AppError } from '../../../../shared/errors'
import type { Simulator } from '../../../../simulator'
import { DEMO_CUSTOMER, DEMO_SUB_CUSTOMER, demoTags, type DemoPart } from '../../demo/demo.service'

export const cloutilityDemo: DemoPart = {
  connections(sim: Simulator) {
    const u = sim.cloutility.credentials
    const login = (role: string, name: string, customer: string, l: { clientId: string; origin: string; username: string; password: string }) => ({
      role,
      input: {
        provider: 'cloutility' as const,
        name,
        customer,
        tags: demoTags(role),
        demo: true,
        baseUrl: sim.cloutility.url,
        clientId: l.clientId,
        origin: l.origin,
        username: l.username,
        password: l.password
      }
    })
    return [login('cloutility', 'Demo Cloutility', DEMO_CUSTOMER, u), login('cloutility-sub', 'Demo Cloutility (customer login)', DEMO_SUB_CUSTOMER, u.subUnit)]
  },
  repoint(connection, fresh) {
    if (fresh.provider !== 'cloutility') throw new AppError('INTERNAL', 'A demo connection was given the login of another provider.')
    return { provider: 'cloutility', id: connection.id, baseUrl: fresh.baseUrl, clientId: fresh.clientId, origin: fresh.origin, username: fresh.username, password: fresh.password }
  }
}
