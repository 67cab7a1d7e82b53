import type { z } from 'zod'
import type { ChannelSpec, TopicSpec } from './define'
import { appChannels, appTopics } from './app.contract'
import { cloudallyChannels, cloudallyTopics } from '../providers/cloudally/contract'
import { cloudbackChannels, cloudbackTopics } from '../providers/cloudback/contract'
import { restoresChannels, restoresTopics } from './restores.contract'
import { cloutilityChannels, cloutilityTopics } from '../providers/cloutility/contract'
import { connectionsChannels, connectionsTopics } from './connections.contract'
import { fleetChannels, fleetTopics } from './fleet.contract'
import { journalChannels } from './journal.contract'
import { vaultChannels, vaultTopics } from './vault.contract'
import { customersChannels } from './customers.contract'
import { demoChannels, demoTopics } from './demo.contract'
import { offlineChannels, offlineTopics } from './offline.contract'
import { searchChannels } from './search.contract'
import { workspaceChannels, workspaceTopics } from './workspace.contract'
import { watchChannels, watchTopics } from './watch.contract'
import { ticketsChannels } from './tickets.contract'
import { reportsChannels, reportsTopics } from './reports.contract'
import { overviewChannels } from './overview.contract'

/**
 * The one IPC contract. Every channel main answers and every topic main emits is listed here;
 * the router, the preload, the web bridge and the renderer's api module are all derived from it.
 * Add a domain by writing `<domain>.contract.ts` and spreading it in below.
 */
export const channels = {
  ...appChannels,
  ...cloudallyChannels,
  ...cloudbackChannels,
  ...restoresChannels,
  ...vaultChannels,
  ...connectionsChannels,
  ...cloutilityChannels,
  ...journalChannels,
  ...fleetChannels,
  ...demoChannels,
  ...offlineChannels,
  ...searchChannels,
  ...customersChannels,
  ...workspaceChannels,
  ...watchChannels,
  ...ticketsChannels,
  ...reportsChannels,
  ...overviewChannels
} as const

export const topics = {
  ...appTopics,
  ...cloudallyTopics,
  ...cloudbackTopics,
  ...restoresTopics,
  ...vaultTopics,
  ...connectionsTopics,
  ...cloutilityTopics,
  ...fleetTopics,
  ...demoTopics,
  ...offlineTopics,
  ...workspaceTopics,
  ...watchTopics,
  ...reportsTopics
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type Topics = typeof topics
export type TopicName = keyof Topics

/** What the renderer passes (before zod defaults). */
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>
/** What a handler receives (after zod parsing). */
export type ChannelParsed<K extends ChannelName> = z.output<Channels[K]['input']>
export type ChannelOutput<K extends ChannelName> =
  Channels[K] extends ChannelSpec<z.ZodType, infer O> ? O : never
export type TopicPayload<T extends TopicName> = Topics[T] extends TopicSpec<infer P> ? P : never

export const CHANNEL_NAMES = Object.freeze(Object.keys(channels)) as readonly ChannelName[]
export const TOPIC_NAMES = Object.freeze(Object.keys(topics)) as readonly TopicName[]

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value)
}

