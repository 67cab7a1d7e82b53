import { Router } from '../http/router'
import { CloutilityAuth } from './auth'
import { CloutilityContext } from './context'
import { generateCloutility, DEMO_PASSWORD, type CloutilityData, type CloutilityDemoCredentials, type CloutilitySizing } from './data'
import { formatCloutilityError } from './errors'
import { registerActivityRoutes } from './routes-activity'
import { registerBillingRoutes } from './routes-billing'
import { registerConsumerRoutes } from './routes-consumers'
import { registerCoreRoutes } from './routes-core'

export type { CloutilityData, CloutilityDemoCredentials } from './data'

export interface CloutilityProvider {
  data: CloutilityData
  auth: CloutilityAuth
  router: Router
  credentials: CloutilityDemoCredentials
  formatError: typeof formatCloutilityError
}

export function createCloutility(seed: number, sizing: CloutilitySizing, now: () => number, options: { strict?: boolean } = {}): CloutilityProvider {
  const strict = options.strict ?? false
  const data = generateCloutility(seed, sizing, now())
  const auth = new CloutilityAuth(data, now, strict)
  const ctx = new CloutilityContext(data, auth, now, strict)
  const router = new Router(true) // ASP.NET routes are case-insensitive
  registerCoreRoutes(router, ctx)
  registerConsumerRoutes(router, ctx)
  registerActivityRoutes(router, ctx)
  registerBillingRoutes(router, ctx)
  // A login changes no data; every other write may.
  router.onWrite((req) => {
    if (!/^\/v1\/oauth\/?$/i.test(req.path)) data.revision++
  })
  const [main, noRefresh, sub] = data.apps
  if (!main || !noRefresh || !sub) throw new Error('demo apps missing')
  const credentials: CloutilityDemoCredentials = {
    clientId: main.clientId,
    origin: main.origin,
    username: 'technician@backdesk.example',
    password: DEMO_PASSWORD,
    clientIdNoRefresh: noRefresh.clientId,
    originNoRefresh: noRefresh.origin,
    homeBusinessUnitId: data.homeBusinessUnitId,
    subUnit: { clientId: sub.clientId, origin: sub.origin, username: 'admin@customer.example', password: DEMO_PASSWORD, homeBusinessUnitId: sub.buId },
    outsideBusinessUnitId: data.otherProviderBusinessUnitId
  }
  return { data, auth, router, credentials, formatError: formatCloutilityError }
}
