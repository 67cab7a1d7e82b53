// CloudAlly in the Demo workspace: the simulator's partner login.

import { AppError } from '../../../../shared/errors'
import type { Simulator } from '../../../../simulator'
import { DEMO_CUSTOMER, demoTags, type DemoPart } from '../../demo/demo.service'

export const cloudAllyDemo: DemoPart = {
  connections(sim: Simulator) {
    const a = sim.cloudally.credentials
    return [
      {
        role: 'cloudally-partner',
        input: {
          provider: 'cloudally',
          name: 'Demo CloudAlly partner',
          customer: DEMO_CUSTOMER,
          tags: demoTags('cloudally-partner'),
          demo: true,
          baseUrl: sim.cloudally.url,
          mode: 'partner',
          clientId: a.clientId,
          clientSecret: a.clientSecret,
          email: a.partnerEmail,
          password: a.partnerPassword
        }
      }
    ]
  },
  repoint(connection, fresh) {
    if (fresh.provider !== 'cloudally') throw new AppError('INTERNAL', 'A demo connection was given the login of another provider.')
    const partner = connection.mode === 'partner' && fresh.clientId && fresh.clientSecret ? { clientId: fresh.clientId, clientSecret: fresh.clientSecret } : {}
    return { provider: 'cloudally', id: connection.id, baseUrl: fresh.baseUrl, email: fresh.email, password: fresh.password, ...partner }
  }
}
