// Cloudback in the Demo workspace: the simulator's API key, and a few repositories to track (it
// has no list call, so the screens would be empty otherwise).

import type { CloudbackSubject } from '../../../../shared/providers/cloudback/model'
import { AppError } from '../../../../shared/errors'
import type { Simulator } from '../../../../simulator'
import { DEMO_CUSTOMER, demoTags, type DemoPart } from '../../demo/demo.service'

export const cloudbackDemo: DemoPart = {
  connections: (sim: Simulator) => [
    {
      role: 'cloudback',
      input: { provider: 'cloudback', name: 'Demo Cloudback', customer: DEMO_CUSTOMER, tags: demoTags('cloudback'), demo: true, baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey }
    }
  ],
  repoint(connection, fresh) {
    if (fresh.provider !== 'cloudback') throw new AppError('INTERNAL', 'A demo connection was given the login of another provider.')
    return { provider: 'cloudback', id: connection.id, baseUrl: fresh.baseUrl, apiKey: fresh.apiKey }
  }
}

/** A few repositories of the simulator's accounts: what the Demo workspace tracks. */
export function demoDefinitions(sim: Simulator): CloudbackSubject[] {
  const out: CloudbackSubject[] = []
  for (const account of sim.cloudback.data.accounts) {
    const repos = account.repositories.slice(0, account.platform === 'GitHub' ? 4 : 2)
    for (const r of repos) out.push({ platform: account.platform, account: account.name, subjectName: r, subjectType: 'Repository' })
  }
  return out.slice(0, 14)
}
