import { z } from 'zod'
import type { ConnectionSummary, ProbeResult } from '../model/connection'
import { defineChannel, defineTopic, Id, NoInput } from './define'
import { Name } from './connection-fields'
import { CloudAllyConnectionCreate, CloudAllyConnectionUpdate } from '../providers/cloudally/contract'
import { CloudbackConnectionCreate, CloudbackConnectionUpdate } from '../providers/cloudback/contract'
import { CloutilityConnectionCreate, CloutilityConnectionUpdate } from '../providers/cloutility/contract'

export { baseUrlProblem, isLoopbackHost, normaliseBaseUrl, originOf, originProblem } from './connection-fields'

// Connections: the renderer may create, edit, duplicate, delete and test them, and read their
// public summaries. Secret fields go one way: create/update accept them, nothing returns them; an
// update that omits a secret keeps the stored one. Each provider's create and update input lives
// with its contract (shared/providers/<p>/contract.ts); this is the one place that unions them.

export const ConnectionCreateInput = z.discriminatedUnion('provider', [CloutilityConnectionCreate, CloudAllyConnectionCreate, CloudbackConnectionCreate])
export type ConnectionCreateInput = z.output<typeof ConnectionCreateInput>

/** `provider` must match the stored connection's: a connection never changes provider. */
export const ConnectionUpdateInput = z.discriminatedUnion('provider', [CloutilityConnectionUpdate, CloudAllyConnectionUpdate, CloudbackConnectionUpdate])
export type ConnectionUpdateInput = z.output<typeof ConnectionUpdateInput>

export type ConnectionChange =
  | { kind: 'created' | 'updated' | 'deleted'; id: string }
  | { kind: 'imported' | 'reset' | 'restored'; id?: undefined }

export const connectionsChannels = {
  'connections.list': defineChannel<ConnectionSummary[]>()(NoInput),
  'connections.get': defineChannel<ConnectionSummary>()(z.object({ id: Id }).strict()),
  'connections.create': defineChannel<ConnectionSummary>()(ConnectionCreateInput, { mutates: true }),
  'connections.update': defineChannel<ConnectionSummary>()(ConnectionUpdateInput, { mutates: true }),
  'connections.duplicate': defineChannel<ConnectionSummary>()(
    z.object({ id: Id, name: Name.optional() }).strict(),
    { mutates: true }
  ),
  /** Destructive: `confirmId` must repeat the id, so a stray call cannot delete anything. */
  'connections.delete': defineChannel<{ deleted: true; id: string }>()(
    z
      .object({ id: Id, confirmId: Id })
      .strict()
      .refine((v) => v.id === v.confirmId, { path: ['confirmId'], message: 'Confirm by repeating the connection id' }),
    { mutates: true }
  ),
  /** A real login and one cheap call against the provider; says which step failed. */
  'connections.test': defineChannel<ProbeResult>()(z.object({ id: Id }).strict()),
  /** The same test for a new connection before it is saved: nothing is stored. */
  'connections.testDraft': defineChannel<ProbeResult>()(ConnectionCreateInput)
} as const

export const connectionsTopics = {
  'connections.changed': defineTopic<ConnectionChange>()
} as const
