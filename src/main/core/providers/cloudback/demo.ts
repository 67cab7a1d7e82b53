import type { CloudbackSubject } from '../../../../shared/providers/cloudback/model'
import type { Simulator } from '../../../../simulator'

/** A few repositories of the simulator's accounts: what the Demo workspace tracks. */
export function demoDefinitions(sim: Simulator): CloudbackSubject[] {
  const out: CloudbackSubject[] = []
  for (const account of sim.cloudback.data.accounts) {
    const repos = account.repositories.slice(0, account.platform === 'GitHub' ? 4 : 2)
    for (const r of repos) out.push({ platform: account.platform, account: account.name, subjectName: r, subjectType: 'Repository' })
  }
  return out.slice(0, 14)
}
