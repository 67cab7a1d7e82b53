import type { CloudbackSettings, TrackedDefinition } from '../../../../src/shared/providers/cloudback/model'

export const demoSettings: CloudbackSettings = { enabled: true, schedule: 'Daily at 4 pm', storage: 'Cloudback EU', retention: 'Last 30 days' }

export function tracked(subjectName: string, settings: CloudbackSettings = demoSettings): TrackedDefinition {
  return {
    key: `github|backdesk-demo|repository|${subjectName}`,
    platform: 'GitHub',
    account: 'backdesk-demo',
    subjectName,
    subjectType: 'Repository',
    settings,
    lastCheckedAt: '2026-12-05T10:00:00.000Z'
  }
}

/**
 * Testing Library gives up on a condition after one second by default, which a loaded 2-core
 * machine can pass while rendering a table; this is only a hang guard.
 */
export const HANG_GUARD = { timeout: 120_000 }
