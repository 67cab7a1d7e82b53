import type { TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import type { ProviderKind } from '../../../../shared/model/connection'
import type { RestoreRecord } from '../../../../shared/model/restore'
import type { ProviderSessions } from '../../providers/provider-sessions'
import { cloudAllySource } from './cloudally'
import { cloudbackSource } from './cloudback'
import { cloutilitySource } from './cloutility'
import type { ReportSource } from './source'

export type { ReportSource, SourceContext, SourceObject, SourceResult } from './source'

/** One report source per provider, over the live provider sessions. */
export function reportSources(deps: {
  sessions: Pick<ProviderSessions, 'cloutility' | 'cloudally' | 'cloudback'>
  trackedDefinitions: (connectionId: string) => Promise<TrackedDefinition[]>
  restores: (connectionId: string) => RestoreRecord[]
}): Record<ProviderKind, ReportSource> {
  return {
    cloutility: cloutilitySource((id) => deps.sessions.cloutility(id)),
    cloudally: cloudAllySource((id) => deps.sessions.cloudally(id), deps.restores),
    cloudback: cloudbackSource((id) => deps.sessions.cloudback(id), deps.trackedDefinitions)
  }
}
